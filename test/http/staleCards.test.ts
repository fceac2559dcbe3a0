// Old cards (issue 24.2): a card stays in a chat after what it shows has moved on, and its
// buttons still work. Every verb re-checks the current state of what it changes; an old card
// gets a clear localised refusal on the card as it is now. This file keeps the inventory of
// every verb the service answers: for each, the test (here or elsewhere) where an old card's
// action is refused, or why the verb cannot be stale. A new verb without an entry fails here.
// Over HTTP with real activities and in-memory Azurite.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { actionData, cardText, conversationWith, type Card } from '../support/conversation.js';
import { TENANT, people, testProgramme } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/testApp.js';

/** What keeps a verb from acting on an old card. */
type Staleness =
  /** It only shows: it renders what is stored now, so the answer is never older than the click. */
  | { shows: string }
  /** It makes something new, once per form (its submission id), checked against what is stored now. */
  | { creates: string }
  /** `file › test`: a test in which the action of an old card is refused on the card as it is now. */
  | { tested: string };

const here = 'test/http/staleCards.test.ts';
const STOPPED_IDEA = 'an old idea card cannot change an idea stopped meanwhile; it answers with the card as it is now';
const ASSESS = 'an old Assess form scores only a registered idea, checked under the idea’s ETag';
const shows = (why = 'renders what is stored now') => ({ shows: why });

