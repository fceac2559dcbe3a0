// Bot Framework activities as Teams sends them, for tests.
import { randomUUID } from 'node:crypto';

export interface Person {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface ActivityOptions {
  serviceUrl: string;
  tenantId: string;
  from: Person;
  locale?: string;
  conversation?: { id: string; conversationType: 'personal' | 'channel' | 'groupChat' };
}

const base = (o: ActivityOptions) => ({
  id: randomUUID(),
  channelId: 'msteams',
  serviceUrl: o.serviceUrl,
  timestamp: new Date().toISOString(),
  locale: o.locale ?? 'en-US',
  from: { id: o.from.id, aadObjectId: o.from.aadObjectId, name: o.from.name },
  recipient: { id: '28:samspill-bot', name: 'Samspill' },
  conversation: {
    id: o.conversation?.id ?? `a:personal-${o.from.aadObjectId}`,
    conversationType: o.conversation?.conversationType ?? 'personal',
    tenantId: o.tenantId,
  },
  channelData: { tenant: { id: o.tenantId } },
});

export const messageActivity = (o: ActivityOptions, text: string) => ({ ...base(o), type: 'message', text });

/** An Action.Execute invoke: 'manual' when a person clicks, 'automatic' when Teams refreshes a
 * card (its `refresh.action`) as the reader opens it. */
export const invokeActivity = (o: ActivityOptions, verb: string, data: Record<string, unknown>, trigger: 'manual' | 'automatic' = 'manual') => ({
  ...base(o),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data }, trigger },
});

/** A typeahead query from an Input.ChoiceSet's Data.Query, as Teams sends it. */
export const searchActivity = (o: ActivityOptions, value: unknown) => ({
  ...base(o),
  type: 'invoke',
  name: 'application/search',
  value,
});

export const installActivity = (o: ActivityOptions) => ({ ...base(o), type: 'installationUpdate', action: 'add' });
