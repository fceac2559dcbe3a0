// The programme configuration store in Table Storage: parties admitted by decision, one row
// per party in the (tenant, programme) partition, created once and never changed, so the rows
// are also the history. A repeated admission (the closer resuming after a crash) finds the row
// and adds nothing.
import type { AdmissionRecord, PartyRegistry } from '../app/ports.js';
import type { ProgrammeKey } from '../../../shared/keys.js';
import { jsonRows } from '../../../platform/storage/numberedRows.js';
import { insertOnce, keyPart, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'programmeConfig';
const partitionOf = (key: ProgrammeKey) => tenantPartition(key.tenantId, key.programmeId);
const partyRow = (partyId: string) => `party|${keyPart(partyId)}`;

export class PartyRegistryTable implements PartyRegistry {
  constructor(private readonly tables: Tables) {}

  async admit(key: ProgrammeKey, record: AdmissionRecord): Promise<'added' | 'already'> {
    const table = await this.tables.get(TABLE);
    const added = await insertOnce(table, { partitionKey: partitionOf(key), rowKey: partyRow(record.party.id), data: JSON.stringify(record) });
    return added ? 'added' : 'already';
  }

  async admitted(key: ProgrammeKey): Promise<AdmissionRecord[]> {
    const all = await jsonRows<AdmissionRecord>(await this.tables.get(TABLE), partitionOf(key), 'party|');
    return all.sort((a, b) => a.decidedAt - b.decidedAt || (a.party.id < b.party.id ? -1 : 1));
  }
}