export const inventory: Record<string, Staleness> = {
  'help.show': shows('the help card, no stored state'),
  // Ideas (src/features/ideas/teams/ideaVerbs.ts): every change is a pure transition applied under the
  // idea's ETag, so it is checked against the idea as stored, never as the card showed it.
  'idea.form': shows(),
  'idea.register': { creates: 'a new idea per form (submission id); a repeat answers with the idea it made' },
  'idea.show': shows(),
  'idea.assess': { tested: `${here} › ${ASSESS}` },
  'idea.prioritise': { tested: `${here} › ${STOPPED_IDEA}` },
  'idea.qualify': { tested: `${here} › ${STOPPED_IDEA}` },
  'idea.stop': { tested: `${here} › ${STOPPED_IDEA}` },
  'idea.assignLeader': { tested: `${here} › ${STOPPED_IDEA}` },
  'idea.recordDispute': { tested: `${here} › ${STOPPED_IDEA}` },
  'idea.consumerChoice': { tested: `${here} › ${STOPPED_IDEA}` },
  'idea.ownerApprove': { tested: 'test/http/skateWalk.test.ts › konsept: AU is asked for advice; nobody but the owner approves; the owner approves while AU is still out' },
  'portfolio.show': shows(),
  'ranking.show': shows(),
  'prioritised.show': shows(),
  'mine.show': shows(),
  'idea.reports': shows(),
  'report.form': shows('the period and the filed version as stored now'),
  'report.submit': { creates: 'a new version of the period’s report; the period and the project are read now (a closed period comes back on the form with why)' },
  // Votes (src/features/votes/teams/voteVerbs.ts).
  'gate.proposeForm': { tested: `${here} › ${STOPPED_IDEA}` },
  'gate.propose': { tested: `${here} › ${STOPPED_IDEA}` },
  'gate.view': shows('the reader’s own view of the vote as stored now (also what a refresh asks)'),
  'gate.vote': { tested: 'test/http/votes.test.ts › refuses votes after close, and closing again or the closer sends nothing more' },
  'gate.close': { tested: 'test/http/votes.test.ts › refuses votes after close, and closing again or the closer sends nothing more' },
  'gate.reopen': { tested: 'test/http/quorum.test.ts › can be reopened by the office only, once, as a new round that decides' },
  'gate.decide': { tested: 'test/http/votes.test.ts › records the advice, then only the director decides and only that moves the idea' },
  'gate.log': shows(),
  // The collaboration checklist: a tick changes only what its card's user changed.
  'checklist.show': shows(),
  // (A card that ticks what others have ticked meanwhile changes only what its user changed:
  // agreements.test.ts › a stale card changes only what its user changed; unticking works.)
  'checklist.tick': { tested: `${here} › ${STOPPED_IDEA}` },
  'checklist.send': { tested: 'test/http/checklist.test.ts › only the office, only for a started project with a leader, and only with the card’s own key' },
  // Final treatment (Skate): each step checks the case's stage (finalTreatment.ts, out-of-order).
  'finalTreatment.list': shows(),
  'finalTreatment.form': shows(),
  'finalTreatment.open': { creates: 'a new treatment per form; a measure with one under way now is refused (finalTreatment.test.ts)' },
  'finalTreatment.show': shows(),
  'finalTreatment.feedbackForm': shows(),
  'finalTreatment.feedback': { tested: 'test/http/finalTreatment.test.ts › the office records it; it goes to the measure owner and the director' },
  'finalTreatment.recommend': { tested: 'test/http/finalTreatment.test.ts › the office records it; it goes to the measure owner and the director' },
  'finalTreatment.decide': {
    tested: 'test/http/finalTreatment.test.ts › only the named director decides — not the office — and the decision says whether it follows Skate',
  },
  'finalTreatment.deadline': {
    tested: 'test/http/finalTreatment.test.ts › only the named director decides — not the office — and the decision says whether it follows Skate',
  },
  'finalTreatment.cancel': {
    tested: 'test/http/finalTreatment.test.ts › only the named director decides — not the office — and the decision says whether it follows Skate',
  },
  // Measures and deviations (Digi Rogaland).
  'measure.form': shows(),
  'measure.create': { creates: 'a new measure per form (submission id)' },
  'measure.list': shows(),
  'deviation.form': shows(),
  'deviation.file': { creates: 'a new deviation per form, on a measure the reporter’s party is in now' },
  'deviation.list': shows(),
  'deviation.close': { tested: 'test/http/agreements.test.ts › lists open deviations for the consultation meeting; the office closes them' },
  // Membership: the fee table and the notice are computed from what the form holds, nothing else.
  'fee.form': shows(),
  'fee.compute': { creates: 'the year’s fee table, computed from the form’s own numbers only (nothing the card showed is taken as current)' },
  'notice.show': shows('a computation from the date typed; stores nothing'),
  // Agreement revision (Digi Rogaland §8): each step checks the revision's stage.
  'agreementRevision.list': shows(),
  'agreementRevision.form': shows(),
  'agreementRevision.open': { creates: 'a new revision per form; one under way now is refused' },
  'agreementRevision.show': shows(),
  'agreementRevision.answerForm': shows(),
  'agreementRevision.answer': {
    tested: 'test/http/agreementRevision.test.ts › takes no vote without the steering group’s channel: the hearing closes at its deadline and waits',
  },
  'agreementRevision.close': { creates: 'closes the hearing and opens its vote once; a revision past its hearing is refused on its case card (out-of-order, as answer)' },
  // Roadmap.
  'roadmap.show': shows(),
  'roadmap.add': { creates: 'writes the entry the form holds (the whole entry), for an idea read now: a closed idea is refused' },
  'roadmap.log': shows(),
  'roadmap.revision': shows(),
  'roadmap.propose': { tested: 'test/http/roadmapRevision.test.ts › refuses a member, invalid data and a revision without pending changes elsewhere' },
  'roadmap.withdraw': { tested: 'test/http/roadmapRevision.test.ts › the office withdraws a pending change, and an edit back to the adopted roadmap drops it' },
  // Skate's quarterly samlesak: every step checks the stored case's stage (samlesak.ts).
  'samlesak.show': shows('renders the case as stored now (taking in reports filed since while it is prepared)'),
  'samlesak.measure': shows(),
  'samlesak.assess': { tested: 'test/http/samlesak.test.ts › is fixed once adopted, and Skate and the director may now read it' },
  'samlesak.overall': { tested: 'test/http/samlesak.test.ts › is fixed once adopted, and Skate and the director may now read it' },
  'samlesak.adopt': { tested: 'test/http/samlesak.test.ts › is fixed once adopted, and Skate and the director may now read it' },
  'samlesak.advice': { tested: 'test/http/samlesak.test.ts › records the director’s decision as the director’s, after Skate’s advice; the office may not decide for a named director' },
  'samlesak.decide': { tested: 'test/http/samlesak.test.ts › records the director’s decision as the director’s, after Skate’s advice; the office may not decide for a named director' },
  // Admission of new parties.
  'admission.list': shows(),
  'admission.form': shows(),
  'admission.file': { creates: 'a new application per form (submission id)' },
  'admission.proposeForm': shows(),
  'admission.propose': { tested: 'test/http/admission.test.ts › rejected: a vote against keeps the applicant out' },
  // Confidentiality.
  'audit.show': shows(),
  'nda.form': shows(),
  'nda.record': { creates: 'records a signed agreement as typed, for a person of the programme as it is now' },
  'nda.list': shows(),
  // Sharing outside the programme (seed 000 §6.3): a held share answered once stays answered.
  'share.confirm': { tested: 'test/http/ownPartyShare.test.ts › confirming shares it once, as a message of its own, and the audit log records who, which party, what and where' },
  'share.decline': { tested: 'test/http/ownPartyShare.test.ts › declining shares nothing, and a later confirmation of the same card shares nothing either' },
};

