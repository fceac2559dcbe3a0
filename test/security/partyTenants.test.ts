// Across organisations (issue 15): a party's representative uses the bot from their own
// tenant. Over HTTP with real activities: the representative of a party tenant registers an
// idea in personal chat, it lands in the host tenant's partition and the office sees it; the
// programme's report reminder reaches them in their own tenant; they are served only the
// programmes their tenant is a party of, never another programme of the same host; a tenant
// named by no programme is told so and nothing of it is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/compose.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { BodyChannelTable } from '../../src/features/votes/storage/bodyChannelTable.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, waitFor, type Card } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/** Finans Norge's own Microsoft 365 tenant; the programme is hosted in TENANT. */
const TENANT_FN = 'tenant-finans-norge';
/** A tenant no programme names. */
const TENANT_NOBODY = 'tenant-nobody';

const rep: Person = { id: '29:fn-rep', aadObjectId: 'aad-fn-rep', name: 'Frida Finans' };
/** Listed in the programme, but never opened the bot. */
const silent: Person = { id: '29:fn-silent', aadObjectId: 'aad-fn-silent', name: 'Stian Stille' };
const stranger: Person = { id: '29:stranger', aadObjectId: 'aad-stranger', name: 'Ingen Program' };
/** A programme office person who works from Finans Norge's own tenant. */
const fnOffice: Person = { id: '29:fn-office', aadObjectId: 'aad-fn-office', name: 'Olga Kontor' };

const at = (date: string, hour = 9) => osloTime(date, hour, 0);
const base = testProgramme();
const dsop: Programme = programmeSchema.parse({
  ...base,
  parties: base.parties.map((p) => (p.id === 'finans-norge' ? { ...p, tenantIds: [TENANT, TENANT_FN] } : p)),
  people: [
    ...base.people,
    { aadObjectId: rep.aadObjectId, name: rep.name, party: 'finans-norge', roles: [] },
    { aadObjectId: silent.aadObjectId, name: silent.name, party: 'finans-norge', roles: [] },
    { aadObjectId: fnOffice.aadObjectId, name: fnOffice.name, party: 'finans-norge', roles: ['office'] },
  ],
  schedules: [
    {
      id: 'statusrapport',
      name: { nb: 'Månedlig statusrapport', en: 'Monthly status report' },
      kind: 'status-report',
      cadence: { kind: 'monthly', exceptMonths: [7] },
      recipients: 'project-leaders',
      deadlineBusinessDays: 5,
      remindBusinessDaysBefore: [3, 1],
    },
  ],
});
/** Another programme of the same host, in which Finans Norge's tenant is no party. Frida is
 * listed there too (by the same object id): from her own tenant she must still not get it. */
const other: Programme = programmeSchema.parse({
  ...base,
  id: 'annet',
  name: 'Annet program',
  ideaPrefix: 'ANNET',
  people: [...base.people, { aadObjectId: rep.aadObjectId, name: rep.name, party: 'skatteetaten', roles: [] }],
});

let clockNow = at('2026-11-30', 12);
let service: TestApp;
let app: App;
let connector: ConnectorStub;
let ideas: IdeaTable;
let conversations: ConversationTable;
let host: ReturnType<typeof conversationWith>;
let party: ReturnType<typeof conversationWith>;
let nobody: ReturnType<typeof conversationWith>;
const keyOf = (tenantId: string, programmeId = 'dsop') => ({ tenantId, programmeId });

const proactive = (person: Person) =>
  connector.sent.filter(
    (s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)),
  );
