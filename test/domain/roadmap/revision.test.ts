// Roadmap revisions decided by a body (Digi Rogaland §4.7: «styringsgruppen beslutter eventuelle
// endringer»): staging the office's edits as pending changes, gathering them into a revision,
// the decision (first one stands), what an adopted revision writes, and when a period counts as
// revised. Table-driven cases and fast-check properties.
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadPreset } from '../../../src/platform/config/programmeFiles.js';
import type { Idea, IdeaStatus } from '../../../src/features/ideas/domain/idea.js';
import { crossReferenceProblems } from '../../../src/shared/programme/crossReferences.js';
import {
  applyRevision,
  changeAgainst,
  decideRevision,
  markVoting,
  MAX_CHANGES_PER_REVISION,
  proposeRevision,
  revisedBetween,
  revisionIdFor,
  roadmapBodyOf,
  stageChange,
  type PendingChange,
  type ProposeInput,
  type RoadmapProposal,
} from '../../../src/features/roadmap/domain/revision.js';
import { formatQuarter, planEntry, type PlanInput, type RoadmapEntry } from '../../../src/features/roadmap/domain/roadmap.js';
import { testProgramme } from '../../support/fixtures.js';

const ola = { id: 'aad-office', name: 'Ola Office' };
const siri = { id: 'aad-office2', name: 'Siri Sekretariat' };
const idea = (number: string, status: IdeaStatus = 'active') => ({ number, status }) as Pick<Idea, 'number' | 'status'>;
const input = (over: Partial<PlanInput> = {}): PlanInput => ({ ideaNumber: 'DIGI-2026-001', start: '2027-Q1', end: '2027-Q4', note: '', by: ola, at: 1000, ...over });

function adoptedEntry(number: string, start: string, end: string, note = ''): RoadmapEntry {
  const planned = planEntry(idea(number), undefined, input({ ideaNumber: number, start, end, note, at: 10 }));
  if (!planned.ok || 'unchanged' in planned.value) throw new Error('entry');
  return planned.value.entry;
}
const pendingOf = (number: string, start: string, end: string, note = '', by = ola, at = 2000): PendingChange => ({ ideaNumber: number, start, end, note, by, at });
const proposeInput = (over: Partial<ProposeInput> = {}): ProposeInput => ({
  sequence: 1,
  body: 'styringsgruppe',
  pending: [],
  adopted: [],
  by: ola,
  at: 5000,
  submissionId: 'form-1',
  ...over,
});

describe('who decides roadmap changes', () => {
  it('is the body the programme names; without the setting the office edits directly', () => {
    expect(roadmapBodyOf(testProgramme())).toBeUndefined();
    expect(roadmapBodyOf(testProgramme({ roadmap: { body: 'styringsgruppen' } }))).toBe('styringsgruppen');
  });

  it('is the steering group in the Digi Rogaland preset, and only Digi Rogaland', () => {
    expect(loadPreset('digi-rogaland').roadmap).toEqual({ body: 'styringsgruppe' });
    expect(loadPreset('dsop').roadmap).toBeUndefined();
    expect(loadPreset('skate').roadmap).toBeUndefined();
  });

  it('must name a body of the programme', () => {
    // Only the roadmap's problems: the fixture's body has no quorum, which a programme file would need.
    const roadmapProblems = (p: ReturnType<typeof testProgramme>) => crossReferenceProblems(p).filter((problem) => problem.path[0] === 'roadmap');
    expect(roadmapProblems(testProgramme({ roadmap: { body: 'styringsgruppen' } }))).toEqual([]);
    expect(roadmapProblems(testProgramme({ roadmap: { body: 'topplederforum' } }))).toEqual([
      { path: ['roadmap', 'body'], message: 'unknown body "topplederforum"' },
    ]);
  });
});

