import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Database } from './database';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Applies the plain-SQL migrations in `server/db/migrations/` in file-name
 * order. Each runs in its own transaction together with its row in
 * `schema_migrations`, so a failed migration leaves no trace and is retried
 * at the next start. A lock serialises concurrent starts on PostgreSQL.
 *
 * `options.only` applies just those migrations (a restore replays a backup's
 * migrations before loading its rows).
 *
 * @returns the names of the migrations applied now.
 */
export async function migrate(db: Database, dir = migrationsDir, options: { only?: readonly string[] } = {}): Promise<string[]> {
  await db.exec(`create table if not exists schema_migrations (
    name text primary key,
    applied_at timestamptz not null default now()
  )`);
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.sql') && (options.only === undefined || options.only.includes(name)))
    .sort();
  const applied: string[] = [];
  for (const name of files) {
    const sql = readFileSync(join(dir, name), 'utf8');
    const ran = await db.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(724310)');
      const done = await tx.query('select 1 from schema_migrations where name = $1', [name]);
      if (done.length > 0) return false;
      await tx.exec(sql);
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      return true;
    });
    if (ran) applied.push(name);
  }
  return applied;
}
