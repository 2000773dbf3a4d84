import { readFileSync } from 'node:fs';
import { parseCsvColumns, parseCsv } from '../domain/csv';
import { analyzeSurvey, buildRespondentColumns, respondentColumnRoles } from '../analysis/index';
const indicators = Array.from({ length: 20 }, (_, j) => `i${j + 1}`);
const mins: Record<string, number> = {};
const lap = (name: string, ms: number) => (mins[name] = Math.min(mins[name] ?? Infinity, ms));
for (let k = 0; k < 8; k++) {
  let t = performance.now();
  const text = readFileSync('/tmp/perfx/svar.csv', 'utf8');
  const tRead = performance.now() - t; t = performance.now();
  const table = parseCsvColumns(text, 'svar.csv');
  const tParse = performance.now() - t; t = performance.now();
  const roleOf = respondentColumnRoles({ indicators });
  const used = ['kon', 'aldersgrupp', 'omrade', ...indicators];
  const cols = buildRespondentColumns(table.size, used.map((name) => { const c = table.cells[table.columns.indexOf(name)]; return { name, role: roleOf(name), cell: (r: number) => c[r] }; }));
  const tType = performance.now() - t; t = performance.now();
  const pka = parseCsv(readFileSync('/tmp/perfx/pka.csv', 'utf8'), 'p'); const po = parseCsv(readFileSync('/tmp/perfx/po.csv', 'utf8'), 'o');
  const result = analyzeSurvey({ respondents: cols, population: [pka, po].map((tb) => ({ columns: tb.columns, rows: tb.rows.map((r) => r.values) })), options: { indicators, margins: [['kon', 'aldersgrupp'], ['omrade']], by: [['kon'], ['aldersgrupp'], ['omrade']] } });
  const tAn = performance.now() - t; t = performance.now();
  const out = JSON.stringify(result, null, 2);
  const tOut = performance.now() - t;
  lap('read', tRead); lap('parse', tParse); lap('type', tType); lap('analyze', tAn);
  if (k === 7) console.log(mins);
  else console.log(`read ${tRead.toFixed(0)} parse ${tParse.toFixed(0)} type ${tType.toFixed(0)} analyze ${tAn.toFixed(0)} json ${tOut.toFixed(0)} (${out.length})`);
}
