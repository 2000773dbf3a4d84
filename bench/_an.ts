import { readFileSync } from 'node:fs';
import { parseCsvColumns, parseCsv } from '../domain/csv';
import { analyzeSurvey, buildRespondentColumns, respondentColumnRoles } from '../analysis/index';
const indicators = Array.from({ length: 20 }, (_, j) => `i${j + 1}`);
const table = parseCsvColumns(readFileSync('/tmp/perfx/svar.csv', 'utf8'), 'svar.csv');
const roleOf = respondentColumnRoles({ indicators });
const used = ['kon', 'aldersgrupp', 'omrade', ...indicators];
const cols = buildRespondentColumns(table.size, used.map((name) => { const c = table.cells[table.columns.indexOf(name)]; return { name, role: roleOf(name), cell: (r: number) => c[r] }; }));
const pka = parseCsv(readFileSync('/tmp/perfx/pka.csv', 'utf8'), 'p'); const po = parseCsv(readFileSync('/tmp/perfx/po.csv', 'utf8'), 'o');
let best = Infinity;
for (let k = 0; k < 10; k++) {
  const t = performance.now();
  analyzeSurvey({ respondents: cols, population: [pka, po].map((tb) => ({ columns: tb.columns, rows: tb.rows.map((r) => r.values) })), options: { indicators, margins: [['kon', 'aldersgrupp'], ['omrade']], by: [['kon'], ['aldersgrupp'], ['omrade']] } });
  best = Math.min(best, performance.now() - t);
}
console.log('best analyze', best.toFixed(0));
