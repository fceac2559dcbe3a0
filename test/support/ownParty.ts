// Confirming a share outside the programme as the sharer would (seed 000 §6.3): clicks the ask
// card's confirm button and returns the card the invoke answered with and the messages the bot
// sent in that turn (the released share).
import { expect } from 'vitest';
import { invokeActivity, type Person } from './activities.js';
import { actionData, cardText, type Card } from './conversation.js';
import type { TestApp } from './testApp.js';

type Conversation = { id: string; conversationType: 'channel' | 'personal' | 'groupChat' };

/** Clicks a button and returns the invoke's card and every message the bot sent during that turn. */
export async function clickAndSee(app: TestApp, tenantId: string, from: Person, verb: string, data: Record<string, unknown>, conversation: Conversation, locale = 'en-US') {
  const activity = invokeActivity({ serviceUrl: app.connector.url, tenantId, from, conversation, locale }, verb, data);
  const res = await app.post(activity);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { statusCode: number; value: Card };
  expect(body.statusCode).toBe(200);
  const sent = app.connector.sent.filter((s) => decodeURIComponent(s.path).endsWith(`/activities/${activity.id}`)).map((s) => s.activity);
  return { card: body.value, sent };
}

/** What a message shows: its text, or its card's texts. */
export const messageText = (activity: Record<string, unknown>): string =>
  (activity.text as string | undefined) ?? cardText((activity.attachments as { content: Card }[] | undefined)?.[0]?.content ?? {});

/** The sharer confirms the ask card; returns what was then shared (the one released message). */
export async function confirmShare(app: TestApp, tenantId: string, from: Person, ask: Card, conversation: Conversation): Promise<string> {
  const { sent } = await clickAndSee(app, tenantId, from, 'share.confirm', actionData(ask, 'share.confirm'), conversation);
  expect(sent).toHaveLength(1);
  return messageText(sent[0]!);
}
