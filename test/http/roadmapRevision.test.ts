// Roadmap revisions decided by the steering group (Digi Rogaland §4.7: «Veikartet revideres
// minst to ganger årlig. Arbeidsutvalget har ansvar for saksgrunnlaget relatert til veikartet,
// og styringsgruppen beslutter eventuelle endringer»), end to end over HTTP with real Bot
// Framework activities, real in-memory Azurite, the real delivery worker and vote closer:
// the office's edits are pending changes (shown as such, not in force, not enough to start a
// project); the office puts them to the body's vote as one revision; adopted, they take effect
// together and are logged with the decision; rejected, they are discarded and logged; the
// secretariat's twice-yearly reminder offers the way to act and stops once a revision is put to
// the vote. A programme without the setting keeps direct edits.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAllowed } from '../../src/features/roadmap/app/roadmap.js';
import { applyGateDecision, assignProjectLeader, prioritise, qualify, register } from '../../src/features/ideas/domain/lifecycle.js';
import { ideaContent } from '../../src/shared/disclosure/content.js';
import { programmeSchema, type Programme } from '../../src/shared/programme/schema.js';
import { periodEvents } from '../../src/shared/schedule/due.js';
import { periodOpeningIn } from '../../src/shared/schedule/period.js';
import { translate } from '../../src/platform/i18n/messages.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { RoadmapRevisionTable } from '../../src/features/roadmap/storage/roadmapRevisionTable.js';
import { RoadmapTable } from '../../src/features/roadmap/storage/roadmapTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { subjectDisclosure, voteDisclosures } from '../../src/features/votes/teams/voteCards.js';
import type { Person } from '../support/activities.js';
import type { SentActivity } from '../support/connectorStub.js';
import { actionData, cardText, conversationWith, type Card, waitFor } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { confirmShare } from '../support/ownParty.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

const text = (nb: string, en = nb) => ({ nb, en });
const schedule = {
  id: 'veikartrevisjon',
  name: text('Revisjon av veikartet', 'Roadmap revision'),
  kind: 'roadmap-revision' as const,
  cadence: { kind: 'half-yearly' as const, months: [3, 9] },
  recipients: 'secretariat' as const,
  deadlineBusinessDays: 15,
  remindBusinessDaysBefore: [10, 3],
};
const base = testProgramme();
// Digi Rogaland-like: the steering group decides roadmap changes, and the gate that starts a
// project (here BP2) needs an entry on the adopted roadmap.
const digi: Programme = programmeSchema.parse({
  ...base,
  id: 'digi',
  name: 'Digi Rogaland test',
  ideaPrefix: 'DIGI',
  roadmap: { body: 'styringsgruppen' },
  gates: base.gates.map((g) => (g.id === 'BP2' ? { ...g, requiresRoadmapEntry: true } : g)),
  schedules: [schedule],
});
// The same without the setting: the office's edits take effect at once, as before.
const dsop: Programme = programmeSchema.parse({ ...base, schedules: [schedule] });

const CHANNEL = '19:styring-digi@thread.tacv2';
const GUEST_CHANNEL = '19:med-gjest@thread.tacv2';
const inChannel = (id = CHANNEL) => ({ conversation: { id: `${id};messageid=1700000000001`, conversationType: 'channel' as const } });
const key = { tenantId: TENANT, programmeId: 'digi' };
const nb = { locale: 'nb-NO' };
const office = { id: 'aad-office', name: 'Ola Office' };

const spring = periodOpeningIn(schedule, 2027, 3);
const events = periodEvents(schedule, spring);
const eventAt = (kind: string, n?: number) => events.find((e) => e.kind === kind && (n === undefined || e.businessDaysBefore === n))!.at;
let clockNow = spring.opens + 60 * 60 * 1000;

let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let roadmap: RoadmapTable;
let revisions: RoadmapRevisionTable;
let votes: VoteTable;
let project = '';
let second = '';
let internal = '';

const say = async (who: Person, words: string, extra = {}) => {
  const reply = await chat.say(who, words, extra);
  return reply.card ? cardText(reply.card) : (reply.text ?? '');
};
const click = (who: Person, verb: string, data: Record<string, unknown>, extra = {}) => chat.click(who, verb, data, extra);
const deadlineDate = () => new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
const toChannel = (s: SentActivity) => s.conversationId === CHANNEL && s.method === 'POST';
const proactiveTo = (aad: string) =>
  service.connector.sent.filter((s) => s.conversationId === `a:personal-${aad}` && s.method === 'POST' && /\/activities\/?$/.test(decodeURIComponent(s.path)));