const cardOf = (s: { activity: Record<string, unknown> }) => (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content ?? {};

beforeAll(async () => {
  service = await startTestApp({ programmes: [dsop, other], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  ({ app, connector } = service);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  conversations = new ConversationTable(tables, { now: () => Date.now() });
  host = conversationWith(service, TENANT);
  party = conversationWith(service, TENANT_FN);
  nobody = conversationWith(service, TENANT_NOBODY);
  // Teams' roster of Frida's personal chat lists her with her own tenant.
  connector.rosters.set(`a:personal-${rep.aadObjectId}`, [{ id: rep.id, aadObjectId: rep.aadObjectId, tenantId: TENANT_FN, userRole: 'user' }]);
  await host.say(people.office, 'help');
}, 60_000);
afterAll(async () => service.stop());

describe('a representative of a party tenant', () => {
  it('registers an idea in personal chat from their own tenant; it is stored in the host partition and the office sees it', async () => {
    const { card } = await party.say(rep, 'new idea');
    const form = actionData(card, 'idea.register');
    expect(form.programmeId).toBe('dsop');
    const done = await party.click(rep, 'idea.register', { ...form, title: 'Felles kontoinnsyn', description: 'Fra Finans Norges egen tenant.', party: 'finans-norge' });
    expect(cardText(done)).toContain('DSOP-2026-001');

    const stored = await ideas.list(keyOf(TENANT));
    expect(stored.map((i) => [i.title, i.submittedBy.id])).toEqual([['Felles kontoinnsyn', rep.aadObjectId]]);
    expect(await ideas.list(keyOf(TENANT_FN))).toEqual([]);
    expect(cardText((await host.say(people.office, 'portfolio dsop')).card)).toContain('Felles kontoinnsyn');
    // And she sees it among her own ideas, from her tenant.
    expect(cardText((await party.say(rep, 'my ideas')).card)).toContain('Felles kontoinnsyn');
  });

  it('is served only the programmes her tenant is a party of, never another programme of the same host', async () => {
    const help = cardText((await party.say(rep, 'help')).card);
    expect(help).toContain(dsop.name);
    expect(help).not.toContain(other.name);
    const refused = await party.click(rep, 'idea.register', { programmeId: 'annet', submissionId: 'fn-annet-1', title: 'Smuglet', description: 'Inn i annet program.', party: 'skatteetaten' });
    expect(cardText(refused)).not.toContain('ANNET-2026');
    expect(await ideas.list(keyOf(TENANT, 'annet'))).toEqual([]);
  });

  it("receives the programme's report reminder in her own tenant; one who never opened the bot is reported to the office", async () => {
    const started = at('2026-11-16');
    for (const [n, leader] of [[1, rep], [2, silent]] as const) {
      const result = await ideas.register(keyOf(TENANT), `seed-${n}`, { prefix: dsop.ideaPrefix, year: 2026 }, (num) => {
        const r = register(dsop, { number: num, title: `Prosjekt ${n}`, description: 'Et prosjekt.', party: 'finans-norge', links: [], submittedBy: { id: leader.aadObjectId, name: leader.name }, at: started });
        if (!r.ok) return r;
        return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt: started, projectLeader: leader.aadObjectId }, history: r.value.history });
      });
      expect(result.ok).toBe(true);
    }
    // Her chat's reference is kept per person and tenant: in her own tenant and in the host's.
    const own = await conversations.personalFor(TENANT_FN, rep.aadObjectId);
    const inHost = await conversations.personalFor(TENANT, rep.aadObjectId);
    expect((own?.reference.conversation as { tenantId?: string }).tenantId).toBe(TENANT_FN);
    expect((inHost?.reference.conversation as { tenantId?: string }).tenantId).toBe(TENANT_FN);

    clockNow = at('2026-12-01');
    const tick = await app.reminders.tick(clockNow);
    expect(tick.queued.length).toBeGreaterThanOrEqual(2);
    const [sent] = await waitFor(() => proactive(rep).filter((s) => JSON.stringify(cardOf(s)).includes('report.submit')).length === 1 && proactive(rep).filter((s) => JSON.stringify(cardOf(s)).includes('report.submit')), 'Frida’s reminder');
    expect(cardText(cardOf(sent!))).toContain('It is time for the monthly status report for 2026-12.');
    // The proactive conversation is her own tenant's.
    expect((sent!.activity.conversation as { tenantId?: string }).tenantId).toBe(TENANT_FN);

    clockNow = at('2026-12-02', 12);
    expect(cardText((await host.say(people.office, 'deadlines dsop')).card)).toContain(`${silent.name}: has not written to Samspill yet`);
  });
});

describe("a channel in a party's own tenant", () => {
  it('cannot be linked to a body: the body votes in channels of the host tenant, and nothing is linked', async () => {
    const inFn = { id: '19:fn-own-channel@thread.skype', conversationType: 'channel' as const };
    const reply = await party.say(fnOffice, '<at>Samspill</at> link styringsgruppen', { conversation: inFn });
    const text = reply.text ?? cardText(reply.card);
    expect(text).toContain('This channel belongs to another organisation.');
    expect(text).not.toContain('is now linked');
    const channels = new BodyChannelTable(new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString })));
    expect(await channels.get(keyOf(TENANT), 'styringsgruppen')).toBeUndefined();
  });
});

describe('a tenant that no programme names', () => {
  it('gets the "not part of any programme" answer, and nothing is stored', async () => {
    const reply = await nobody.say(stranger, 'help');
    expect(cardText(reply.card) + (reply.text ?? '')).toContain(translate('en', 'help.noProgramme'));
    expect(await conversations.personalFor(TENANT_NOBODY, stranger.aadObjectId)).toBeUndefined();
    expect(await conversations.byId(TENANT_NOBODY, `a:personal-${stranger.aadObjectId}`)).toBeUndefined();
    const attempt = await nobody.click(stranger, 'idea.register', { programmeId: 'dsop', submissionId: 'nobody-1', title: 'Utenfra', description: 'Fra ingen.', party: 'finans-norge' });
    expect(cardText(attempt)).not.toContain('DSOP-2026');
    expect((await ideas.list(keyOf(TENANT))).map((i) => i.title)).not.toContain('Utenfra');
    expect(await ideas.list(keyOf(TENANT_NOBODY))).toEqual([]);
  });
});
