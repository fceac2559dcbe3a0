// The start-up index migration's retries (issue 25.1): a pass that fails is tried again and picks
// up the work; a programme that keeps failing is given up after the last wait without holding the
// others; a stop ends the wait at once. The passes themselves are tested on Azurite
// (test/storage/ideaIndex.test.ts, voteIndex.test.ts, test/http/startupMigration.test.ts).
import { describe, expect, it } from 'vitest';
import { migrateIndexes, type IndexMigrationDeps } from '../../src/features/ideas/app/indexMigration.js';
import type { Programme } from '../../src/shared/programme/schema.js';

const programme = (id: string) => ({ id, tenantId: 'tenant-m' }) as unknown as Programme;

function deps(failuresOf: Record<string, number>) {
  const passes: string[] = [];
  const errors: string[] = [];
  const d: IndexMigrationDeps = {
    ideas: {
      migrateIndex: async (key) => {
        passes.push(key.programmeId);
        if ((failuresOf[key.programmeId] ?? 0) > 0) {
          failuresOf[key.programmeId]! -= 1;
          throw new Error('storage try aborted after 5 s');
        }
        return { rewritten: 1, removed: 0 };
      },
    },
    votes: { migrateIndex: async () => ({ written: 0 }) },
    log: { info: () => undefined, error: (_obj, msg) => void errors.push(msg) },
  };
  return { d, passes, errors };
}

describe('the start-up index migration', () => {
  it('tries a failed programme again until it passes, then goes on to the next', async () => {
    const { d, passes, errors } = deps({ dsop: 2 });
    await migrateIndexes(d, [programme('dsop'), programme('skate')], new AbortController().signal, [1, 1, 1]);
    expect(passes).toEqual(['dsop', 'dsop', 'dsop', 'skate']);
    expect(errors).toEqual(['index migration failed; trying again', 'index migration failed; trying again']);
  });

  it('gives a programme up after the last wait and still migrates the others', async () => {
    const { d, passes, errors } = deps({ dsop: 99 });
    await migrateIndexes(d, [programme('dsop'), programme('skate')], new AbortController().signal, [1, 1]);
    expect(passes).toEqual(['dsop', 'dsop', 'dsop', 'skate']);
    expect(errors.at(-1)).toBe('index migration failed; lists may miss older ideas or votes until the next start');
  });

  it("counts each programme's paged lists after its index rows, and logs what it counted", async () => {
    const { d } = deps({});
    const counted: string[] = [];
    const logged: object[] = [];
    await migrateIndexes(
      {
        ...d,
        counted: [{ migrateCounts: async (tenantId, programmeId) => (counted.push(`${tenantId}/${programmeId}`), { recounted: programmeId === 'skate' ? 1 : 0 }) }],
        log: { info: (obj) => void logged.push(obj), error: () => undefined },
      },
      [programme('dsop'), programme('skate')],
      new AbortController().signal,
      [1],
    );
    expect(counted).toEqual(['tenant-m/dsop', 'tenant-m/skate']);
    expect(logged).toContainEqual(expect.objectContaining({ programme: 'skate', recounted: 1 }));
  });

  it('a stop ends the wait at once', async () => {
    const { d, passes } = deps({ dsop: 99 });
    const stopping = new AbortController();
    const started = Date.now();
    const done = migrateIndexes(d, [programme('dsop')], stopping.signal, [60_000]);
    setTimeout(() => stopping.abort(), 50);
    await done;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(passes).toEqual(['dsop']);
  });
});