async function seedIdeas(): Promise<void> {
  const by = office;
  const at = clockNow - 30 * 86_400_000;
  const make = async (submission: string, title: string) => {
    const made = await ideas.register(key, submission, { prefix: 'DIGI', year: 2027 }, (number) =>
      register(digi, { number, title, description: 'Felles innbyggerdialog.', party: 'skatteetaten', submittedBy: by, at }),
    );
    if (!made.ok) throw new Error('register');
    return made.value.idea.number;
  };
  const start = async (number: string) => {
    for (const step of [
      (i: Parameters<typeof prioritise>[1]) => prioritise(digi, i, { rank: 1, by, at }),
      (i: Parameters<typeof prioritise>[1]) => qualify(digi, i, { assessment: 'Moden.', recommendation: 'Anbefales.', by, at }),
      (i: Parameters<typeof prioritise>[1]) => assignProjectLeader(digi, i, { person: 'aad-member', by, at }),
      (i: Parameters<typeof prioritise>[1]) => applyGateDecision(digi, i, { gate: 'BP1', adopted: true, by, at }),
    ]) {
      const result = await ideas.apply(key, number, step);
      if (!result.ok) throw new Error(JSON.stringify(result.error));
    }
  };
  project = await make('seed-project', 'Felles chatbot');
  await start(project);
  second = await make('seed-second', 'Digital byggesak');
  await start(second);
  // Registered only: internal to the programme (DSOP-style §6 rule in the fixture).
  internal = await make('seed-internal', 'Hemmelig idé');
}

beforeAll(async () => {
  service = await startTestApp({ programmes: [digi, dsop], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow, deliveryWorker: { idlePollMs: 100 } });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  roadmap = new RoadmapTable(tables);
  revisions = new RoadmapRevisionTable(tables);
  // The test reads storage as it is: no per-instance cache of its own.
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  await seedIdeas();
  for (const person of [people.office, people.chair, people.member, people.observer]) await chat.say(person, 'help');
});

afterAll(async () => service.stop());

describe('the twice-yearly reminder', () => {
  it('before any revision, reaches the secretariat with the way to act, and an overdue period is escalated to the office', async () => {
    // The autumn period, in which nothing was revised: its overdue morning.
    const autumn = periodOpeningIn(schedule, 2026, 9);
    const overdue = periodEvents(schedule, autumn).find((e) => e.kind === 'overdue')!;
    const late = await service.app.reminders.tick(overdue.at);
    expect(late.queued).toEqual(
      expect.arrayContaining([
        `${TENANT}:digi:veikartrevisjon:2026-H2:aad-office:overdue`,
        `${TENANT}:digi:veikartrevisjon:2026-H2:escalation:aad-office`,
        `${TENANT}:digi:veikartrevisjon:2026-H2:escalation:aad-office2`,
      ]),
    );

    const opened = await service.app.reminders.tick(spring.opens);
    expect(opened.queued).toContain(`${TENANT}:digi:veikartrevisjon:2027-H1:aad-office:open`);
    expect(opened.queued).toContain(`${TENANT}:dsop:veikartrevisjon:2027-H1:aad-office:open`);
    const card = await waitFor(
      () => proactiveTo('aad-office').map((s) => (s.activity.attachments as { content: Card }[])[0]!.content).find((c) => JSON.stringify(c).includes('2027-H1') && JSON.stringify(c).includes('roadmap.revision')),
      'the spring reminder',
    );
    // In the language of the secretary's last personal message (English here); the button opens
    // the revision for this programme.
    expect(cardText(card)).toContain('Put the changes to the roadmap to Steering group in Samspill. The reminders stop once the revision is put to the vote.');
    expect(actionData(card, 'roadmap.revision')).toEqual({ programmeId: 'digi' });
    const direct = await waitFor(
      () => proactiveTo('aad-office').map((s) => (s.activity.attachments as { content: Card }[])[0]!.content).find((c) => JSON.stringify(c).includes('2027-H1') && JSON.stringify(c).includes('"verb":"roadmap.show"')),
      'the reminder of the programme without a deciding body',
    );
    expect(actionData(direct, 'roadmap.show')).toEqual({ programmeId: 'dsop' });
  });
});