describe('staging an edit', () => {
  // Planned in each test, not when the file is collected: a broken planEntry must fail the
  // tests, not stop the file from loading (which the mutation run counts as a surviving mutant).
  let adopted: RoadmapEntry;
  beforeEach(() => {
    adopted = adoptedEntry('DIGI-2026-001', '2027-Q1', '2027-Q4', 'Fase 1');
  });

  it('makes a pending change of a new entry or a changed one, checked as a direct edit is', () => {
    expect(stageChange(idea('DIGI-2026-002'), undefined, undefined, 0, input({ ideaNumber: 'DIGI-2026-002', start: '2027-q2', end: '2027-Q3', note: ' Ny ' }))).toEqual({
      ok: true,
      value: { kind: 'staged', pending: pendingOf('DIGI-2026-002', '2027-Q2', '2027-Q3', 'Ny', ola, 1000) },
    });
    const changed = stageChange(idea('DIGI-2026-001'), adopted, undefined, 0, input({ end: '2028-Q2', note: 'Fase 1', by: siri }));
    expect(changed).toEqual({ ok: true, value: { kind: 'staged', pending: pendingOf('DIGI-2026-001', '2027-Q1', '2028-Q2', 'Fase 1', siri, 1000) } });
    expect(stageChange(idea('DIGI-2026-001'), adopted, undefined, 0, input({ start: '2028-Q1' }))).toEqual({ ok: false, error: { code: 'end-before-start' } });
    expect(stageChange(idea('DIGI-2026-001', 'stopped'), adopted, undefined, 0, input())).toEqual({
      ok: false,
      error: { code: 'idea-closed', number: 'DIGI-2026-001' },
    });
  });

  it('replaces the idea’s pending change, and withdraws it when the edit says what the adopted roadmap says', () => {
    const pending = pendingOf('DIGI-2026-001', '2027-Q1', '2028-Q2', 'Fase 1');
    expect(stageChange(idea('DIGI-2026-001'), adopted, pending, 1, input({ end: '2028-Q3', note: 'Fase 1' }))).toMatchObject({
      ok: true,
      value: { kind: 'staged', pending: { end: '2028-Q3' } },
    });
    expect(stageChange(idea('DIGI-2026-001'), adopted, pending, 1, input({ end: '2028-Q2', note: 'Fase 1' }))).toEqual({
      ok: true,
      value: { kind: 'unchanged', ideaNumber: 'DIGI-2026-001' },
    });
    expect(stageChange(idea('DIGI-2026-001'), adopted, pending, 1, input({ note: 'Fase 1' }))).toEqual({
      ok: true,
      value: { kind: 'withdrawn', ideaNumber: 'DIGI-2026-001' },
    });
    expect(stageChange(idea('DIGI-2026-001'), adopted, undefined, 0, input({ note: 'Fase 1' }))).toEqual({
      ok: true,
      value: { kind: 'unchanged', ideaNumber: 'DIGI-2026-001' },
    });
  });

  it(`holds at most ${MAX_CHANGES_PER_REVISION} ideas' changes, while those already pending can still be changed`, () => {
    const full = MAX_CHANGES_PER_REVISION;
    expect(stageChange(idea('DIGI-2026-099'), undefined, undefined, full, input({ ideaNumber: 'DIGI-2026-099' }))).toEqual({
      ok: false,
      error: { code: 'too-many-pending', max: full },
    });
    expect(stageChange(idea('DIGI-2026-099'), undefined, undefined, full - 1, input({ ideaNumber: 'DIGI-2026-099' })).ok).toBe(true);
    const pending = pendingOf('DIGI-2026-099', '2027-Q1', '2027-Q4');
    expect(stageChange(idea('DIGI-2026-099'), undefined, pending, full, input({ ideaNumber: 'DIGI-2026-099', end: '2028-Q1' }))).toMatchObject({
      ok: true,
      value: { kind: 'staged' },
    });
  });
});

