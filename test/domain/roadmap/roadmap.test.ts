// The roadmap (Digi Rogaland §4.7, §6): quarters, planning and revising entries, the layout of
// the roadmap, and the rule that a project cannot be started without an entry.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Idea, IdeaStatus } from '../../../src/features/ideas/domain/idea.js';
import {
  compareQuarters,
  diffEntry,
  entryAfter,
  formatQuarter,
  halfYearOf,
  isOpenProject,
  MAX_SPAN_QUARTERS,
  normalisePlan,
  mayStart,
  parseQuarter,
  planEntry,
  quarterOf,
  quartersAround,
  roadmapLayout,
  type PlanInput,
  type RoadmapEntry,
} from '../../../src/features/roadmap/domain/roadmap.js';
import { testProgramme } from '../../support/fixtures.js';

const programme = testProgramme(); // phases: ide (initial), konsept, forvaltning (terminal), stanset (terminal)
const kari = { id: 'aad-office', name: 'Ola Office' };
const input = (over: Partial<PlanInput> = {}): PlanInput => ({ ideaNumber: 'DSOP-2026-001', start: '2026-Q3', end: '2027-Q2', note: '', by: kari, at: 1000, ...over });
const idea = (number: string, phase: string, status: IdeaStatus) => ({ number, phase, status }) as Pick<Idea, 'number' | 'phase' | 'status'>;

function planned(over: Partial<PlanInput> = {}, existing?: RoadmapEntry): RoadmapEntry {
  const result = planEntry(idea(over.ideaNumber ?? 'DSOP-2026-001', 'konsept', 'active'), existing, input(over));
  if (!result.ok || 'unchanged' in result.value) throw new Error('expected a change');
  return result.value.entry;
}

