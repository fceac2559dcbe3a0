// Contradicting identity fields, generated (issue 22.10): whichever way an activity's tenant
// fields, from.id and from.aadObjectId disagree with each other or with the programme file,
// over HTTP the message gets the refusal, the invoke a 403, nothing is stored (no idea, no
// conversation) and the service stays healthy. Fields that agree are the control: served.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Programme } from '../../src/shared/programme/schema.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { ConversationTable } from '../../src/platform/storage/conversationTable.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { invokeActivity, messageActivity, type Person } from '../support/activities.js';
import { conversationWith, waitFor } from '../support/conversation.js';
import { TENANT } from '../support/fixtures.js';
import { PARTY_TENANT, twoTenantProgramme } from '../support/twoTenants.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const programme: Programme = twoTenantProgramme([
  { aadObjectId: 'aad-office', name: 'Ola Office', party: 'skatteetaten', roles: ['office'] },
  { aadObjectId: 'aad-chair', name: 'Kari Chair', party: 'skatteetaten' },
  { aadObjectId: 'aad-fn-rep', name: 'Frida Finans', party: 'finans-norge' },
]);
/** People of the host's party (tenant TENANT only) and of Finans Norge (PARTY_TENANT only). */
const hostPeople: Person[] = [
  { id: '29:office', aadObjectId: 'aad-office', name: 'Ola Office' },
  { id: '29:chair', aadObjectId: 'aad-chair', name: 'Kari Chair' },
];
const rep: Person = { id: '29:fn-rep', aadObjectId: 'aad-fn-rep', name: 'Frida Finans' };

let app: TestApp;
let ideas: IdeaTable;
let conversations: ConversationTable;
const key = { tenantId: TENANT, programmeId: programme.id };

beforeAll(async () => {
  app = await startTestApp({ programmes: [programme] });
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: app.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  conversations = new ConversationTable(tables, { now: () => Date.now() });
  // Their personal chats are known, so a from.id other than theirs contradicts what the bot knows.
  for (const person of hostPeople) await conversationWith(app, TENANT).say(person, 'help');
  await conversationWith(app, PARTY_TENANT).say(rep, 'help');
}, 60_000);
afterAll(async () => app.stop());

const guid = fc.uuid();
const word = fc.stringMatching(/^[a-z0-9-]{1,16}$/);
const hostPerson = fc.constantFrom(...hostPeople);

interface Fields {
  conversationTenantId: string;
  channelDataTenantId: string;
  fromId: string;
  aadObjectId: string;
  conversationId: string;
}

/** Each way identity fields can contradict each other or the programme file. */
const contradicting: fc.Arbitrary<Fields> = fc.oneof(
  // The two tenant fields differ.
  fc.record({ a: fc.constantFrom(TENANT, PARTY_TENANT), b: word, person: hostPerson }).filter(({ a, b }) => a !== b).map(({ a, b, person }) => ({
    conversationTenantId: a,
    channelDataTenantId: b,
    fromId: person.id,
    aadObjectId: person.aadObjectId,
    conversationId: `a:personal-${b}`,
  })),
  // from.id names one Entra user, from.aadObjectId another.
  fc.record({ fromGuid: guid, aad: fc.oneof(guid, fc.constantFrom('aad-office', 'aad-chair')) }).filter(({ fromGuid, aad }) => fromGuid !== aad).map(({ fromGuid, aad }) => ({
    conversationTenantId: TENANT,
    channelDataTenantId: TENANT,
    fromId: `8:orgid:${fromGuid}`,
    aadObjectId: aad,
    conversationId: `a:personal-org-${fromGuid}`,
  })),
  // A known person's Entra id with a Teams id that is not theirs.
  fc.record({ person: hostPerson, other: word }).map(({ person, other }) => ({
    conversationTenantId: TENANT,
    channelDataTenantId: TENANT,
    fromId: `29:${other}-not-${person.aadObjectId}`,
    aadObjectId: person.aadObjectId,
    conversationId: `a:personal-${other}`,
  })),
  // A host person acting from the party's tenant, which their party does not list.
  hostPerson.map((person) => ({
    conversationTenantId: PARTY_TENANT,
    channelDataTenantId: PARTY_TENANT,
    fromId: person.id,
    aadObjectId: person.aadObjectId,
    conversationId: `a:personal-${person.aadObjectId}-in-fn`,
  })),
);

const activityWith = <A extends ReturnType<typeof messageActivity> | ReturnType<typeof invokeActivity>>(a: A, f: Fields): A => ({
  ...a,
  from: { id: f.fromId, aadObjectId: f.aadObjectId, name: 'Fuzz' },
  conversation: { ...a.conversation, id: f.conversationId, tenantId: f.conversationTenantId },
  channelData: { tenant: { id: f.channelDataTenantId } },
});

let n = 0;
describe('generated contradicting identity fields', () => {
  it('are refused, store nothing, and leave the service healthy', async () => {
    const opts = { serviceUrl: app.connector.url, tenantId: TENANT, from: rep };
    await fc.assert(
      fc.asyncProperty(contradicting, async (fields) => {
        const title = `Fuzz ${++n}`;
        const message = activityWith(messageActivity(opts, 'help'), fields);
        expect((await app.post(message)).status).toBe(200);
        const reply = await waitFor(() => app.connector.sent.find((s) => decodeURIComponent(s.path).endsWith(`/activities/${message.id}`)), 'the refusal');
        expect(reply.activity.text).toBe(translate('en', 'error.identityContradiction'));
        const data = { programmeId: programme.id, submissionId: `fuzz-submission-${n}`, title, description: 'Fuzz.', party: 'skatteetaten' };
        const res = await app.post(activityWith(invokeActivity(opts, 'idea.register', data), fields));
        expect(res.status).toBe(403);
        expect(((await res.json()) as { statusCode: number }).statusCode).toBe(403);
        for (const tenant of new Set([fields.conversationTenantId, fields.channelDataTenantId])) {
          expect(await conversations.byId(tenant, fields.conversationId)).toBeUndefined();
        }
      }),
      { numRuns: 40 },
    );
    expect(await ideas.list(key)).toEqual([]);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
