// The votes' index rows against real Azurite: the decision log reads the votes newest first a
// page at a time (all, one idea's, one body's); votes opened before the index get their rows
// from the start-up migration, once.
import type { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstPage, readPageAt, type Page, type PageCursor } from '../../src/shared/paging.js';
import type { GateVote } from '../../src/features/votes/domain/gateVote.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { scanPages } from '../../src/platform/storage/rangePage.js';
import { Tables, tenantPartition } from '../../src/platform/storage/tables.js';
import { VoteTable } from '../../src/features/votes/storage/voteTable.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';
import { TENANT, testProgramme } from '../support/fixtures.js';
import { openTestVote } from '../support/openTestVote.js';

let azurite: TestAzurite;
let votes: VoteTable;
let raw: TableClient;
const programme = testProgramme();
const key = { tenantId: TENANT, programmeId: programme.id };
const at = Date.UTC(2026, 10, 22, 12);
const opened: GateVote[] = [];

async function walk(filter: { ideaNumber?: string; body?: string }, size: number): Promise<Page<GateVote>[]> {
  const pages: Page<GateVote>[] = [];
  let cursor: PageCursor | undefined = firstPage;
  while (cursor) {
    const page: Page<GateVote> = await readPageAt(cursor, size, (request) => votes.page(key, filter, request));
    pages.push(page);
    cursor = page.next;
  }
  return pages;
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  const tables = new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString }));
  votes = new VoteTable(tables, { recordMaxAgeMs: -1, progressMaxAgeMs: -1 });
  raw = await tables.get('votes');
  for (let n = 1; n <= 12; n++) opened.push((await openTestVote(votes, programme, n, at + n * 3_600_000)).vote);
});
afterAll(async () => azurite.stop());

describe('the decision log reads its index', () => {
  it('newest first, five a page, with the total, and back again', async () => {
    const pages = await walk({}, 5);
    expect(pages.map((p) => p.items.length)).toEqual([5, 5, 2]);
    expect(pages.flatMap((p) => p.items.map((v) => v.id))).toEqual([...opened].reverse().map((v) => v.id));
    expect(pages.every((p) => p.total === 12)).toBe(true);
    const previous = pages[2]?.previous;
    if (!previous) throw new Error('no previous');
    const back = await readPageAt(previous, 5, (r) => votes.page(key, {}, r));
    expect(back.items.map((v) => v.id)).toEqual(pages[1]?.items.map((v) => v.id));
  });

  it("one idea's votes, and one body's", async () => {
    const [idea] = await walk({ ideaNumber: 'DSOP-2026-004' }, 5);
    expect(idea?.items.map((v) => v.id)).toEqual([opened[3]?.id]);
    expect(idea?.total).toBe(1);
    const body = await walk({ body: programme.bodies[0]?.id ?? '' }, 20);
    expect(body[0]?.items).toHaveLength(12);
    expect((await walk({ body: 'nobody' }, 5))[0]).toMatchObject({ items: [], total: 0 });
  });
});

describe('migration', () => {
  it('gives votes opened before the index their rows, once', async () => {
    const partitionKey = tenantPartition(key.tenantId, key.programmeId);
    // As the code before the index left the partition: no index rows.
    for await (const page of scanPages(raw, partitionKey, 'vix|')) for (const row of page) await raw.deleteEntity(partitionKey, row.rowKey ?? '');
    expect((await votes.page(key, {}, { size: 5 })).items).toEqual([]);
    expect(await votes.migrateIndex(key)).toEqual({ written: 12 });
    expect((await walk({}, 5)).flatMap((p) => p.items.map((v) => v.id))).toEqual([...opened].reverse().map((v) => v.id));
    expect(await votes.migrateIndex(key)).toEqual({ written: 0 });
  });
});
