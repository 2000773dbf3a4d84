/**
 * npm run restore -- FILE
 *
 * Loads a backup written by `npm run backup` into an empty data directory
 * (DATA_DIR/pglite must not exist or be empty) or, with DATABASE_URL, into an
 * empty PostgreSQL database; then applies newer migrations. The restore is
 * recorded in the restored audit log (action `backup.restore`). Exit code 2
 * for bad use or a failed restore, 1 for bad configuration.
 */
import { basename, join, resolve } from 'node:path';
import { loadConfig } from '../server/config';
import { BackupError, backupKind, restorePglite, restorePostgres } from '../server/db/backup';
import { openDatabase } from '../server/db/open-database';
import { writeAuditLog } from '../server/queries/audit-log';
import { runAndExit } from './exit-codes';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('Usage: npm run restore -- FILE   (DATABASE_URL set: into that empty database; otherwise into an empty DATA_DIR)');
    return 2;
  }
  const file = resolve(args[0]);
  const config = loadConfig();
  const kind = await backupKind(file);
  if (kind === 'postgresql' && !config.databaseUrl) throw new BackupError('This is a pg_dump backup: set DATABASE_URL to an empty PostgreSQL database.');
  if (kind === 'pglite' && config.databaseUrl) throw new BackupError('This is a backup of an embedded database: unset DATABASE_URL and point DATA_DIR at an empty folder.');
  const summary = config.databaseUrl ? await restorePostgres(file, config.databaseUrl) : await restorePglite(file, join(config.dataDir, 'pglite'));
  const db = await openDatabase(config);
  try {
    await writeAuditLog(db, { userId: null, kommunkod: null, action: 'backup.restore', details: { file: basename(file), driver: summary.driver } });
  } finally {
    await db.close();
  }
  const total = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Restored ${file} (${summary.driver}, ${summary.tables.length} tables, ${total} rows).`);
  console.log('Start the server with the same code secret (CODE_SECRET or DATA_DIR/code-secret) as before, or issued codes stop working.');
  return 0;
}

runAndExit(main, 'Restore');
