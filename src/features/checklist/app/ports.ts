// The ports of this feature's use cases: what storage and the other edges implement. Declared
// apart from the use cases so an adapter imports its port, never the logic it serves.
import type { Ticks } from '../domain/difiChecklist.js';
import type { ProgrammeKey } from '../../../shared/keys.js';

export interface ChecklistRecord {
  ideaNumber: string;
  ticks: Ticks;
}

export interface ChecklistRepository {
  get(key: ProgrammeKey, ideaNumber: string): Promise<ChecklistRecord | undefined>;
  /** Read-modify-write under the row's ETag (the row is created empty first if missing).
   * `change` must be pure: it may run more than once. */
  change(key: ProgrammeKey, ideaNumber: string, change: (current: ChecklistRecord) => ChecklistRecord): Promise<ChecklistRecord>;
}
