import type { Queryable } from '../db/database';

export interface Kommun {
  kod: string;
  namn: string;
  lanKod: string;
  lanNamn: string;
  isDemo: boolean;
}

export async function countKommuner(db: Queryable): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from kommuner');
  return rows[0].n;
}

export async function upsertKommun(db: Queryable, kommun: Kommun): Promise<void> {
  await db.query(
    `insert into kommuner (kod, namn, lan_kod, lan_namn, is_demo) values ($1, $2, $3, $4, $5)
     on conflict (kod) do update set namn = excluded.namn, lan_kod = excluded.lan_kod, lan_namn = excluded.lan_namn, is_demo = excluded.is_demo`,
    [kommun.kod, kommun.namn, kommun.lanKod, kommun.lanNamn, kommun.isDemo],
  );
}

export async function findKommuner(db: Queryable, kods: readonly string[]): Promise<Kommun[]> {
  if (kods.length === 0) return [];
  return db.query<Kommun>(
    `select kod, namn, lan_kod as "lanKod", lan_namn as "lanNamn", is_demo as "isDemo"
       from kommuner where kod = any($1::text[]) order by namn`,
    [kods],
  );
}

/** The names of the given län (from their real kommuner), by code. */
export async function findLanNames(db: Queryable, lanKods: readonly string[]): Promise<{ kod: string; namn: string }[]> {
  if (lanKods.length === 0) return [];
  return db.query<{ kod: string; namn: string }>(
    `select distinct lan_kod as kod, lan_namn as namn from kommuner where lan_kod = any($1::text[]) and not is_demo order by lan_kod`,
    [lanKods],
  );
}

/** Whether a real (non-demo) kommun belongs to the län. */
export async function lanExists(db: Queryable, lanKod: string): Promise<boolean> {
  const rows = await db.query('select 1 from kommuner where lan_kod = $1 and not is_demo limit 1', [lanKod]);
  return rows.length > 0;
}

/** Every kommun of the reference table and the demo kommun, by name. */
export async function listAllKommuner(db: Queryable): Promise<Kommun[]> {
  return db.query<Kommun>(`select kod, namn, lan_kod as "lanKod", lan_namn as "lanNamn", is_demo as "isDemo" from kommuner order by is_demo, namn`);
}

/** The real kommuner of a län. */
export async function findKommunerOfLan(db: Queryable, lanKod: string): Promise<Kommun[]> {
  return db.query<Kommun>(
    `select kod, namn, lan_kod as "lanKod", lan_namn as "lanNamn", is_demo as "isDemo" from kommuner
      where lan_kod = $1 and not is_demo order by namn`,
    [lanKod],
  );
}

/** The demo kommun(er): always labelled. */
export async function findDemoKommuner(db: Queryable): Promise<Kommun[]> {
  return db.query<Kommun>(`select kod, namn, lan_kod as "lanKod", lan_namn as "lanNamn", is_demo as "isDemo" from kommuner where is_demo order by kod`);
}

/** Codes of every real kommun (the demo kommun left out). */
export async function listRealKommunCodes(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ kod: string }>('select kod from kommuner where not is_demo order by kod');
  return rows.map((row) => row.kod);
}
