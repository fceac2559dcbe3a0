// The roadmap's pending changes and revisions against real (in-memory) Azurite: an edit racing a
// proposal is never lost (it lands in the revision or stays pending), one revision is open at a
// time, a repeated decision writes nothing twice and a second vote cannot redo it, the period
// query's bounds, and tenant isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeRevision, stageChange } from '../../src/features/roadmap/domain/revision.js';
import { planEntry } from '../../src/features/roadmap/domain/roadmap.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { RoadmapRevisionTable } from '../../src/features/roadmap/storage/roadmapRevisionTable.js';
import { RoadmapTable } from '../../src/features/roadmap/storage/roadmapTable.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let revisions: RoadmapRevisionTable;
let roadmap: RoadmapTable;
const ola = { id: 'aad-office', name: 'Ola Office' };
let programmeCount = 0;
/** A fresh programme partition per test. */
const freshKey = () => ({ tenantId: 'tenant-a', programmeId: `p${++programmeCount}` });
const number = (n: number) => `DIGI-2027-${String(n).padStart(3, '0')}`;
const active = (n: string) => ({ number: n, status: 'active' as const });

async function stage(key: { tenantId: string; programmeId: string }, n: string, end = '2027-Q4', at = 1000) {
  const result = await revisions.stage(key, n, (adopted, pending, count) =>
    stageChange(active(n), adopted, pending, count, { ideaNumber: n, start: '2027-Q1', end, note: '', by: ola, at }),
  );
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
const propose = (key: { tenantId: string; programmeId: string }, submissionId: string, at = 5000) =>
  revisions.propose(key, submissionId, (state) => proposeRevision({ ...state, body: 'styringsgruppe', by: ola, at, submissionId }));

beforeAll(async () => {
  azurite = await startTestAzurite();
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  revisions = new RoadmapRevisionTable(tables);
  roadmap = new RoadmapTable(tables);
});
afterAll(async () => azurite.stop());

describe('pending changes and proposals', () => {
  it('an edit racing a proposal lands in the revision or stays pending, never lost', async () => {
    for (let round = 0; round < 3; round++) {
      const key = freshKey();
      await stage(key, number(1));
      const edits = Array.from({ length: 8 }, (_, i) => number(i + 2));
      const [proposed] = await Promise.all([propose(key, `form-${round}`), ...edits.map((n) => stage(key, n))]);
      if (!proposed.ok) throw new Error(proposed.error.code);
      const inRevision = proposed.value.proposal.changes.map((c) => c.ideaNumber);
      const stillPending = (await revisions.pending(key)).map((p) => p.ideaNumber);
      expect(inRevision).toContain(number(1));
      expect(new Set([...inRevision, ...stillPending])).toEqual(new Set([number(1), ...edits]));
      expect(inRevision.filter((n) => stillPending.includes(n))).toEqual([]);
      // What the stored revision holds is what the proposal returned.
      expect((await revisions.get(key, proposed.value.proposal.id))?.changes.map((c) => c.ideaNumber).sort()).toEqual([...inRevision].sort());
    }
  });

  it('numbers revisions, finds a repeated form again, and keeps one open at a time', async () => {
    const key = freshKey();
    await stage(key, number(1));
    const [a, b] = await Promise.all([propose(key, 'form-a'), propose(key, 'form-a')]);
    expect(a.ok && b.ok && a.value.proposal.id === b.value.proposal.id).toBe(true);
    expect([a.ok && a.value.created, b.ok && b.value.created].sort()).toEqual([false, true]);
    await stage(key, number(2));
    expect(await propose(key, 'form-b')).toEqual({ ok: false, error: { code: 'revision-open', id: 'R-001' } });
    expect((await revisions.open(key))?.id).toBe('R-001');
    expect(await revisions.markVoting(key, 'R-001', 'vote-1')).toMatchObject({ status: 'voting', voteId: 'vote-1' });
    expect(await revisions.markVoting(key, 'R-001', 'vote-2')).toMatchObject({ voteId: 'vote-1' });
    const decided = await revisions.decide(key, 'R-001', { adopted: false, voteId: 'vote-1', at: 6000, by: ola });
    expect(decided).toMatchObject({ ok: true, value: { status: 'rejected' } });
    expect(await revisions.open(key)).toBeUndefined();
    const next = await propose(key, 'form-b');
    expect(next).toMatchObject({ ok: true, value: { created: true, proposal: { id: 'R-002', changes: [expect.objectContaining({ ideaNumber: number(2) })] } } });
    expect((await revisions.list(key, 10)).map((p) => p.id)).toEqual(['R-002', 'R-001']);
  });

  it('the draft holds at most the changes one revision may hold; concurrent edits all land', async () => {
    const key = freshKey();
    for (let batch = 0; batch < 29; batch += 5) {
      await Promise.all(Array.from({ length: Math.min(5, 29 - batch) }, (_, i) => stage(key, number(batch + i + 1))));
    }
    expect(await revisions.pending(key)).toHaveLength(29);
    await stage(key, number(30));
    await expect(stage(key, number(31))).rejects.toThrow('too-many-pending');
    // Changing one already pending is still allowed.
    expect(await stage(key, number(30), '2028-Q1')).toMatchObject({ kind: 'staged' });
  });
});

describe('the decision', () => {
  it('adopted: entries and log lines written once; the same vote again changes nothing; another vote is refused', async () => {
    const key = freshKey();
    // One entry already adopted (a direct edit from before), one new.
    const existing = await roadmap.plan(key, number(1), (current) =>
      planEntry(active(number(1)), current, { ideaNumber: number(1), start: '2026-Q3', end: '2026-Q4', note: '', by: ola, at: 100 }),
    );
    expect(existing.ok).toBe(true);
    await stage(key, number(1), '2027-Q4');
    await stage(key, number(2));
    const proposed = await propose(key, 'form-1');
    if (!proposed.ok) throw new Error('propose');
    const decision = { adopted: true, voteId: 'vote-1', at: 7000, by: ola };
    const first = await revisions.decide(key, 'R-001', decision);
    expect(first).toMatchObject({ ok: true, value: { status: 'adopted', decision } });
    const after = async () => ({ entries: await roadmap.list(key), log: await roadmap.revisions(key, 20) });
    const once = await after();
    expect(once.entries.map((e) => [e.ideaNumber, e.start, e.end, e.updatedAt]).sort()).toEqual([
      [number(1), '2027-Q1', '2027-Q4', 7000],
      [number(2), '2027-Q1', '2027-Q4', 7000],
    ]);
    expect(once.log).toHaveLength(3);
    expect(once.log.filter((l) => l.decision?.revisionId === 'R-001')).toHaveLength(2);
    expect(await revisions.decide(key, 'R-001', decision)).toMatchObject({ ok: true, value: { status: 'adopted' } });
    expect(await revisions.decide(key, 'R-001', { ...decision, voteId: 'vote-2', adopted: false })).toEqual({ ok: false, error: { code: 'already-decided', id: 'R-001' } });
    expect(await after()).toEqual(once);
    expect(await revisions.decide(key, 'R-404', decision)).toEqual({ ok: false, error: { code: 'revision-not-found', id: 'R-404' } });
  });

  it('rejected: nothing is written to the roadmap, and the changes stay on the revision’s record', async () => {
    const key = freshKey();
    await stage(key, number(1));
    await propose(key, 'form-1');
    await revisions.decide(key, 'R-001', { adopted: false, voteId: 'vote-1', at: 7000, by: ola });
    expect(await roadmap.list(key)).toEqual([]);
    expect(await roadmap.revisions(key, 10)).toEqual([]);
    expect(await revisions.get(key, 'R-001')).toMatchObject({ status: 'rejected', changes: [expect.objectContaining({ ideaNumber: number(1) })] });
  });
});

describe('was the roadmap revised in a period', () => {
  it('counts a revision put to the vote and a direct edit within [from, until), and nothing of another programme or tenant', async () => {
    const key = freshKey();
    expect(await revisions.revisedBetween(key, 0, Number.MAX_SAFE_INTEGER)).toBe(false);
    await roadmap.plan(key, number(1), (current) =>
      planEntry(active(number(1)), current, { ideaNumber: number(1), start: '2026-Q3', end: '2026-Q4', note: '', by: ola, at: 50_000 }),
    );
    expect(await revisions.revisedBetween(key, 50_000, 50_001)).toBe(true);
    expect(await revisions.revisedBetween(key, 49_000, 50_000)).toBe(false);
    expect(await revisions.revisedBetween(key, 50_001, 60_000)).toBe(false);
    expect(await revisions.revisedBetween(key, 0, 60_000)).toBe(true);

    await stage(key, number(2));
    await propose(key, 'form-1', 80_000);
    // Proposed but never put to the vote: not yet a revision the body has before it.
    expect(await revisions.revisedBetween(key, 70_000, 90_000)).toBe(false);
    await revisions.markVoting(key, 'R-001', 'vote-1');
    expect(await revisions.revisedBetween(key, 70_000, 90_000)).toBe(true);
    expect(await revisions.revisedBetween(key, 80_001, 90_000)).toBe(false);

    const otherTenant = { ...key, tenantId: 'tenant-b' };
    expect(await revisions.revisedBetween(otherTenant, 0, 100_000)).toBe(false);
    expect(await revisions.pending(otherTenant)).toEqual([]);
    expect(await revisions.list(otherTenant, 10)).toEqual([]);
  });
});
