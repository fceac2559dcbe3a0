// The ledger's guarantees over real (in-memory) Azurite: insert-once, one winner per claim,
// takeover after a lease runs out, "sent" wins over a stale holder, and large jobs round-trip.
import { TableClient } from '@azure/data-tables';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryJob } from '../../src/shared/delivery.js';
import { storageClients } from '../../src/platform/storage/connection.js';
import { DeliveryLedger, isClaimable } from '../../src/platform/delivery/deliveryLedger.js';
import { keyPart, Tables, tenantPartition } from '../../src/platform/storage/tables.js';
import { startTestAzurite, type TestAzurite } from '../support/azurite.js';

let azurite: TestAzurite;
let ledger: DeliveryLedger;
const T = 'tenant-ledger';
let n = 0;
const job = (extra: Partial<DeliveryJob> = {}): DeliveryJob => ({
  key: `prog:sched:2025-03:aad-${++n}:reminder`,
  tenantId: T,
  discloses: [],
  target: { kind: 'person', aadObjectId: `aad-${n}` },
  message: { kind: 'text', text: 'Husk statusrapporten' },
  ...extra,
});

beforeAll(async () => {
  azurite = await startTestAzurite();
  ledger = new DeliveryLedger(new Tables(storageClients({ kind: 'connection-string', connectionString: azurite.connectionString })));
});
afterAll(async () => azurite.stop());

describe('add', () => {
  it('inserts once per key and keeps the job as given', async () => {
    const j = job({ update: { activityId: 'act-1' }, notBefore: 1_700_000_000_000 });
    expect(await ledger.add(j, 1_000)).toBe(true);
    expect(await ledger.add({ ...j, message: { kind: 'text', text: 'other' } }, 2_000)).toBe(false);
    const entry = await ledger.get(T, j.key);
    expect(entry).toMatchObject({ state: 'queued', claims: 0, leaseUntil: 0, createdAt: 1_000 });
    expect(entry?.job).toEqual(j);
  });

  it('keeps what the job discloses, so the guard sees it at send time', async () => {
    const discloses = [{ kind: 'programme-internal' as const, programmeId: 'dsop' }];
    const j = job({ discloses });
    expect(await ledger.add(j, 1)).toBe(true);
    expect((await ledger.get(T, j.key))?.job.discloses).toEqual(discloses);
  });

  it('keeps keys with characters Table Storage forbids', async () => {
    const j = job({ key: 'a/b#c?d\\e:19:x@thread.tacv2' });
    expect(await ledger.add(j, 1)).toBe(true);
    expect((await ledger.get(T, j.key))?.key).toBe(j.key);
  });

  it('stores a card larger than one property can hold (chunked) and refuses absurd ones', async () => {
    const big = 'x'.repeat(95_000);
    const j = job({ message: { kind: 'card', card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: big }] } } });
    expect(await ledger.add(j, 1)).toBe(true);
    expect((await ledger.get(T, j.key))?.job.message).toEqual(j.message);
    const huge = job({ message: { kind: 'text', text: 'y'.repeat(400_000) } });
    await expect(ledger.add(huge, 1)).rejects.toThrow(RangeError);
    expect(() => DeliveryLedger.checkStorable(job({ key: '' }))).toThrow(RangeError);
  });
});

