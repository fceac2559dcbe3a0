// Final treatment of a measure (seed 004 §6): who is asked, the written feedback round, Skate's
// recommendation, the director's decision, the history, and when the round is chased.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adviceBody,
  answeringOrganisation,
  cancelFinalTreatment,
  changeDeadline,
  chaseEventDue,
  currentFeedback,
  decisionRight,
  defaultDeadline,
  feedbackDueAt,
  giveFeedback,
  compareTreatments,
  MAX_VERSIONS_PER_ORGANISATION,
  PART_MAX,
  REQUEST_MAX,
  TEXT_MAX,
  memberOrganisations,
  openFinalTreatment,
  organisationMembers,
  outstandingOrganisations,
  recordDecision,
  recordRecommendation,
  roundOver,
  stageOf,
  type FinalTreatment,
  type FinalTreatmentProblem,
  type Step,
  type Verdict,
} from '../../../src/features/measures/domain/finalTreatment.js';
import type { Measure } from '../../../src/features/measures/domain/measures.js';
import type { Result } from '../../../src/shared/result.js';
import { programmeSchema, type Programme } from '../../../src/shared/programme/schema.js';
import { addBusinessDays, businessMorning, isBusinessDay } from '../../../src/shared/schedule/businessDays.js';
import { osloDate, osloTime } from '../../../src/shared/schedule/oslo.js';
import { testProgramme } from '../../support/fixtures.js';

const text = (nb: string, en = nb) => ({ nb, en });
const director = text('Difis direktør', 'The Director of Difi');

/** Skate: three member organisations (Digdir has only an observer), a secretary who is not a
 * member, a Nav colleague outside the body, and a named director. */
function skate(decidedBy: { person?: string; title: typeof director } = { person: 'aad-director', title: director }): Programme {
  return programmeSchema.parse({
    ...testProgramme(),
    id: 'skate',
    name: 'Skate',
    parties: [
      { id: 'skatteetaten', name: 'Skatteetaten', tenantIds: ['t'] },
      { id: 'finans-norge', name: 'Finans Norge', tenantIds: ['t'] },
      { id: 'digdir', name: 'Digdir', tenantIds: ['t'] },
      { id: 'nav', name: 'NAV', tenantIds: ['t'] },
    ],
    people: [
      { aadObjectId: 'aad-office', name: 'Ola Office', party: 'digdir', roles: ['office'] },
      { aadObjectId: 'aad-chair', name: 'Kari Chair', party: 'skatteetaten' },
      { aadObjectId: 'aad-member', name: 'Per Member', party: 'finans-norge' },
      { aadObjectId: 'aad-observer', name: 'Oda Observer', party: 'digdir' },
      { aadObjectId: 'aad-nav', name: 'Nina Nav', party: 'nav' },
      { aadObjectId: 'aad-nav2', name: 'Nils Nav', party: 'nav' },
      { aadObjectId: 'aad-director', name: 'Dina Direktør', party: 'digdir' },
    ],
    bodies: [
      {
        id: 'skate',
        name: text('Skate'),
        rule: { kind: 'consensus' },
        members: ['aad-nav', 'aad-member', 'aad-chair'],
        chair: 'aad-chair',
        observers: ['aad-observer'],
        secretary: 'aad-office',
        decidedBy,
      },
      { id: 'au', name: text('AU'), rule: { kind: 'consensus' }, members: ['aad-observer'] },
    ],
  });
}

const programme = skate();
const noNamedDirector = skate({ title: director });
const office = { id: 'aad-office', name: 'Ola Office' };
const person = (id: string) => ({ id, name: programme.people.find((p) => p.aadObjectId === id)?.name ?? id });
const measure: Measure = {
  id: 'T-003',
  title: 'Felles datakatalog',
  description: '',
  owners: ['aad-member'],
  parties: ['finans-norge'],
  createdBy: office,
  createdAt: 0,
};

// Opened Monday 2 November 2026, deadline Friday 20 November.
const opened = osloTime('2026-11-02', 10);
const beforeDeadline = osloTime('2026-11-20', 23, 59);
const afterDeadline = osloTime('2026-11-21', 0, 1);

