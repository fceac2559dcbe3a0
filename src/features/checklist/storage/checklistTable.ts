// Checklist ticks in Table Storage: one row per project (tenant, programme, idea), changed only
// under its ETag. (Handing the checklist to project leaders is a delivery job: its key is the
// record, in the delivery ledger.)
import type { ChecklistRecord, ChecklistRepository } from '../app/ports.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { getEntityOrUndefined, insertOnce, keyPart, tenantPartition, updateWithETag, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'checklists';

interface JsonRow {
  data: string;
}

const partitionOf = (key: { tenantId: string; programmeId: string }) => tenantPartition(key.tenantId, key.programmeId);
const ticksRow = (ideaNumber: string) => `ticks|${keyPart(ideaNumber)}`;

export class ChecklistTable implements ChecklistRepository {
  constructor(private readonly tables: Tables) {}

  async get(key: ProgrammeKey, ideaNumber: string): Promise<ChecklistRecord | undefined> {
    const row = await getEntityOrUndefined<JsonRow>(await this.tables.get(TABLE), partitionOf(key), ticksRow(ideaNumber));
    return row && (JSON.parse(row.data) as ChecklistRecord);
  }

  async change(key: ProgrammeKey, ideaNumber: string, change: (current: ChecklistRecord) => ChecklistRecord): Promise<ChecklistRecord> {
    const table = await this.tables.get(TABLE);
    const partitionKey = partitionOf(key);
    const rowKey = ticksRow(ideaNumber);
    const empty: ChecklistRecord = { ideaNumber, ticks: {} };
    await insertOnce(table, { partitionKey, rowKey, data: JSON.stringify(empty) });
    let result: ChecklistRecord = empty;
    await updateWithETag<JsonRow>(table, partitionKey, rowKey, (current) => {
      result = change(JSON.parse(current.data) as ChecklistRecord);
      return { data: JSON.stringify(result) };
    });
    return result;
  }
}