const programme = testProgramme();
const key = { tenantId: TENANT, programmeId: programme.id };
const CHANNEL = '19:styring-stale@thread.tacv2';
const clockNow = Date.UTC(2026, 10, 23, 9);

let service: TestApp;
let chat: ReturnType<typeof conversationWith>;
let ideas: IdeaTable;
let votes: VoteTable;

beforeAll(async () => {
  service = await startTestApp({ programmes: [programme], env: { SAMSPILL_SCHEDULER: 'off' }, now: () => clockNow });
  chat = conversationWith(service, TENANT);
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: service.azurite.connectionString }));
  ideas = new IdeaTable(tables);
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  const linked = await chat.say(people.office, '<at>Samspill</at> link styringsgruppen', {
    conversation: { id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel' },
  });
  expect(linked.text).toContain('is now linked to this channel');
}, 60_000);

afterAll(async () => service?.stop());

async function registered(title: string): Promise<string> {
  const form = actionData(await chat.click(people.member, 'idea.form', { programmeId: programme.id }), 'idea.register');
  const card = await chat.click(people.member, 'idea.register', { ...form, programmeId: programme.id, title, description: 'Felles løsning.', party: 'finans-norge' });
  const number = /([A-Z]+-\d{4}-\d{3})/.exec(cardText(card))?.[1];
  if (!number) throw new Error(`no idea number in ${cardText(card)}`);
  return number;
}

const stop = (number: string) =>
  chat.click(people.office2, 'idea.stop', { programmeId: programme.id, number, lessonsLearned: 'Behovet er dekket av et annet tiltak.' });

/** The idea card as it is now, with the refusal on it (not an error card). */
function expectStoppedCard(card: Card, verb: string) {
  const shown = cardText(card);
  expect(shown, verb).toMatch(/The idea is stopped and cannot be changed\.|That is not possible while the idea is stopped\.|has no decision point that can be put to a vote now/);
  expect(shown, verb).toContain('Stopped');
  expect(shown, verb).not.toContain('That did not work');
}

describe('every verb', () => {
  it('has an entry in the inventory, and the inventory names no verb the service does not answer', () => {
    expect([...service.app.verbNames].sort()).toEqual(Object.keys(inventory).sort());
  });

  it('each test the inventory names exists', () => {
    for (const [verb, entry] of Object.entries(inventory)) {
      if (!('tested' in entry)) continue;
      const [file, title] = entry.tested.split(' › ');
      if (file === here) expect([STOPPED_IDEA, ASSESS], verb).toContain(title);
      else expect(readFileSync(file!, 'utf8'), `${verb}: ${entry.tested}`).toContain(`it('${title!}'`);
    }
  });
});

