// The steps of a running project that had no way in (issue 16, points 1–4), over HTTP with real
// activities, the real delivery worker and the shipped DSOP preset: the office names the project
// leader on the idea card (told in personal chat, in their language; history says who and when);
// the leader gets the report reminder and files a report the office receives and every
// participant can read (`reports <no>`, the idea card); a dispute and a consumer's withdrawal are
// recorded and shown; BP2 goes to the steering group's recommendation before Topplederforum.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/compose.js';
import { parseProgrammeFile } from '../../src/platform/config/programmeFiles.js';
import { register } from '../../src/features/ideas/domain/lifecycle.js';
import { ok } from '../../src/shared/result.js';
import { osloTime } from '../../src/shared/schedule/oslo.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { searchActivity, type ActivityOptions, type Person } from '../support/activities.js';
import type { ConnectorStub } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { startTestApp, type TestApp } from '../support/testApp.js';
import { TENANT, people, testParties, testPeople } from '../support/fixtures.js';

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
      { id: 'styringsgruppe', members: ['aad-chair', 'aad-member'], chair: 'aad-chair', secretary: 'aad-office' },
      { id: 'topplederforum', members: ['aad-observer', 'aad-member'], chair: 'aad-observer', secretary: 'aad-office' },
    ],
  }),
);

let clockNow = osloTime('2026-11-30', 12, 0);
let service: TestApp;
let connector: ConnectorStub;
let app: App;
let ideas: IdeaTable;
let votes: VoteTable;
let chat: ReturnType<typeof conversationWith>;
const say = (from: Person, words: string, extra: Partial<ActivityOptions> = {}) => chat.say(from, words, extra);
const click = (from: Person, verb: string, data: Record<string, unknown>, extra: Partial<ActivityOptions> = {}) => chat.click(from, verb, data, extra);