function must<T>(result: Result<T, FinalTreatmentProblem>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const open = (p: Programme = programme, over: Partial<Parameters<typeof openFinalTreatment>[4]> = {}, existing: FinalTreatment[] = [], sequence = 1) =>
  openFinalTreatment(p, measure, existing, sequence, { part: '', request: 'Sluttrapporten ligger på samhandlingsområdet.', deadline: '2026-11-20', by: office, at: opened, ...over });
const fresh = (p: Programme = programme) => must(open(p));
const answer = (t: FinalTreatment, who: string, words: string, at = opened + 1000, p = programme) => giveFeedback(p, t, { text: words, by: person(who), at });
const answered = (t: FinalTreatment, who: string, words: string, at = opened + 1000, p = programme) => must(answer(t, who, words, at, p)).treatment;
const recommendation = (over: Partial<Parameters<typeof recordRecommendation>[2]> = {}) => ({
  verdict: 'in-accordance' as Verdict,
  consensus: true,
  text: 'Skate anbefaler at tiltaket godkjennes.',
  auTreatment: 'AU 12.11.',
  by: office,
  at: afterDeadline,
  ...over,
});
const allAnswered = (p = programme) => ['aad-chair', 'aad-member', 'aad-nav'].reduce((t, who) => answered(t, who, `Svar fra ${who}`, opened + 1000, p), fresh(p));
const recommended = (p = programme, verdict: Verdict = 'in-accordance') => must(recordRecommendation(p, allAnswered(p), recommendation({ verdict }))).treatment;

describe('who is asked', () => {
  it('Skate is the body with a director deciding on its advice; the organisations are its members’ parties', () => {
    expect(adviceBody(programme)?.id).toBe('skate');
    // In the programme's party order; Digdir has only an observer (and the secretary), so it is not asked.
    expect(memberOrganisations(programme, adviceBody(programme)!)).toEqual(['skatteetaten', 'finans-norge', 'nav']);
    expect(organisationMembers(programme, adviceBody(programme)!, 'nav')).toEqual([{ id: 'aad-nav', name: 'Nina Nav' }]);
    expect(organisationMembers(programme, adviceBody(programme)!, 'digdir')).toEqual([]);
  });

  it('a programme with no advisory body has no final treatment', () => {
    const dsop = testProgramme();
    expect(adviceBody(dsop)).toBeUndefined();
    expect(open(dsop)).toEqual({ ok: false, error: { code: 'no-advice-body' } });
  });

  it('a body with no members has nobody to ask', () => {
    const empty = programmeSchema.parse({ ...programme, bodies: [{ ...programme.bodies[0]!, members: [], chair: undefined }] });
    expect(open(empty)).toEqual({ ok: false, error: { code: 'no-organisations', body: 'skate' } });
  });

  it('anyone of an asked organisation answers for it, also a colleague outside the body; nobody else', () => {
    const t = fresh();
    expect(answeringOrganisation(programme, t, 'aad-nav2')).toBe('nav');
    expect(answeringOrganisation(programme, t, 'aad-observer')).toBeUndefined();
    expect(answeringOrganisation(programme, t, 'aad-office')).toBeUndefined();
    expect(answeringOrganisation(programme, t, 'aad-nobody')).toBeUndefined();
  });
});

describe('opening the round', () => {
  it('the office opens it with a deadline; the first history entry says who, when and what', () => {
    const t = fresh();
    expect(t).toMatchObject({ id: 'S-001', measureId: 'T-003', part: '', body: 'skate', deadline: '2026-11-20', organisations: ['skatteetaten', 'finans-norge', 'nav'], feedback: [] });
    expect(t.history).toEqual([{ at: opened, by: office, event: { kind: 'opened', deadline: '2026-11-20', organisations: ['skatteetaten', 'finans-norge', 'nav'], part: '' } }]);
    expect(stageOf(t)).toBe('feedback');
    expect(must(open(programme, {}, [], 12)).id).toBe('S-012');
  });

  it('only the office opens it', () => {
    for (const who of ['aad-chair', 'aad-director', 'aad-nobody']) {
      expect(open(programme, { by: person(who) })).toEqual({ ok: false, error: { code: 'not-allowed', action: 'open', needs: 'office' } });
    }
  });

  it('needs a request and a deadline after today, within a year', () => {
    expect(open(programme, { request: '  ' })).toMatchObject({ error: { code: 'invalid', field: 'request' } });
    expect(open(programme, { request: 'x'.repeat(2001) })).toMatchObject({ error: { code: 'invalid', field: 'request' } });
    expect(open(programme, { part: 'x'.repeat(201) })).toMatchObject({ error: { code: 'invalid', field: 'part' } });
    expect(open(programme, { deadline: '2026-02-30' })).toMatchObject({ error: { code: 'invalid', field: 'deadline' } });
    expect(open(programme, { deadline: 'fredag' })).toMatchObject({ error: { code: 'invalid', field: 'deadline' } });
    expect(open(programme, { deadline: '2026-11-02' })).toEqual({ ok: false, error: { code: 'deadline-not-in-future', deadline: '2026-11-02' } });
    expect(open(programme, { deadline: '2026-10-30' })).toMatchObject({ error: { code: 'deadline-not-in-future' } });
    expect(open(programme, { deadline: '2026-11-03' }).ok).toBe(true);
    expect(open(programme, { deadline: '2027-11-03' }).ok).toBe(true);
    expect(open(programme, { deadline: '2027-11-04' })).toEqual({ ok: false, error: { code: 'deadline-too-far', deadline: '2027-11-04', latest: '2027-11-03' } });
    // Late on 2 November in Oslo is still 2 November (UTC would already say the 3rd in summer time).
    expect(open(programme, { deadline: '2026-11-02', at: osloTime('2026-11-02', 23, 30) })).toMatchObject({ error: { code: 'deadline-not-in-future' } });
  });

  it('suggests ten business days from today', () => {
    expect(defaultDeadline(opened)).toBe('2026-11-16');
    expect(isBusinessDay(defaultDeadline(osloTime('2026-12-18', 10)))).toBe(true);
  });

  it('one treatment of the same measure (or part) at a time; a part (§6.2) is its own; a new one after the last is decided or cancelled', () => {
    const first = fresh();
    expect(open(programme, {}, [first], 2)).toEqual({ ok: false, error: { code: 'already-open', id: 'S-001' } });
    const part = must(open(programme, { part: 'Pilot i NAV' }, [first], 2));
    expect(part.part).toBe('Pilot i NAV');
    expect(open(programme, { part: ' pilot i nav ' }, [first, part], 3)).toEqual({ ok: false, error: { code: 'already-open', id: 'S-002' } });
    expect(open(programme, {}, [{ ...first, measureId: 'T-009' }], 2).ok).toBe(true);
    const cancelled = must(cancelFinalTreatment(programme, first, { reason: 'Feil tiltak.', by: office, at: opened + 1 })).treatment;
    expect(open(programme, {}, [cancelled], 2).ok).toBe(true);
    expect(open(programme, {}, [recommended()], 2)).toMatchObject({ error: { code: 'already-open' } });
    const decided = must(recordDecision(programme, recommended(), { verdict: 'in-accordance', text: 'OK.', by: person('aad-director'), at: afterDeadline + 1 })).treatment;
    expect(open(programme, {}, [decided], 2).ok).toBe(true);
  });
});

describe('written feedback', () => {
  it('one answer per organisation; a later one replaces it; every version is kept', () => {
    let t = answered(fresh(), 'aad-nav', 'Første svar.');
    t = answered(t, 'aad-nav2', 'Andre svar, fra en kollega.', opened + 2000);
    const nav = currentFeedback(t).get('nav');
    expect(nav).toMatchObject({ party: 'nav', version: 2, text: 'Andre svar, fra en kollega.', by: { id: 'aad-nav2' }, late: false });
    expect(t.feedback.map((f) => [f.party, f.version, f.text])).toEqual([
      ['nav', 1, 'Første svar.'],
      ['nav', 2, 'Andre svar, fra en kollega.'],
    ]);
    expect(t.history.slice(1).map((h) => h.event)).toEqual([
      { kind: 'feedback', party: 'nav', version: 1, late: false },
      { kind: 'feedback', party: 'nav', version: 2, late: false },
    ]);
    expect(outstandingOrganisations(t)).toEqual(['skatteetaten', 'finans-norge']);
  });

  it('the same text again changes nothing (a double click)', () => {
    const t = answered(fresh(), 'aad-nav', 'Svar.');
    const again = must(answer(t, 'aad-nav', '  Svar. ', opened + 5000));
    expect(again.changed).toBe(false);
    expect(again.treatment).toBe(t);
    expect(again.version.version).toBe(1);
  });

  it('refuses people of organisations not asked, and blank or too long text', () => {
    const t = fresh();
    for (const who of ['aad-observer', 'aad-office', 'aad-director', 'aad-nobody']) {
      expect(answer(t, who, 'Svar.')).toEqual({ ok: false, error: { code: 'not-allowed', action: 'feedback', needs: 'asked-organisation' } });
    }
    expect(answer(t, 'aad-nav', ' ')).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    expect(answer(t, 'aad-nav', 'x'.repeat(4001))).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    expect(answer(t, 'aad-nav', 'x'.repeat(4000)).ok).toBe(true);
  });

  it('an answer after the deadline day is accepted and marked late, until the recommendation', () => {
    expect(must(answer(fresh(), 'aad-nav', 'Svar.', beforeDeadline)).version.late).toBe(false);
    const late = must(answer(fresh(), 'aad-nav', 'Svar.', afterDeadline));
    expect(late.version.late).toBe(true);
    expect(late.treatment.history.at(-1)?.event).toEqual({ kind: 'feedback', party: 'nav', version: 1, late: true });
    const closed = must(recordRecommendation(programme, fresh(), recommendation())).treatment;
    expect(answer(closed, 'aad-nav', 'For sent.', afterDeadline + 5000)).toEqual({ ok: false, error: { code: 'out-of-order', action: 'feedback', stage: 'recommended' } });
    const cancelled = must(cancelFinalTreatment(programme, fresh(), { reason: 'Feil.', by: office, at: opened + 1 })).treatment;
    expect(answer(cancelled, 'aad-nav', 'Svar.')).toMatchObject({ error: { code: 'out-of-order', stage: 'cancelled' } });
  });

  it(`at most ${MAX_VERSIONS_PER_ORGANISATION} versions per organisation`, () => {
    let t = fresh();
    for (let i = 1; i <= MAX_VERSIONS_PER_ORGANISATION; i++) t = answered(t, 'aad-member', `Versjon ${i}`, opened + i);
    expect(answer(t, 'aad-member', 'En til')).toEqual({ ok: false, error: { code: 'too-many-versions', party: 'finans-norge', max: MAX_VERSIONS_PER_ORGANISATION } });
    expect(answer(t, 'aad-nav', 'Andre kan fortsatt svare').ok).toBe(true);
  });
});

describe('moving the deadline', () => {
  it('the office moves it while the round is open; the history says from and to', () => {
    const moved = must(changeDeadline(programme, fresh(), { deadline: '2026-11-27', by: office, at: opened + 1 }));
    expect(moved.treatment.deadline).toBe('2026-11-27');
    expect(moved.treatment.history.at(-1)).toEqual({ at: opened + 1, by: office, event: { kind: 'deadline-changed', from: '2026-11-20', to: '2026-11-27' } });
    expect(must(changeDeadline(programme, fresh(), { deadline: '2026-11-20', by: office, at: opened + 1 })).changed).toBe(false);
    expect(changeDeadline(programme, fresh(), { deadline: '2026-11-27', by: person('aad-chair'), at: opened })).toMatchObject({ error: { code: 'not-allowed', needs: 'office' } });
    expect(changeDeadline(programme, fresh(), { deadline: '2026-11-02', by: office, at: opened })).toMatchObject({ error: { code: 'deadline-not-in-future' } });
    expect(changeDeadline(programme, recommended(), { deadline: '2026-12-20', by: office, at: afterDeadline })).toMatchObject({ error: { code: 'out-of-order', stage: 'recommended' } });
  });

  it('reopens a round that was over: the recommendation waits for the new deadline', () => {
    const t = must(changeDeadline(programme, fresh(), { deadline: '2026-11-27', by: office, at: afterDeadline })).treatment;
    expect(roundOver(t, afterDeadline)).toBe(false);
    expect(recordRecommendation(programme, t, recommendation())).toMatchObject({ error: { code: 'feedback-round-open' } });
  });
});

describe("Skate's recommendation", () => {
  it('waits for the deadline while organisations are missing, and says who', () => {
    const t = answered(fresh(), 'aad-nav', 'Svar.');
    expect(recordRecommendation(programme, t, recommendation({ at: beforeDeadline }))).toEqual({
      ok: false,
      error: { code: 'feedback-round-open', outstanding: ['skatteetaten', 'finans-norge'], deadline: '2026-11-20' },
    });
  });

  it('may be recorded before the deadline once everyone has answered', () => {
    const t = must(recordRecommendation(programme, allAnswered(), recommendation({ at: opened + 5000 }))).treatment;
    expect(t.recommendation).toMatchObject({ verdict: 'in-accordance', consensus: true, missing: [], auTreatment: 'AU 12.11.' });
    expect(stageOf(t)).toBe('recommended');
  });

  it('after the deadline records who never answered', () => {
    const t = must(recordRecommendation(programme, answered(fresh(), 'aad-nav', 'Svar.'), recommendation({ consensus: false, verdict: 'not-in-accordance' }))).treatment;
    expect(t.recommendation).toMatchObject({ verdict: 'not-in-accordance', consensus: false, missing: ['skatteetaten', 'finans-norge'], by: office, at: afterDeadline });
    expect(t.history.at(-1)?.event).toEqual({ kind: 'recommended', verdict: 'not-in-accordance', consensus: false, missing: ['skatteetaten', 'finans-norge'] });
  });

  it('only the office records it, once, with a text', () => {
    for (const who of ['aad-chair', 'aad-director']) {
      expect(recordRecommendation(programme, allAnswered(), recommendation({ by: person(who) }))).toMatchObject({ error: { code: 'not-allowed', action: 'recommend', needs: 'office' } });
    }
    expect(recordRecommendation(programme, allAnswered(), recommendation({ text: ' ' }))).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    expect(recordRecommendation(programme, allAnswered(), recommendation({ auTreatment: 'x'.repeat(4001) }))).toEqual({ ok: false, error: { code: 'invalid', field: 'auTreatment' } });
    expect(recordRecommendation(programme, recommended(), recommendation())).toEqual({ ok: false, error: { code: 'out-of-order', action: 'recommend', stage: 'recommended' } });
  });
});

describe("the director's final decision", () => {
  const decision = (over: Partial<Parameters<typeof recordDecision>[2]> = {}) => ({ verdict: 'in-accordance' as Verdict, text: 'Godkjent.', by: person('aad-director'), at: afterDeadline + 1000, ...over });

  it('comes after the recommendation, and says whether it follows it', () => {
    expect(recordDecision(programme, allAnswered(), decision())).toEqual({ ok: false, error: { code: 'out-of-order', action: 'decide', stage: 'feedback' } });
    const follows = must(recordDecision(programme, recommended(), decision())).treatment;
    expect(follows.decision).toEqual({ verdict: 'in-accordance', text: 'Godkjent.', followsRecommendation: true, onBehalf: false, by: person('aad-director'), at: afterDeadline + 1000 });
    expect(stageOf(follows)).toBe('decided');
    const departs = must(recordDecision(programme, recommended(), decision({ verdict: 'not-in-accordance' }))).treatment;
    expect(departs.decision?.followsRecommendation).toBe(false);
    expect(departs.history.at(-1)?.event).toEqual({ kind: 'decided', verdict: 'not-in-accordance', followsRecommendation: false, onBehalf: false });
    expect(recordDecision(programme, follows, decision())).toEqual({ ok: false, error: { code: 'out-of-order', action: 'decide', stage: 'decided' } });
  });

  it('only the named director decides when the programme names one — not the office', () => {
    for (const who of ['aad-office', 'aad-chair', 'aad-nobody']) {
      expect(recordDecision(programme, recommended(), decision({ by: person(who) }))).toEqual({ ok: false, error: { code: 'not-allowed', action: 'decide', needs: 'decider' } });
    }
    expect(decisionRight(programme, adviceBody(programme)!, 'aad-director')).toBe('director');
    expect(decisionRight(programme, adviceBody(programme)!, 'aad-office')).toBeUndefined();
  });

  it('the office decides on the director’s behalf when nobody is named, and that is recorded', () => {
    const p = noNamedDirector;
    expect(decisionRight(p, adviceBody(p)!, 'aad-office')).toBe('office-on-behalf');
    expect(decisionRight(p, adviceBody(p)!, 'aad-director')).toBeUndefined();
    expect(recordDecision(p, recommended(p), decision())).toMatchObject({ error: { code: 'not-allowed', needs: 'decider' } });
    const t = must(recordDecision(p, recommended(p), decision({ by: office }))).treatment;
    expect(t.decision).toMatchObject({ onBehalf: true, by: office });
  });

  it('needs a text, and a body that still exists', () => {
    expect(recordDecision(programme, recommended(), decision({ text: '' }))).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    const gone = programmeSchema.parse({ ...programme, bodies: programme.bodies.filter((b) => b.id !== 'skate') });
    expect(recordDecision(gone, recommended(), decision())).toEqual({ ok: false, error: { code: 'no-advice-body' } });
  });
});

describe('cancelling', () => {
  it('the office cancels a treatment under way with a reason; then nothing more happens in it', () => {
    const t = must(cancelFinalTreatment(programme, recommended(), { reason: 'Feil tiltak.', by: office, at: afterDeadline + 1 })).treatment;
    expect(stageOf(t)).toBe('cancelled');
    expect(t.history.at(-1)?.event).toEqual({ kind: 'cancelled', reason: 'Feil tiltak.' });
    expect(recordDecision(programme, t, { verdict: 'in-accordance', text: 'x', by: person('aad-director'), at: afterDeadline + 2 })).toMatchObject({ error: { code: 'out-of-order', stage: 'cancelled' } });
    expect(cancelFinalTreatment(programme, t, { reason: 'Igjen.', by: office, at: afterDeadline + 3 })).toMatchObject({ error: { code: 'out-of-order', stage: 'cancelled' } });
    expect(cancelFinalTreatment(programme, fresh(), { reason: ' ', by: office, at: opened })).toEqual({ ok: false, error: { code: 'invalid', field: 'reason' } });
    expect(cancelFinalTreatment(programme, fresh(), { reason: 'x', by: person('aad-chair'), at: opened })).toMatchObject({ error: { code: 'not-allowed', needs: 'office' } });
    const decided = must(recordDecision(programme, recommended(), { verdict: 'in-accordance', text: 'x', by: person('aad-director'), at: afterDeadline + 2 })).treatment;
    expect(cancelFinalTreatment(programme, decided, { reason: 'x', by: office, at: afterDeadline + 3 })).toMatchObject({ error: { code: 'out-of-order', stage: 'decided' } });
  });
});

describe('chasing the round (like reports)', () => {
  // Opened Mon 2 Nov, deadline Fri 20 Nov. Opened in each test, not when the file is collected:
  // a broken openFinalTreatment must fail these tests, not stop the file from loading (which the
  // mutation run would count as a surviving mutant).
  const at = (date: string, hour: number, minute = 0) => chaseEventDue(fresh(), osloTime(date, hour, minute));

  it('reminds 3 and 1 business days before the deadline at 09:00, then escalates the business day after', () => {
    expect(at('2026-11-02', 10)).toBeUndefined();
    expect(at('2026-11-17', 8, 59)).toBeUndefined();
    expect(at('2026-11-17', 9)).toEqual({ kind: 'remind', businessDaysBefore: 3, at: osloTime('2026-11-17', 9) });
    expect(at('2026-11-18', 15)).toMatchObject({ kind: 'remind', businessDaysBefore: 3 });
    expect(at('2026-11-19', 9)).toEqual({ kind: 'remind', businessDaysBefore: 1, at: osloTime('2026-11-19', 9) });
    expect(at('2026-11-20', 23, 59)).toMatchObject({ kind: 'remind', businessDaysBefore: 1 });
    // Saturday and Sunday after the deadline: not yet escalated; Monday 09:00 it is.
    expect(at('2026-11-22', 12)).toMatchObject({ kind: 'remind', businessDaysBefore: 1 });
    expect(at('2026-11-23', 9)).toEqual({ kind: 'overdue', at: osloTime('2026-11-23', 9) });
    expect(at('2027-03-01', 9)).toMatchObject({ kind: 'overdue' });
  });

  it('skips public holidays (Ascension Day 2026 is Thursday 14 May)', () => {
    const may = must(open(programme, { deadline: '2026-05-18', at: osloTime('2026-05-04', 10) }));
    expect(chaseEventDue(may, osloTime('2026-05-12', 9))).toMatchObject({ kind: 'remind', businessDaysBefore: 3 });
    expect(chaseEventDue(may, osloTime('2026-05-14', 12))).toMatchObject({ kind: 'remind', businessDaysBefore: 3 });
    expect(chaseEventDue(may, osloTime('2026-05-15', 9))).toMatchObject({ kind: 'remind', businessDaysBefore: 1 });
    expect(chaseEventDue(may, osloTime('2026-05-19', 9))).toMatchObject({ kind: 'overdue' });
  });

  it('no reminder on or before the day the round opened (the request itself went out then)', () => {
    const short = must(open(programme, { deadline: '2026-11-20', at: osloTime('2026-11-19', 8) }));
    expect(chaseEventDue(short, osloTime('2026-11-19', 9))).toBeUndefined();
    expect(chaseEventDue(short, osloTime('2026-11-23', 9))).toMatchObject({ kind: 'overdue' });
  });

  it('stops once the recommendation is recorded or the treatment is cancelled', () => {
    expect(chaseEventDue(recommended(), osloTime('2026-11-23', 9))).toBeUndefined();
    const cancelled = must(cancelFinalTreatment(programme, fresh(), { reason: 'x', by: office, at: opened })).treatment;
    expect(chaseEventDue(cancelled, osloTime('2026-11-19', 9))).toBeUndefined();
  });

  it('follows a moved deadline', () => {
    const moved = must(changeDeadline(programme, fresh(), { deadline: '2026-11-27', by: office, at: opened })).treatment;
    expect(chaseEventDue(moved, osloTime('2026-11-23', 9))).toBeUndefined();
    expect(chaseEventDue(moved, osloTime('2026-11-24', 9))).toMatchObject({ kind: 'remind', businessDaysBefore: 3 });
    expect(chaseEventDue(moved, osloTime('2026-11-30', 9))).toMatchObject({ kind: 'overdue' });
  });
});

describe('properties', () => {
  type Op =
    | { kind: 'feedback'; who: string; text: string }
    | { kind: 'deadline'; who: string; days: number }
    | { kind: 'recommend'; who: string; verdict: Verdict }
    | { kind: 'decide'; who: string; verdict: Verdict }
    | { kind: 'cancel'; who: string };
  const people = ['aad-office', 'aad-chair', 'aad-member', 'aad-nav', 'aad-nav2', 'aad-observer', 'aad-director', 'aad-nobody'];
  const who = fc.constantFrom(...people);
  const verdict = fc.constantFrom<Verdict>('in-accordance', 'not-in-accordance');
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('feedback' as const), who, text: fc.constantFrom('Ja.', 'Nei.', 'Kanskje.', ' ', 'Ja. ') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('deadline' as const), who, days: fc.integer({ min: -3, max: 30 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('recommend' as const), who, verdict }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('decide' as const), who, verdict }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), who }) },
  );
  const run = (p: Programme, ops: readonly { op: Op; step: number }[]) => {
    let t = fresh(p);
    let now = opened;
    let changes = 0;
    const allowed: string[] = [];
    for (const { op, step } of ops) {
      now += step;
      const by = { id: op.who, name: op.who };
      const day = osloDate(now);
      let result: Result<Step, FinalTreatmentProblem>;
      switch (op.kind) {
        case 'feedback':
          result = giveFeedback(p, t, { text: op.text, by, at: now });
          break;
        case 'deadline':
          result = changeDeadline(p, t, { deadline: addBusinessDays(day, op.days), by, at: now });
          break;
        case 'recommend':
          result = recordRecommendation(p, t, { verdict: op.verdict, consensus: true, text: 'Anbefaling.', auTreatment: '', by, at: now });
          break;
        case 'decide':
          result = recordDecision(p, t, { verdict: op.verdict, text: 'Beslutning.', by, at: now });
          break;
        case 'cancel':
          result = cancelFinalTreatment(p, t, { reason: 'Grunn.', by, at: now });
          break;
      }
      if (result.ok && result.value.changed) {
        changes++;
        allowed.push(`${op.kind}:${op.who}`);
        t = result.value.treatment;
      }
    }
    return { t, changes, allowed };
  };
  const ops = fc.array(fc.record({ op, step: fc.integer({ min: 0, max: 3 * 24 * 3600 * 1000 }) }), { maxLength: 40 });

  it('outstanding organisations are the asked minus the answered, in the asked order', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const { t } = run(programme, sequence);
        const answeredParties = new Set(t.feedback.map((f) => f.party));
        expect(outstandingOrganisations(t)).toEqual(t.organisations.filter((o) => !answeredParties.has(o)));
        expect([...currentFeedback(t).keys()].every((party) => t.organisations.includes(party))).toBe(true);
      }),
    );
  });

  it('no decision before a recommendation, no answer after it; history is in time order and has every step', () => {
    for (const p of [programme, noNamedDirector]) {
      fc.assert(
        fc.property(ops, (sequence) => {
          const { t, changes } = run(p, sequence);
          if (t.decision) expect(t.recommendation && t.recommendation.at <= t.decision.at).toBe(true);
          if (t.recommendation) expect(t.feedback.every((f) => f.at <= t.recommendation!.at)).toBe(true);
          expect(t.history).toHaveLength(1 + changes);
          expect(t.history[0]?.event.kind).toBe('opened');
          for (let i = 1; i < t.history.length; i++) expect(t.history[i]!.at).toBeGreaterThanOrEqual(t.history[i - 1]!.at);
          expect(t.history.filter((h) => h.event.kind === 'feedback')).toHaveLength(t.feedback.length);
          expect(t.history.filter((h) => h.event.kind === 'recommended')).toHaveLength(t.recommendation ? 1 : 0);
          expect(t.history.filter((h) => h.event.kind === 'decided')).toHaveLength(t.decision ? 1 : 0);
        }),
      );
    }
  });

  it('versions count 1, 2, … per organisation, and every step was taken by someone allowed to', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const { t, allowed } = run(programme, sequence);
        for (const party of t.organisations) {
          expect(t.feedback.filter((f) => f.party === party).map((f) => f.version)).toEqual(t.feedback.filter((f) => f.party === party).map((_, i) => i + 1));
        }
        for (const step of allowed) {
          const [kind, by] = step.split(':') as [Op['kind'], string];
          if (kind === 'feedback') expect(['aad-chair', 'aad-member', 'aad-nav', 'aad-nav2']).toContain(by);
          else if (kind === 'decide') expect(by).toBe('aad-director');
          else expect(by).toBe('aad-office');
        }
      }),
    );
  });

  it('a late answer is exactly one given after the end of the deadline day', () => {
    fc.assert(
      fc.property(ops, (sequence) => {
        const { t } = run(programme, sequence);
        // The deadline may have moved; lateness is judged against the deadline at the time.
        let deadline = '2026-11-20';
        for (const h of t.history) {
          if (h.event.kind === 'deadline-changed') deadline = h.event.to;
          if (h.event.kind === 'feedback') expect(h.event.late).toBe(h.at > feedbackDueAt({ deadline }));
        }
      }),
    );
  });

  it('chasing: a reminder is due only at a business morning before the deadline day, an escalation only from the morning after', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 90 * 24 }), (days, hours) => {
        const deadline = addBusinessDays(osloDate(opened), days);
        const t = must(open(programme, { deadline }));
        const now = opened + hours * 3600 * 1000;
        const event = chaseEventDue(t, now);
        const overdueAt = businessMorning(addBusinessDays(deadline, 1));
        if (now >= overdueAt) expect(event).toEqual({ kind: 'overdue', at: overdueAt });
        else if (event) {
          expect(event.kind).toBe('remind');
          expect(event.at).toBeLessThanOrEqual(now);
          expect(osloDate(event.at) < deadline).toBe(true);
          expect(osloDate(event.at) > osloDate(opened)).toBe(true);
          expect(event.at).toBe(businessMorning(osloDate(event.at)));
        }
      }),
    );
  });
});

