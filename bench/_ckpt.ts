import { mkdtempSync } from 'node:fs';
import { openPgliteDatabase } from '../server/db/pglite-database';
import { migrate } from '../server/db/migrate';
const dir = mkdtempSync('/tmp/pgl-');
const db = await openPgliteDatabase(dir);
await migrate(db);
import { seed } from '../server/seed';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/log';
await seed(db, loadConfig({ ADMIN_PASSWORD: 'xxxxxxxxxxxxxxxx' }), createLogger('silent'), true, () => undefined);
const [{ id }] = await db.query<{ id: string }>(`insert into campaigns (kommunkod, kind, title, status, mode, template_id, template_version, definition) values ('9999','population','x','open','open','demo',1,'{}') returning id`);
const answers = JSON.stringify({ kon: 'kvinna', alder: 30, psykiskt_12m: 'nej', fysiskt_12m: 'ja' });
const time = async (label: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); return [label, Math.round(performance.now() - t)] as const; };
for (let sec = 0; sec < 8; sec++) {
  const out: (readonly [string, number])[] = [];
  // 1000 submissions in ~ 40 group commits of 25
  out.push(await time('40 writes', async () => { for (let b = 0; b < 40; b++) await db.query(`with r as (insert into submission_receipts (campaign_id, receipt_hash) select $1, md5(random()::text) from generate_series(1,25) returning 1) insert into response_pool (campaign_id, kommunkod, mode, answers) select $1, '9999', 'web', $2::jsonb from generate_series(1,25)`, [id, answers]); }));
  out.push(await time('move 4x250', async () => { for (let m = 0; m < 4; m++) await db.query(`with chosen as (select id from response_pool where campaign_id = $1 order by random() limit 250), moved as (delete from response_pool p using chosen where p.id = chosen.id returning p.*) insert into responses (campaign_id, kommunkod, stratum, mode, wave, answers) select campaign_id, kommunkod, stratum, mode, wave, answers from moved`, [id]); }));
  out.push(await time('vacuum pool', () => db.exec('vacuum full response_pool')));
  out.push(await time('vacuum usage', () => db.exec('vacuum full code_usage')));
  out.push(await time('switch', () => db.exec('select pg_switch_wal()')));
  out.push(await time('checkpoint', () => db.exec('checkpoint')));
  console.log(out.map(([l, ms]) => `${l} ${ms}`).join(', '));
}