describe('putting the pending changes forward as one revision', () => {
  let adopted: [RoadmapEntry, RoadmapEntry];
  beforeEach(() => {
    adopted = [adoptedEntry('DIGI-2026-001', '2027-Q1', '2027-Q4', 'Fase 1'), adoptedEntry('DIGI-2026-003', '2026-Q3', '2026-Q4')];
  });

  it('numbers it, sorts its changes and records what each changes on the adopted roadmap', () => {
    const pending = [pendingOf('DIGI-2026-002', '2028-Q1', '2028-Q2', 'Ny'), pendingOf('DIGI-2026-001', '2027-Q1', '2028-Q2', 'Fase 1', siri)];
    const proposed = proposeRevision(proposeInput({ sequence: 7, pending, adopted }));
    expect(proposed).toEqual({
      ok: true,
      value: {
        id: 'R-007',
        sequence: 7,
        body: 'styringsgruppe',
        status: 'proposed',
        proposedBy: ola,
        proposedAt: 5000,
        submissionId: 'form-1',
        changes: [
          { ...pending[1], kind: 'changed', changes: [{ field: 'end', from: '2027-Q4', to: '2028-Q2' }] },
          {
            ...pending[0],
            kind: 'added',
            changes: [
              { field: 'start', to: '2028-Q1' },
              { field: 'end', to: '2028-Q2' },
              { field: 'note', to: 'Ny' },
            ],
          },
        ],
      },
    });
    expect(revisionIdFor(1)).toBe('R-001');
    expect(revisionIdFor(1234)).toBe('R-1234');
  });

  it('leaves out pending changes that no longer change anything, and refuses when none is left', () => {
    const same = pendingOf('DIGI-2026-003', '2026-Q3', '2026-Q4');
    expect(changeAgainst(adopted[1], same)).toBeUndefined();
    expect(proposeRevision(proposeInput({ pending: [same], adopted }))).toEqual({ ok: false, error: { code: 'nothing-pending' } });
    expect(proposeRevision(proposeInput({ pending: [], adopted }))).toEqual({ ok: false, error: { code: 'nothing-pending' } });
  });

  it('refuses while another revision is open (proposed or being voted on), not after it is decided', () => {
    const pending = [pendingOf('DIGI-2026-002', '2028-Q1', '2028-Q2')];
    for (const status of ['proposed', 'voting'] as const) {
      expect(proposeRevision(proposeInput({ pending, open: { id: 'R-001', status } }))).toEqual({ ok: false, error: { code: 'revision-open', id: 'R-001' } });
    }
    for (const status of ['adopted', 'rejected'] as const) expect(proposeRevision(proposeInput({ pending, open: { id: 'R-001', status } })).ok).toBe(true);
  });

  it(`refuses more than ${MAX_CHANGES_PER_REVISION} changes (one transaction decides them)`, () => {
    const many = Array.from({ length: MAX_CHANGES_PER_REVISION + 1 }, (_, i) => pendingOf(`DIGI-2026-${String(i + 100).padStart(3, '0')}`, '2027-Q1', '2027-Q2'));
    expect(proposeRevision(proposeInput({ pending: many }))).toEqual({ ok: false, error: { code: 'too-many-pending', max: MAX_CHANGES_PER_REVISION } });
    expect(proposeRevision(proposeInput({ pending: many.slice(1) })).ok).toBe(true);
  });
});

describe('the decision', () => {
  const proposal = (): RoadmapProposal => {
    const made = proposeRevision(proposeInput({ pending: [pendingOf('DIGI-2026-002', '2028-Q1', '2028-Q2')] }));
    if (!made.ok) throw new Error('proposal');
    return made.value;
  };
  const decision = { adopted: true, voteId: 'R-001.roadmap-revision.x', at: 9000, by: ola };

  it('records the vote once, then the decision; the first decision stands', () => {
    const voting = markVoting(proposal(), 'R-001.roadmap-revision.x');
    expect(voting).toMatchObject({ status: 'voting', voteId: 'R-001.roadmap-revision.x' });
    expect(markVoting(voting!, 'other')).toBeUndefined();
    const adopted = decideRevision(voting!, decision);
    expect(adopted).toMatchObject({ ok: true, value: { status: 'adopted', decision } });
    const decided = adopted.ok && adopted.value !== 'already' ? adopted.value : undefined;
    expect(decideRevision(decided!, decision)).toEqual({ ok: true, value: 'already' });
    expect(decideRevision(decided!, { ...decision, voteId: 'another', adopted: false })).toEqual({ ok: false, error: { code: 'already-decided', id: 'R-001' } });
    expect(decideRevision(voting!, { ...decision, adopted: false })).toMatchObject({ ok: true, value: { status: 'rejected' } });
  });

  it('adopted: every change takes effect at the decision, logged with the revision and the vote; the creator is kept', () => {
    const existing = adoptedEntry('DIGI-2026-001', '2027-Q1', '2027-Q4', 'Fase 1');
    const changes = [
      { ...pendingOf('DIGI-2026-001', '2027-Q1', '2028-Q2', 'Fase 1', siri), kind: 'changed' as const, changes: [] },
      { ...pendingOf('DIGI-2026-002', '2028-Q1', '2028-Q2', 'Ny'), kind: 'added' as const, changes: [] },
      // Says what the roadmap already says: nothing to write.
      { ...pendingOf('DIGI-2026-003', '2026-Q3', '2026-Q4'), kind: 'added' as const, changes: [] },
    ];
    const same = adoptedEntry('DIGI-2026-003', '2026-Q3', '2026-Q4');
    const written = applyRevision({ id: 'R-001', changes }, new Map([[existing.ideaNumber, existing], [same.ideaNumber, same]]), { voteId: 'v1', at: 9000 });
    expect(written).toEqual([
      {
        entry: { ...existing, end: '2028-Q2', updatedBy: siri, updatedAt: 9000 },
        revision: { ideaNumber: 'DIGI-2026-001', by: siri, at: 9000, kind: 'changed', changes: [{ field: 'end', from: '2027-Q4', to: '2028-Q2' }], decision: { revisionId: 'R-001', voteId: 'v1' } },
      },
      {
        entry: { ideaNumber: 'DIGI-2026-002', start: '2028-Q1', end: '2028-Q2', note: 'Ny', createdBy: ola, createdAt: 9000, updatedBy: ola, updatedAt: 9000 },
        revision: {
          ideaNumber: 'DIGI-2026-002',
          by: ola,
          at: 9000,
          kind: 'added',
          changes: [
            { field: 'start', to: '2028-Q1' },
            { field: 'end', to: '2028-Q2' },
            { field: 'note', to: 'Ny' },
          ],
          decision: { revisionId: 'R-001', voteId: 'v1' },
        },
      },
    ]);
  });
});

