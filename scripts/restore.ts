// `npm run restore -- --from <folder> [--overwrite]`: a backup's tables back into the configured
// storage. Every file is checked against the manifest first; tables that hold rows are refused
// unless --overwrite (docs/operations.md, "Backup and restore").
import { parseArgs } from 'node:util';
import { BackupError, restoreTables } from '../src/platform/storage/backup.js';
import { runOperatorCommand, withOperatorStorage } from './operatorStorage.js';

runOperatorCommand(async () => {
  const { values } = parseArgs({ options: { from: { type: 'string' }, overwrite: { type: 'boolean', default: false } } });
  if (!values.from) throw new BackupError('Name the backup folder: npm run restore -- --from backups/<time>');
  const from = values.from;
  await withOperatorStorage(async (clients, where) => {
    const report = await restoreTables(clients, from, { overwrite: values.overwrite });
    const rows = report.tables.reduce((sum, t) => sum + t.rows, 0);
    process.stdout.write(`Restored ${report.tables.length} tables (${rows} rows) from ${from} into ${where}\n`);
  });
}, [BackupError]);
