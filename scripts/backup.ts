// `npm run backup -- [--out <folder>]`: every table of the configured storage into a folder,
// with a manifest holding each table's row count and SHA-256 (docs/operations.md, "Backup and
// restore"). Default folder: backups/<UTC time>.
import { parseArgs } from 'node:util';
import { backupTables, BackupError } from '../src/platform/storage/backup.js';
import { runOperatorCommand, withOperatorStorage } from './operatorStorage.js';

runOperatorCommand(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const takenAt = new Date();
  const out = values.out ?? `backups/${takenAt.toISOString().replace(/[:.]/g, '-')}`;
  await withOperatorStorage(async (clients, where) => {
    const manifest = await backupTables(clients, out, takenAt);
    const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
    process.stdout.write(`Backed up ${manifest.tables.length} tables (${rows} rows) from ${where} to ${out}\n`);
    for (const t of manifest.tables) process.stdout.write(`  ${t.name}: ${t.rows} rows, sha256 ${t.sha256}\n`);
  });
}, [BackupError]);
