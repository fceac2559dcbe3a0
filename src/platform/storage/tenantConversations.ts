// The conversation references of one Teams tenant, for a party that has left (`npm run tenant --
// forget-conversations`, docs/operations.md "A party that leaves"). A party person's personal
// chat is stored in the programme's host-tenant partition too (README, Security model), so the
// party's tenant is read from each stored reference, not from the row's key.
import type { StorageClients } from './connection.js';
import { tableNames, tableRows } from './tableRows.js';

const TABLE = 'conversations';

/** The tenant a stored reference's conversation is in (Bot Framework's conversation.tenantId). */
function referenceTenant(reference: string): string | undefined {
  try {
    const parsed = JSON.parse(reference) as { conversation?: { tenantId?: unknown } };
    return typeof parsed.conversation?.tenantId === 'string' ? parsed.conversation.tenantId : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes (or with dryRun only counts) every stored conversation reference in `tenantId`. */
export async function forgetTenantConversations(clients: StorageClients, tenantId: string, options: { dryRun?: boolean } = {}): Promise<number> {
  if (!(await tableNames(clients)).includes(TABLE)) return 0;
  const table = clients.table(TABLE);
  const doomed: { partitionKey: string; rowKey: string }[] = [];
  for await (const row of tableRows(table)) {
    const reference = row.properties.reference;
    if (reference?.type === 'String' && referenceTenant(reference.value) === tenantId) doomed.push(row);
  }
  if (!options.dryRun) for (const row of doomed) await table.deleteEntity(row.partitionKey, row.rowKey);
  return doomed.length;
}
