import type { Config } from '../config';
import type { Database } from './database';
import { openPgliteDatabase } from './pglite-database';
import { openPostgresDatabase } from './postgres-database';

/** PostgreSQL when DATABASE_URL is set, otherwise PGlite in DATA_DIR/pglite. */
export function openDatabase(config: Pick<Config, "databaseUrl" | "dataDir" | "databasePoolSize">): Promise<Database> {
  return config.databaseUrl
    ? openPostgresDatabase(config.databaseUrl, config.databasePoolSize)
    : openPgliteDatabase(`${config.dataDir}/pglite`);
}
