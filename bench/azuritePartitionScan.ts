// Why the delivery benchmark slows down with its size: Azurite's point read (PartitionKey +
// RowKey) costs more the more rows the partition holds, where Azure Table Storage's does not.
// Times 500 point reads and 500 merges in one partition of N rows, for a few N (the first
// 1,000 row is a warm-up).
//
//   npx tsx bench/azuritePartitionScan.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableClient } from '@azure/data-tables';
import { startEmbeddedAzurite } from '../src/platform/storage/embeddedAzurite.js';

const dir = mkdtempSync(join(tmpdir(), 'samspill-scan-'));
const azurite = await startEmbeddedAzurite(dir);
try {
  const table = TableClient.fromConnectionString(azurite.connectionString, 'scan', { allowInsecureConnection: true });
  await table.createTable();
  let rows = 0;
  const fill = async (to: number) => {
    const keys = Array.from({ length: to - rows }, (_, i) => rows + i);
    for (let i = 0; i < keys.length; i += 32) {
      await Promise.all(keys.slice(i, i + 32).map((k) => table.createEntity({ partitionKey: 'p', rowKey: `r${String(k).padStart(6, '0')}`, data: 'x'.repeat(600) })));
    }
    rows = to;
  };
  console.log('rows in the partition | 500 point reads, 16 at a time | 500 merges, 16 at a time');
  for (const n of [1_000, 1_000, 2_500, 5_000, 10_000]) {
    await fill(n);
    const pick = () => `r${String(Math.floor(Math.random() * n)).padStart(6, '0')}`;
    const timed = async (op: () => Promise<unknown>) => {
      const t = performance.now();
      for (let i = 0; i < 500; i += 16) await Promise.all(Array.from({ length: 16 }, op));
      return performance.now() - t;
    };
    const read = await timed(() => table.getEntity('p', pick()));
    const merge = await timed(() => table.updateEntity({ partitionKey: 'p', rowKey: pick(), state: 'x' }, 'Merge'));
    console.log(`${n} | ${read.toFixed(0)} ms (${((read / 500) * 16).toFixed(1)} ms each) | ${merge.toFixed(0)} ms (${((merge / 500) * 16).toFixed(1)} ms each)`);
  }
} finally {
  await azurite.stop();
  rmSync(dir, { recursive: true, force: true });
}