describe('old cards', () => {
  it(STOPPED_IDEA, async () => {
    const number = await registered('Stanses underveis');
    await chat.click(people.office, 'idea.prioritise', { programmeId: programme.id, number, rank: '1' });
    await chat.click(people.office, 'idea.qualify', { programmeId: programme.id, number, assessment: 'Moden.', recommendation: 'Anbefales til BP1.' });
    // Ola has the card open with its buttons; Siri stops the idea meanwhile.
    const old = await chat.click(people.office, 'idea.show', { programmeId: programme.id, number });
    const proposeForm = actionData(old, 'gate.proposeForm');
    const form = await chat.click(people.office, 'gate.proposeForm', proposeForm);
    const checklist = await chat.click(people.office, 'checklist.show', { programmeId: programme.id, number });
    expect(cardText(await stop(number))).toContain('Stopped');
    const history = await ideas.history(key, number);

    const ref = { programmeId: programme.id, number };
    const deadlineDate = new Date(clockNow + 7 * 86_400_000).toISOString().slice(0, 10);
    const actions: [string, Record<string, unknown>][] = [
      ['idea.prioritise', { ...ref, rank: '2' }],
      ['idea.qualify', { ...ref, assessment: 'Moden.', recommendation: 'Anbefales.' }],
      ['idea.stop', { ...ref, lessonsLearned: 'Stanset igjen fra et gammelt kort.' }],
      ['idea.assignLeader', { ...ref, person: people.chair.aadObjectId }],
      ['idea.recordDispute', { ...ref, subject: 'Kontodata', dataOwner: 'skatteetaten', decision: 'Dataeieren bestemmer.' }],
      ['idea.consumerChoice', { ...ref, dispute: '1', party: 'finans-norge', choice: 'accept' }],
      ['gate.proposeForm', proposeForm],
      ['gate.propose', { ...actionData(form, 'gate.propose'), deadlineDate, deadlineTime: '16:00' }],
    ];
    for (const [verb, data] of actions) expectStoppedCard(await chat.click(people.office, verb, data), verb);
    // The checklist card: a tick from it after the stop is refused on the checklist as it is
    // now, read-only, with why.
    const ticked = await chat.click(people.office, 'checklist.tick', { ...actionData(checklist, 'checklist.tick'), 'item.prinsipp.1': 'true' });
    expect(cardText(ticked)).toContain('The idea is stopped and cannot be changed.');
    expect(JSON.stringify(ticked)).toContain('"style":"attention"');
    expect(() => actionData(ticked, 'checklist.tick')).toThrow();
    expect(cardText(ticked)).toContain('0 of 22 items (0%)');
    // Refused in Norwegian for a Norwegian reader too.
    const nb = cardText(await chat.click(people.office, 'idea.prioritise', { ...ref, rank: '2' }, { locale: 'nb-NO' }));
    expect(nb).toContain('Idéen er stanset og kan ikke endres.');

    // Nothing changed: the history is as the stop left it, and no vote was opened.
    expect(await ideas.history(key, number)).toEqual(history);
    expect(await ideas.get(key, number)).toMatchObject({ status: 'stopped' });
    expect((await votes.list(key)).filter((v) => v.ideaNumber === number)).toEqual([]);
  });

  it(ASSESS, async () => {
    const scores = { 'score.nytteverdi': '4', 'score.gjennomforbarhet': '3', comment: 'Godt forslag.' };
    // Stopped after the office opened the Assess form: the score is refused and not counted.
    const stopped = await registered('Vurderes etter stans');
    const oldStopped = actionData(await chat.click(people.office, 'idea.show', { programmeId: programme.id, number: stopped }), 'idea.assess');
    await stop(stopped);
    const refused = await chat.click(people.office, 'idea.assess', { ...oldStopped, ...scores });
    expectStoppedCard(refused, 'idea.assess');
    expect(cardText(refused)).not.toContain('Your assessment is saved.');
    expect(await ideas.assessments(key, stopped)).toEqual([]);

    // Prioritised after the form was opened: the assessment round for it is over.
    const prioritised = await registered('Vurderes etter prioritering');
    const oldPrioritised = actionData(await chat.click(people.office, 'idea.show', { programmeId: programme.id, number: prioritised }), 'idea.assess');
    await chat.click(people.office2, 'idea.prioritise', { programmeId: programme.id, number: prioritised, rank: '1' });
    const late = cardText(await chat.click(people.office, 'idea.assess', { ...oldPrioritised, ...scores }));
    expect(late).toContain('That is not possible while the idea is prioritised.');
    expect(late).not.toContain('That did not work');
    expect(await ideas.assessments(key, prioritised)).toEqual([]);

    // A fresh card for a registered idea is scored as before.
    const open = await registered('Vurderes nå');
    const form = actionData(await chat.click(people.office, 'idea.show', { programmeId: programme.id, number: open }), 'idea.assess');
    expect(cardText(await chat.click(people.office, 'idea.assess', { ...form, ...scores }))).toContain('Your assessment is saved.');
    expect(await ideas.assessments(key, open)).toHaveLength(1);
  });
});
