// Skate's quarterly samlesak (seed 004 §5.1, §5.3, §3.5/§5.5): who compiles, assesses, adopts,
// advises and decides; the reason AU owes where it deviates from the owner's own view; the
// default quarter; and that a case at Skate no longer changes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/platform/config/mergePreset.js';
import type { Result } from '../../../src/shared/result.js';
import {
  adoptRecommendation,
  assessMeasure,
  assessOverall,
  compileSamlesak,
  decisionFor,
  defaultPeriod,
  deviatesFromOwner,
  mayRead,
  recordAdvice,
  recordCorrectiveDecision,
  samlesakRoles,
  samlesakStatuses,
  stageOf,
  type Samlesak,
  type SamlesakItem,
  type SamlesakProblem,
  type SamlesakStatus,
  type Step,
} from '../../../src/features/reporting/domain/samlesak.js';
import { programmeSchema, type Programme } from '../../../src/shared/programme/schema.js';
import { osloTime } from '../../../src/shared/schedule/oslo.js';
import { periodByKey } from '../../../src/shared/schedule/period.js';

function skate({ director = 'aad-director' as string | null } = {}): Programme {
  const governance = loadPreset('skate');
  return programmeSchema.parse({
    ...governance,
    id: 'skate',
    name: 'Skate',
    ideaPrefix: 'SKATE',
    tenantId: 't',
    parties: [
      { id: 'digdir', name: 'Digdir', tenantIds: ['t'] },
      { id: 'nav', name: 'NAV', tenantIds: ['t'] },
    ],
    people: [
      { aadObjectId: 'aad-office', name: 'Ola Office', party: 'digdir', roles: ['office'] },
      { aadObjectId: 'aad-director', name: 'Dina Direktør', party: 'digdir' },
      { aadObjectId: 'aad-au1', name: 'Aud AU', party: 'nav' },
      { aadObjectId: 'aad-au2', name: 'Arne AU', party: 'digdir' },
      { aadObjectId: 'aad-skate', name: 'Siv Skate', party: 'nav' },
      { aadObjectId: 'aad-owner', name: 'Tor Tiltakseier', party: 'nav' },
    ],
    bodies: governance.bodies.map((b) =>
      b.id === 'au'
        ? { ...b, members: ['aad-au1', 'aad-au2'], chair: 'aad-au1', secretary: 'aad-office' }
        : { ...b, members: ['aad-skate'], chair: 'aad-skate', secretary: 'aad-office', decidedBy: { ...b.decidedBy!, ...(director ? { person: director } : {}) } },
    ),
  });
}

const programme = skate();
const schedule = programme.schedules.find((s) => s.id === 'kvartalsrapport')!;
const period = periodByKey(schedule, '2026-Q4')!;
const at = period.deadline + 60_000;
const person = (id: string) => ({ id: `aad-${id}`, name: programme.people.find((p) => p.aadObjectId === `aad-${id}`)!.name });
const office = person('office');
const au1 = person('au1');
const director = person('director');

const report = (status: SamlesakStatus) => ({ status, progress: 'I rute.', deviations: [], correctiveActions: '', version: 1, filedAt: period.opens, author: person('owner') });
const items: SamlesakItem[] = [
  { measureId: 'T-001', title: 'Felles tiltak', kind: 'joint', owners: ['aad-owner'] },
  { measureId: 'SKATE-2026-001', title: 'Grønt prosjekt', kind: 'project', owners: ['aad-owner'], report: report('green') },
  { measureId: 'SKATE-2026-002', title: 'Rødt prosjekt', kind: 'project', owners: ['aad-owner'], report: report('red') },
];

