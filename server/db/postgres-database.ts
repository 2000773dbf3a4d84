import pg from 'pg';
import { sharedParsers, type Database, type Queryable } from './database';

/**
 * The scale-out driver: a connection pool to a real PostgreSQL server.
 * Several stateless server processes may share one database.
 */
export async function openPostgresDatabase(connectionString: string, maxConnections = 10): Promise<Database> {
  const types = {
    getTypeParser: (oid: number, format?: string) =>
      sharedParsers[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
  };
  const pool = new pg.Pool({ connectionString, max: maxConnections, types });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in
    // flight get their own error.
  });
  await pool.query('select 1');
  const wrap = (target: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query(sql, params as unknown[]);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await target.query(sql);
    },
  });
  const root = wrap(pool);
  return {
    kind: 'postgresql',
    query: root.query,
    exec: root.exec,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