describe('edges', () => {
  it('opening trims the request, the part and the deadline, and takes each text up to its limit', () => {
    const t = must(open(programme, { request: '  Se sluttrapporten.  ', part: '  Pilot i NAV ', deadline: ' 2026-11-20 ' }));
    expect([t.request, t.part, t.deadline]).toEqual(['Se sluttrapporten.', 'Pilot i NAV', '2026-11-20']);
    expect(must(open(programme, { request: ` ${'x'.repeat(REQUEST_MAX)} ` })).request).toHaveLength(REQUEST_MAX);
    expect(open(programme, { request: 'x'.repeat(REQUEST_MAX + 1) })).toEqual({ ok: false, error: { code: 'invalid', field: 'request' } });
    expect(must(open(programme, { part: ` ${'x'.repeat(PART_MAX)} ` })).part).toHaveLength(PART_MAX);
    expect(open(programme, { part: 'x'.repeat(PART_MAX + 1) })).toEqual({ ok: false, error: { code: 'invalid', field: 'part' } });
  });

  it('the same part in other letter case is the same part', () => {
    const first = must(open(programme, { part: 'Pilot i NAV' }));
    expect(open(programme, { part: 'PILOT I NAV' }, [first], 2)).toEqual({ ok: false, error: { code: 'already-open', id: 'S-001' } });
    expect(open(programme, { part: 'Pilot i Skatteetaten' }, [first], 2).ok).toBe(true);
  });

  it('the chair’s organisation is asked even if the file lists the chair apart from the members', () => {
    const chairApart = { ...programme.bodies[0]!, members: ['aad-member'], chair: 'aad-chair' };
    expect(memberOrganisations(programme, chairApart)).toEqual(['skatteetaten', 'finans-norge']);
    expect(organisationMembers(programme, chairApart, 'skatteetaten')).toEqual([{ id: 'aad-chair', name: 'Kari Chair' }]);
  });

  it('a member missing from people is nobody’s organisation', () => {
    const dangling = { ...programme.bodies[0]!, members: ['aad-gone', 'aad-member'], chair: undefined };
    expect(memberOrganisations(programme, dangling)).toEqual(['finans-norge']);
    expect(organisationMembers(programme, dangling, 'finans-norge')).toEqual([{ id: 'aad-member', name: 'Per Member' }]);
  });

  it('feedback: stored trimmed; whitespace inside counts as one space when comparing; each step says it changed', () => {
    const first = must(answer(fresh(), 'aad-nav', '  Ja,   med forbehold.\n'));
    expect(first.changed).toBe(true);
    expect(first.version.text).toBe('Ja,   med forbehold.');
    expect(must(answer(first.treatment, 'aad-nav', 'Ja,\tmed forbehold.')).changed).toBe(false);
    const single = answered(fresh(), 'aad-nav', 'Ja, med forbehold.');
    expect(must(answer(single, 'aad-nav', 'Ja,  med \n forbehold.')).changed).toBe(false);
    const other = must(answer(first.treatment, 'aad-nav', 'Ja,med forbehold.'));
    expect(other.changed).toBe(true);
    expect(other.version.version).toBe(2);
  });

  it('the round is over, and an answer late, only after the end of the deadline day (not at its last instant)', () => {
    const t = fresh();
    const end = feedbackDueAt(t);
    expect(end).toBe(osloTime('2026-11-21', 0) - 1);
    expect(roundOver(t, end)).toBe(false);
    expect(roundOver(t, end + 1)).toBe(true);
    expect(must(answer(t, 'aad-nav', 'Svar.', end)).version.late).toBe(false);
    expect(must(answer(t, 'aad-nav', 'Svar.', end + 1)).version.late).toBe(true);
  });

  it('moving the deadline says it changed, and only the office in an open round may', () => {
    expect(must(changeDeadline(programme, fresh(), { deadline: '2026-11-27', by: office, at: opened + 1 })).changed).toBe(true);
    expect(changeDeadline(programme, fresh(), { deadline: '2026-11-27', by: person('aad-chair'), at: opened })).toEqual({
      ok: false,
      error: { code: 'not-allowed', action: 'deadline', needs: 'office' },
    });
    expect(changeDeadline(programme, recommended(), { deadline: '2026-12-20', by: office, at: afterDeadline })).toEqual({
      ok: false,
      error: { code: 'out-of-order', action: 'deadline', stage: 'recommended' },
    });
  });

  it('the recommendation: texts trimmed, each up to its limit, and it says it changed', () => {
    const step = must(recordRecommendation(programme, allAnswered(), recommendation({ text: '  Anbefales.  ', auTreatment: ' AU 12.11. ' })));
    expect(step.changed).toBe(true);
    expect([step.treatment.recommendation?.text, step.treatment.recommendation?.auTreatment]).toEqual(['Anbefales.', 'AU 12.11.']);
    expect(recordRecommendation(programme, allAnswered(), recommendation({ text: 'x'.repeat(TEXT_MAX + 1) }))).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    expect(must(recordRecommendation(programme, allAnswered(), recommendation({ text: ` ${'x'.repeat(TEXT_MAX)} `, auTreatment: ` ${'y'.repeat(TEXT_MAX)} ` }))).changed).toBe(true);
  });

  it('the decision: text trimmed, up to its limit, found by the treatment’s body wherever it is in the file, and it says it changed', () => {
    const decide = (p: Programme, t: FinalTreatment, text: string) => recordDecision(p, t, { verdict: 'in-accordance', text, by: person('aad-director'), at: afterDeadline + 1000 });
    const step = must(decide(programme, recommended(), '  Godkjent.  '));
    expect(step.changed).toBe(true);
    expect(step.treatment.decision?.text).toBe('Godkjent.');
    expect(decide(programme, recommended(), 'x'.repeat(TEXT_MAX + 1))).toEqual({ ok: false, error: { code: 'invalid', field: 'text' } });
    expect(must(decide(programme, recommended(), 'x'.repeat(TEXT_MAX))).changed).toBe(true);
    const auFirst = programmeSchema.parse({ ...programme, bodies: [...programme.bodies].reverse() });
    expect(must(decide(auFirst, recommended(), 'Godkjent.')).treatment.decision?.by).toEqual(person('aad-director'));
  });

  it('cancelling: reason trimmed and kept with who and when, up to its limit, and it says it changed', () => {
    const step = must(cancelFinalTreatment(programme, fresh(), { reason: '  Feil tiltak. ', by: office, at: opened + 7 }));
    expect(step.changed).toBe(true);
    expect(step.treatment.cancelled).toEqual({ reason: 'Feil tiltak.', by: office, at: opened + 7 });
    expect(cancelFinalTreatment(programme, fresh(), { reason: 'x'.repeat(TEXT_MAX + 1), by: office, at: opened })).toEqual({ ok: false, error: { code: 'invalid', field: 'reason' } });
    expect(must(cancelFinalTreatment(programme, fresh(), { reason: 'x'.repeat(TEXT_MAX), by: office, at: opened })).changed).toBe(true);
    expect(cancelFinalTreatment(programme, fresh(), { reason: 'x', by: person('aad-chair'), at: opened })).toEqual({
      ok: false,
      error: { code: 'not-allowed', action: 'cancel', needs: 'office' },
    });
    const decided = must(recordDecision(programme, recommended(), { verdict: 'in-accordance', text: 'x', by: person('aad-director'), at: afterDeadline + 2 })).treatment;
    expect(cancelFinalTreatment(programme, decided, { reason: 'x', by: office, at: afterDeadline + 3 })).toEqual({
      ok: false,
      error: { code: 'out-of-order', action: 'cancel', stage: 'decided' },
    });
  });

  it('chasing takes the reminder days in any order', () => {
    for (const days of [[1, 3], [3, 1], [1, 3, 1]]) {
      expect(chaseEventDue(fresh(), osloTime('2026-11-17', 9), days)).toEqual({ kind: 'remind', businessDaysBefore: 3, at: osloTime('2026-11-17', 9) });
      expect(chaseEventDue(fresh(), osloTime('2026-11-19', 9), days)).toEqual({ kind: 'remind', businessDaysBefore: 1, at: osloTime('2026-11-19', 9) });
    }
  });

  it('orders treatments by number (S-999 before S-1000), then by when they were opened', () => {
    const t = fresh();
    const s = (id: string, openedAt = opened) => ({ ...t, id, openedAt });
    expect([s('S-1000'), s('S-002'), s('S-999')].sort(compareTreatments).map((x) => x.id)).toEqual(['S-002', 'S-999', 'S-1000']);
    expect(compareTreatments(s('S-1000'), s('S-999'))).toBeGreaterThan(0);
    expect(compareTreatments(s('S-005', opened + 1), s('S-005', opened))).toBe(1);
    expect(compareTreatments(s('S-005', opened - 3), s('S-005', opened))).toBe(-3);
    expect(compareTreatments(s('S-002', opened + 9), s('S-003', opened))).toBe(-1);
  });
});