const value = <T>(r: Result<T, SamlesakProblem>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const compiled = (by = office, list = items): Samlesak => value(compileSamlesak(programme, undefined, { scheduleId: schedule.id, period, items: list, by, at })).samlesak;
const assessed = (s: Samlesak, measureId: string, status: SamlesakStatus, reason = '', by = au1): Result<Step, SamlesakProblem> =>
  assessMeasure(programme, s, { measureId, status, assessment: 'Vurdering.', recommendation: 'Innstilling.', reason, by, at });

/** A samlesak with every measure assessed as its owner sees it, the overall written, adopted. */
function atSkate(): Samlesak {
  let s = compiled();
  for (const item of items) s = value(assessed(s, item.measureId, item.report?.status ?? 'yellow')).samlesak;
  s = value(assessOverall(programme, s, { assessment: 'Samlet.', recommendation: 'Samlet innstilling.', by: au1, at })).samlesak;
  return value(adoptRecommendation(programme, s, { by: au1, at })).samlesak;
}

describe('who does what (§5.3)', () => {
  it('the office and AU members compile it; a Skate member or the measure owner may not', () => {
    expect(compiled(office).items).toHaveLength(3);
    expect(compiled(au1).compiledBy).toEqual(au1);
    for (const other of ['skate', 'owner', 'director']) {
      expect(compileSamlesak(programme, undefined, { scheduleId: schedule.id, period, items, by: person(other), at })).toEqual({
        ok: false,
        error: { code: 'not-allowed', action: 'compile', needs: 'office-or-au' },
      });
    }
  });

  it("the secretariat's assessment is marked as its proposal, an AU member's as AU's", () => {
    const s = compiled();
    expect(value(assessed(s, 'T-001', 'yellow', '', office)).samlesak.assessments['T-001']?.as).toBe('secretariat');
    expect(value(assessed(s, 'T-001', 'yellow', '', au1)).samlesak.assessments['T-001']?.as).toBe('au');
    expect(assessed(s, 'T-001', 'yellow', '', person('skate'))).toEqual({ ok: false, error: { code: 'not-allowed', action: 'assess', needs: 'office-or-au' } });
  });

  it('only an AU member adopts the recommendation — not the secretariat, which proposes it', () => {
    let s = compiled();
    for (const item of items) s = value(assessed(s, item.measureId, item.report?.status ?? 'green', '', office)).samlesak;
    s = value(assessOverall(programme, s, { assessment: 'A', recommendation: 'B', by: office, at })).samlesak;
    expect(adoptRecommendation(programme, s, { by: office, at })).toEqual({ ok: false, error: { code: 'not-allowed', action: 'adopt', needs: 'au-member' } });
    const adopted = value(adoptRecommendation(programme, s, { by: au1, at })).samlesak;
    expect(stageOf(adopted)).toBe('at-skate');
    expect(adopted.adopted).toEqual({ by: au1, at });
  });

  it('readers: office and AU always, Skate and the director once it is at Skate, nobody else', () => {
    const roles = (id: string) => samlesakRoles(programme, programme.samlesak!, `aad-${id}`);
    const preparing = compiled();
    const sent = atSkate();
    expect([mayRead(roles('office'), preparing), mayRead(roles('au2'), preparing)]).toEqual([true, true]);
    expect([mayRead(roles('skate'), preparing), mayRead(roles('director'), preparing)]).toEqual([false, false]);
    expect([mayRead(roles('skate'), sent), mayRead(roles('director'), sent)]).toEqual([true, true]);
    expect(mayRead(roles('owner'), sent)).toBe(false);
  });
});

describe("a deviation from the owner's view needs AU's reason (§3.5/§5.5 «AU skal da begrunne dette»)", () => {
  it('is refused without a reason and accepted with one', () => {
    const s = compiled();
    expect(assessed(s, 'SKATE-2026-001', 'red')).toEqual({ ok: false, error: { code: 'reason-required', measures: ['SKATE-2026-001'] } });
    expect(assessed(s, 'SKATE-2026-001', 'red', '   ')).toEqual({ ok: false, error: { code: 'reason-required', measures: ['SKATE-2026-001'] } });
    const ok = value(assessed(s, 'SKATE-2026-001', 'red', 'Kostnaden har økt mer enn rapportert.'));
    expect(ok.samlesak.assessments['SKATE-2026-001']).toMatchObject({ status: 'red', reason: 'Kostnaden har økt mer enn rapportert.' });
    expect(ok.samlesak.history.at(-1)?.event).toEqual({ kind: 'assessed', measureId: 'SKATE-2026-001', as: 'au', deviates: true });
  });

  it('agreeing needs no reason, and one given is not kept', () => {
    const s = value(assessed(compiled(), 'SKATE-2026-002', 'red', 'unødvendig')).samlesak;
    expect(s.assessments['SKATE-2026-002']?.reason).toBe('');
  });

  it('a measure with no report has no owner view to deviate from', () => {
    expect(value(assessed(compiled(), 'T-001', 'red')).changed).toBe(true);
  });

  it('property: a reason is required exactly when a report exists and the statuses differ', () => {
    const statuses = fc.constantFrom(...samlesakStatuses);
    fc.assert(
      fc.property(fc.option(statuses, { nil: undefined }), statuses, fc.constantFrom('', 'Fordi.'), (owner, au, reason) => {
        const item: SamlesakItem = { measureId: 'T-009', title: 'X', kind: 'joint', owners: [], ...(owner ? { report: report(owner) } : {}) };
        const s = compiled(office, [item]);
        const result = assessed(s, 'T-009', au, reason);
        const mustExplain = owner !== undefined && owner !== au;
        expect(deviatesFromOwner(item, au)).toBe(mustExplain);
        expect(result.ok).toBe(!mustExplain || reason !== '');
      }),
    );
  });

  it('adoption checks again: a report corrected since turns an agreement into a deviation', () => {
    let s = compiled();
    for (const item of items) s = value(assessed(s, item.measureId, item.report?.status ?? 'green')).samlesak;
    s = value(assessOverall(programme, s, { assessment: 'A', recommendation: 'B', by: au1, at })).samlesak;
    // The owner corrects the report to yellow; the next opening takes it in.
    const corrected = items.map((i) => (i.measureId === 'SKATE-2026-001' ? { ...i, report: { ...report('yellow'), version: 2 } } : i));
    s = value(compileSamlesak(programme, s, { scheduleId: schedule.id, period, items: corrected, by: office, at })).samlesak;
    expect(adoptRecommendation(programme, s, { by: au1, at })).toEqual({ ok: false, error: { code: 'reason-required', measures: ['SKATE-2026-001'] } });
  });
});

describe('adoption', () => {
  it('needs every measure assessed and the overall assessment', () => {
    let s = compiled();
    expect(adoptRecommendation(programme, s, { by: au1, at })).toEqual({ ok: false, error: { code: 'unassessed', measures: ['T-001', 'SKATE-2026-001', 'SKATE-2026-002'] } });
    for (const item of items) s = value(assessed(s, item.measureId, item.report?.status ?? 'green')).samlesak;
    expect(adoptRecommendation(programme, s, { by: au1, at })).toEqual({ ok: false, error: { code: 'no-overall' } });
  });

  it('fixes the case: no more assessments, and a new opening takes in no new report', () => {
    const s = atSkate();
    expect(assessed(s, 'T-001', 'green')).toEqual({ ok: false, error: { code: 'out-of-order', action: 'assess', stage: 'at-skate' } });
    const again = value(compileSamlesak(programme, s, { scheduleId: schedule.id, period, items: items.slice(1), by: office, at }));
    expect(again).toEqual({ samlesak: s, changed: false });
  });

  it('a refreshed case keeps the assessments of measures still listed and drops the others', () => {
    let s = value(assessed(compiled(), 'T-001', 'green')).samlesak;
    s = value(assessed(s, 'SKATE-2026-001', 'green')).samlesak;
    const refreshed = value(compileSamlesak(programme, s, { scheduleId: schedule.id, period, items: items.slice(1), by: office, at })).samlesak;
    expect(Object.keys(refreshed.assessments)).toEqual(['SKATE-2026-001']);
    expect(refreshed.history.at(-1)?.event).toEqual({ kind: 'refreshed', measures: 2, reports: 2 });
  });
});

describe("Skate's advice and the director's decision, per measure", () => {
  it('advice is the secretariat’s to record, and only once the case is at Skate', () => {
    expect(recordAdvice(programme, compiled(), { measureId: 'T-001', text: 'Råd.', by: office, at })).toEqual({
      ok: false,
      error: { code: 'out-of-order', action: 'advice', stage: 'preparing' },
    });
    expect(recordAdvice(programme, atSkate(), { measureId: 'T-001', text: 'Råd.', by: au1, at })).toEqual({ ok: false, error: { code: 'not-allowed', action: 'advice', needs: 'office' } });
    expect(recordAdvice(programme, atSkate(), { measureId: 'T-404', text: 'Råd.', by: office, at })).toEqual({ ok: false, error: { code: 'unknown-measure', measureId: 'T-404' } });
  });

  it('the named director decides after the advice; the office may not, and the record says the director clicked', () => {
    let s = atSkate();
    expect(recordCorrectiveDecision(programme, s, { measureId: 'SKATE-2026-002', text: 'Ny plan.', by: director, at })).toEqual({
      ok: false,
      error: { code: 'advice-missing', measureId: 'SKATE-2026-002' },
    });
    s = value(recordAdvice(programme, s, { measureId: 'SKATE-2026-002', text: 'Skate råder til ny plan.', by: office, at })).samlesak;
    expect(recordCorrectiveDecision(programme, s, { measureId: 'SKATE-2026-002', text: 'Ny plan.', by: office, at })).toEqual({
      ok: false,
      error: { code: 'not-allowed', action: 'decide', needs: 'decider' },
    });
    s = value(recordCorrectiveDecision(programme, s, { measureId: 'SKATE-2026-002', text: 'Ny plan innen mars.', by: director, at })).samlesak;
    expect(decisionFor(s, 'SKATE-2026-002')).toEqual({ text: 'Ny plan innen mars.', by: director, at, onBehalf: false });
    expect(decisionFor(s, 'SKATE-2026-001')).toBeUndefined();
    // Decided: the advice may no longer change, nor the decision.
    expect(recordAdvice(programme, s, { measureId: 'SKATE-2026-002', text: 'Annet.', by: office, at })).toEqual({ ok: false, error: { code: 'already-decided', measureId: 'SKATE-2026-002' } });
    expect(recordCorrectiveDecision(programme, s, { measureId: 'SKATE-2026-002', text: 'Annet.', by: director, at })).toEqual({
      ok: false,
      error: { code: 'already-decided', measureId: 'SKATE-2026-002' },
    });
  });

  it('where the file names no director, the office records it on the director’s behalf', () => {
    const unnamed = skate({ director: null });
    let s = atSkate();
    s = value(recordAdvice(unnamed, s, { measureId: 'T-001', text: 'Råd.', by: office, at })).samlesak;
    s = value(recordCorrectiveDecision(unnamed, s, { measureId: 'T-001', text: 'Ingen korreksjon.', by: office, at })).samlesak;
    expect(s.decisions['T-001']).toMatchObject({ by: office, onBehalf: true });
    expect(recordCorrectiveDecision(unnamed, s, { measureId: 'SKATE-2026-001', text: 'x', by: au1, at })).toMatchObject({ ok: false, error: { code: 'not-allowed' } });
  });
});

describe('the default quarter: the reporting round just ended', () => {
  it('is the current period once its deadline has passed, else the one before', () => {
    const q4 = periodByKey(schedule, '2026-Q4')!;
    expect(defaultPeriod(schedule, q4.deadline + 1)?.key).toBe('2026-Q4');
    expect(defaultPeriod(schedule, q4.deadline - 1)?.key).toBe('2026-Q3');
    expect(defaultPeriod(schedule, osloTime('2027-01-04', 8, 0))?.key).toBe('2026-Q4');
  });
});

describe('the texts, repeats and history of each step', () => {
  const long = 'x'.repeat(2001);
  const s = () => compiled();
  const refuse = (field: string) => ({ ok: false, error: { code: 'invalid', field } });

  it('trims the texts, refuses blank and over-long ones, and states which field', () => {
    const ok = value(assessMeasure(programme, s(), { measureId: 'SKATE-2026-001', status: 'red', assessment: '  A  ', recommendation: ' B ', reason: ' C ', by: au1, at }));
    expect(ok.samlesak.assessments['SKATE-2026-001']).toMatchObject({ assessment: 'A', recommendation: 'B', reason: 'C' });
    const base = { measureId: 'T-001', status: 'green' as const, assessment: 'A', recommendation: 'B', reason: '', by: au1, at };
    expect(assessMeasure(programme, s(), { ...base, assessment: '  ' })).toEqual(refuse('assessment'));
    expect(assessMeasure(programme, s(), { ...base, assessment: long })).toEqual(refuse('assessment'));
    expect(assessMeasure(programme, s(), { ...base, recommendation: ' ' })).toEqual(refuse('recommendation'));
    expect(assessMeasure(programme, s(), { ...base, recommendation: long })).toEqual(refuse('recommendation'));
    expect(assessMeasure(programme, s(), { ...base, reason: long })).toEqual(refuse('reason'));
    expect(value(assessMeasure(programme, s(), { ...base, assessment: 'x'.repeat(2000) })).changed).toBe(true);
    expect(assessMeasure(programme, s(), { ...base, measureId: 'T-404' })).toEqual({ ok: false, error: { code: 'unknown-measure', measureId: 'T-404' } });
    const overall = { assessment: 'A', recommendation: 'B', by: au1, at };
    expect(assessOverall(programme, s(), { ...overall, assessment: ' ' })).toEqual(refuse('assessment'));
    expect(assessOverall(programme, s(), { ...overall, recommendation: long })).toEqual(refuse('recommendation'));
    expect(assessOverall(programme, s(), { ...overall, by: person('skate') })).toEqual({ ok: false, error: { code: 'not-allowed', action: 'overall', needs: 'office-or-au' } });
    expect(value(assessOverall(programme, s(), { ...overall, assessment: ' A ' })).samlesak.overall).toEqual({ assessment: 'A', recommendation: 'B', by: au1, as: 'au', at });
  });

  it('the same text again changes nothing; a change is a step in the history', () => {
    const first = value(assessed(s(), 'T-001', 'green'));
    expect(first.changed).toBe(true);
    expect(value(assessed(first.samlesak, 'T-001', 'green'))).toEqual({ samlesak: first.samlesak, changed: false });
    expect(value(assessed(first.samlesak, 'T-001', 'yellow')).changed).toBe(true);
    const o = value(assessOverall(programme, first.samlesak, { assessment: 'A', recommendation: 'B', by: au1, at }));
    expect(o.changed).toBe(true);
    expect(o.samlesak.history.at(-1)).toEqual({ at, by: au1, event: { kind: 'overall', as: 'au' } });
    expect(value(assessOverall(programme, o.samlesak, { assessment: 'A', recommendation: 'B', by: au1, at }))).toEqual({ samlesak: o.samlesak, changed: false });
    expect(value(assessOverall(programme, o.samlesak, { assessment: 'A', recommendation: 'B2', by: au1, at })).changed).toBe(true);
    expect(compiled().history).toEqual([{ at, by: office, event: { kind: 'compiled', measures: 3, reports: 2 } }]);
    const again = compileSamlesak(programme, compiled(), { scheduleId: schedule.id, period, items, by: office, at });
    expect(value(again).changed).toBe(false);
  });

  it('advice and decision: trimmed, refused blank, repeated advice unchanged, each in the history', () => {
    let t = atSkate();
    expect(t.history.at(-1)).toEqual({ at, by: au1, event: { kind: 'adopted' } });
    expect(adoptRecommendation(programme, t, { by: au1, at })).toEqual({ ok: false, error: { code: 'out-of-order', action: 'adopt', stage: 'at-skate' } });
    expect(recordAdvice(programme, t, { measureId: 'T-001', text: ' ', by: office, at })).toEqual(refuse('text'));
    const advised = value(recordAdvice(programme, t, { measureId: 'T-001', text: ' Råd. ', by: office, at }));
    expect(advised.changed).toBe(true);
    expect(advised.samlesak.advice['T-001']).toEqual({ text: 'Råd.', by: office, at });
    expect(advised.samlesak.history.at(-1)?.event).toEqual({ kind: 'advice', measureId: 'T-001' });
    expect(value(recordAdvice(programme, advised.samlesak, { measureId: 'T-001', text: 'Råd.', by: office, at }))).toEqual({ samlesak: advised.samlesak, changed: false });
    t = advised.samlesak;
    expect(recordCorrectiveDecision(programme, t, { measureId: 'T-001', text: long, by: director, at })).toEqual(refuse('text'));
    const d = value(recordCorrectiveDecision(programme, t, { measureId: 'T-001', text: ' Gjør det. ', by: director, at }));
    expect(d.changed).toBe(true);
    expect(d.samlesak.decisions['T-001']?.text).toBe('Gjør det.');
    expect(d.samlesak.history.at(-1)?.event).toEqual({ kind: 'decided', measureId: 'T-001', onBehalf: false });
    expect(recordCorrectiveDecision(programme, compiled(), { measureId: 'T-001', text: 'x', by: director, at })).toEqual({ ok: false, error: { code: 'out-of-order', action: 'decide', stage: 'preparing' } });
    expect(decisionFor(undefined, 'T-001')).toBeUndefined();
  });

  it('a programme without the samlesak has none, and a quarter not begun cannot be compiled', () => {
    const { samlesak: _none, ...rest } = programme;
    const without = rest as Programme;
    const sent = atSkate();
    expect(compileSamlesak(without, undefined, { scheduleId: schedule.id, period, items, by: office, at })).toEqual({ ok: false, error: { code: 'no-samlesak' } });
    expect(assessed({ ...compiled() }, 'T-001', 'green').ok).toBe(true);
    expect(assessMeasure(without, compiled(), { measureId: 'T-001', status: 'green', assessment: 'a', recommendation: 'b', reason: '', by: au1, at })).toEqual({ ok: false, error: { code: 'no-samlesak' } });
    expect(adoptRecommendation(without, compiled(), { by: au1, at })).toEqual({ ok: false, error: { code: 'no-samlesak' } });
    expect(recordAdvice(without, sent, { measureId: 'T-001', text: 'a', by: office, at })).toEqual({ ok: false, error: { code: 'no-samlesak' } });
    expect(recordCorrectiveDecision(without, sent, { measureId: 'T-001', text: 'a', by: director, at })).toEqual({ ok: false, error: { code: 'no-samlesak' } });
    expect(compileSamlesak(programme, undefined, { scheduleId: schedule.id, period, items, by: office, at: period.opens - 1 })).toEqual({
      ok: false,
      error: { code: 'period-not-open', periodKey: '2026-Q4' },
    });
    expect(value(compileSamlesak(programme, undefined, { scheduleId: schedule.id, period, items, by: office, at: period.opens })).changed).toBe(true);
  });

  it('roles: a Skate observer reads once it is at Skate; an AU chair is a member', () => {
    const observed = programmeSchema.parse({ ...programme, bodies: programme.bodies.map((b) => (b.id === 'skate' ? { ...b, observers: ['aad-owner'] } : b)) });
    const roles = samlesakRoles(observed, observed.samlesak!, 'aad-owner');
    expect(roles).toEqual({ office: false, auMember: false, skate: true });
    expect(mayRead(roles, atSkate())).toBe(true);
    expect(mayRead(roles, compiled())).toBe(false);
    expect(mayRead(roles, undefined)).toBe(false);
    const chaired = programmeSchema.parse({ ...programme, bodies: programme.bodies.map((b) => (b.id === 'au' ? { ...b, members: ['aad-au2'], chair: 'aad-au1' } : b)) });
    expect(samlesakRoles(chaired, chaired.samlesak!, 'aad-au1').auMember).toBe(true);
    expect(samlesakRoles(programme, programme.samlesak!, 'aad-director')).toEqual({ office: false, auMember: false, skate: false, decision: 'director' });
  });

  it('the default quarter at the deadline itself is still the one before', () => {
    const q4 = periodByKey(schedule, '2026-Q4')!;
    expect(defaultPeriod(schedule, q4.deadline)?.key).toBe('2026-Q3');
  });
});