describe('claim', () => {
  it('has exactly one winner among ten instances racing on the same row', async () => {
    const j = job();
    await ledger.add(j, 0);
    const entry = (await ledger.get(T, j.key))!;
    const now = Date.now();
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => ledger.claim(entry, `instance-${i}`, now, 60_000)));
    const winners = claims.filter((c) => c !== undefined);
    expect(winners).toHaveLength(1);
    expect(await ledger.get(T, j.key)).toMatchObject({ state: 'claimed', claimedBy: winners[0]?.instanceId, claims: 1 });
  });

  it('refuses a live claim and allows taking over an expired one', async () => {
    const j = job();
    await ledger.add(j, 0);
    const a = (await ledger.claim((await ledger.get(T, j.key))!, 'A', 1_000, 500))!;
    const held = (await ledger.get(T, j.key))!;
    expect(isClaimable(held, 1_499)).toBe(false);
    expect(await ledger.claim(held, 'B', 1_499, 500)).toBeUndefined();
    const b = await ledger.claim(held, 'B', 1_500, 500);
    expect(b).toMatchObject({ instanceId: 'B', claims: 2 });

    // The old holder finds out at its next write.
    expect(await ledger.extend(a, 10_000, 1_600)).toBeUndefined();
    expect(await ledger.finish(a, { kind: 'failed-gave-up', at: 1_600, attempts: 1, lastStatus: 503 })).toBe('lost');
    expect((await ledger.get(T, j.key))?.state).toBe('claimed');
    // But a send it did make is recorded: it happened, and must not be repeated.
    expect(await ledger.finish(a, { kind: 'sent', at: 1_700, attempts: 1, activityId: 'x' })).toBe('recorded');
    expect(await ledger.finish(b!, { kind: 'sent', at: 1_800, attempts: 1, activityId: 'y' })).toBe('already-sent');
    expect((await ledger.get(T, j.key))?.outcome).toMatchObject({ kind: 'sent', activityId: 'x' });
  });

  it('a sent or failed row is never claimable again', async () => {
    for (const outcome of [
      { kind: 'sent', at: 5, attempts: 1 },
      { kind: 'failed-no-conversation', at: 5 },
    ] as const) {
      const j = job();
      await ledger.add(j, 0);
      const c = (await ledger.claim((await ledger.get(T, j.key))!, 'A', 1, 10))!;
      expect(await ledger.finish(c, outcome)).toBe('recorded');
      const done = (await ledger.get(T, j.key))!;
      expect(isClaimable(done, Number.MAX_SAFE_INTEGER)).toBe(false);
      expect(await ledger.claim(done, 'B', 1_000_000, 10)).toBeUndefined();
    }
  });

  it('extend keeps the claim; release hands it back', async () => {
    const j = job();
    await ledger.add(j, 0);
    const c = (await ledger.claim((await ledger.get(T, j.key))!, 'A', 100, 1_000))!;
    const longer = (await ledger.extend(c, 50_000, 200))!;
    expect((await ledger.get(T, j.key))?.leaseUntil).toBe(50_000);
    expect(await ledger.extend(c, 60_000, 300)).toBeUndefined(); // a stale ETag is refused
    await ledger.release(longer, 400);
    expect(await ledger.get(T, j.key)).toMatchObject({ state: 'queued', leaseUntil: 0 });
  });
});

describe('failures, find and stale', () => {
  it('lists only failures, per tenant, with the target and outcome', async () => {
    const other = 'tenant-other';
    const j = job({ tenantId: other });
    const ok = job({ tenantId: other });
    for (const x of [j, ok]) await ledger.add(x, 10);
    const c = (await ledger.claim((await ledger.get(other, j.key))!, 'A', 20, 1_000))!;
    await ledger.finish(c, { kind: 'failed-no-conversation', at: 30 });
    const c2 = (await ledger.claim((await ledger.get(other, ok.key))!, 'A', 20, 1_000))!;
    await ledger.finish(c2, { kind: 'sent', at: 30, attempts: 1 });
    expect(await ledger.failures(other)).toEqual([
      { key: j.key, tenantId: other, target: j.target, state: 'failed', outcome: { kind: 'failed-no-conversation', at: 30 }, createdAt: 10 },
    ]);
    expect((await ledger.find(other, ok.key))?.outcome).toEqual({ kind: 'sent', at: 30, attempts: 1 });
    expect(await ledger.find(other, 'missing')).toBeUndefined();
  });

  it('finds rows that are queued too long or whose lease expired long ago, and nothing else', async () => {
    const tenant = 'tenant-stale';
    const now = 10_000_000;
    const old = job({ tenantId: tenant });
    const fresh = job({ tenantId: tenant });
    const future = job({ tenantId: tenant, notBefore: now + 1_000 });
    const expired = job({ tenantId: tenant });
    const done = job({ tenantId: tenant });
    await ledger.add(old, now - 60_000);
    await ledger.add(fresh, now - 1_000);
    await ledger.add(future, now - 60_000);
    await ledger.add(expired, now - 60_000);
    await ledger.add(done, now - 60_000);
    await ledger.claim((await ledger.get(tenant, expired.key))!, 'dead', now - 60_000, 1_000);
    const d = (await ledger.claim((await ledger.get(tenant, done.key))!, 'A', now - 60_000, 1_000))!;
    await ledger.finish(d, { kind: 'sent', at: now - 59_000, attempts: 1 });

    const found = (await ledger.stale(now, 30_000)).filter((r) => r.tenantId === tenant).map((r) => r.key);
    expect(found.sort()).toEqual([old.key, expired.key].sort());
  });
});

