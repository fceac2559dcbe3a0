// Issue 22.10 over HTTP with real activities: an activity whose identity fields contradict each
// other or the programme file is refused before any use case, nothing of it is stored, and the
// log says which rule it broke, once, without a stack. Each contradiction: the two tenant
// fields; a from.id that names another Entra user; a from.id other than the one the person's
// personal chat has; a person acting from a tenant their party does not list.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '../../src/shared/programme/schema.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { invokeActivity, messageActivity, type ActivityOptions, type Person } from '../support/activities.js';
import { cardText, conversationWith, waitFor } from '../support/conversation.js';
import { TENANT } from '../support/fixtures.js';
import { PARTY_TENANT, twoTenantProgramme } from '../support/twoTenants.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const office: Person = { id: '29:office', aadObjectId: 'aad-office', name: 'Ola Office' };
const rep: Person = { id: '29:fn-rep', aadObjectId: 'aad-fn-rep', name: 'Frida Finans' };
const ORG_GUID = '6a1e3c2b-0d4f-4e8a-9b7c-1f2e3d4c5b6a';
const orgPerson: Person = { id: `8:orgid:${ORG_GUID}`, aadObjectId: ORG_GUID, name: 'Org Person' };

const programme: Programme = twoTenantProgramme([
  { aadObjectId: 'aad-office', name: 'Ola Office', party: 'skatteetaten', roles: ['office'] },
  { aadObjectId: 'aad-fn-rep', name: 'Frida Finans', party: 'finans-norge' },
  { aadObjectId: ORG_GUID, name: 'Org Person', party: 'skatteetaten' },
]);

let app: TestApp;
let ideas: IdeaTable;
let conversations: ConversationTable;
const logLines: Record<string, unknown>[] = [];
const key = { tenantId: TENANT, programmeId: programme.id };

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  app = await startTestApp({ programmes: [programme], log: pino({ level: 'warn' }, sink) });
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  conversations = new ConversationTable(tables, { now: () => Date.now() });
  // Ola and Frida have their personal chats with the bot: their Teams ids are known.
  await conversationWith(app, TENANT).say(office, 'help');
  await conversationWith(app, PARTY_TENANT).say(rep, 'help');
}, 60_000);
afterAll(async () => app.stop());

const options = (from: Person, tenantId: string, extra: Partial<ActivityOptions> = {}): ActivityOptions => ({ serviceUrl: app.connector.url, tenantId, from, ...extra });
type Activity = ReturnType<typeof messageActivity> | ReturnType<typeof invokeActivity>;
const registration = (title: string) => ({ programmeId: programme.id, submissionId: `sub-${title}`.padEnd(12, '0'), title, description: 'Beskrivelse.', party: 'skatteetaten' });

const refusalOf = (activityId: string) => logLines.filter((l) => l.activityId === activityId && String(l.msg).startsWith('activity refused'));

/** Sends a message and an idea registration with these fields; both must be refused. */
async function expectRefused(make: (a: Activity) => Activity, from: Person, tenantId: string, rule: string, title: string) {
  const message = make(messageActivity(options(from, tenantId), 'help'));
  expect((await app.post(message)).status).toBe(200);
  const reply = await waitFor(() => app.connector.sent.find((s) => decodeURIComponent(s.path).endsWith(`/activities/${message.id}`)), 'the refusal');
  expect(reply.activity.text).toBe(translate('en', 'error.identityContradiction'));

  const invoke = make(invokeActivity(options(from, tenantId, { locale: 'nb-NO' }), 'idea.register', registration(title)));
  const res = await app.post(invoke);
  expect(res.status).toBe(403);
  expect(await res.json()).toEqual({
    statusCode: 403,
    type: 'application/vnd.microsoft.error',
    value: { code: 'Forbidden', message: translate('nb', 'error.identityContradiction') },
  });
  expect((await ideas.list(key)).map((i) => i.title)).not.toContain(title);
  for (const id of [message.id, invoke.id]) {
    const lines = refusalOf(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ rule });
    expect(JSON.stringify(lines[0])).not.toMatch(/stack|"err"/);
  }
}

describe('an activity whose identity fields contradict each other or the programme file', () => {
  it('conversation.tenantId and channelData.tenant.id differ: refused, and the chat is not remembered', async () => {
    const stranger: Person = { id: '29:new', aadObjectId: 'aad-office-twin', name: 'Ny' };
    await expectRefused((a) => ({ ...a, channelData: { tenant: { id: PARTY_TENANT } } }), stranger, TENANT, 'tenant-ids-differ', 'Tenant mismatch');
    expect(await conversations.byId(TENANT, 'a:personal-aad-office-twin')).toBeUndefined();
    expect(await conversations.byId(PARTY_TENANT, 'a:personal-aad-office-twin')).toBeUndefined();
  });

  it('from.id names one Entra user (8:orgid:…) and from.aadObjectId another: refused', async () => {
    await expectRefused((a) => ({ ...a, from: { ...a.from, aadObjectId: 'aad-office' } }), orgPerson, TENANT, 'from-id-names-another-person', 'Org id mismatch');
  });

  it('from.aadObjectId is a person whose personal chat has another Teams id: refused', async () => {
    const impostor: Person = { id: '29:impostor', aadObjectId: 'aad-office', name: 'Ola Office' };
    await expectRefused((a) => a, impostor, TENANT, 'teams-id-of-another-person', 'Impostor');
  });

  it('a person acts from a tenant the programme serves but their party does not list: refused, no office rights there', async () => {
    await expectRefused((a) => a, office, PARTY_TENANT, 'tenant-not-listed-by-party', 'Office from the party tenant');
  });

  it('fields that agree are served as before: the office in its tenant, the representative in hers', async () => {
    const byOffice = await conversationWith(app, TENANT).click(office, 'idea.register', registration('Fra kontoret'));
    expect(cardText(byOffice)).toContain('Fra kontoret');
    const byRep = await conversationWith(app, PARTY_TENANT).click(rep, 'idea.register', { ...registration('Fra Finans Norge'), party: 'finans-norge' });
    expect(cardText(byRep)).toContain('Fra Finans Norge');
    // The 8:orgid: form is fine when it names the same person.
    const byOrgId = await conversationWith(app, TENANT).click(orgPerson, 'idea.register', registration('Fra org-id'));
    expect(cardText(byOrgId)).toContain('Fra org-id');
    expect((await ideas.list(key)).map((i) => i.title).sort()).toEqual(['Fra Finans Norge', 'Fra kontoret', 'Fra org-id']);
  });
});
