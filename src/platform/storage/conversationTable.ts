// Conversation references, kept per tenant: one row per conversation, and one per user's
// personal chat so a proactive message to a person is a point read.
import { odata, RestError } from '@azure/data-tables';
import type { ConversationKind, ConversationRecord, ConversationStore, Clock } from '../../shared/ports.js';
import { RecentlyConfirmed } from './recentlyConfirmed.js';
import { getEntityOrUndefined, keyPart, tenantPartition, type Tables } from './tables.js';

interface ConversationRow {
  tenantId: string;
  conversationId: string;
  kind: ConversationKind;
  userAadObjectId?: string;
  reference: string;
  updatedAt: number;
}

const TABLE = 'conversations';

const toRecord = (row: ConversationRow): ConversationRecord => ({
  tenantId: row.tenantId,
  conversationId: row.conversationId,
  kind: row.kind,
  ...(row.userAadObjectId ? { userAadObjectId: row.userAadObjectId } : {}),
  reference: JSON.parse(row.reference) as Record<string, unknown>,
  updatedAt: row.updatedAt,
});

const rowOf = (record: ConversationRecord): ConversationRow => ({
  tenantId: record.tenantId,
  conversationId: record.conversationId,
  kind: record.kind,
  ...(record.userAadObjectId ? { userAadObjectId: record.userAadObjectId } : {}),
  reference: JSON.stringify(record.reference),
  updatedAt: record.updatedAt,
});

/** What a reference says, without what changes on every turn (the activity it came with). */
const sameFacts = (record: ConversationRecord): string => {
  const { activityId: _activityId, ...reference } = record.reference as { activityId?: unknown };
  return JSON.stringify([record.conversationId, record.kind, record.userAadObjectId ?? '', reference]);
};

/** The row written last by save(): when it holds a reference, so does the other. */
const comparedRow = (record: ConversationRecord): [string, string] =>
  record.kind === 'personal' && record.userAadObjectId
    ? [tenantPartition(record.tenantId, 'personal'), keyPart(record.userAadObjectId)]
    : [tenantPartition(record.tenantId, 'conversation'), keyPart(record.conversationId)];

export class ConversationTable implements ConversationStore {
  /** The compared rows this instance knows to hold a turn's facts: most turns need no read. */
  private readonly confirmed: RecentlyConfirmed;

  constructor(
    private readonly tables: Tables,
    clock: Clock,
  ) {
    this.confirmed = new RecentlyConfirmed(clock);
  }

  async save(record: ConversationRecord): Promise<void> {
    this.confirmed.forget(comparedRow(record).join('|'));
    const table = await this.tables.get(TABLE);
    const row = rowOf(record);
    // Last writer wins on purpose: a reference is a fact about the latest activity, not state.
    await table.upsertEntity(
      { partitionKey: tenantPartition(record.tenantId, 'conversation'), rowKey: keyPart(record.conversationId), ...row },
      'Replace',
    );
    if (record.kind === 'personal' && record.userAadObjectId) {
      await table.upsertEntity(
        { partitionKey: tenantPartition(record.tenantId, 'personal'), rowKey: keyPart(record.userAadObjectId), ...row },
        'Replace',
      );
    }
  }

  async remember(record: ConversationRecord): Promise<'saved' | 'unchanged'> {
    const table = await this.tables.get(TABLE);
    const [partitionKey, rowKey] = comparedRow(record);
    const wanted = sameFacts(record);
    const key = `${partitionKey}|${rowKey}`;
    if (this.confirmed.holds(key, wanted)) return 'unchanged';
    for (let attempt = 1; ; attempt++) {
      const stored = await getEntityOrUndefined<ConversationRow & { etag: string }>(table, partitionKey, rowKey);
      if (stored && sameFacts(toRecord(stored)) === wanted) {
        this.confirmed.confirm(key, wanted);
        return 'unchanged';
      }
      const row = rowOf(record);
      // The conversation row of a personal chat first, as save() does, so the compared row is
      // never ahead of it; the compared row under its ETag (or as new): two instances bringing
      // different references settle on one instead of writing over each other in turn.
      if (partitionKey !== tenantPartition(record.tenantId, 'conversation')) {
        await table.upsertEntity({ partitionKey: tenantPartition(record.tenantId, 'conversation'), rowKey: keyPart(record.conversationId), ...row }, 'Replace');
      }
      try {
        if (stored) await table.updateEntity({ partitionKey, rowKey, ...row }, 'Replace', { etag: stored.etag });
        else await table.createEntity({ partitionKey, rowKey, ...row });
      } catch (error) {
        this.confirmed.forget(key);
        if (!(error instanceof RestError && (error.statusCode === 412 || error.statusCode === 409))) throw error;
        if (attempt < 3) continue;
        return 'unchanged'; // another instance keeps writing this row: its reference is as fresh as ours
      }
      this.confirmed.confirm(key, wanted);
      return 'saved';
    }
  }

  async personalFor(tenantId: string, aadObjectId: string): Promise<ConversationRecord | undefined> {
    const table = await this.tables.get(TABLE);
    const row = await getEntityOrUndefined<ConversationRow>(table, tenantPartition(tenantId, 'personal'), keyPart(aadObjectId));
    return row && toRecord(row);
  }

  /** Up to `top` of the tenant's team channels: where the bot can open a person's chat from. */
  async channelsOf(tenantId: string, top = 3): Promise<ConversationRecord[]> {
    const table = await this.tables.get(TABLE);
    const pages = table
      .listEntities<ConversationRow>({ queryOptions: { filter: odata`PartitionKey eq ${tenantPartition(tenantId, 'conversation')} and kind eq ${'channel'}` } })
      .byPage({ maxPageSize: top });
    for await (const page of pages) return page.slice(0, top).map(toRecord);
    return [];
  }

  async byId(tenantId: string, conversationId: string): Promise<ConversationRecord | undefined> {
    const table = await this.tables.get(TABLE);
    const row = await getEntityOrUndefined<ConversationRow>(
      table,
      tenantPartition(tenantId, 'conversation'),
      keyPart(conversationId),
    );
    return row && toRecord(row);
  }
}
