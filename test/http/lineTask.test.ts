// Line tasks over HTTP on the shipped Skate preset (seed 004 §2.2: «Difis direktør avgjør hvilke
// tiltak som er Difis linjeoppgaver og hvilke som skal følges opp gjennom Skate og AU»): the
// director records it, or the office on the director's behalf, and the reply and the measure's
// history say which; anyone else is refused; the measure then leaves the follow-up — no quarterly
// report reminder to its owner, not among the measures under way a final treatment can be about.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/compose.js';
import { parseProgrammeFile } from '../../src/platform/config/programmeFiles.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import type { Person } from '../support/activities.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import { cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testParties, testPeople } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const director: Person = { id: '29:director', aadObjectId: 'aad-director', name: 'Dina Direktør' };
const skate = parseProgrammeFile(
  'skate.json',
  JSON.stringify({
    preset: 'skate',
    id: 'skate',
    name: 'Skate',
    ideaPrefix: 'SKATE',
    tenantId: TENANT,
    parties: testParties,
    people: [...testPeople, { aadObjectId: director.aadObjectId, name: director.name, party: 'skatteetaten' }],
    bodies: [
      { id: 'skate', members: ['aad-chair', 'aad-member'], chair: 'aad-chair', secretary: 'aad-office', decidedBy: { person: director.aadObjectId } },
      { id: 'au', members: ['aad-observer', 'aad-office2'], chair: 'aad-observer' },
    ],
  }),
);
// A programme where no body advises a director: it has no line tasks.
const dsop = parseProgrammeFile(
  'dsop.json',
  JSON.stringify({
    preset: 'dsop',
    id: 'dsop',
    name: 'DSOP',
    ideaPrefix: 'DSOP',
    tenantId: TENANT,
    parties: testParties,
    people: testPeople,
    bodies: [
      { id: 'styringsgruppe', members: ['aad-chair', 'aad-member'], chair: 'aad-chair' },
      { id: 'topplederforum', members: ['aad-observer', 'aad-member'], chair: 'aad-observer' },
    ],
  }),
);

let clockNow = osloTime('2026-12-14', 10, 0);
let service: TestApp;
let app: App;
let connector: ConnectorStub;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
const key = { tenantId: TENANT, programmeId: 'skate' };
const say = async (from: Person, words: string, locale = 'en-US') => {
  const reply = await chat.say(from, words, { locale });
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};
const proactiveCards = (person: Person) =>
  connector.sent
    .filter((s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)))
    .flatMap((s) => (s.activity.attachments as { content: Card }[] | undefined)?.map((a) => a.content) ?? []);

/** A measure under way in its concept phase, with its owner (the project leader). */
async function measureUnderWay(title: string, owner: Person, programme = skate): Promise<string> {
  const started = osloTime('2026-11-02', 9, 0);
  const result = await ideas.register({ tenantId: TENANT, programmeId: programme.id }, `line-${title}`, { prefix: programme.ideaPrefix, year: 2026 }, (num) => {
    const r = register(programme, { number: num, title, description: 'Et tiltak.', party: 'finans-norge', links: [], submittedBy: { id: owner.aadObjectId, name: owner.name }, at: started });
    if (!r.ok) return r;
    return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt: started, projectLeader: owner.aadObjectId }, history: r.value.history });
  });
  if (!result.ok) throw new Error('seed');
  return result.value.idea.number;
}

let byOffice = '';
let byDirector = '';
let followedUp = '';

beforeAll(async () => {
  service = await startTestApp({ programmes: [skate, dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  ({ connector, app } = service);
  chat = conversationWith(service, TENANT);
  ideas = new IdeaTable(new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString })));
  for (const person of [people.office, people.chair, people.member, people.observer, director]) await chat.say(person, 'help');
  byOffice = await measureUnderWay('Felles innlogging', people.chair);
  byDirector = await measureUnderWay('Felles meldingstjeneste', people.observer);
  followedUp = await measureUnderWay('Felles datakatalog', people.member);
}, 60_000);
afterAll(async () => service.stop());

