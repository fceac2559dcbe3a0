// Checklist ticks in Table Storage: one row per project (tenant, programme, idea), changed only
// under its ETag; and the checklists waiting to be sent to project leaders, one row per
// (idea, person, request) so a repeated request records nothing new.
import type { ChecklistDispatch, ChecklistRecord, ChecklistRepository, ChecklistSender } from '../app/checklist/checklist.js';
import type { ProgrammeKey } from '../app/ideas/ideaRepository.js';
import { getEntityOrUndefined, insertOnce, keyPart, tenantPartition, updateWithETag, type Tables } from './tables.js';

const TABLE = 'checklists';

interface JsonRow {
  data: string;
}

const partitionOf = (key: { tenantId: string; programmeId: string }) => tenantPartition(key.tenantId, key.programmeId);
const ticksRow = (ideaNumber: string) => `ticks|${keyPart(ideaNumber)}`;
const dispatchPrefix = 'dispatch|';
const dispatchRow = (d: ChecklistDispatch) => `${dispatchPrefix}${keyPart(d.ideaNumber)}|${keyPart(d.to.id)}|${keyPart(d.requestKey)}`;

export interface RecordedDispatch extends ChecklistDispatch {
  status: 'pending' | 'sent';
}

export class ChecklistTable implements ChecklistRepository, ChecklistSender {
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

  /** Records the checklist for the delivery module to send (see `pending`). */
  async send(dispatch: ChecklistDispatch): Promise<void> {
    const table = await this.tables.get(TABLE);
    const row: RecordedDispatch = { ...dispatch, status: 'pending' };
    await insertOnce(table, { partitionKey: partitionOf(dispatch), rowKey: dispatchRow(dispatch), data: JSON.stringify(row), status: 'pending' });
  }

  /** Checklists recorded for sending and not yet marked sent. */
  async pending(key: ProgrammeKey): Promise<RecordedDispatch[]> {
    const table = await this.tables.get(TABLE);
    const partitionKey = partitionOf(key);
    const out: RecordedDispatch[] = [];
    const filter = `PartitionKey eq '${partitionKey.replace(/'/g, "''")}' and RowKey ge '${dispatchPrefix}' and RowKey lt '${dispatchPrefix}}'`;
    for await (const row of table.listEntities<JsonRow & { status: string }>({ queryOptions: { filter } })) {
      if (row.rowKey?.startsWith(dispatchPrefix) && row.status === 'pending') out.push(JSON.parse(row.data) as RecordedDispatch);
    }
    return out;
  }

  /** For the delivery module, once the card is in the leader's chat. */
  async markSent(dispatch: ChecklistDispatch): Promise<void> {
    const table = await this.tables.get(TABLE);
    await updateWithETag<JsonRow & { status: string }>(table, partitionOf(dispatch), dispatchRow(dispatch), (current) =>
      current.status === 'sent' ? undefined : { data: JSON.stringify({ ...dispatch, status: 'sent' }), status: 'sent' },
    );
  }
}
