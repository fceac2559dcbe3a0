// The start-up migration of the ideas' and votes' index rows (issue 25.1) and of the paged
// lists' count rows (the audit log, the NDA register: rows written before their count rows are
// counted once), programme by programme. Each pass is idempotent and skips what is already done, so a failed pass (a busy or
// unreachable storage account) is tried again a few times, each picking up where the last got
// to; after the last try the next start does. Stops waiting when the service stops.
import type { Programme } from '../../../shared/programme/schema.js';
import type { ProgrammeKey } from './ideaRepository.js';

export interface IndexMigrationDeps {
  ideas: { migrateIndex(key: ProgrammeKey, rules: Programme): Promise<{ rewritten: number; removed: number }> };
  votes: { migrateIndex(key: ProgrammeKey): Promise<{ written: number; recounted?: number }> };
  /** Each idea's index of its filed reports (issue 25.2). */
  reports?: { migrateIndex(key: ProgrammeKey): Promise<{ indexed: number; recounted?: number }> };
  /** The deviations' copies and final treatments' references under their measure (issue 25). */
  measures?: { migrateIndex(key: ProgrammeKey): Promise<{ measureRows: number }> };
  /** Paged lists with count rows of their own (the audit log, the NDA register). */
  counted?: readonly { migrateCounts(tenantId: string, programmeId: string): Promise<{ recounted: number }> }[];
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Waits before the migration of a programme is tried again. */
export const MIGRATION_RETRY_MS: readonly number[] = [5_000, 30_000, 120_000, 600_000];

export async function migrateIndexes(deps: IndexMigrationDeps, programmes: readonly Programme[], stopping: AbortSignal, retryMs = MIGRATION_RETRY_MS): Promise<void> {
  const { ideas, votes, log } = deps;
  for (const programme of programmes) {
    const key = { tenantId: programme.tenantId, programmeId: programme.id };
    for (let attempt = 0; !stopping.aborted; attempt++) {
      try {
        const ideaPass = await ideas.migrateIndex(key, programme);
        const votePass = await votes.migrateIndex(key);
        const reportPass = (await deps.reports?.migrateIndex(key)) ?? { indexed: 0 };
        const measurePass = (await deps.measures?.migrateIndex(key)) ?? { measureRows: 0 };
        let counted = (votePass.recounted ?? 0) + (reportPass.recounted ?? 0);
        for (const list of deps.counted ?? []) counted += (await list.migrateCounts(key.tenantId, key.programmeId)).recounted;
        const done = { ...ideaPass, written: votePass.written, indexed: reportPass.indexed, measureRows: measurePass.measureRows, recounted: counted };
        if (done.rewritten + done.removed + done.written + done.indexed + done.measureRows + done.recounted > 0) log.info({ programme: programme.id, ...done }, 'index rows migrated');
        break;
      } catch (error) {
        const wait = retryMs[attempt];
        log.error(
          { err: error, programme: programme.id, retryInMs: wait },
          wait === undefined ? 'index migration failed; lists may miss older ideas or votes until the next start' : 'index migration failed; trying again',
        );
        if (wait === undefined) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, wait);
          stopping.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
      }
    }
  }
}
