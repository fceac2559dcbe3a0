// The yearly revision of the agreement after a hearing (Digi Rogaland §8): who is heard and who
// gets the request, the written answers, when the hearing closes and who may close it, the
// summary the steering group votes on, and the decision recorded once.
import { describe, expect, it } from 'vitest';
import {
  answeringParty,
  closeHearing,
  giveHearingAnswer,
  hearingCloseDue,
  hearingParties,
  hearingSummary,
  markVoting,
  openAgreementRevision,
  partyRepresentatives,
  recordRevisionDecision,
  revisedInYear,
  revisionStage,
  type AgreementRevision,
  type AgreementRevisionProblem,
} from '../../../src/features/agreementRevision/domain/agreementRevision.js';
import { feedbackDueAt, MAX_VERSIONS_PER_ORGANISATION } from '../../../src/shared/feedbackRound.js';
import type { Result } from '../../../src/shared/result.js';
import { crossReferenceProblems } from '../../../src/shared/programme/crossReferences.js';
import { programmeSchema, type Programme } from '../../../src/shared/programme/schema.js';
import { osloTime } from '../../../src/shared/schedule/oslo.js';
import { testProgramme } from '../../support/fixtures.js';

const text = (nb: string, en = nb) => ({ nb, en });

/** Three municipalities (Sola has no seat in the steering group), KS and the county governor. */
function digi(overrides: Partial<Record<string, unknown>> = {}): Programme {
  return programmeSchema.parse({
    ...testProgramme(),
    parties: [
      { id: 'stavanger', name: 'Stavanger', kind: 'kommune' },
      { id: 'ks', name: 'KS Rogaland', kind: 'ks' },
      { id: 'sandnes', name: 'Sandnes', kind: 'kommune' },
      { id: 'statsforvalter', name: 'Statsforvalteren', kind: 'statsforvalter' },
      { id: 'sola', name: 'Sola', kind: 'kommune' },
    ],
    people: [
      { aadObjectId: 'office', name: 'Ola Office', party: 'stavanger', roles: ['office'] },
      { aadObjectId: 'stav-cd', name: 'Kari Stavanger', party: 'stavanger' },
      { aadObjectId: 'stav-2', name: 'Per Stavanger', party: 'stavanger' },
      { aadObjectId: 'sand-cd', name: 'Sara Sandnes', party: 'sandnes' },
      { aadObjectId: 'sola-1', name: 'Siv Sola', party: 'sola' },
      { aadObjectId: 'sola-2', name: 'Sander Sola', party: 'sola' },
      { aadObjectId: 'ks-1', name: 'Knut KS', party: 'ks' },
      { aadObjectId: 'sf-1', name: 'Stine Statsforvalter', party: 'statsforvalter' },
    ],
    bodies: [
      {
        id: 'styringsgruppe',
        name: text('Styringsgruppen'),
        rule: { kind: 'consensus-then-majority' },
        members: ['sand-cd', 'ks-1'],
        chair: 'stav-cd',
        observers: ['sf-1'],
      },
    ],
    agreementRevision: { body: 'styringsgruppe', among: { partyKind: 'kommune' } },
    ...overrides,
  });
}

const programme = digi();
const office = { id: 'office', name: 'Ola Office' };
const at = osloTime('2027-01-11', 10);
const person = (id: string) => ({ id, name: programme.people.find((p) => p.aadObjectId === id)!.name });

