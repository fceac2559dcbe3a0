// The ideas' index rows against real Azurite: each list reads a page of its index in the
// order the domain defines; two concurrent changes of one idea leave one row per index; the
// start-up migration gives rows written before the index theirs (idempotent), and the sweep
// repairs a missing or stray row.
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgrammeKey } from '../../src/shared/keys.js';
import type { ListedIdea } from '../../src/features/ideas/app/ideaRepository.js';
import { firstPage, readPageAt, type Page, type PageCursor } from '../../src/shared/paging.js';
import type { Idea } from '../../src/features/ideas/domain/idea.js';
import { prioritise, register } from '../../src/features/ideas/domain/lifecycle.js';
import { rankIdeas } from '../../src/features/ideas/domain/ranking.js';
import { ok } from '../../src/shared/result.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { indexKeysOf } from '../../src/features/ideas/storage/ideaIndex.js';
import { IdeaTable } from '../../src/features/ideas/storage/ideaTable.js';
import { scanPages } from '../../src/platform/storage/rangePage.js';
import { keyPart, Tables, tenantPartition } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, testProgramme } from '../support/fixtures.js';

let azurite: TestAzurite;
let ideas: IdeaTable;
let raw: TableClient;
const programme = testProgramme();
const at = Date.UTC(2026, 10, 22, 12);
const office = { id: 'aad-office', name: 'Ola Office' };
/** Scores whatever the idea's status (these tests are about the index, not the lifecycle guard). */
const anyIdea = () => ok(undefined);
const person = (i: number) => ({ id: `aad-p${i}`, name: `Person ${i}` });

const freshKey = (): ProgrammeKey => ({ tenantId: `${TENANT}-${randomUUID().slice(0, 8)}`, programmeId: programme.id });
const partition = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);

async function registerMany(key: ProgrammeKey, n: number, submitters = 3): Promise<Idea[]> {
  const out: Idea[] = [];
  for (let i = 0; i < n; i++) {
    const result = await ideas.register(key, `s-${i}`, { prefix: 'DSOP', year: 2026 }, (number) =>
      register(programme, { number, title: `Idé ${i}`, description: 'Beskrivelse.', party: 'skatteetaten', submittedBy: person(i % submitters), at }),
    );
    if (!result.ok) throw new Error('setup');
    out.push(result.value.idea);
  }
  return out;
}

/** Every page of a list, following the cursors the pages hand out. */
async function walk(key: ProgrammeKey, query: Parameters<IdeaTable['page']>[1], size: number) {
  const pages: Page<ListedIdea>[] = [];
  let cursor: PageCursor | undefined = firstPage;
  while (cursor) {
    const page: Page<ListedIdea> = await readPageAt(cursor, size, (request) => ideas.page(key, query, request));
    pages.push(page);
    cursor = page.next;
  }
  return pages;
}

/** The index rows of one idea, by the number they carry. */
async function indexRowsOf(key: ProgrammeKey, number: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const page of scanPages<{ n: string }>(raw, partition(key), 'ix|')) for (const row of page) if (row.n === number) keys.push(row.rowKey ?? '');
  return keys.sort();
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  ideas = new IdeaTable(tables);
  raw = await tables.get('ideas');
});
afterAll(async () => azurite.stop());

