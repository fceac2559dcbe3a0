// The vote table's per-instance caches against real Azurite, with two instances (two
// VoteTables on one storage account, as two bot instances): what one writes, the other sees
// once its cache ages out or its ETag turns out stale; a stale copy is never written over.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageClients } from '../../src/platform/storage/connection.js';
import { Tables } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { openTestVote } from '../support/openTestVote.js';
import { testProgramme } from '../support/fixtures.js';

let azurite: TestAzurite;
let tables: Tables;
const programme = testProgramme();
const body = programme.bodies[0]!;
const openedAt = Date.UTC(2026, 10, 23, 9);
let clock = openedAt;
let serial = 0;

/** Two instances with a hand-driven clock for their caches. */
const instance = () => new VoteTable(tables, { now: () => clock });

const openVote = (table: VoteTable) => openTestVote(table, programme, ++serial, openedAt);

const voters = () => body.members;

beforeAll(async () => {
  azurite = await startTestAzurite();
  tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
});
afterAll(async () => azurite.stop());

describe('the vote record cache', () => {
  it("serves its copy for a second, then sees the other instance's update", async () => {
    const [a, b] = [instance(), instance()];
    const { ref } = await openVote(a);
    expect((await a.get(ref))?.cardKey).toBeUndefined();
    await b.update(ref, (v) => ({ ...v, cardKey: 'by-b' }));
    expect((await a.get(ref))?.cardKey).toBeUndefined(); // its copy, within the second
    clock += 1_001;
    expect((await a.get(ref))?.cardKey).toBe('by-b');
  });

  it('an update from a stale copy is detected by its ETag and applied to what is stored, losing nothing', async () => {
    const [a, b] = [instance(), instance()];
    const { ref } = await openVote(a);
    await a.get(ref); // a holds the record and its ETag
    await b.update(ref, (v) => ({ ...v, cardKey: 'by-b' }));
    const seen: (string | undefined)[] = [];
    const result = await a.update(ref, (v) => {
      seen.push(v.cardKey);
      return { ...v, progress: { ...v.progress, posted: true } };
    });
    // First applied to the stale copy (refused: 412), then to the stored record.
    expect(seen).toEqual([undefined, 'by-b']);
    expect(result?.vote).toMatchObject({ cardKey: 'by-b', progress: { posted: true } });
    const fresh = new VoteTable(tables, { recordMaxAgeMs: -1 });
    expect(await fresh.get(ref)).toMatchObject({ cardKey: 'by-b', progress: { posted: true } });
  });

  it("its own writes are served at once", async () => {
    const a = instance();
    const { ref } = await openVote(a);
    await a.get(ref);
    await a.update(ref, (v) => ({ ...v, cardKey: 'mine' }));
    expect((await a.get(ref))?.cardKey).toBe('mine');
  });
});

describe('the progress aggregate', () => {
  it("holds this instance's ballots at once and the other instance's after a second", async () => {
    const [a, b] = [instance(), instance()];
    const { ref } = await openVote(a);
    const [first, second] = voters();
    expect(await a.progress(ref)).toEqual([]);
    await a.cast(ref, { voter: first!, choice: 'for', castAt: clock });
    await b.cast(ref, { voter: second!, choice: 'against', castAt: clock });
    expect((await a.progress(ref)).map((x) => [x.voter, x.choice])).toEqual([[first, 'for']]);
    clock += 1_001;
    const both = (await a.progress(ref)).map((x) => [x.voter, x.choice]).sort();
    expect(both).toEqual([[first, 'for'], [second, 'against']].sort());
  });

  it("a change of vote made on the other instance is not overwritten by this one's stale ETag", async () => {
    const [a, b] = [instance(), instance()];
    const { ref } = await openVote(a);
    const voter = voters()[0]!;
    await a.progress(ref);
    await a.cast(ref, { voter, choice: 'for', castAt: clock }); // a knows seq 1 and its ETag
    await b.cast(ref, { voter, choice: 'against', castAt: clock + 1 }); // seq 2, a does not know
    const third = await a.cast(ref, { voter, choice: 'abstain', castAt: clock + 2 });
    // a's guess (seq 1) conflicts; it re-reads and records seq 3: every ballot kept, in order.
    expect(third).toMatchObject({ kind: 'recorded', ballot: { seq: 3, choice: 'abstain' } });
    const fresh = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
    expect((await fresh.ballots(ref)).map((x) => [x.seq, x.choice])).toEqual([
      [1, 'for'],
      [2, 'against'],
      [3, 'abstain'],
    ]);
    expect(await fresh.latestOf(ref, voter)).toMatchObject({ seq: 3, choice: 'abstain' });
    expect((await a.progress(ref)).find((x) => x.voter === voter)).toMatchObject({ seq: 3 });
  });

  it('a seal made by the other instance is seen by a cast from the aggregate: nothing is added after it', async () => {
    const [a, b] = [instance(), instance()];
    const { ref } = await openVote(a);
    const [voted, never] = voters();
    await a.progress(ref);
    await a.cast(ref, { voter: voted!, choice: 'for', castAt: clock });
    const sealed = await b.seal(ref, voters());
    expect(sealed.map((x) => x.voter)).toEqual([voted]);
    // a believes the first row unsealed (old ETag) and the second absent: both must conflict.
    expect(await a.cast(ref, { voter: voted!, choice: 'against', castAt: clock + 1 })).toEqual({ kind: 'sealed' });
    expect(await a.cast(ref, { voter: never!, choice: 'for', castAt: clock + 1 })).toEqual({ kind: 'sealed' });
    const fresh = new VoteTable(tables, { recordMaxAgeMs: -1 });
    expect((await fresh.latest(ref)).map((x) => [x.voter, x.choice])).toEqual([[voted, 'for']]);
  });

  it('a repeated click through the aggregate is a duplicate, not a second ballot', async () => {
    const a = instance();
    const { ref } = await openVote(a);
    const voter = voters()[0]!;
    await a.progress(ref);
    const click = { voter, choice: 'for' as const, castAt: clock, after: 0 };
    expect((await a.cast(ref, click)).kind).toBe('recorded');
    const again = await a.cast(ref, click);
    expect(again).toMatchObject({ kind: 'duplicate', latest: { seq: 1, choice: 'for' } });
    expect(await a.ballots(ref)).toHaveLength(1);
  });
});
