// Acting as a second person without switching the playground's user. Switching user restarts the
// playground and reloads the page, and the playground keeps no chat history across a reload, so
// a card posted in a channel is gone for the next person. Teams delivers a click on an Adaptive
// Card's Action.Execute as an `invoke` activity (name adaptiveCard/action) to the bot's
// /api/messages; this sends that activity for someone else, copied from a real click the
// playground delivered (same conversation, serviceUrl, channel data and card data), with only the
// sender (the person's ids from the playground config) and the activity id replaced.
import { randomUUID } from 'node:crypto';
import type { Stack } from './stack.js';

export interface InvokeAnswer {
  status: number;
  /** The invoke response's body: { statusCode, type, value } with the card in `value`. */
  body: { statusCode?: number; type?: string; value?: unknown };
}

type Activity = Record<string, unknown> & {
  type?: string;
  name?: string;
  value?: { action?: { verb?: string; data?: Record<string, unknown> } };
};

/** The newest invoke the playground delivered for `verb` (a real click in the browser). */
export function lastClick(stack: Stack, verb: string): Activity {
  const found = [...stack.activitiesToBot]
    .reverse()
    .find((a) => (a as Activity).type === 'invoke' && (a as Activity).name === 'adaptiveCard/action' && (a as Activity).value?.action?.verb === verb);
  if (!found) throw new Error(`the playground delivered no click on "${verb}" to the bot`);
  return found as Activity;
}

/** Sends `template` (a real click) again as `name`, with `data` merged into the card data. */
export async function clickAs(stack: Stack, name: string, template: Activity, data: Record<string, unknown> = {}): Promise<InvokeAnswer> {
  const who = stack.config.people().find((p) => p.name === name);
  if (!who) throw new Error(`nobody called "${name}" in the playground config`);
  const action = template.value?.action ?? {};
  const activity = {
    ...structuredClone(template),
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    from: { id: who.id, name: who.name, aadObjectId: who.aadObjectId },
    value: { ...template.value, action: { ...action, data: { ...(action.data ?? {}), ...data } } },
  };
  const res = await fetch(stack.botMessagesUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as InvokeAnswer['body']) : {} };
}

/** All text of an Adaptive Card's TextBlocks and facts, joined by spaces (for assertions). */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push(n.text);
    if (n.type === 'TextRun' && typeof n.text === 'string') out.push(n.text);
    if (typeof n.title === 'string' && typeof n.value === 'string') out.push(`${n.title} ${n.value}`);
    for (const [k, v] of Object.entries(n)) if (k !== 'refresh') walk(v);
  };
  walk(card);
  return out.join(' ').replace(/\s+/g, ' ');
}
