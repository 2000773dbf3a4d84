import type { Queryable } from '../db/database';

/** Answers when the database answers; throws when it does not. */
export async function pingDatabase(db: Queryable): Promise<void> {
  await db.query('select 1');
}