describe('the director decides which measures are line tasks (Skate §2.2)', () => {
  it('refuses a Skate member, an outsider and a programme with no director; a bad number gets the usage', async () => {
    expect(await say(people.member, `line task ${byOffice}`)).toContain("Only the Director of Difi, or the programme office on the director's behalf, can decide this.");
    expect(await say(people.chair, `linjeoppgave ${byOffice}`, 'nb-NO')).toContain('Bare Difis direktør, eller programkontoret på direktørens vegne, kan avgjøre dette.');
    expect(await say(people.outsider, `line task ${byOffice}`)).toContain('Write "line task <no>"');
    expect(await say(people.office, 'line task')).toContain('Write "line task <no>"');
    expect(await say(people.office, 'linjeoppgave nr', 'nb-NO')).toContain('Skriv «linjeoppgave <nr>»');
    const dsopIdea = await measureUnderWay('DSOP-prosjekt', people.member, dsop);
    expect(await say(people.office, `line task ${dsopIdea}`)).toContain('The programme has no director who decides line tasks');
    expect((await ideas.get(key, byOffice))?.status).toBe('active');
  });

  it('the office records it on the director’s behalf, and says so; the history keeps it', async () => {
    const reply = await say(people.office, `linjeoppgave ${byOffice}`, 'nb-NO');
    expect(reply).toContain(`Ola Office på vegne av Difis direktør har avgjort at ${byOffice} Felles innlogging er Difis linjeoppgave (avtalen §2.2).`);
    expect(await ideas.get(key, byOffice)).toMatchObject({ status: 'line-task', lineTask: { by: { id: 'aad-office' }, onBehalf: true, fromStatus: 'active' } });
    const card = cardText((await chat.click(people.member, 'idea.show', { programmeId: 'skate', number: byOffice })));
    expect(card).toContain('Line task of Difi');
    expect(card).toContain("Ola Office on behalf of The Director of Difi decided the measure is a line task of Difi; it has left the programme's follow-up");
    // Once a line task, it takes no further step.
    expect(await say(people.office, `line task ${byOffice}`)).toContain('The measure is a line task of Difi and no longer followed up in the programme; it cannot be changed here.');
  });

  it('the director records it as the director', async () => {
    clockNow += 60_000;
    const reply = await say(director, `line task ${byDirector}`);
    expect(reply).toContain(`The Director of Difi (Dina Direktør) decided that ${byDirector} Felles meldingstjeneste is a line task of Difi (agreement §2.2).`);
    expect(await ideas.get(key, byDirector)).toMatchObject({ status: 'line-task', lineTask: { by: { id: director.aadObjectId }, onBehalf: false } });
  });

  it('line tasks leave the follow-up: no quarterly report reminder, not among the measures under way', async () => {
    clockNow = osloTime('2027-01-04', 9, 0);
    await app.reminders.tick(clockNow);
    const [reminder] = await waitFor(() => proactiveCards(people.member).length > 0 && proactiveCards(people.member), 'the followed-up owner’s reminder');
    expect(cardText(reminder)).toContain(followedUp);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const owner of [people.chair, people.observer]) expect(proactiveCards(owner).map(cardText).join('\n')).not.toMatch(/SKATE-2026-00[12]/);
    // The office is in two programmes: it picks Skate on the choice card.
    const choice = (await chat.say(people.office, 'new final treatment')).card!;
    const options = (choice.actions ?? []) as { title: string; verb: string; data: Record<string, unknown> }[];
    const pick = JSON.stringify(choice).match(/"title":"Skate","verb":"([^"]+)","data":(\{[^}]*\})/);
    expect(pick, JSON.stringify(options)).not.toBeNull();
    const form = cardText(await chat.click(people.office, pick![1]!, JSON.parse(pick![2]!) as Record<string, unknown>));
    expect(form).toContain(`${followedUp} Felles datakatalog`);
    expect(form).not.toContain(byOffice);
    expect(form).not.toContain(byDirector);
  });
});
