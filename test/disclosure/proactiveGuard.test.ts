// Proactive sends pass the same guard as replies: the audience is read in the conversation's
// own turn, and a job that discloses a registered idea is refused for a channel with a guest
// (403, not retried, and told to the office) while the same job reaches a programme-only
// channel. A personal chat's audience is its one user, read as for a reply; a roster Teams
// cannot read now is no verdict but Teams' own status, for the worker to retry.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisclosureGuard } from '../../src/features/confidentiality/app/disclosureGuard.js';
import type { AuditEntry, WithheldSend } from '../../src/features/confidentiality/app/ports.js';
import type { ConversationRecord } from '../../src/shared/ports.js';
import { ProgrammeDirectory } from '../../src/shared/programmeDirectory.js';
import type { Disclosed } from '../../src/shared/disclosure/content.js';
import { createSendToTeams } from '../../src/platform/channel/sendToTeams.js';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

let stub: ConnectorStub;
const audit: AuditEntry[] = [];
const reported: WithheldSend[] = [];
/** Finans Norge also works from its own tenant. */
const OWN_TENANT = 'tenant-fn';
const programme = testProgramme({
  parties: [
    { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: [TENANT] },
    { id: 'finans-norge', name: 'Finans Norge', tenantIds: [TENANT, OWN_TENANT] },
  ],
});

const channel = (conversationId: string): ConversationRecord => ({
  tenantId: TENANT,
  conversationId,
  kind: 'channel',
  updatedAt: 0,
  reference: {
    channelId: 'msteams',
    serviceUrl: '',
    conversation: { id: conversationId, conversationType: 'channel', tenantId: TENANT },
    bot: { id: '28:bot', name: 'Samspill' },
  },
});

const personal = (conversationId: string, user: { id: string; aadObjectId: string }, tenantId: string): ConversationRecord => ({
  tenantId: TENANT,
  conversationId,
  kind: 'personal',
  userAadObjectId: user.aadObjectId,
  updatedAt: 0,
  reference: {
    channelId: 'msteams',
    serviceUrl: '',
    conversation: { id: conversationId, conversationType: 'personal', tenantId },
    bot: { id: '28:bot', name: 'Samspill' },
    user,
  },
});

const registeredIdea: Disclosed = {
  kind: 'idea',
  programmeId: 'dsop',
  idea: { number: 'DSOP-2026-001', status: 'registered', phase: 'ide', party: 'skatteetaten', submittedBy: { id: 'aad-member', name: 'Per' } },
};

function send() {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const guard = new DisclosureGuard(
    new ProgrammeDirectory([programme]),
    { record: async () => undefined, list: async () => [], page: async () => ({ items: [], total: 0 }) },
    { append: async (entry) => void audit.push(entry) },
  );
  // The linked body channel belongs to the programme; any other does not.
  const registry = { programmesOf: async (_t: string, id: string) => (id === '19:linked' ? ['dsop'] : []) };
  return createSendToTeams(adapter, '', { guard, registry, now: () => 0, withheld: { report: async (send) => void reported.push(send) } });
}

const job = (conversation: ConversationRecord, discloses: Disclosed[]) => ({
  tenantId: TENANT,
  key: `k-${conversation.conversationId}`,
  conversation: { ...conversation, reference: { ...conversation.reference, serviceUrl: stub.url } },
  message: { kind: 'text' as const, text: 'Idé DSOP-2026-001: Hemmelig' },
  discloses,
  timeoutMs: 5_000,
});

const member = (aad: string, userRole: 'user' | 'guest' = 'user') => ({ id: `29:${aad}`, aadObjectId: aad, tenantId: TENANT, userRole });

beforeAll(async () => {
  stub = await startConnectorStub();
});
afterAll(async () => stub.close());

describe('proactive sends', () => {
  it('reach a programme-only linked channel', async () => {
    stub.rosters.set('19:linked', [member('aad-chair'), member('aad-member')]);
    expect(await send()(job(channel('19:linked'), [registeredIdea]))).toMatchObject({ kind: 'ok' });
    expect(stub.sent.filter((s) => s.conversationId === '19:linked')).toHaveLength(1);
  });

  it('are refused (403, audited) for a linked channel with a guest', async () => {
    stub.rosters.set('19:guests', [member('aad-chair'), member('aad-guest', 'guest')]);
    const registry = send();
    expect(await registry(job(channel('19:guests'), [registeredIdea]))).toEqual({ kind: 'rejected', status: 403, code: 'DisclosureBlocked' });
    expect(stub.sent.filter((s) => s.conversationId === '19:guests')).toHaveLength(0);
    expect(audit.some((e) => e.decision === 'refused' && e.conversation.id === '19:guests')).toBe(true);
  });

  it('are refused for a channel not registered to the programme, and the office is told', async () => {
    stub.rosters.set('19:other', [member('aad-chair')]);
    expect(await send()(job(channel('19:other'), [registeredIdea]))).toEqual({ kind: 'rejected', status: 403, code: 'DisclosureBlocked' });
    expect(reported.find((r) => r.key === 'k-19:other')).toMatchObject({
      tenantId: TENANT,
      conversation: { id: '19:other', kind: 'channel' },
      withheld: [{ item: registeredIdea, reason: 'conversation-not-registered' }],
    });
  });

  it('wait, unsent, when Teams cannot say who is in the conversation: its status goes to the worker’s retry rules', async () => {
    stub.brokenRosters.add('19:broken');
    expect(await send()(job(channel('19:broken'), [registeredIdea]))).toEqual({ kind: 'rejected', status: 503, code: 'RosterUnavailable' });
    stub.throttledRosters.set('19:linked', 1);
    expect(await send()(job(channel('19:linked'), [registeredIdea]))).toEqual({ kind: 'rejected', status: 429, retryAfter: '1', code: 'RosterUnavailable' });
    expect(stub.sent.filter((s) => s.conversationId === '19:broken')).toHaveLength(0);
    expect(reported.map((r) => r.key)).not.toContain('k-19:broken');
  });

  it('reach a party person’s personal chat in their own tenant: its one user, read as for a reply', async () => {
    const chat = personal('a:fn-member', { id: '29:fn-member', aadObjectId: 'aad-member' }, OWN_TENANT);
    // Teams answers for the chat's user with their own tenant; the paged roster is not read.
    stub.rosters.set('a:fn-member', [{ id: '29:fn-member', aadObjectId: 'aad-member', tenantId: OWN_TENANT, userRole: 'user' }]);
    stub.brokenRosters.delete('a:fn-member');
    expect(await send()(job(chat, [registeredIdea]))).toMatchObject({ kind: 'ok' });
    // Without a tenant in Teams' answer, the member counts in the chat's own tenant.
    const bare = personal('a:fn-bare', { id: '29:fn-bare', aadObjectId: 'aad-member' }, OWN_TENANT);
    expect(await send()(job(bare, [registeredIdea]))).toMatchObject({ kind: 'ok' });
    const elsewhere = personal('a:elsewhere', { id: '29:elsewhere', aadObjectId: 'aad-member' }, 'tenant-nobody');
    expect(await send()(job(elsewhere, [registeredIdea]))).toEqual({ kind: 'rejected', status: 403, code: 'DisclosureBlocked' });
    expect(reported.find((r) => r.key === 'k-a:elsewhere')).toMatchObject({ conversation: { kind: 'personal', person: 'aad-member' }, withheld: [{ reason: 'outsider-present' }] });
  });

  it('that disclose nothing need no roster read', async () => {
    stub.brokenRosters.add('19:plain');
    expect(await send()(job(channel('19:plain'), []))).toMatchObject({ kind: 'ok' });
  });
});