describe('partitions', () => {
  const rowsOf = async (tenantId: string) => {
    const table = TableClient.fromConnectionString(azurite.connectionString, 'deliveries', { allowInsecureConnection: true });
    const out: { partitionKey: string; key: string }[] = [];
    for await (const row of table.listEntities<{ key: string; tenantId: string }>()) {
      if (row.tenantId === tenantId) out.push({ partitionKey: row.partitionKey ?? '', key: row.key });
    }
    return out;
  };

  it("spreads a tenant's rows over 16 partitions by the key, all under the tenant", async () => {
    const tenant = 'tenant-spread';
    const jobs = Array.from({ length: 200 }, (_, i) => ({ ...job(), key: `spread:${i}`, tenantId: tenant }));
    for (const j of jobs) expect(await ledger.add(j, 1)).toBe(true);
    const rows = await rowsOf(tenant);
    const partitions = new Set(rows.map((r) => r.partitionKey));
    expect(partitions.size).toBe(16);
    for (const p of partitions) expect(p).toMatch(/^tenant-spread\|delivery\|[0-9a-f]$/);
    // The same key always lands in the same partition: it is found, and stays a duplicate.
    for (const j of jobs.slice(0, 20)) {
      expect((await ledger.get(tenant, j.key))?.key).toBe(j.key);
      expect(await ledger.add(j, 2)).toBe(false);
    }
  });

  describe('a row from before the buckets (the legacy partition)', () => {
    const tenant = 'tenant-legacy';
    const legacyJob = (): DeliveryJob => ({ ...job(), tenantId: tenant });
    /** Writes the row as the ledger did before buckets: partition `<tenant>|delivery`. */
    const writeLegacy = async (j: DeliveryJob, fields: Record<string, unknown> = {}) => {
      const table = TableClient.fromConnectionString(azurite.connectionString, 'deliveries', { allowInsecureConnection: true });
      const json = JSON.stringify({ target: j.target, message: j.message, discloses: j.discloses });
      await table.createEntity({
        partitionKey: tenantPartition(tenant, 'delivery'),
        rowKey: keyPart(j.key),
        tenantId: tenant,
        key: j.key,
        state: 'queued',
        target: JSON.stringify(j.target),
        jobParts: 1,
        job0: json,
        notBefore: { value: 0, type: 'Double' },
        claimedBy: '',
        leaseUntil: { value: 0, type: 'Double' },
        claims: 0,
        outcome: '',
        createdAt: { value: 5, type: 'Double' },
        updatedAt: { value: 5, type: 'Double' },
        ...fields,
      });
    };

    it('still counts for insert-once: the key is not added again', async () => {
      const j = legacyJob();
      await writeLegacy(j);
      expect(await ledger.add(j, 10)).toBe(false);
      expect((await rowsOf(tenant)).filter((r) => r.key === j.key)).toHaveLength(1);
    });

    it('is read, claimed and finished where it is', async () => {
      const j = legacyJob();
      await writeLegacy(j);
      const entry = await ledger.get(tenant, j.key);
      expect(entry).toMatchObject({ state: 'queued', createdAt: 5, partitionKey: tenantPartition(tenant, 'delivery') });
      const claim = await ledger.claim(entry!, 'instance-a', 100, 1_000);
      expect(claim).toBeDefined();
      expect(await ledger.finish(claim!, { kind: 'sent', at: 200, attempts: 1 })).toBe('recorded');
      expect(await ledger.find(tenant, j.key)).toMatchObject({ state: 'sent', outcome: { kind: 'sent', at: 200 } });
      expect((await rowsOf(tenant)).filter((r) => r.key === j.key)).toEqual([{ partitionKey: tenantPartition(tenant, 'delivery'), key: j.key }]);
    });

    it('is listed with the failures, beside failures in the buckets', async () => {
      const old = legacyJob();
      const outcome = JSON.stringify({ kind: 'failed-no-conversation', at: 7 });
      await writeLegacy(old, { state: 'failed', outcome });
      const fresh = legacyJob();
      expect(await ledger.add(fresh, 6)).toBe(true);
      const claim = await ledger.claim((await ledger.get(tenant, fresh.key))!, 'instance-a', 8, 1_000);
      await ledger.finish(claim!, { kind: 'failed-no-conversation', at: 9 });
      expect((await ledger.failures(tenant)).map((f) => f.key)).toEqual([old.key, fresh.key]);
    });
  });
});