const isChecklist = (card: Card) => JSON.stringify(card).includes('"verb":"checklist.');
const personalPosts = (person: Person) =>
  connector.sent.filter(
    (s) => s.conversationId === `a:personal-${person.aadObjectId}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)),
  );
const proactiveCards = (person: Person) =>
  personalPosts(person)
    .map((s) => (s.activity.attachments as { content: Card }[] | undefined)?.[0]?.content)
    .filter((c): c is Card => c !== undefined && !isChecklist(c));
const proactiveTexts = (person: Person) => personalPosts(person).map((s) => s.activity.text as string | undefined).filter((t): t is string => !!t);

const STEERING = '19:styring@thread.tacv2';
const FORUM = '19:forum@thread.tacv2';
const inThread = (channel: string) => ({ id: `${channel};messageid=1700000000001`, conversationType: 'channel' as const });

/** A project in its concept phase without a leader: what the office has after BP1. */
async function activeProject(n: number): Promise<string> {
  const started = osloTime('2026-11-16', 9, 0);
  const result = await ideas.register({ tenantId: TENANT, programmeId: 'dsop' }, `steps-${n}`, { prefix: 'DSOP', year: 2026 }, (num) => {
    const r = register(dsop, {
      number: num,
      title: `Felles kontoinformasjon ${n}`,
      description: 'Banker og etater deler kontoinformasjon.',
      party: 'finans-norge',
      links: [],
      submittedBy: { id: people.member.aadObjectId, name: people.member.name },
      at: started,
    });
    if (!r.ok) return r;
    return ok({ idea: { ...r.value.idea, status: 'active', phase: 'konsept', phaseStartedAt: started }, history: r.value.history });
  });
  if (!result.ok) throw new Error('seed');
  return result.value.idea.number;
}

let number = '';

beforeAll(async () => {
  service = await startTestApp({ programmes: [dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  ({ connector, app } = service);
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 }); // reads what the app wrote, no cache
  for (const person of [people.office, people.office2, people.member, people.observer]) await say(person, 'help');
  // Kari writes Bokmål: what she is told proactively is in Bokmål.
  await say(people.chair, 'hjelp', { locale: 'nb-NO' });
  number = await activeProject(1);
}, 60_000);

afterAll(async () => service.stop());

describe('the project leader (DSOP §3.3)', () => {
  it('the idea card offers the office a picker over the programme’s people; others get no picker', async () => {
    const office = await click(people.office, 'idea.show', { programmeId: 'dsop', number });
    expect(actionData(office, 'idea.assignLeader')).toEqual({ programmeId: 'dsop', number });
    const picker = JSON.stringify(office);
    for (const name of ['Ola Office', 'Kari Chair', 'Per Member', 'Oda Observer']) expect(picker).toContain(`"title":"${name}"`);
    const member = await click(people.member, 'idea.show', { programmeId: 'dsop', number });
    expect(() => actionData(member, 'idea.assignLeader')).toThrow();
  });

  it('the picker also asks Teams’ typeahead; the search finds people by name, case and accents ignored, for the office only', async () => {
    const office = await click(people.office, 'idea.show', { programmeId: 'dsop', number });
    expect(JSON.stringify(office)).toContain('"choices.data":{"type":"Data.Query","dataset":"programmePeople"}');
    const search = async (from: Person, value: unknown, locale = 'en-US') => {
      const res = await service.post(searchActivity({ serviceUrl: connector.url, tenantId: TENANT, from, locale }, value));
      return { status: res.status, body: (await res.json()) as { statusCode: number; type: string; value: { results?: unknown[]; code?: string; message?: string } } };
    };
    const query = (queryText: string, queryOptions = { skip: 0, top: 15 }) => ({ queryText, queryOptions, dataset: 'programmePeople' });

    const kari = await search(people.office, query('KARI'));
    expect(kari).toEqual({
      status: 200,
      body: { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: [{ title: 'Kari Chair', value: 'aad-chair' }] } },
    });
    // Accents and case folded both ways; a match at a word's start comes first, then by name.
    expect((await search(people.office2, query('pér'))).body.value.results).toEqual([{ title: 'Per Member', value: 'aad-member' }]);
    expect((await search(people.office, query('Ō'))).body.value.results).toEqual([
      { title: 'Oda Observer', value: 'aad-observer' },
      { title: 'Ola Office', value: 'aad-office' },
    ]);
    expect((await search(people.office, query('o', { skip: 1, top: 1 }))).body.value.results).toEqual([{ title: 'Ola Office', value: 'aad-office' }]);
    expect((await search(people.office, query('nobody'))).body.value.results).toEqual([]);

    // Not the office: a localised refusal, and no names.
    const member = await search(people.member, query('kari'));
    expect(member).toMatchObject({ status: 403, body: { statusCode: 403, type: 'application/vnd.microsoft.error', value: { message: 'Only the programme office can do this.' } } });
    expect(JSON.stringify(member.body)).not.toContain('aad-chair');
    expect((await search(people.outsider, query('kari'), 'nb-NO')).body.value.message).toBe('Bare programkontoret kan gjøre dette.');
    // A value that is not a Data.Query's, and a dataset the bot does not have.
    const bad = await search(people.office, { queryText: 'kari', dataset: 'programmePeople', queryOptions: { skip: -1, top: 15 } });
    expect(bad).toMatchObject({ status: 400, body: { type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } } });
    expect(bad.body.value.message).toContain('Some fields need correcting:');
    expect(await search(people.office, { ...query('kari'), dataset: 'games' })).toMatchObject({ status: 404, body: { value: { message: 'I don\'t recognise this search ("games").' } } });
  });

  it('refuses a participant who is not the office, and a person outside the programme', async () => {
    const refused = await click(people.member, 'idea.assignLeader', { programmeId: 'dsop', number, person: 'aad-member' });
    expect(cardText(refused)).toMatch(/programme office/i);
    const outsider = await click(people.office, 'idea.assignLeader', { programmeId: 'dsop', number, person: 'aad-outsider' });
    expect(cardText(outsider)).toContain('the person is not in the programme');
    expect((await ideas.get({ tenantId: TENANT, programmeId: 'dsop' }, number))?.projectLeader).toBeUndefined();
    const bad = await click(people.office, 'idea.assignLeader', { programmeId: 'dsop', number });
    expect(cardText(bad)).toMatch(/Choose the project leader/);
  });

  it('the office names Kari; she is told in Bokmål in her personal chat, once; history says who', async () => {
    const card = await click(people.office, 'idea.assignLeader', { programmeId: 'dsop', number, person: 'aad-chair' });
    expect(cardText(card)).toContain(`Kari Chair is project leader of ${number}.`);
    expect(cardText(card)).toContain('Ola Office made Kari Chair project leader');
    expect((await ideas.get({ tenantId: TENANT, programmeId: 'dsop' }, number))?.projectLeader).toBe('aad-chair');
    const [notice] = await waitFor(() => proactiveTexts(people.chair).length > 0 && proactiveTexts(people.chair), 'the leader notice');
    expect(notice).toContain(`Ola Office har gjort deg til prosjektleder for ${number}`);
    // A second click changes nothing and tells nobody again.
    await click(people.office, 'idea.assignLeader', { programmeId: 'dsop', number, person: 'aad-chair' });
    await new Promise((r) => setTimeout(r, 400));
    expect(proactiveTexts(people.chair)).toHaveLength(1);
  });
});

describe('status reports reach everyone (DSOP §3.5)', () => {
  let submit: Record<string, unknown> = {};

  it('the named leader gets the month’s report reminder', async () => {
    clockNow = osloTime('2026-12-01', 9, 0);
    await app.reminders.tick(clockNow);
    const [reminder] = await waitFor(() => proactiveCards(people.chair).length > 0 && proactiveCards(people.chair), 'Kari’s reminder');
    expect(cardText(reminder)).toContain(number);
    submit = actionData(reminder, 'report.submit');
    expect(submit).toMatchObject({ programmeId: 'dsop', scheduleId: 'statusrapport', periodKey: '2026-12', ideaNumber: number });
  });

  it('a filed report goes to the office, and every participant can read it', async () => {
    const before = proactiveCards(people.office2).length;
    const filed = await click(people.chair, 'report.submit', { ...submit, status: 'green', progress: 'Konseptet er skrevet.', nextMilestones: 'Kost/nytte i januar.' });
    expect(cardText(filed)).toMatch(/1/);
    // The card the filing answered with is the form again, as a new submission: the correction's.
    submit = actionData(filed, 'report.submit');
    for (const office of [people.office, people.office2]) {
      const card = await waitFor(
        () => proactiveCards(office).find((c) => cardText(c).includes('Konseptet er skrevet.')),
        `the filed report for ${office.name}`,
      );
      expect(cardText(card)).toContain('2026-12');
    }
    expect(proactiveCards(people.office2).length).toBeGreaterThan(before);
    // Per is no leader, no filer and not the office: he reads it on request.
    const reply = await say(people.member, `reports ${number}`);
    expect(cardText(reply.card)).toContain(`Status reports of ${number}`);
    expect(cardText(reply.card)).toContain('Konseptet er skrevet.');
    expect(cardText(reply.card)).toContain('filed by Kari Chair');
    const idea = await click(people.member, 'idea.show', { programmeId: 'dsop', number });
    const viaCard = await click(people.member, 'idea.reports', actionData(idea, 'idea.reports'));
    expect(cardText(viaCard)).toContain('Kost/nytte i januar.');
  });

  it('a project with its own steering group reports to that group’s channel instead of the office', async () => {
    const PROJECT = '19:prosjekt@thread.tacv2';
    const refused = await say(people.member, `<at>Samspill</at> link project ${number}`, { conversation: inThread(PROJECT) });
    expect(refused.text).toMatch(/programme office/i);
    const linked = await say(people.office, `<at>Samspill</at> koble til prosjekt ${number}`, { conversation: inThread(PROJECT), locale: 'nb-NO' });
    expect(linked.text).toContain(`Denne kanalen er registrert som styringsgruppen for ${number}`);
    expect((await ideas.get({ tenantId: TENANT, programmeId: 'dsop' }, number))?.ownSteeringGroup).toBe(true);
    const officeBefore = proactiveCards(people.office2).length;
    await click(people.chair, 'report.submit', { ...submit, status: 'yellow', progress: 'Andre versjon av rapporten.', nextMilestones: 'Kost/nytte i februar.' });
    const posted = await waitFor(
      () => connector.sent.find((s) => s.conversationId === PROJECT && s.method === 'POST' && cardText(s.activity).includes('Andre versjon av rapporten.')),
      'the report in the project’s channel',
    );
    expect(posted).toBeDefined();
    await new Promise((r) => setTimeout(r, 400));
    expect(proactiveCards(people.office2).slice(officeBefore).filter((c) => cardText(c).includes('Andre versjon'))).toHaveLength(0);
    expect(cardText((await say(people.member, `reports ${number}`)).card)).toContain('its status reports go to that group’s channel');
  });

  it('a project with nothing filed says so; a number from no programme gets a hint', async () => {
    const other = await activeProject(2);
    expect(cardText((await say(people.member, `rapporter ${other}`, { locale: 'nb-NO' })).card)).toContain(`Ingen statusrapporter er levert for ${other} ennå.`);
    expect((await say(people.member, 'reports XYZ-2026-001')).text).toContain('Which project?');
  });
});

describe('a dispute about the solution (DSOP §5)', () => {
  it('the office records it; a consumer’s withdrawal is shown on the idea', async () => {
    const refused = await click(people.member, 'idea.recordDispute', { programmeId: 'dsop', number, subject: 'API-format', dataOwner: 'skatteetaten', decision: 'REST' });
    expect(cardText(refused)).toMatch(/programme office/i);
    const invalid = await click(people.office, 'idea.recordDispute', { programmeId: 'dsop', number, subject: 'API-format', dataOwner: 'nobody', decision: 'REST' });
    expect(cardText(invalid)).toContain('unknown party "nobody"');
    const recorded = await click(people.office, 'idea.recordDispute', {
      programmeId: 'dsop',
      number,
      subject: 'API-format',
      dataOwner: 'skatteetaten',
      decision: 'REST med JSON',
    });
    expect(cardText(recorded)).toContain('Dispute 1 is recorded.');
    expect(cardText(recorded)).toContain('Dispute 1: API-format');
    expect(actionData(recorded, 'idea.consumerChoice')).toEqual({ programmeId: 'dsop', number });
    const answered = await click(people.office, 'idea.consumerChoice', { programmeId: 'dsop', number, dispute: '1', party: 'finans-norge', choice: 'withdraw' });
    expect(cardText(answered)).toContain('Finans Norge: Withdraws from the project');
    expect(cardText(answered)).toContain('⚠ Finans Norge withdrew from the project after the data owner’s decision.');
    const twice = await click(people.office, 'idea.consumerChoice', { programmeId: 'dsop', number, dispute: '1', party: 'finans-norge', choice: 'accept' });
    expect(cardText(twice)).toContain('already made its choice');
    const bad = await click(people.office, 'idea.consumerChoice', { programmeId: 'dsop', number, dispute: '1', party: 'finans-norge', choice: 'maybe' });
    expect(cardText(bad)).not.toContain('is recorded');
    // The decision log shows it too, for the whole programme and for the idea, to any participant.
    for (const args of ['', ` ${number}`]) {
      const log = cardText((await say(people.member, `decision log${args}`)).card);
      expect(log).toContain('Disputes about the solution (agreement §5)');
      expect(log).toContain(`Dispute 1 in ${number}: API-format. Data owner Skatteetaten decided: REST med JSON. Finans Norge: Withdraws from the project`);
    }
  });

  it('the decision log’s CSV has a row per dispute, quoted and guarded as the ballots are', async () => {
    clockNow = osloTime('2026-12-01', 13, 15);
    const ref = { programmeId: 'dsop', number };
    await click(people.office2, 'idea.recordDispute', { ...ref, subject: 'Format, "strengt"', dataOwner: 'finans-norge', decision: '=HYPERLINK("x")' });
    clockNow = osloTime('2026-12-01', 13, 20);
    await click(people.office, 'idea.consumerChoice', { ...ref, dispute: '2', party: 'skatteetaten', choice: 'accept' });
    const columns = (csv: string) => csv.split('\r\n')[0]!.split(',');
    for (const args of ['', ` ${number}`]) {
      const { text: csv } = await say(people.member, `decision log csv${args}`);
      expect(csv).toBeDefined();
      expect(columns(csv!).slice(-8)).toEqual([
        'dispute',
        'dispute_subject',
        'data_owner',
        'data_owner_name',
        'data_owner_decision',
        'consumer_choices',
        'recorded_by',
        'recorded_at',
      ]);
      const rows = csv!.split('\r\n').filter((l) => l.includes('skatteetaten,Skatteetaten') || l.includes('finans-norge,Finans Norge'));
      // No vote id, the idea's own columns, the 23 other vote columns empty, then the dispute's.
      const lead = `,${number},Felles kontoinformasjon 1,${','.repeat(23)}`;
      expect(rows).toEqual([
        `${lead}1,API-format,skatteetaten,Skatteetaten,REST med JSON,"Finans Norge: withdraw (Ola Office, 2026-12-01T09:00:00.000+01:00)",Ola Office,2026-12-01T09:00:00.000+01:00`,
        `${lead}2,"Format, ""strengt""",finans-norge,Finans Norge,"'=HYPERLINK(""x"")","Skatteetaten: accept (Ola Office, 2026-12-01T13:20:00.000+01:00)",Siri Sekretariat,2026-12-01T13:15:00.000+01:00`,
      ]);
      expect(csv!.endsWith('\r\n')).toBe(true);
    }
    // A body's log has no disputes (they belong to an idea, not a body).
    const { text: bodyCsv } = await say(people.member, 'decision log csv styringsgruppe');
    expect(bodyCsv).not.toContain('API-format');
  });
});

describe('BP2 is prepared by the steering group (DSOP §3.2)', () => {
  const links = {
    'link.konseptbeskrivelse': 'https://docs.example.org/konsept',
    'link.forenklet-kost-nytteanalyse': 'https://docs.example.org/kost-nytte',
    'link.aktorenes-vilje': 'https://docs.example.org/vilje',
  };
  const proposal = (form: Card) => ({ ...actionData(form, 'gate.propose'), deadlineDate: '2026-12-10', deadlineTime: '16:00', ...links });

  it('proposing BP2 opens the steering group’s recommendation; Topplederforum’s vote only after it', async () => {
    await say(people.office, '<at>Samspill</at> link styringsgruppe', { conversation: inThread(STEERING) });
    await say(people.office, '<at>Samspill</at> link topplederforum', { conversation: inThread(FORUM) });
    const key = { tenantId: TENANT, programmeId: 'dsop' };

    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    expect(cardText(form)).toContain('DSOP Steering Group considers the matter first and makes a recommendation to Top Management Forum');
    await click(people.office, 'gate.propose', proposal(form));
    const [recommendation] = await votes.list(key, { ideaNumber: number });
    expect(recommendation).toMatchObject({ gate: 'BP2', body: 'styringsgruppe', matter: { kind: 'recommendation', to: 'topplederforum' }, status: 'open' });
    expect(recommendation!.channel.conversationId).toBe(STEERING);

    // The deciding body's vote cannot be opened while the recommendation is pending.
    const again = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    const refused = await click(people.office, 'gate.propose', { ...proposal(again), submissionId: 'second-form-0001' });
    expect(cardText(refused)).toContain('already running');
    expect((await votes.list(key, { ideaNumber: number })).filter((v) => v.body === 'topplederforum')).toHaveLength(0);

    const ref = { programmeId: 'dsop', voteId: recommendation!.id };
    const channel = { conversation: inThread(STEERING) };
    await click(people.chair, 'gate.vote', { ...ref, choice: 'for' }, channel);
    await click(people.member, 'gate.vote', { ...ref, choice: 'for' }, channel);
    await click(people.office, 'gate.close', ref, channel);
    // A recommendation moves nothing: the idea stays in its concept phase.
    expect((await ideas.get(key, number))?.phase).toBe('konsept');

    clockNow += 60 * 60_000;
    const decisionForm = await click(people.office, 'gate.proposeForm', { programmeId: 'dsop', number });
    expect(cardText(decisionForm)).toContain('Top Management Forum');
    expect(cardText(decisionForm)).toMatch(/Recommended by DSOP Steering Group/);
    expect(cardText(await click(people.office, 'gate.propose', proposal(decisionForm)))).toContain('is put to Top Management Forum');
    const decision = (await votes.list(key, { ideaNumber: number })).find((v) => v.body === 'topplederforum');
    expect(decision).toMatchObject({ gate: 'BP2', status: 'open', recommendation: { body: 'styringsgruppe', adopted: true, voteId: recommendation!.id } });
    expect(decision!.matter).toBeUndefined();
    const posted = await waitFor(() => connector.sent.find((s) => s.conversationId === FORUM && s.method === 'POST' && s.activity.attachments), 'the forum’s vote card');
    expect(cardText((posted.activity.attachments as { content: Card }[])[0]!.content)).toMatch(/Innstilt av Styringsgruppen for DSOP|Recommended by DSOP Steering Group/);
  });
});
