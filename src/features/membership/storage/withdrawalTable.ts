// Withdrawals in the programme configuration store (table `programmeConfig`, beside the
// admitted parties): one row per party, created once and never changed, so the rows are the
// history. A second record for the same party finds the row and adds nothing.
import type { WithdrawalRegistry } from '../app/ports.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import type { Withdrawal } from '../domain/withdrawal.js';
import { jsonRows } from '../../../platform/storage/numberedRows.js';
import { insertOnce, keyPart, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'programmeConfig';
const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const withdrawalRow = (partyId: string) => `withdrawal|${keyPart(partyId)}`;

export class WithdrawalTable implements WithdrawalRegistry {
  constructor(private readonly tables: Tables) {}

  async record(key: ProgrammeKey, withdrawal: Withdrawal): Promise<'added' | 'already'> {
    const table = await this.tables.get(TABLE);
    const added = await insertOnce(table, { partitionKey: partitionOf(key), rowKey: withdrawalRow(withdrawal.partyId), data: JSON.stringify(withdrawal) });
    return added ? 'added' : 'already';
  }

  async list(key: ProgrammeKey): Promise<Withdrawal[]> {
    const all = await jsonRows<Withdrawal>(await this.tables.get(TABLE), partitionOf(key), 'withdrawal|');
    return all.sort((a, b) => a.recordedAt - b.recordedAt || (a.partyId < b.partyId ? -1 : 1));
  }
}