describe('when the roadmap counts as revised in a period', () => {
  const from = 100_000;
  const until = 200_000;
  const put = (proposedAt: number, voteId?: string) => ({ proposedAt, ...(voteId ? { voteId } : {}) });

  it('a revision put to the vote in the period counts (from inclusive, until exclusive); one never put to the vote does not', () => {
    expect(revisedBetween([put(from, 'v')], [], from, until)).toBe(true);
    expect(revisedBetween([put(until - 1, 'v')], [], from, until)).toBe(true);
    expect(revisedBetween([put(until, 'v')], [], from, until)).toBe(false);
    expect(revisedBetween([put(from - 1, 'v')], [], from, until)).toBe(false);
    expect(revisedBetween([put(from + 5)], [], from, until)).toBe(false);
  });

  it('where no body decides, an edit that took effect counts; a change made by a revision is counted by its revision', () => {
    expect(revisedBetween([], [{ at: from + 1 }], from, until)).toBe(true);
    expect(revisedBetween([], [{ at: from + 1, decision: { revisionId: 'R-001', voteId: 'v' } }], from, until)).toBe(false);
    expect(revisedBetween([], [], from, until)).toBe(false);
  });

  it('agrees with its definition, and a wider period never loses a revision (property)', () => {
    const instant = fc.integer({ min: 0, max: 1_000 });
    fc.assert(
      fc.property(
        fc.array(fc.record({ proposedAt: instant, voted: fc.boolean() }), { maxLength: 6 }),
        fc.array(fc.record({ at: instant, byRevision: fc.boolean() }), { maxLength: 6 }),
        instant,
        instant,
        fc.nat(200),
        (specs, edits, a, b, widen) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const proposals = specs.map((s) => ({ proposedAt: s.proposedAt, ...(s.voted ? { voteId: 'v' } : {}) }));
          const direct = edits.map((e) => ({ at: e.at, ...(e.byRevision ? { decision: { revisionId: 'R', voteId: 'v' } } : {}) }));
          const expected =
            specs.some((s) => s.voted && s.proposedAt >= lo && s.proposedAt < hi) || edits.some((e) => !e.byRevision && e.at >= lo && e.at < hi);
          expect(revisedBetween(proposals, direct, lo, hi)).toBe(expected);
          if (expected) expect(revisedBetween(proposals, direct, lo - widen, hi + widen)).toBe(true);
        },
      ),
    );
  });
});

