// A ballot transaction whose answer is lost after it committed is retried by the storage SDK;
// the retry conflicts on the click's own receipt. That is the click recorded (the voter reads
// "recorded"), while a second click with the same content is still a duplicate.
import type { TableClient, TransactionAction } from '@azure/data-tables';
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

/** Tables whose next `lose` ballot transactions commit, then run again as the SDK's retry does. */
class RetryingTables extends Tables {
  lose = 0;
  override async get(name: string): Promise<TableClient> {
    const client = await super.get(name);
    if (name !== 'ballots') return client;
    return new Proxy(client, {
      get: (target, prop, receiver) => {
        if (prop !== 'submitTransaction') return Reflect.get(target, prop, receiver);
        return async (actions: TransactionAction[]) => {
          if (this.lose <= 0) return target.submitTransaction(actions);
          this.lose--;
          await target.submitTransaction(actions); // committed; its answer never arrives
          return target.submitTransaction(actions); // the retry
        };
      },
    });
  }
}

const openVote = async (table: VoteTable, n: number) => (await openTestVote(table, programme, n, openedAt)).ref;

let retrying: RetryingTables;
beforeAll(async () => {
  azurite = await startTestAzurite();
  const clients = storageClients({ kind: 'connection-string', connectionString: azurite.connectionString });
  tables = new Tables(clients);
  retrying = new RetryingTables(clients);
});
afterAll(async () => azurite.stop());

describe('a ballot whose answer was lost and retried', () => {
  it.each([
    ['the first ballot', 1],
    ['a changed ballot', 2],
  ])('%s reads "recorded", and the ballot is stored once', async (_what, clicks) => {
    const table = new VoteTable(retrying);
    const ref = await openVote(table, 10 + clicks);
    const voter = body.members[0]!;
    if (clicks === 2) expect((await table.cast(ref, { voter, choice: 'against', castAt: openedAt + 1 })).kind).toBe('recorded');
    retrying.lose = 1;
    const result = await table.cast(ref, { voter, choice: 'for', castAt: openedAt + 2, ...(clicks === 2 ? { after: 1 } : {}) });
    expect(retrying.lose).toBe(0); // the retry did happen
    expect(result).toMatchObject({ kind: 'recorded', ballot: { voter, choice: 'for', seq: clicks } });
    // Another instance reading storage sees the one ballot, not two.
    const fresh = new VoteTable(tables);
    const latest = (await fresh.progress(ref)).filter((b) => b.voter === voter);
    expect(latest).toEqual([expect.objectContaining({ choice: 'for', seq: clicks })]);
  });

  it('a second click with the same content is still a duplicate', async () => {
    const table = new VoteTable(retrying);
    const ref = await openVote(table, 20);
    const voter = body.members[0]!;
    expect((await table.cast(ref, { voter, choice: 'for', castAt: openedAt + 1 })).kind).toBe('recorded');
    expect(await table.cast(ref, { voter, choice: 'for', castAt: openedAt + 2 })).toMatchObject({ kind: 'duplicate', latest: { choice: 'for', seq: 1 } });
  });
});
