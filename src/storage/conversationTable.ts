// Conversation references, kept per tenant: one row per conversation, and one per user's
// personal chat so a proactive message to a person is a point read.
import { odata } from '@azure/data-tables';
import type { ConversationKind, ConversationRecord, ConversationStore } from '../app/ports.js';
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

export class ConversationTable implements ConversationStore {
  constructor(private readonly tables: Tables) {}

  async save(record: ConversationRecord): Promise<void> {
    const table = await this.tables.get(TABLE);
    const row: ConversationRow = {
      tenantId: record.tenantId,
      conversationId: record.conversationId,
      kind: record.kind,
      ...(record.userAadObjectId ? { userAadObjectId: record.userAadObjectId } : {}),
      reference: JSON.stringify(record.reference),
      updatedAt: record.updatedAt,
    };
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
