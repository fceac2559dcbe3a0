// Runs a quarter's samlesak (seed 004 §5) over HTTP with real invokes, for any Skate-style
// programme: the office opens the case, an AU member assesses every measure (agreeing with the
// owner's view unless told where to deviate, with the reason), writes the overall assessment and
// adopts it, the post reaches Skate's linked channel (card and CSV), then the office records
// Skate's advice and the decider the director's decision on the measures named. The Skate walk
// test (test/http/skateWalk.test.ts) calls it between gates; samlesak.test.ts tests it.
import { expect } from 'vitest';
import type { Programme } from '../../src/shared/programme/schema.js';
import type { Person } from './activities.js';
import type { ConnectorStub } from './connectorStub.js';
import { cardText, waitFor, type Card, type conversationWith } from './conversation.js';

type Chat = ReturnType<typeof conversationWith>;
type Status = 'green' | 'yellow' | 'red';

export interface QuarterlySamlesak {
  chat: Chat;
  connector: ConnectorStub;
  programme: Programme;
  /** Opens the case and records Skate's advice (the secretariat). */
  office: Person;
  /** Assesses and adopts (a member of AU). */
  au: Person;
  /** Records the director's decision: the director named in the file, else an office person. */
  decider: Person;
  /** Skate's channel, already linked (`link skate` in it). */
  channelId: string;
  /** Default: the quarter whose reports are due (the case's own default). */
  periodKey?: string;
  /** Where AU deviates from the owner's view: its status and reason, by measure id. */
  deviations?: Record<string, { status: Status; reason: string }>;
  /** Skate's advice and the director's decision, by measure id; measures not named get none. */
  decisions?: Record<string, { advice: string; decision: string }>;
}

export interface SamlesakRun {
  periodKey: string;
  /** The measures the case listed, in its order. */
  measures: string[];
  /** The text of the card posted to Skate's channel, and the CSV posted after it. */
  channelCard: string;
  csv: string;
  /** The case as the office sees it at the end. */
  finalCard: string;
}

/** Every Action.Execute with this verb in a card, with its data. */
export function actionsOf(card: unknown, verb: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  JSON.stringify(card, (_key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { verb?: string }).verb === verb) found.push((value as { data: Record<string, unknown> }).data);
    return value;
  });
  return found;
}

/** The value an input of the card starts with. */
export function inputValue(card: unknown, id: string): string | undefined {
  let found: string | undefined;
  JSON.stringify(card, (_key, value: unknown) => {
    if (found === undefined && value && typeof value === 'object' && (value as { id?: string }).id === id && typeof (value as { value?: unknown }).value === 'string') {
      found = (value as { value: string }).value;
    }
    return value;
  });
  return found;
}

/** What the bot posted to a conversation (not replies): card texts and plain texts. */
export function postedTo(connector: ConnectorStub, conversationId: string): { card?: string; text?: string }[] {
  return connector.sent
    .filter((s) => s.conversationId === conversationId && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .map((s) => {
      const card = (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content;
      return card ? { card: cardText(card) } : { text: String(s.activity.text ?? '') };
    });
}

export async function runQuarterlySamlesak(run: QuarterlySamlesak): Promise<SamlesakRun> {
  const { chat, programme, office, au, decider } = run;
  const opened = await chat.click(office, 'samlesak.show', { programmeId: programme.id, ...(run.periodKey ? { periodKey: run.periodKey } : {}) });
  const adopt = (await chat.click(au, 'samlesak.show', { programmeId: programme.id, ...(run.periodKey ? { periodKey: run.periodKey } : {}) }));
  const ids = actionsOf(adopt, 'samlesak.adopt')[0];
  if (!ids) throw new Error(`the case offers AU no adoption: ${cardText(adopt)}`);
  const periodKey = String(ids.periodKey);
  const measures = actionsOf(opened, 'samlesak.measure').map((d) => String(d.measureId));
  const base = { programmeId: programme.id, periodKey };

  for (const measureId of measures) {
    const card = await chat.click(au, 'samlesak.measure', { ...base, measureId });
    const deviation = run.deviations?.[measureId];
    const owners = (inputValue(card, 'status') || 'yellow') as Status;
    const saved = await chat.click(au, 'samlesak.assess', {
      ...base,
      measureId,
      status: deviation?.status ?? owners,
      assessment: `AU har vurdert ${measureId}.`,
      recommendation: `AU anbefaler Skate å ta ${measureId} til orientering.`,
      reason: deviation?.reason ?? '',
    });
    expect(cardText(saved), `AU's assessment of ${measureId}`).toMatch(/Saved\.|Lagret\.|No change|Ingen endring/);
  }
  const overall = await chat.click(au, 'samlesak.overall', { ...base, assessment: `Samlet vurdering for ${periodKey}.`, recommendation: 'AU anbefaler Skate å slutte seg til vurderingene.' });
  expect(cardText(overall)).toMatch(/Saved\.|Lagret\.|No change|Ingen endring/);
  const adopted = await chat.click(au, 'samlesak.adopt', base);
  expect(cardText(adopted)).toMatch(/adopted and sent|vedtatt og sendt/);

  const posted = await waitFor(() => {
    const all = postedTo(run.connector, run.channelId);
    const card = all.find((p) => p.card?.includes(periodKey))?.card;
    const csv = all.find((p) => p.text?.startsWith('quarter,measure,') && p.text.includes(periodKey))?.text;
    return card && csv ? { card, csv } : undefined;
  }, `the samlesak ${periodKey} in Skate's channel`);

  for (const [measureId, { advice, decision }] of Object.entries(run.decisions ?? {})) {
    const advised = await chat.click(office, 'samlesak.advice', { ...base, measureId, text: advice });
    expect(cardText(advised), `Skate's advice on ${measureId}`).toMatch(/Saved\.|Lagret\./);
    const decided = await chat.click(decider, 'samlesak.decide', { ...base, measureId, text: decision });
    expect(cardText(decided), `the decision on ${measureId}`).toMatch(/decision is recorded|Beslutningen er registrert/);
  }
  const finalCard = cardText(await chat.click(office, 'samlesak.show', base));
  return { periodKey, measures, channelCard: posted.card, csv: posted.csv, finalCard };
}