describe('lists read from their index', () => {
  it("a submitter's ideas come newest first, a page at a time, with the total; previous goes back to the same pages", async () => {
    const key = freshKey();
    const all = await registerMany(key, 25, 2);
    const mine = all.filter((i) => i.submittedBy.id === 'aad-p0').map((i) => i.number).reverse();
    const pages = await walk(key, { by: 'submitter', id: 'aad-p0' }, 5);
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 3]);
    expect(pages.flatMap((p) => p.items.map((x) => x.idea.number))).toEqual(mine);
    expect(pages.map((p) => [p.offset, p.total])).toEqual([[0, 13], [5, 13], [10, 13]]);
    const last = pages[2];
    if (!last?.previous) throw new Error('no previous');
    const back = await readPageAt(last.previous, 5, (r) => ideas.page(key, { by: 'submitter', id: 'aad-p0' }, r));
    expect(back.items.map((x) => x.idea.number)).toEqual(pages[1]?.items.map((x) => x.idea.number));
    // A cursor that has forgotten its keys (a far "previous") finds the place by offset.
    const far = await readPageAt({ offset: 5, back: [] }, 5, (r) => ideas.page(key, { by: 'submitter', id: 'aad-p0' }, r));
    expect(far.items.map((x) => x.idea.number)).toEqual(pages[1]?.items.map((x) => x.idea.number));
  });

  it('the portfolio reads phase after phase in the programme order, and counts each phase', async () => {
    const key = freshKey();
    const all = await registerMany(key, 7);
    // Three ideas through BP1 into the concept phase (a gate decision is a transition like any other).
    for (const idea of all.slice(0, 3)) {
      await ideas.apply(key, idea.number, (i) => ({ ok: true, value: { idea: { ...i, phase: 'konsept', status: 'active' }, history: { ideaNumber: i.number, at, by: office, event: { kind: 'registered', phase: 'konsept' } } } }) as never);
    }
    const phases = programme.phases.map((p) => p.id);
    const pages = await walk(key, { by: 'phases', phases }, 3);
    const order = pages.flatMap((p) => p.items.map((x) => `${x.idea.phase}:${x.idea.number}`));
    const expected = [...all.slice(3).reverse().map((i) => `ide:${i.number}`), ...all.slice(0, 3).reverse().map((i) => `konsept:${i.number}`)];
    expect(order).toEqual(expected);
    expect(pages[0]?.total).toBe(7);
    expect(await ideas.counts(key)).toEqual({ status: { registered: 4, active: 3 }, phase: { ide: 4, konsept: 3 } });
    // A skip into the second phase lands there.
    const skipped = await readPageAt({ offset: 5, back: [] }, 3, (r) => ideas.page(key, { by: 'phases', phases }, r));
    expect(skipped.items.map((x) => `${x.idea.phase}:${x.idea.number}`)).toEqual(expected.slice(5));
  });

  it('the ranking is the domain ranking, and moves with every assessment', async () => {
    const key = freshKey();
    const all = await registerMany(key, 6);
    const scores = [[3, 3], [5, 4], [1, 2], [4, 4], [5, 4]];
    for (const [i, [a, b]] of scores.entries()) {
      const number = all[i]?.number ?? '';
      await ideas.saveAssessment(key, { ideaNumber: number, assessor: office, scores: { nytteverdi: a ?? 1, gjennomforbarhet: b ?? 1 }, comment: '', at }, programme, anyIdea);
    }
    // Ola changes his mind about the first idea: it moves to the top.
    await ideas.saveAssessment(key, { ideaNumber: all[0]?.number ?? '', assessor: office, scores: { nytteverdi: 5, gjennomforbarhet: 5 }, comment: '', at: at + 1 }, programme, anyIdea);
    const pages = await walk(key, { by: 'ranking' }, 4);
    const expected = rankIdeas(all, await ideas.assessments(key), programme);
    expect(pages.flatMap((p) => p.items.map((x) => [x.idea.number, x.score?.weightedScore]))).toEqual(expected.map((r) => [r.idea.number, r.score?.weightedScore]));
    expect(pages[0]?.items[0]?.idea.number).toBe(all[0]?.number);
    expect(pages[0]?.total).toBe(6);
  });

  it('a page never leaves its list: a start key from another list reads from the list start', async () => {
    const key = freshKey();
    await registerMany(key, 4, 2);
    const page = await ideas.page(key, { by: 'submitter', id: 'aad-p1' }, { start: 'ix|sub|aad-p0|', size: 10 });
    expect(page.items.every((x) => x.idea.submittedBy.id === 'aad-p1')).toBe(true);
    expect(page.items).toHaveLength(2);
  });
});

describe('one index row per index', () => {
  it('two concurrent changes of one idea leave exactly the rows of the winner', async () => {
    const key = freshKey();
    const [idea] = await registerMany(key, 1);
    const number = idea?.number ?? '';
    const [first, second] = await Promise.all([
      ideas.apply(key, number, (i) => prioritise(programme, i, { by: office, at, rank: 1 })),
      ideas.apply(key, number, (i) => prioritise(programme, i, { by: office, at, rank: 2 })),
      ideas.saveAssessment(key, { ideaNumber: number, assessor: office, scores: { nytteverdi: 4, gjennomforbarhet: 4 }, comment: '', at }, programme, anyIdea),
    ]);
    expect([first, second].filter((r) => r.ok)).toHaveLength(1);
    const stored = await ideas.get(key, number);
    if (!stored) throw new Error('gone');
    expect(await indexRowsOf(key, number)).toEqual(indexKeysOf(stored, undefined).sort());
    const prio = await ideas.page(key, { by: 'prioritised' }, { size: 10 });
    expect(prio.items.map((x) => [x.idea.number, x.idea.rank])).toEqual([[number, stored.rank]]);
    expect((await ideas.page(key, { by: 'ranking' }, { size: 10 })).items).toEqual([]);
  });

  it('10 concurrent registrations are all counted and all indexed', async () => {
    const key = freshKey();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ideas.register(key, `c-${i}`, { prefix: 'DSOP', year: 2026 }, (number) =>
          register(programme, { number, title: `Idé ${i}`, description: 'Beskrivelse.', party: 'skatteetaten', submittedBy: person(i), at }),
        ),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect((await ideas.counts(key)).status.registered).toBe(10);
    expect((await ideas.page(key, { by: 'status', status: 'registered' }, { size: 20 })).items).toHaveLength(10);
  });
});