describe('properties of the whole cycle', () => {
  const numbers = ['DIGI-2026-001', 'DIGI-2026-002', 'DIGI-2026-003', 'DIGI-2026-004', 'DIGI-2026-005'];
  const quarter = fc.integer({ min: 0, max: 11 }).map((n) => formatQuarter(2026 + Math.floor(n / 4), (n % 4) + 1));
  const note = fc.constantFrom('', 'Fase 1', ' Fase 1 ', 'Ny plan');
  const edit = fc.record({ idea: fc.constantFrom(...numbers), a: quarter, b: quarter, note, office: fc.boolean() });
  const order = (a: string, b: string) => (a <= b ? [a, b] : [b, a]) as [string, string];
  const entries = fc.uniqueArray(fc.record({ idea: fc.constantFrom(...numbers), a: quarter, b: quarter, note }), { selector: (e) => e.idea, maxLength: 5 });

  it('adopting a revision makes the adopted roadmap say what each idea’s last edit said, and logs exactly the entries that changed', () => {
    fc.assert(
      fc.property(entries, fc.array(edit, { minLength: 1, maxLength: 20 }), (initial, edits) => {
        const adopted = new Map(initial.map((e) => { const [s, t] = order(e.a, e.b); return [e.idea, adoptedEntry(e.idea, s, t, e.note)] as const; }));
        const pending = new Map<string, PendingChange>();
        edits.forEach((e, i) => {
          const [start, end] = order(e.a, e.b);
          const staged = stageChange(idea(e.idea), adopted.get(e.idea), pending.get(e.idea), pending.size, input({ ideaNumber: e.idea, start, end, note: e.note, by: e.office ? ola : siri, at: 100 + i }));
          if (!staged.ok) throw new Error(staged.error.code);
          if (staged.value.kind === 'staged') pending.set(e.idea, staged.value.pending);
          if (staged.value.kind === 'withdrawn') pending.delete(e.idea);
        });
        const last = new Map(edits.map((e) => { const [start, end] = order(e.a, e.b); return [e.idea, { start, end, note: e.note.trim() }] as const; }));
        // A pending change exists exactly for the ideas whose last edit differs from the adopted roadmap.
        for (const [n, wanted] of last) {
          const a = adopted.get(n);
          const differs = !a || a.start !== wanted.start || a.end !== wanted.end || a.note !== wanted.note;
          expect(pending.has(n)).toBe(differs);
        }
        const proposed = proposeRevision(proposeInput({ pending: [...pending.values()], adopted: [...adopted.values()] }));
        if (pending.size === 0) {
          expect(proposed).toEqual({ ok: false, error: { code: 'nothing-pending' } });
          return;
        }
        if (!proposed.ok) throw new Error(proposed.error.code);
        const written = applyRevision(proposed.value, adopted, { voteId: 'v', at: 9999 });
        expect(written.map((w) => w.entry.ideaNumber).sort()).toEqual([...pending.keys()].sort());
        const after = new Map(adopted);
        for (const { entry, revision } of written) {
          after.set(entry.ideaNumber, entry);
          expect(revision.decision).toEqual({ revisionId: 'R-001', voteId: 'v' });
          expect(revision.changes.length).toBeGreaterThan(0);
        }
        for (const [n, wanted] of last) expect(after.get(n)).toMatchObject(wanted);
        for (const [n, entry] of adopted) if (!last.has(n)) expect(after.get(n)).toBe(entry);
        // Adopting the same revision again writes nothing: its changes are in force.
        expect(applyRevision(proposed.value, after, { voteId: 'v', at: 10_000 })).toEqual([]);
      }),
    );
  });

  it('each proposed change, applied to the adopted entry field by field, gives the pending values', () => {
    fc.assert(
      fc.property(entries, fc.array(edit, { minLength: 1, maxLength: 10 }), (initial, edits) => {
        const adopted = initial.map((e) => { const [s, t] = order(e.a, e.b); return adoptedEntry(e.idea, s, t, e.note); });
        const pending = [...new Map(edits.map((e) => { const [s, t] = order(e.a, e.b); return [e.idea, pendingOf(e.idea, s, t, e.note.trim())] as const; })).values()];
        const proposed = proposeRevision(proposeInput({ pending, adopted }));
        if (!proposed.ok) return;
        for (const change of proposed.value.changes) {
          const base = adopted.find((e) => e.ideaNumber === change.ideaNumber);
          const rebuilt: Record<string, string> = { start: base?.start ?? '', end: base?.end ?? '', note: base?.note ?? '' };
          for (const c of change.changes) {
            expect(c.from).toBe(base ? base[c.field] : undefined);
            rebuilt[c.field] = c.to;
          }
          expect(rebuilt).toEqual({ start: change.start, end: change.end, note: change.note });
          expect(change.kind).toBe(base ? 'changed' : 'added');
        }
      }),
    );
  });
});