describe('proposed changes', () => {
  it('the office’s edit is a pending change: marked on the roadmap, not in force, not logged', async () => {
    const before = await say(people.office, 'veikart digi', nb);
    expect(before).toContain('Veikart – Digi Rogaland test');
    expect(before).toContain('programkontoret foreslår endringer, og Styringsgruppen beslutter dem (avtalen §4.7)');
    expect(before).toContain('Foreslå endringen');
    const added = cardText(await click(people.office, 'roadmap.add', { programmeId: 'digi', number: project, start: '2027-Q1', end: '2027-Q4', note: 'Fase 1' }, nb));
    expect(added).toContain(`${project}: endringen er foreslått. Den gjelder først når Styringsgruppen har vedtatt revisjonen.`);
    expect(added).toContain('Endringer som ikke er vedtatt ennå');
    expect(added).toContain(`${project} Felles chatbot`);
    expect(added).toContain('Legges til: Start: 1. kv. 2027; Slutt: 4. kv. 2027; Merknad: Fase 1 · Foreslått av Ola Office');
    // Still missing from the adopted roadmap.
    expect(added).toContain('Prosjekter uten plass på veikartet');
    expect(await roadmap.list(key)).toEqual([]);
    expect(await roadmap.revisions(key, 10)).toEqual([]);
    expect(await startAllowed(roadmap, key, project)).toEqual({ ok: false, error: { code: 'not-on-roadmap', number: project } });
    expect(await revisions.pending(key)).toEqual([expect.objectContaining({ ideaNumber: project, start: '2027-Q1', end: '2027-Q4', note: 'Fase 1', by: office })]);

    // A second office member changes the same pending change; the same edit again changes nothing.
    const changed = cardText(await click(people.office2, 'roadmap.add', { programmeId: 'digi', number: project, start: '2027-Q1', end: '2028-Q2', note: 'Fase 1' }));
    expect(changed).toContain('To be added: Start: Q1 2027; End: Q2 2028; Note: Fase 1 · Proposed by Siri Sekretariat');
    const same = cardText(await click(people.office2, 'roadmap.add', { programmeId: 'digi', number: project, start: '2027-Q1', end: '2028-Q2', note: 'Fase 1' }));
    expect(same).toContain(`${project} was already on the roadmap like that.`);
    await click(people.office, 'roadmap.add', { programmeId: 'digi', number: second, start: '2027-Q3', end: '2027-Q4' });
    expect((await revisions.pending(key)).map((p) => p.ideaNumber).sort()).toEqual([project, second].sort());

    // Everyone in the programme sees the pending changes, marked as such; the log is still empty.
    const member = await say(people.member, 'roadmap digi');
    expect(member).toContain('Changes not adopted yet');
    expect(member).toContain(`${second} Digital byggesak`);
    const log = cardText(await click(people.member, 'roadmap.log', { programmeId: 'digi' }));
    expect(log).toContain('No changes yet.');
  });

  it('refuses a member, invalid data and a revision without pending changes elsewhere', async () => {
    const entry = { programmeId: 'digi', number: project, start: '2027-Q1', end: '2027-Q4' };
    expect(cardText(await click(people.member, 'roadmap.add', entry))).toContain('Only the programme office can do this.');
    expect(cardText(await click(people.office, 'roadmap.add', { ...entry, end: '2026-Q4' }, nb))).toContain('Slutten kan ikke være før starten.');
    expect(cardText(await click(people.member, 'roadmap.withdraw', { programmeId: 'digi', number: project }))).toContain('Only the programme office can do this.');
    expect(cardText(await click(people.member, 'roadmap.propose', { programmeId: 'digi', submissionId: 'member-form-1', deadlineDate: deadlineDate() }))).toContain(
      'Only the programme office can do this.',
    );
    expect(cardText(await click(people.office, 'roadmap.propose', { programmeId: 'digi', submissionId: 'x' }))).toContain('Some fields need correcting');
    expect(cardText(await click(people.office, 'roadmap.withdraw', { programmeId: 'digi', number: 'not a number' }, nb))).toContain('Noen felt må rettes');
    expect(cardText(await click(people.outsider, 'roadmap.revision', { programmeId: 'digi' }))).toContain('You are not a participant in this programme.');
    expect(await revisions.list(key, 10)).toEqual([]);
  });

  it('the office withdraws a pending change, and an edit back to the adopted roadmap drops it', async () => {
    await click(people.office, 'roadmap.add', { programmeId: 'digi', number: internal, start: '2028-Q1', end: '2028-Q2' });
    const withdrawn = cardText(await click(people.office, 'roadmap.withdraw', { programmeId: 'digi', number: internal }, nb));
    expect(withdrawn).toContain(`Den foreslåtte endringen for ${internal} er trukket tilbake.`);
    expect(cardText(await click(people.office, 'roadmap.withdraw', { programmeId: 'digi', number: internal }))).toContain(`${internal} has no proposed change.`);
    expect((await revisions.pending(key)).map((p) => p.ideaNumber)).not.toContain(internal);
  });

  it('a pending change does not let a project start: the start gate asks the adopted roadmap', async () => {
    const linked = await say(people.office, '<at>Samspill</at> link digi styringsgruppen', inChannel());
    expect(linked).toContain('is now linked to this channel');
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'digi', number: project });
    const refused = await click(people.office, 'gate.propose', { ...actionData(form, 'gate.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    expect(cardText(refused)).toContain(`${project} is not on the adopted roadmap. A project cannot be started until Steering group has adopted a revision`);
    expect(await votes.list(key)).toEqual([]);
  });
});

describe('putting the revision to the steering group', () => {
  let revisionVote = '';

  it('the revision card lists the pending changes; a bad deadline comes back on it with nothing moved', async () => {
    const shown = await say(people.office, 'veikart revisjon digi', nb);
    expect(shown).toContain('Revisjon av veikartet – Digi Rogaland test');
    expect(shown).toContain('Foreslåtte endringer som ikke er lagt fram');
    expect(shown).toContain(`${project} Felles chatbot`);
    expect(shown).toContain('Legg fram for Styringsgruppen');
    const { card } = await chat.say(people.office, 'roadmap revision digi');
    const data = actionData(card, 'roadmap.propose');
    expect(data).toEqual({ programmeId: 'digi', submissionId: expect.any(String) });
    const past = cardText(await click(people.office, 'roadmap.propose', { ...data, deadlineDate: '2027-02-01', deadlineTime: '16:00' }));
    expect(past).toContain('at least an hour ahead');
    expect(await revisions.list(key, 10)).toEqual([]);
    expect(await revisions.pending(key)).toHaveLength(2);
    // A member sees the card without the office's forms.
    const { card: forMember } = await chat.say(people.member, 'roadmap revision digi');
    expect(() => actionData(forMember, 'roadmap.propose')).toThrow();
    expect(() => actionData(forMember, 'roadmap.withdraw')).toThrow();
  });

  it('opens one revision and one vote per form, moves the pending changes into it and posts the card in the channel', async () => {
    const { card } = await chat.say(people.office, 'roadmap revision digi');
    const data = { ...actionData(card, 'roadmap.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' };
    const before = service.connector.sent.length;
    const [first, again] = await Promise.all([click(people.office, 'roadmap.propose', data), click(people.office, 'roadmap.propose', data)]);
    const both = [cardText(first), cardText(again)].join('\n');
    expect(both).toContain('Revision R-001 with 2 changes is put to Steering group with the deadline');
    expect(both).toContain('Revision R-001 is already put to the vote; the deadline is');
    const stored = await revisions.list(key, 10);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ id: 'R-001', status: 'voting', body: 'styringsgruppen', proposedBy: office });
    expect(stored[0]!.changes.map((c) => c.ideaNumber).sort()).toEqual([project, second].sort());
    expect(await revisions.pending(key)).toEqual([]);
    const [vote] = await votes.list(key);
    revisionVote = vote!.id;
    expect(vote).toMatchObject({ matter: { kind: 'roadmap-revision', revisionId: 'R-001' }, ideaNumber: 'R-001', gate: 'roadmap-revision', body: 'styringsgruppen' });
    expect(stored[0]!.voteId).toBe(vote!.id);

    const posted = await waitFor(() => service.connector.sent.slice(before).find(toChannel), 'the vote card');
    const shown = cardText((posted.activity.attachments as { content: Card }[])[0]!.content);
    // The channel was linked in English.
    expect(shown).toContain('Roadmap revision: R-001');
    expect(shown).toContain('R-001 · 2 changes to the roadmap');
    expect(shown).toContain(`**${project}** Felles chatbot: To be added: Start: Q1 2027; End: Q2 2028; Note: Fase 1`);
    expect(shown).toContain(`**${second}** Digital byggesak: To be added: Start: Q3 2027; End: Q4 2027`);
  });

  it('while it is being voted on, new edits are pending for the next revision, which waits', async () => {
    await click(people.office, 'roadmap.add', { programmeId: 'digi', number: internal, start: '2028-Q1', end: '2028-Q2' });
    const roadmapCard = await say(people.office, 'roadmap digi');
    expect(roadmapCard).toContain(`To be added: Start: Q1 2027; End: Q2 2028; Note: Fase 1 · Put to Steering group in revision R-001`);
    expect(roadmapCard).toContain(`${internal} Hemmelig idé`);
    const { card } = await chat.say(people.office, 'roadmap revision digi');
    expect(cardText(card)).toContain('Being voted on in Steering group: revision R-001');
    expect(cardText(card)).toContain('New changes can be put forward once Steering group has decided revision R-001.');
    expect(() => actionData(card, 'roadmap.propose')).toThrow();
    const second = await click(people.office, 'roadmap.propose', { programmeId: 'digi', submissionId: 'another-form-123', deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    expect(cardText(second)).toContain('Revision R-001 is already put to the vote and not decided yet.');
    expect(await revisions.list(key, 10)).toHaveLength(1);
  });

  it('later reminders and the escalation of the period are not sent once the revision is put to the vote', async () => {
    const remind = await service.app.reminders.tick(eventAt('remind', 10));
    const digiKeys = (queued: string[]) => queued.filter((k) => k.startsWith(`${TENANT}:digi:veikartrevisjon:2027-H1:`));
    const dsopKeys = (queued: string[]) => queued.filter((k) => k.startsWith(`${TENANT}:dsop:veikartrevisjon:2027-H1:`));
    expect(digiKeys(remind.queued)).toEqual([]);
    // The programme that was not revised is still reminded.
    expect(dsopKeys(remind.queued)).toEqual([`${TENANT}:dsop:veikartrevisjon:2027-H1:aad-office:remind:10`]);
    // `frister` / `deadlines` agrees: nobody is missing for the revised programme.
    const shown = await say(people.office, 'deadlines');
    expect(shown).toMatch(/Digi Rogaland test: Roadmap revision 2027-H1\nDue [^\n]+\nNobody is missing\./);
    expect(shown).toMatch(/DSOP test: Roadmap revision 2027-H1\nDue [^\n]+\nMissing: Ola Office/);
    const overdue = await service.app.reminders.tick(eventAt('overdue'));
    expect(digiKeys(overdue.queued)).toEqual([]);
    expect(dsopKeys(overdue.queued)).toEqual(
      expect.arrayContaining([`${TENANT}:dsop:veikartrevisjon:2027-H1:aad-office:overdue`, `${TENANT}:dsop:veikartrevisjon:2027-H1:escalation:aad-office`]),
    );
  });

  it('the vote card names every idea it changes for the disclosure guard: refused in a channel with a guest', async () => {
    const vote = (await votes.get({ ...key, voteId: revisionVote }))!;
    const revision = (await revisions.get(key, 'R-001'))!;
    const named = await Promise.all(revision.changes.map(async (c) => (await ideas.get(key, c.ideaNumber))!));
    const subject = { kind: 'roadmap-revision' as const, revision, ideas: named };
    expect(voteDisclosures(digi, vote, subject)).toEqual(named.map((i) => ideaContent('digi', i)));
    expect(subjectDisclosure(digi, subject)).toEqual({ kind: 'programme-internal', programmeId: 'digi' });
    // The pending changes name a registered idea (internal to the programme): the revision card
    // is withheld from a conversation outside the programme, and shown there once it no longer
    // names that idea.
    service.connector.rosters.set(GUEST_CHANNEL, [
      { id: people.office.id, aadObjectId: people.office.aadObjectId, tenantId: TENANT, userRole: 'user' },
      { id: '29:guest', aadObjectId: 'aad-guest', tenantId: TENANT, userRole: 'guest' },
    ]);
    const withheld = cardText(await click(people.office, 'roadmap.revision', { programmeId: 'digi' }, inChannel(GUEST_CHANNEL)));
    expect(withheld).toContain('Cannot be shown here');
    expect(withheld).not.toContain('Hemmelig idé');
    expect(cardText(await click(people.office, 'roadmap.revision', { programmeId: 'digi' }))).toContain('Hemmelig idé');
    await click(people.office, 'roadmap.withdraw', { programmeId: 'digi', number: internal });
    // What is left names projects past registration: outside the programme the sharer first
    // confirms they speak only for their own party (seed 000 §6.3), then it is shown there.
    const ask = await click(people.office, 'roadmap.revision', { programmeId: 'digi' }, inChannel(GUEST_CHANNEL));
    expect(cardText(ask)).toContain('Share outside the programme?');
    const shown = await confirmShare(service, TENANT, people.office, ask, inChannel(GUEST_CHANNEL).conversation);
    expect(shown).toContain('Being voted on in Steering group: revision R-001');
    expect(shown).toContain(`${project} Felles chatbot`);
    await click(people.office, 'roadmap.add', { programmeId: 'digi', number: internal, start: '2028-Q1', end: '2028-Q2' });
  });

  it('adopted: the changes take effect together, are logged as one revision with the vote, and the project may start', async () => {
    const ref = { programmeId: 'digi', voteId: revisionVote };
    await click(people.chair, 'gate.vote', { ...ref, choice: 'for' });
    await click(people.member, 'gate.vote', { ...ref, choice: 'for' });
    const observer = await click(people.observer, 'gate.vote', { ...ref, choice: 'against' });
    expect(cardText(observer)).toContain('observer');
    const closed = cardText(await click(people.chair, 'gate.close', ref));
    expect(closed).toContain('The changes in revision R-001 are now in force on the roadmap and are in the change log.');

    const entries = await roadmap.list(key);
    expect(entries.map((e) => [e.ideaNumber, e.start, e.end]).sort()).toEqual(
      [
        [project, '2027-Q1', '2028-Q2'],
        [second, '2027-Q3', '2027-Q4'],
      ].sort(),
    );
    const decided = (await revisions.get(key, 'R-001'))!;
    expect(decided).toMatchObject({ status: 'adopted', decision: { adopted: true, voteId: revisionVote, at: clockNow, by: { id: 'aad-chair', name: 'Kari Chair' } } });
    const log = await roadmap.revisions(key, 10);
    expect(log).toHaveLength(2);
    for (const line of log) expect(line).toMatchObject({ at: clockNow, decision: { revisionId: 'R-001', voteId: revisionVote } });
    expect(log.find((l) => l.ideaNumber === project)?.by).toEqual({ id: 'aad-office2', name: 'Siri Sekretariat' });
    expect((await startAllowed(roadmap, key, project)).ok).toBe(true);

    const shown = await say(people.member, 'veikart digi', nb);
    expect(shown).toContain('1. halvår 2027');
    expect(shown).toContain(`${project} Felles chatbot`);
    expect(shown).toContain('Sist revidert');
    expect(shown).toContain('revisjon R-001 vedtatt');
    expect(shown).not.toContain('Lagt fram for Styringsgruppen i revisjon R-001');
    const logCard = cardText(await click(people.member, 'roadmap.log', { programmeId: 'digi' }));
    expect(logCard).toContain('Revision R-001 adopted by Steering group');
    expect(logCard).toContain(`Vote ${revisionVote}; put forward`);
    expect(logCard).toContain('The changes took effect on the decision:');
    expect(logCard).toContain(`${project} added to the roadmap (proposed by Siri Sekretariat)`);
    expect(logCard).toContain('End: Q2 2028');

    // The office hears of it in personal chat.
    await waitFor(
      () => proactiveTo('aad-office').find((s) => String(s.activity.text ?? '').includes('R-001') && String(s.activity.text ?? '').includes('in force')),
      'the notice to the office',
    );
    // And now the start gate opens for the project.
    const form = await click(people.office, 'gate.proposeForm', { programmeId: 'digi', number: project });
    const opened = await click(people.office, 'gate.propose', { ...actionData(form, 'gate.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    expect(cardText(opened)).toContain('is put to Steering group with the deadline');
    expect((await votes.list(key)).some((v) => v.ideaNumber === project && v.gate === 'BP2')).toBe(true);
  });

  it('rejected: the changes are discarded, the roadmap stays as adopted, and the rejection is logged', async () => {
    const { card } = await chat.say(people.office, 'roadmap revision digi');
    expect(cardText(card)).toContain(`${internal} Hemmelig idé`);
    await click(people.office, 'roadmap.propose', { ...actionData(card, 'roadmap.propose'), deadlineDate: deadlineDate(), deadlineTime: '16:00' });
    const vote = (await votes.list(key)).find((v) => v.matter?.kind === 'roadmap-revision' && v.matter.revisionId === 'R-002')!;
    await click(people.chair, 'gate.vote', { programmeId: 'digi', voteId: vote.id, choice: 'for' });
    await click(people.member, 'gate.vote', { programmeId: 'digi', voteId: vote.id, choice: 'against', comment: 'Ikke moden for veikartet.' });
    // The deadline passes: the closer counts (consensus fails) and applies the decision.
    clockNow = vote.deadline + 1;
    await service.app.votes.closeDueVotes(clockNow);
    expect(await revisions.get(key, 'R-002')).toMatchObject({ status: 'rejected', decision: { adopted: false, voteId: vote.id } });
    expect((await roadmap.list(key)).map((e) => e.ideaNumber)).not.toContain(internal);
    expect(await revisions.pending(key)).toEqual([]);
    expect(await roadmap.revisions(key, 10)).toHaveLength(2);
    const logCard = cardText(await click(people.member, 'roadmap.log', { programmeId: 'digi' }, nb));
    expect(logCard).toContain('Revisjon R-002 ikke vedtatt av Styringsgruppen');
    expect(logCard).toContain('De foreslåtte endringene er forkastet:');
    expect(logCard).toContain(`${internal} lagt til på veikartet (foreslått av Ola Office)`);
    expect(logCard.indexOf('R-002')).toBeLessThan(logCard.indexOf('R-001'));
    const revisionCard = await say(people.member, 'veikart revisjon digi', nb);
    expect(revisionCard).toContain('Tidligere revisjoner');
    expect(revisionCard).toMatch(/R-002 · ikke vedtatt .* · 1 endringer/);
    expect(revisionCard).toMatch(/R-001 · vedtatt .* · 2 endringer/);
    expect(revisionCard).toContain('Ingen foreslåtte endringer.');
  });
});

describe('a programme where no body decides roadmap changes', () => {
  it('keeps direct edits, has no revision to put forward, and a direct edit ends the period’s reminders', async () => {
    const dsopKey = { tenantId: TENANT, programmeId: 'dsop' };
    const dsopIdea = await ideas.register(dsopKey, 'seed-dsop', { prefix: 'DSOP', year: 2027 }, (number) =>
      register(dsop, { number, title: 'Kontoinformasjon', description: 'Deling.', party: 'skatteetaten', submittedBy: office, at: clockNow }),
    );
    if (!dsopIdea.ok) throw new Error('seed');
    const number = dsopIdea.value.idea.number;
    clockNow = eventAt('remind', 3) - 60_000;
    const saved = cardText(await click(people.office, 'roadmap.add', { programmeId: 'dsop', number, start: '2027-Q3', end: '2027-Q4' }));
    expect(saved).toContain(`${number} is saved on the roadmap.`);
    expect((await roadmap.list(dsopKey)).map((e) => e.ideaNumber)).toEqual([number]);
    expect(await say(people.office, 'roadmap revision dsop')).toContain('Changes to the roadmap in this programme take effect at once; they are not put to a vote.');
    const later = await service.app.reminders.tick(eventAt('remind', 3));
    expect(later.queued.filter((k) => k.includes(':veikartrevisjon:2027-H1:'))).toEqual([]);
  });
});

describe('help and bad card data', () => {
  it('offers the revision command in both languages', async () => {
    expect(await say(people.member, 'hjelp', nb)).toContain('veikart revisjon');
    expect(await say(people.member, 'help')).toContain('roadmap revision');
  });

  it.each(['roadmap.revision', 'roadmap.propose', 'roadmap.withdraw'])('%s answers every input with a card', async (verb) => {
    const apologies = [translate('nb', 'error.tryAgain'), translate('en', 'error.tryAgain')];
    const value = fc.oneof(
      fc.constantFrom('digi', 'dsop', 'DIGI-2027-001', '2027-12-01', '16:00', 'form-12345678', '', '  '),
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    );
    const fields = ['programmeId', 'submissionId', 'deadlineDate', 'deadlineTime', 'number'];
    await fc.assert(
      fc.asyncProperty(
        fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
        fc.constantFrom(people.office, people.member, people.outsider),
        async (data, who) => {
          const shown = cardText(await click(who, verb, data as Record<string, unknown>));
          for (const apology of apologies) expect(shown).not.toContain(apology);
        },
      ),
      { numRuns: 20 },
    );
  });
});