describe('migration and sweep', () => {
  /** An idea row as the code before the index wrote it: no index rows, no `ix`, no counts. */
  async function writeLegacy(key: ProgrammeKey, idea: Idea) {
    await raw.createEntity({
      partitionKey: partition(key),
      rowKey: `idea|${keyPart(idea.number)}`,
      data: JSON.stringify(idea),
      status: idea.status,
      phase: idea.phase,
      submittedBy: idea.submittedBy.id,
      historyCount: 1,
    });
  }

  const legacyIdea = (i: number, status: Idea['status'] = 'registered'): Idea => ({
    programmeId: programme.id,
    number: `DSOP-2026-${String(i).padStart(3, '0')}`,
    title: `Gammel idé ${i}`,
    description: 'Fra før indeksen.',
    party: 'skatteetaten',
    links: [],
    submittedBy: person(i % 2),
    registeredAt: at,
    phase: 'ide',
    phaseStartedAt: at,
    status,
    ...(status === 'prioritised' ? { rank: i } : {}),
    disputes: [],
  });

  it("gives rows written by today's code their index rows and counts, once: a second run changes nothing", async () => {
    const key = freshKey();
    for (let i = 1; i <= 12; i++) await writeLegacy(key, legacyIdea(i, i % 3 === 0 ? 'prioritised' : 'registered'));
    await raw.createEntity({ partitionKey: partition(key), rowKey: `assessment|${keyPart('DSOP-2026-002')}|${keyPart(office.id)}`, data: JSON.stringify({ ideaNumber: 'DSOP-2026-002', assessor: office, scores: { nytteverdi: 5, gjennomforbarhet: 5 }, comment: '', at }) });
    expect((await ideas.page(key, { by: 'submitter', id: 'aad-p0' }, { size: 20 })).items).toEqual([]);

    expect(await ideas.migrateIndex(key, programme)).toEqual({ rewritten: 12, removed: 0 });
    const mine = await ideas.page(key, { by: 'submitter', id: 'aad-p0' }, { size: 20 });
    expect(mine.items.map((x) => x.idea.number)).toEqual(['DSOP-2026-012', 'DSOP-2026-010', 'DSOP-2026-008', 'DSOP-2026-006', 'DSOP-2026-004', 'DSOP-2026-002']);
    expect(mine.total).toBe(6);
    expect(await ideas.counts(key)).toEqual({ status: { registered: 8, prioritised: 4 }, phase: { ide: 12 } });
    const ranking = await ideas.page(key, { by: 'ranking' }, { size: 3 });
    expect(ranking.items[0]).toMatchObject({ idea: { number: 'DSOP-2026-002' }, score: { weightedScore: 5 } });
    expect((await ideas.page(key, { by: 'prioritised' }, { size: 20 })).items.map((x) => x.idea.number)).toEqual(['DSOP-2026-003', 'DSOP-2026-006', 'DSOP-2026-009', 'DSOP-2026-012']);

    expect(await ideas.migrateIndex(key, programme)).toEqual({ rewritten: 0, removed: 0 });
    // Other scoring rules: the scores are made again, the rows not rewritten where nothing changed.
    const reweighted = { ...programme, criteria: programme.criteria.map((c, i) => ({ ...c, weight: i + 1 })) };
    expect(await ideas.migrateIndex(key, reweighted)).toEqual({ rewritten: 1, removed: 0 });
  });

  it('the sweep puts back a missing index row and removes a stray one; ideas changed meanwhile keep theirs', async () => {
    const key = freshKey();
    const all = await registerMany(key, 3);
    await ideas.migrateIndex(key, programme);
    const victim = all[0]?.number ?? '';
    const [missing] = await indexRowsOf(key, victim);
    await raw.deleteEntity(partition(key), missing ?? '');
    await raw.createEntity({ partitionKey: partition(key), rowKey: 'ix|st|stopped|stray', n: victim, data: JSON.stringify(all[0]) });
    await raw.deleteEntity(partition(key), 'meta|index'); // the sweep runs when asked (as after a crash), not only on a new layout

    expect(await ideas.migrateIndex(key, programme)).toEqual({ rewritten: 1, removed: 1 });
    const stored = await ideas.get(key, victim);
    if (!stored) throw new Error('gone');
    expect(await indexRowsOf(key, victim)).toEqual(indexKeysOf(stored, undefined).sort());
    expect((await ideas.page(key, { by: 'status', status: 'stopped' }, { size: 5 })).items).toEqual([]);
  });
});