function must<T>(r: Result<T, AgreementRevisionProblem>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const open = (input: Partial<{ changes: string; link: string; deadline: string; by: { id: string; name: string } }> = {}, existing: AgreementRevision[] = [], p = programme) =>
  openAgreementRevision(p, existing, 1, { changes: '§4.2: KS får to plasser.', link: '', deadline: '2027-02-05', by: office, at, year: 2027, ...input });
const opened = must(open());

describe('who is heard', () => {
  it('asks the member municipalities (parties of the configured kind), in the file’s order', () => {
    expect(hearingParties(programme, programme.agreementRevision!)).toEqual(['stavanger', 'sandnes', 'sola']);
    expect(opened.organisations).toEqual(['stavanger', 'sandnes', 'sola']);
  });

  it('asks every party when the rule names no kind', () => {
    const all = digi({ agreementRevision: { body: 'styringsgruppe' } });
    expect(hearingParties(all, all.agreementRevision!)).toEqual(['stavanger', 'ks', 'sandnes', 'statsforvalter', 'sola']);
  });

  it('sends the request to the party’s seats in the deciding body, or to all its people when it has none', () => {
    const rule = programme.agreementRevision!;
    expect(partyRepresentatives(programme, rule, 'stavanger')).toEqual([{ id: 'stav-cd', name: 'Kari Stavanger' }]);
    expect(partyRepresentatives(programme, rule, 'sandnes')).toEqual([{ id: 'sand-cd', name: 'Sara Sandnes' }]);
    expect(partyRepresentatives(programme, rule, 'sola').map((p) => p.id)).toEqual(['sola-1', 'sola-2']);
  });

  it('lets anyone of a heard party answer for it, and nobody else', () => {
    expect(answeringParty(programme, opened, 'stav-2')).toBe('stavanger');
    expect(answeringParty(programme, opened, 'ks-1')).toBeUndefined();
    expect(answeringParty(programme, opened, 'sf-1')).toBeUndefined();
  });
});

describe('the programme file', () => {
  const reminder = { id: 'avtalerevisjon', name: text('Årlig revisjon'), kind: 'agreement-revision', cadence: { kind: 'yearly', month: 1 }, recipients: 'office', deadlineBusinessDays: 20 };
  const problems = (p: Programme) => crossReferenceProblems(p).filter((x) => x.path[0] === 'agreementRevision' || x.path[0] === 'schedules');

  it('refuses a deciding body that does not exist, and a yearly reminder without the rule', () => {
    expect(problems(digi({ schedules: [reminder] }))).toEqual([]);
    expect(problems(digi({ agreementRevision: { body: 'topplederforum' } }))).toEqual([{ path: ['agreementRevision', 'body'], message: 'unknown body "topplederforum"' }]);
    expect(problems(digi({ agreementRevision: undefined, schedules: [reminder] }))).toEqual([
      { path: ['schedules', 0, 'kind'], message: 'schedule "avtalerevisjon" reminds of the agreement revision, but the programme has no "agreementRevision"' },
    ]);
  });
});

describe('opening', () => {
  it.each([
    ['not the office', { by: person('stav-cd') }, { code: 'not-allowed', action: 'open', needs: 'office' }],
    ['no changes', { changes: '  ' }, { code: 'invalid', field: 'changes' }],
    ['changes too long', { changes: 'x'.repeat(4001) }, { code: 'invalid', field: 'changes' }],
    ['a link that is not https', { link: 'ftp://x' }, { code: 'invalid', field: 'link' }],
    ['a deadline today', { deadline: '2027-01-11' }, { code: 'deadline-not-in-future', deadline: '2027-01-11' }],
    ['a deadline that is not a date', { deadline: 'fredag' }, { code: 'invalid', field: 'deadline' }],
  ])('refuses %s', (_what, input, problem) => {
    expect(open(input)).toEqual({ ok: false, error: problem });
  });

  it('refuses a programme without the rule, and one with no party to hear', () => {
    expect(open({}, [], digi({ agreementRevision: undefined }))).toEqual({ ok: false, error: { code: 'no-agreement-revision' } });
    const none = digi({ agreementRevision: { body: 'styringsgruppe', among: { partyKind: 'fylke' } } });
    expect(open({}, [], none)).toEqual({ ok: false, error: { code: 'no-parties-to-hear' } });
  });

  it('keeps one revision under way at a time; a decided one may be followed', () => {
    expect(open({}, [opened])).toEqual({ ok: false, error: { code: 'revision-under-way', id: 'A-001' } });
    const closed = must(closeHearing(programme, opened, { by: office, at: at + 1 })).revision;
    expect(open({}, [closed])).toMatchObject({ ok: false, error: { code: 'revision-under-way' } });
    const decided = must(recordRevisionDecision(closed, { adopted: false, voteId: 'v1', by: office, at: at + 2 })).revision;
    expect(must(open({}, [decided])).id).toBe('A-001');
  });

  it('records the opening in the history', () => {
    expect(opened).toMatchObject({ id: 'A-001', year: 2027, body: 'styringsgruppe', deadline: '2027-02-05', feedback: [] });
    expect(opened.history).toEqual([{ at, by: office, event: { kind: 'opened', deadline: '2027-02-05', organisations: ['stavanger', 'sandnes', 'sola'] } }]);
    expect(revisionStage(opened)).toBe('hearing');
  });
});

describe('answers', () => {
  const answer = (r: AgreementRevision, who: string, words: string, when = at + 1000) => giveHearingAnswer(programme, r, { text: words, by: person(who), at: when });

  it('keeps every version; the latest is the party’s answer; the same text again changes nothing', () => {
    let r = must(answer(opened, 'stav-cd', 'Vi støtter endringen.')).revision;
    const again = must(answer(r, 'stav-2', '  Vi  støtter endringen. '));
    expect(again.changed).toBe(false);
    r = must(answer(r, 'stav-2', 'Vi støtter endringen, med et forbehold.')).revision;
    expect(r.feedback.map((f) => [f.party, f.version, f.by.id])).toEqual([
      ['stavanger', 1, 'stav-cd'],
      ['stavanger', 2, 'stav-2'],
    ]);
    expect(hearingSummary(r).answers.map((a) => a.version.text)).toEqual(['Vi støtter endringen, med et forbehold.']);
    expect(r.history.at(-1)?.event).toEqual({ kind: 'answer', party: 'stavanger', version: 2, late: false });
  });

  it('marks an answer after the deadline day late, and takes none once the hearing is closed', () => {
    const late = must(answer(opened, 'sola-2', 'Sent svar.', feedbackDueAt(opened) + 1));
    expect(late.version.late).toBe(true);
    const closed = must(closeHearing(programme, opened, { by: office, at: at + 1 })).revision;
    expect(answer(closed, 'sola-1', 'For sent.')).toEqual({ ok: false, error: { code: 'out-of-order', action: 'answer', stage: 'closed' } });
  });

  it('refuses a party that was not heard, an empty answer and too many versions', () => {
    expect(answer(opened, 'ks-1', 'KS mener…')).toEqual({ ok: false, error: { code: 'not-allowed', action: 'answer', needs: 'heard-party' } });
    expect(answer(opened, 'sand-cd', ' ')).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    let r = opened;
    for (let i = 0; i < MAX_VERSIONS_PER_ORGANISATION; i++) r = must(answer(r, 'sand-cd', `versjon ${i}`)).revision;
    expect(answer(r, 'sand-cd', 'én til')).toEqual({ ok: false, error: { code: 'too-many-versions', party: 'sandnes', max: MAX_VERSIONS_PER_ORGANISATION } });
  });
});

describe('closing the hearing', () => {
  it('is due only after the deadline day has passed', () => {
    expect(hearingCloseDue(opened, feedbackDueAt(opened))).toBe(false);
    expect(hearingCloseDue(opened, feedbackDueAt(opened) + 1)).toBe(true);
  });

  it('Samspill closes it after the deadline, not before; the office may close it early', () => {
    const samspill = { id: 'samspill', name: 'Samspill' };
    expect(closeHearing(programme, opened, { by: samspill, at, system: true })).toMatchObject({ ok: false, error: { code: 'out-of-order' } });
    const byDeadline = must(closeHearing(programme, opened, { by: samspill, at: feedbackDueAt(opened) + 1, system: true })).revision;
    expect(byDeadline.hearingClosed).toMatchObject({ early: false, missing: ['stavanger', 'sandnes', 'sola'] });
    const early = must(closeHearing(programme, opened, { by: office, at: at + 1 })).revision;
    expect(early.history.at(-1)?.event).toEqual({ kind: 'hearing-closed', missing: ['stavanger', 'sandnes', 'sola'], early: true });
    expect(revisionStage(early)).toBe('closed');
  });

  it('refuses anyone but the office; closing twice changes nothing', () => {
    expect(closeHearing(programme, opened, { by: person('stav-cd'), at })).toEqual({ ok: false, error: { code: 'not-allowed', action: 'close', needs: 'office' } });
    const closed = must(closeHearing(programme, opened, { by: office, at: at + 1 })).revision;
    expect(must(closeHearing(programme, closed, { by: office, at: at + 2 })).changed).toBe(false);
  });
});

describe('the summary and the decision', () => {
  const r1 = must(giveHearingAnswer(programme, opened, { text: 'Ja.', by: person('sand-cd'), at: at + 1 })).revision;
  const r2 = must(giveHearingAnswer(programme, r1, { text: 'Nei.', by: person('stav-cd'), at: feedbackDueAt(opened) + 5 })).revision;

  it('lists the answers in the order the parties were asked, the late ones and who is missing', () => {
    const summary = hearingSummary(r2);
    expect(summary.asked).toBe(3);
    expect(summary.answers.map((a) => [a.party, a.version.text, a.version.late])).toEqual([
      ['stavanger', 'Nei.', true],
      ['sandnes', 'Ja.', false],
    ]);
    expect(summary.missing).toEqual(['sola']);
    expect(summary.late).toBe(1);
  });

  it('moves to voting, then records the decision once for its vote', () => {
    const closed = must(closeHearing(programme, r2, { by: office, at: at + 10 })).revision;
    expect(markVoting(opened, 'v1', office, at)).toMatchObject({ ok: false, error: { code: 'out-of-order', action: 'vote', stage: 'hearing' } });
    const voting = must(markVoting(closed, 'v1', office, at + 11)).revision;
    expect(revisionStage(voting)).toBe('voting');
    expect(must(markVoting(voting, 'v1', office, at + 12)).changed).toBe(false);
    const adopted = must(recordRevisionDecision(voting, { adopted: true, voteId: 'v1', by: office, at: at + 20 })).revision;
    expect(revisionStage(adopted)).toBe('adopted');
    expect(adopted.history.map((h) => h.event.kind)).toEqual(['opened', 'answer', 'answer', 'hearing-closed', 'voting', 'decided']);
    expect(must(recordRevisionDecision(adopted, { adopted: true, voteId: 'v1', by: office, at: at + 30 })).changed).toBe(false);
    expect(recordRevisionDecision(adopted, { adopted: false, voteId: 'v2', by: office, at: at + 30 })).toMatchObject({ ok: false });
    expect(recordRevisionDecision(opened, { adopted: true, voteId: 'v1', by: office, at })).toMatchObject({ ok: false, error: { code: 'out-of-order', stage: 'hearing' } });
  });

  it('knows whether the year’s revision was opened', () => {
    expect(revisedInYear([opened], 2027)).toBe(true);
    expect(revisedInYear([opened], 2028)).toBe(false);
  });
});