describe('quarters', () => {
  it('parse, compare, group by half-year and follow the calendar', () => {
    expect(parseQuarter('2026-q3')).toEqual({ year: 2026, quarter: 3 });
    expect(parseQuarter('2026-Q5')).toBeUndefined();
    expect(compareQuarters('2026-Q4', '2027-Q1')).toBeLessThan(0);
    expect(halfYearOf('2026-Q2')).toBe('2026-H1');
    expect(halfYearOf('2026-Q3')).toBe('2026-H2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterOf('2027-01-01')).toBe('2027-Q1');
    expect(quartersAround('2026-Q1', 1, 4)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1']);
  });
});

describe('planning an entry', () => {
  it('adds an entry and logs who, when and what', () => {
    const result = planEntry(idea('DSOP-2026-001', 'konsept', 'active'), undefined, input({ note: ' Fase 1 ' }));
    expect(result).toEqual({
      ok: true,
      value: {
        entry: { ideaNumber: 'DSOP-2026-001', start: '2026-Q3', end: '2027-Q2', note: 'Fase 1', createdBy: kari, createdAt: 1000, updatedBy: kari, updatedAt: 1000 },
        revision: {
          ideaNumber: 'DSOP-2026-001',
          by: kari,
          at: 1000,
          kind: 'added',
          changes: [
            { field: 'start', to: '2026-Q3' },
            { field: 'end', to: '2027-Q2' },
            { field: 'note', to: 'Fase 1' },
          ],
        },
      },
    });
  });

  it('logs a change with the old and new value, keeps who created it, and does nothing when nothing changed', () => {
    const first = planned();
    const per = { id: 'aad-office2', name: 'Siri' };
    const changed = planEntry(idea('DSOP-2026-001', 'konsept', 'active'), first, input({ end: '2027-Q4', by: per, at: 2000 }));
    expect(changed.ok && 'entry' in changed.value && changed.value.revision).toEqual({
      ideaNumber: 'DSOP-2026-001',
      by: per,
      at: 2000,
      kind: 'changed',
      changes: [{ field: 'end', from: '2027-Q2', to: '2027-Q4' }],
    });
    expect(changed.ok && 'entry' in changed.value && changed.value.entry).toMatchObject({ createdBy: kari, createdAt: 1000, updatedBy: per, updatedAt: 2000 });
    expect(planEntry(idea('DSOP-2026-001', 'konsept', 'active'), first, input({ at: 3000 }))).toEqual({ ok: true, value: { unchanged: first } });
  });

  it('refuses an end before the start, a bad quarter, a plan over ten years and a closed idea', () => {
    const active = idea('DSOP-2026-001', 'konsept', 'active');
    expect(planEntry(active, undefined, input({ start: '2027-Q1', end: '2026-Q4' }))).toEqual({ ok: false, error: { code: 'end-before-start' } });
    expect(planEntry(active, undefined, input({ start: '2026-13' }))).toEqual({ ok: false, error: { code: 'invalid-quarter', field: 'start' } });
    expect(planEntry(active, undefined, input({ end: '' }))).toEqual({ ok: false, error: { code: 'invalid-quarter', field: 'end' } });
    expect(planEntry(active, undefined, input({ start: '2026-Q1', end: '2035-Q4' })).ok).toBe(true);
    expect(planEntry(active, undefined, input({ start: '2026-Q1', end: '2036-Q1' }))).toEqual({ ok: false, error: { code: 'too-long', maxQuarters: 40 } });
    expect(planEntry(idea('DSOP-2026-001', 'stanset', 'stopped'), undefined, input())).toEqual({
      ok: false,
      error: { code: 'idea-closed', number: 'DSOP-2026-001' },
    });
  });
});

describe('may a project start?', () => {
  it('only with an entry on the roadmap', () => {
    const entry = planned();
    expect(mayStart([entry], 'DSOP-2026-001')).toEqual({ ok: true, value: entry });
    expect(mayStart([entry], 'DSOP-2026-002')).toEqual({ ok: false, error: { code: 'not-on-roadmap', number: 'DSOP-2026-002' } });
    expect(mayStart([], 'DSOP-2026-001').ok).toBe(false);
  });
});

describe('the roadmap’s layout', () => {
  const ideas = [
    idea('DSOP-2026-001', 'konsept', 'active'),
    idea('DSOP-2026-002', 'konsept', 'active'),
    idea('DSOP-2026-003', 'ide', 'qualified'),
    idea('DSOP-2026-004', 'ide', 'registered'),
    idea('DSOP-2026-005', 'forvaltning', 'completed'),
    idea('DSOP-2026-006', 'stanset', 'stopped'),
  ];
  // Planned in each test, not when the file is collected: a broken planEntry must fail the
  // tests, not stop the file from loading (which the mutation run counts as a surviving mutant).
  const entries = () => [
    planned({ ideaNumber: 'DSOP-2026-001', start: '2027-Q1', end: '2027-Q4' }),
    planned({ ideaNumber: 'DSOP-2026-003', start: '2026-Q3', end: '2026-Q4' }),
    planned({ ideaNumber: 'DSOP-2026-005', start: '2026-Q1', end: '2026-Q2' }),
  ];

  it('shows planned entries by half-year, open projects without an entry apart, and nothing closed', () => {
    const layout = roadmapLayout(programme, ideas, entries());
    expect(layout.byHalfYear.map((g) => [g.halfYear, g.rows.map((r) => r.idea.number)])).toEqual([
      ['2026-H2', ['DSOP-2026-003']],
      ['2027-H1', ['DSOP-2026-001']],
    ]);
    expect(layout.missing.map((r) => r.idea.number)).toEqual(['DSOP-2026-002']);
  });

  it('every open project appears exactly once, and no closed idea appears', () => {
    const statuses: IdeaStatus[] = ['registered', 'prioritised', 'qualified', 'active', 'stopped', 'completed'];
    const anIdea = fc.record({
      phase: fc.constantFrom('ide', 'konsept', 'forvaltning', 'stanset'),
      status: fc.constantFrom(...statuses),
      planned: fc.boolean(),
      start: fc.integer({ min: 0, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(anIdea, { maxLength: 25 }), (specs) => {
        const list = specs.map((s, i) => idea(`DSOP-2026-${String(i + 1).padStart(3, '0')}`, s.phase, s.status));
        const plan = specs.flatMap((s, i) => {
          if (!s.planned) return [];
          const q = `${2026 + Math.floor(s.start / 4)}-Q${(s.start % 4) + 1}`;
          return [{ ...planned({ ideaNumber: list[i]!.number, start: q, end: q }) }];
        });
        const layout = roadmapLayout(programme, list, plan);
        const shown = [...layout.byHalfYear.flatMap((g) => g.rows), ...layout.missing].map((r) => r.idea);
        expect(new Set(shown.map((i) => i.number)).size).toBe(shown.length);
        for (const i of shown) expect(['stopped', 'completed']).not.toContain(i.status);
        const open = list.filter((i) => i.phase === 'konsept' && !['stopped', 'completed'].includes(i.status));
        for (const i of open) expect(shown).toContain(i);
        for (const r of layout.missing) expect(plan.some((e) => e.ideaNumber === r.idea.number)).toBe(false);
        const starts = layout.byHalfYear.flatMap((g) => g.rows.map((r) => r.entry!.start));
        expect([...starts].sort(compareQuarters)).toEqual(starts);
      }),
    );
  });
});

describe('edges', () => {
  it('a quarter is YYYY-Qn, any case, spaces around allowed, nothing more', () => {
    expect(parseQuarter(' 2026-q4 ')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarter('2026-Q1')).toEqual({ year: 2026, quarter: 1 });
    for (const bad of ['2026-Q0', '2026-Q1x', 'x2026-Q1', '12026-Q1', '26-Q1', '2026Q1', '2026-1', '']) expect(parseQuarter(bad)).toBeUndefined();
    expect(formatQuarter(2027, 2)).toBe('2027-Q2');
  });

  it('quarters compare by their distance, and a malformed one is an error that names it', () => {
    expect(compareQuarters('2027-Q1', '2026-Q4')).toBe(1);
    expect(compareQuarters('2026-Q1', '2027-Q1')).toBe(-4);
    expect(compareQuarters('2026-Q3', '2026-q3')).toBe(0);
    expect(() => compareQuarters('2026-H1', '2026-Q1')).toThrow(new RangeError('not a quarter (YYYY-Qn): "2026-H1"'));
    expect(() => halfYearOf('2026-Q5')).toThrow(new RangeError('not a quarter (YYYY-Qn): "2026-Q5"'));
  });

  it('the quarter of a date and the half-year of a quarter follow the calendar at every boundary', () => {
    const q = ['2026-01-01', '2026-03-31', '2026-04-01', '2026-06-30', '2026-07-01', '2026-09-30', '2026-10-01'].map(quarterOf);
    expect(q).toEqual(['2026-Q1', '2026-Q1', '2026-Q2', '2026-Q2', '2026-Q3', '2026-Q3', '2026-Q4']);
    expect(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'].map(halfYearOf)).toEqual(['2026-H1', '2026-H1', '2026-H2', '2026-H2']);
  });

  it('quarters around one cross years both ways', () => {
    expect(quartersAround('2026-Q2', 0, 0)).toEqual(['2026-Q2']);
    expect(quartersAround('2026-Q1', 5, 0)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    expect(quartersAround('2026-Q4', 0, 2)).toEqual(['2026-Q4', '2027-Q1', '2027-Q2']);
  });

  it('a plan: quarters normalised, a single quarter allowed, at most the maximum span', () => {
    expect(normalisePlan({ start: ' 2026-q3', end: '2026-q3 ', note: '  Fase 1  ' })).toEqual({ ok: true, value: { start: '2026-Q3', end: '2026-Q3', note: 'Fase 1' } });
    expect(MAX_SPAN_QUARTERS).toBe(40);
    expect(normalisePlan({ start: '2026-Q2', end: '2036-Q1', note: '' }).ok).toBe(true);
    expect(normalisePlan({ start: '2026-Q2', end: '2036-Q2', note: '' })).toEqual({ ok: false, error: { code: 'too-long', maxQuarters: 40 } });
    expect(normalisePlan({ start: '2026-Q2', end: '2026-Q1', note: '' })).toEqual({ ok: false, error: { code: 'end-before-start' } });
  });

  it('the diff: a new entry’s empty note is no change, a cleared note is; an old value is named only when there was one', () => {
    const values = { start: '2026-Q1', end: '2026-Q2', note: '' };
    // Strict: a new entry's change has no `from` key at all (not one set to undefined).
    expect(diffEntry(undefined, values)).toStrictEqual([
      { field: 'start', to: '2026-Q1' },
      { field: 'end', to: '2026-Q2' },
    ]);
    expect(diffEntry(undefined, { ...values, note: 'Ny' }).at(-1)).toEqual({ field: 'note', to: 'Ny' });
    expect(diffEntry({ ...values, note: 'Gammel' }, values)).toEqual([{ field: 'note', from: 'Gammel', to: '' }]);
    expect(diffEntry(values, { ...values, start: '2025-Q4' })).toEqual([{ field: 'start', from: '2026-Q1', to: '2025-Q4' }]);
    expect(diffEntry(values, values)).toEqual([]);
  });

  it('the entry after a change keeps only its own values, and its creator', () => {
    const by = { id: 'aad-x', name: 'X' };
    const richer = { start: '2026-Q1', end: '2026-Q2', note: 'n', extra: 'not kept' };
    const { entry, revision } = entryAfter('DSOP-2026-009', undefined, richer, [], by, 5);
    expect(entry).toEqual({ ideaNumber: 'DSOP-2026-009', start: '2026-Q1', end: '2026-Q2', note: 'n', createdBy: by, createdAt: 5, updatedBy: by, updatedAt: 5 });
    expect(revision).toEqual({ ideaNumber: 'DSOP-2026-009', by, at: 5, kind: 'added', changes: [] });
    const later = entryAfter('DSOP-2026-009', entry, richer, [], kari, 9);
    expect([later.entry.createdBy, later.entry.createdAt, later.entry.updatedBy, later.entry.updatedAt, later.revision.kind]).toEqual([by, 5, kari, 9, 'changed']);
  });

  it('a project is open from the first gate until a terminal phase; an unknown phase counts as open', () => {
    expect(isOpenProject(programme, { phase: 'ide', status: 'qualified' })).toBe(false);
    expect(isOpenProject(programme, { phase: 'konsept', status: 'active' })).toBe(true);
    expect(isOpenProject(programme, { phase: 'konsept', status: 'stopped' })).toBe(false);
    expect(isOpenProject(programme, { phase: 'forvaltning', status: 'active' })).toBe(false);
    expect(isOpenProject(programme, { phase: 'retired-phase', status: 'active' })).toBe(true);
  });

  it('the layout orders by start, then end, then number, and leaves out an entry whose idea is in a terminal phase', () => {
    const ideas = ['001', '002', '003', '004', '005'].map((n) => idea(`DSOP-2026-${n}`, n === '005' ? 'forvaltning' : 'konsept', 'active'));
    const entries = [
      planned({ ideaNumber: 'DSOP-2026-004', start: '2026-Q1', end: '2026-Q4' }),
      planned({ ideaNumber: 'DSOP-2026-003', start: '2026-Q1', end: '2026-Q2' }),
      planned({ ideaNumber: 'DSOP-2026-002', start: '2026-Q1', end: '2026-Q2' }),
      planned({ ideaNumber: 'DSOP-2026-001', start: '2026-Q3', end: '2026-Q3' }),
      planned({ ideaNumber: 'DSOP-2026-005', start: '2026-Q2', end: '2026-Q2' }),
    ];
    const layout = roadmapLayout(programme, [...ideas].reverse(), entries);
    expect(layout.byHalfYear.map((g) => [g.halfYear, g.rows.map((r) => [r.idea.number, r.missingEntry])])).toEqual([
      ['2026-H1', [['DSOP-2026-002', false], ['DSOP-2026-003', false], ['DSOP-2026-004', false]]],
      ['2026-H2', [['DSOP-2026-001', false]]],
    ]);
    expect(layout.missing).toEqual([]);
    // An idea still in the initial phase is shown with its entry, and not missed without one.
    const early = roadmapLayout(programme, [idea('DSOP-2026-007', 'ide', 'qualified'), idea('DSOP-2026-008', 'ide', 'qualified')], [planned({ ideaNumber: 'DSOP-2026-007' })]);
    expect(early.byHalfYear.flatMap((g) => g.rows.map((r) => r.idea.number))).toEqual(['DSOP-2026-007']);
    expect(early.missing).toEqual([]);
    // An idea in a phase the programme no longer has keeps its entry on the roadmap.
    const retired = roadmapLayout(programme, [idea('DSOP-2026-010', 'retired-phase', 'active')], [planned({ ideaNumber: 'DSOP-2026-010' })]);
    expect(retired.byHalfYear.flatMap((g) => g.rows.map((r) => r.idea.number))).toEqual(['DSOP-2026-010']);
    const missing = roadmapLayout(programme, [idea('DSOP-2026-009', 'konsept', 'active')], []);
    expect(missing).toEqual({ byHalfYear: [], missing: [{ idea: idea('DSOP-2026-009', 'konsept', 'active'), missingEntry: true }] });
  });
});

describe('layout order (property)', () => {
  it('rows with the same period are in idea-number order, whatever order the ideas come in', () => {
    const numbers = ['DSOP-2026-001', 'DSOP-2026-002', 'DSOP-2026-003', 'DSOP-2026-004', 'DSOP-2026-005'];
    fc.assert(
      fc.property(fc.shuffledSubarray(numbers, { minLength: 2 }), fc.shuffledSubarray(numbers, { minLength: 5 }), (ideaOrder, entryOrder) => {
        const layout = roadmapLayout(
          programme,
          ideaOrder.map((n) => idea(n, 'konsept', 'active')),
          entryOrder.map((n) => planned({ ideaNumber: n, start: '2026-Q3', end: '2026-Q4' })),
        );
        expect(layout.byHalfYear.flatMap((g) => g.rows.map((r) => r.idea.number))).toEqual([...ideaOrder].sort());
      }),
    );
  });
});
