/**
 * npm run backup -- FILE
 *
 * Writes a consistent backup of the database to FILE: a logical dump of the
 * embedded database in DATA_DIR (stop the server first), or `pg_dump` of
 * DATABASE_URL. The backup is recorded in the audit log (action
 * `backup.create`, with the row counts). Exit code 2 for bad use or a failed
 * backup, 1 for bad configuration.
 */
import { basename, join, resolve } from 'node:path';
import { loadConfig } from '../server/config';
import { backupPglite, backupPostgres } from '../server/db/backup';
import { openDatabase } from '../server/db/open-database';
import { writeAuditLog } from '../server/queries/audit-log';
import { runAndExit } from './exit-codes';

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('Usage: npm run backup -- FILE   (DATABASE_URL set: pg_dump; otherwise the embedded database in DATA_DIR)');
    return 2;
  }
  const file = resolve(args[0]);
  const config = loadConfig();
  const summary = config.databaseUrl ? await backupPostgres(config.databaseUrl, file) : await backupPglite(join(config.dataDir, 'pglite'), file);
  const db = await openDatabase(config);
  try {
    const rows = Object.fromEntries(summary.tables.map((t) => [t.name, t.rows]));
    await writeAuditLog(db, { userId: null, kommunkod: null, action: 'backup.create', details: { file: basename(file), driver: summary.driver, bytes: summary.bytes, rows } });
  } finally {
    await db.close();
  }
  const total = summary.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`Backup written: ${file} (${summary.driver}, ${summary.tables.length} tables, ${total} rows, ${summary.bytes} bytes).`);
  console.log('The code secret (CODE_SECRET or DATA_DIR/code-secret) is not in the backup; keep it apart from it.');
  return 0;
}

runAndExit(main, 'Backup');
