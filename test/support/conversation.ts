// Talking to the running service as Teams would: messages (answered through the Connector
// stub) and Action.Execute invokes (answered in the HTTP response).
import { expect } from 'vitest';
import { invokeActivity, messageActivity, type ActivityOptions, type Person } from './activities.js';
import type { TestApp } from './testApp.js';

export type Card = Record<string, unknown>;

/** Every text shown on a card, joined: what a reader would see. */
export const cardText = (card: unknown): string =>
  (JSON.stringify(card).match(/"(?:text|title|value)":"(?:[^"\\]|\\.)*"/g) ?? [])
    .map((m) => JSON.parse(m.slice(m.indexOf(':') + 1)) as string)
    .join('\n');

/** Polls until `find` returns something (the bot's sends arrive asynchronously). */
export async function waitFor<T>(find: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export function conversationWith(app: TestApp, tenantId: string) {
  const options = (from: Person, extra: Partial<ActivityOptions>): ActivityOptions => ({
    serviceUrl: app.connector.url,
    tenantId,
    from,
    ...extra,
  });
  return {
    /** Sends a message and returns the bot's reply to it: found by the activity it replies to, so
     * proactive sends arriving meanwhile are not mistaken for it. */
    async say(from: Person, text: string, extra: Partial<ActivityOptions> = {}): Promise<{ card?: Card; text?: string }> {
      const activity = messageActivity(options(from, extra), text);
      const res = await app.post(activity);
      expect(res.status).toBe(200);
      const reply = await waitFor(
        () => app.connector.sent.find((s) => s.method === 'POST' && decodeURIComponent(s.path).endsWith(`/activities/${activity.id}`)),
        `the reply to "${text}"`,
      );
      const attachment = (reply.activity.attachments as { content: Card }[] | undefined)?.[0];
      return attachment ? { card: attachment.content } : { text: reply.activity.text as string };
    },
    /** Clicks an Action.Execute button and returns the card the bot answered with. */
    async click(from: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = {}): Promise<Card> {
      return invoke(invokeActivity(options(from, extra), verb, data));
    },
    /** Teams refreshing a card for one reader: the card's own `refresh.action`, sent as an
     * automatic invoke with the reader's locale; returns the card the reader then sees. */
    async refresh(from: Person, card: Card, extra: Partial<ActivityOptions> = {}): Promise<Card> {
      const action = (card.refresh as { action?: { verb: string; data: Record<string, unknown> } } | undefined)?.action;
      if (!action) throw new Error('the card has no refresh action');
      return invoke(invokeActivity(options(from, extra), action.verb, action.data, 'automatic'));
    },
  };

  async function invoke(activity: ReturnType<typeof invokeActivity>): Promise<Card> {
    const res = await app.post(activity);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { statusCode: number; value: Card };
    expect(body.statusCode).toBe(200);
    return body.value;
  }
}

/** Finds the Action.Execute with this verb anywhere in a card and returns its data. */
export function actionData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  JSON.stringify(card, (_key, value: unknown) => {
    if (!found && value && typeof value === 'object' && (value as { verb?: string }).verb === verb) {
      found = (value as { data: Record<string, unknown> }).data;
    }
    return value;
  });
  if (!found) throw new Error(`no ${verb} action on the card`);
  return found;
}
