// Shares held for the sharer's own-party confirmation (seed 000 §6.3) in Table Storage. Table
// `heldShares`, one partition per programme (its host tenant first), one row per held share:
// the record as JSON and the held output split over properties of at most 30,000 characters
// (a string property holds 64 KiB). The answer is written under the row's ETag, so of two
// arrivals of one confirmation exactly one releases the share.
import type { HeldShareRecord, HeldShares } from '../app/ports.js';
import { getEntityOrUndefined, keyPart, statusOf, tenantPartition, type Tables } from '../../../platform/storage/tables.js';

const TABLE = 'heldShares';
const CHUNK = 30_000;
/** 15 × 30,000 UTF-16 characters stay inside an entity's 1 MiB; a held output is a page of a list or an export of at most 500 rows. */
const MAX_CHUNKS = 15;

interface HeldShareRow {
  data: string;
  chunks: number;
  [chunk: `payload${number}`]: string;
}

type Stored = Omit<HeldShareRecord, 'payload'>;

/** The payload kept in ASCII: the emulator was seen to mangle a multi-byte character where a
 * large entity's body is split (ø came back as U+FFFD). Every % and non-ASCII character is
 * percent-encoded, so decoding is exact. */
const ascii = (text: string) => text.replace(/[%\u{80}-\u{10FFFF}]/gu, (c) => encodeURIComponent(c));
const unascii = (text: string) => decodeURIComponent(text);

export class HeldShareTable implements HeldShares {
  constructor(private readonly tables: Tables) {}

  async hold(share: HeldShareRecord): Promise<void> {
    const { payload: text, ...record } = share;
    const payload = ascii(text);
    const chunks = Math.max(1, Math.ceil(payload.length / CHUNK));
    if (chunks > MAX_CHUNKS) throw new Error(`${TABLE}: a held output of ${text.length} characters is too large to keep`);
    const columns: Record<string, string> = {};
    for (let i = 0; i < chunks; i++) columns[`payload${i}`] = payload.slice(i * CHUNK, (i + 1) * CHUNK);
    const table = await this.tables.get(TABLE);
    await table.createEntity({ partitionKey: tenantPartition(share.tenantId, share.programmeId), rowKey: keyPart(share.id), data: JSON.stringify(record satisfies Stored), chunks, ...columns });
  }

  async get(tenantId: string, programmeId: string, id: string): Promise<{ share: HeldShareRecord; version: string } | undefined> {
    const table = await this.tables.get(TABLE);
    const row = await getEntityOrUndefined<HeldShareRow>(table, tenantPartition(tenantId, programmeId), keyPart(id));
    if (!row?.etag) return undefined;
    const payload = unascii(Array.from({ length: row.chunks }, (_, i) => row[`payload${i}`] ?? '').join(''));
    return { share: { ...(JSON.parse(row.data) as Stored), payload }, version: row.etag };
  }

  async decide(share: HeldShareRecord, version: string, state: 'confirmed' | 'declined', at: number): Promise<boolean> {
    const { payload: _payload, ...record } = share;
    const table = await this.tables.get(TABLE);
    const data = JSON.stringify({ ...record, state, decidedAt: at } satisfies Stored);
    try {
      await table.updateEntity({ partitionKey: tenantPartition(share.tenantId, share.programmeId), rowKey: keyPart(share.id), data }, 'Merge', { etag: version });
      return true;
    } catch (error) {
      if (statusOf(error) === 412 || statusOf(error) === 409) return false;
      throw error;
    }
  }
}
