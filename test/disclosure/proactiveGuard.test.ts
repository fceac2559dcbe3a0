// Proactive sends pass the same guard as replies: the audience is read in the conversation's
// own turn, and a job that discloses a registered idea is refused for a channel with a guest
// (403, not retried) while the same job reaches a programme-only channel.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisclosureGuard } from '../../src/app/disclosure/disclosureGuard.js';
import type { AuditEntry } from '../../src/app/disclosure/ports.js';
import type { ConversationRecord } from '../../src/app/ports.js';
import { ProgrammeDirectory } from '../../src/app/programmeDirectory.js';
import type { Disclosed } from '../../src/domain/disclosure/content.js';
import { createSendToTeams } from '../../src/teams/delivery/sendToTeams.js';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

let stub: ConnectorStub;
const audit: AuditEntry[] = [];
const programme = testProgramme();

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

const registeredIdea: Disclosed = {
  kind: 'idea',
  programmeId: 'dsop',
  idea: { number: 'DSOP-2026-001', status: 'registered', phase: 'ide', party: 'skatteetaten', submittedBy: { id: 'aad-member', name: 'Per' } },
};

function send() {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const guard = new DisclosureGuard(
    new ProgrammeDirectory([programme]),
    { record: async () => undefined, list: async () => [] },
    { append: async (entry) => void audit.push(entry) },
  );
  // The linked body channel belongs to the programme; any other does not.
  const registry = { programmesOf: async (_t: string, id: string) => (id === '19:linked' ? ['dsop'] : []) };
  return createSendToTeams(adapter, '', { guard, registry, now: () => 0 });
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

  it('are refused for a channel not registered to the programme, and when the roster fails', async () => {
    stub.rosters.set('19:other', [member('aad-chair')]);
    expect(await send()(job(channel('19:other'), [registeredIdea]))).toMatchObject({ kind: 'rejected', status: 403 });
    stub.brokenRosters.add('19:broken');
    expect(await send()(job(channel('19:broken'), [registeredIdea]))).toMatchObject({ kind: 'rejected', status: 403 });
  });

  it('that disclose nothing need no roster read', async () => {
    stub.brokenRosters.add('19:plain');
    expect(await send()(job(channel('19:plain'), []))).toMatchObject({ kind: 'ok' });
  });
});
