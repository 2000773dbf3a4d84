/**
 * Writes docs/examples/screening-example.csv: a fictional screening month
 * (November 2025) across three units, 150 client contacts, from a seeded
 * generator so the file is reproducible:
 *
 *   npx tsx scripts/make-screening-example.ts
 *
 * The file is semicolon-delimited UTF-8 with a BOM, as Swedish Excel saves
 * "CSV UTF-8", with an optional `verksamhet` column (codes as in
 * surveys/screening.json) and an extra `datum` column that the CLI ignores.
 * Rates are invented, loosely shaped after Mjölby 2014 (most women on
 * försörjningsstöd exposed, many unknown to the unit). No real persons.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../analysis/mulberry32';

const random = mulberry32(20251101);
const pick = <T>(items: readonly T[], weights: readonly number[]): T => {
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < items.length; i++) {
    u -= weights[i];
    if (u < 0) return items[i];
  }
  return items[items.length - 1];
};
const chance = (p: number): boolean => random() < p;

const units = [
  { enhet: 'Försörjningsstöd', verksamhet: 'forsorjningsstod', contacts: 62, women: 0.62, exposed: { kvinna: 0.8, man: 0.45, annat: 0.6 } },
  { enhet: 'Öppenvård', verksamhet: 'oppenvard', contacts: 48, women: 0.45, exposed: { kvinna: 0.65, man: 0.5, annat: 0.6 } },
  { enhet: 'Barn och unga', verksamhet: 'barn_och_unga', contacts: 40, women: 0.7, exposed: { kvinna: 0.55, man: 0.3, annat: 0.5 } },
] as const;
// Age groups and reason codes as in surveys/screening.json.
const ageGroups = ['18-29', '30-44', '45-64', '65+'];
const reasons = ['tredje_person_narvarande', 'tolk_saknades', 'bedomdes_olampligt', 'klienten_avbojde', 'annat'];
const weekdays: string[] = [];
for (let day = 3; day <= 28; day++) {
  const date = new Date(Date.UTC(2025, 10, day));
  if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) weekdays.push(date.toISOString().slice(0, 10));
}

const header = [
  'datum', 'enhet', 'verksamhet', 'kon', 'aldersgrupp', 'tillfragad', 'orsak_ej_tillfragad', 'psykiskt', 'fysiskt', 'sexuellt', 'radd', 'pagaende',
  'kand_sedan_tidigare', 'stod_erbjudet', 'stod_accepterat',
];
const rows: string[][] = [];
for (const unit of units) {
  for (let i = 0; i < unit.contacts; i++) {
    const kon = pick(['kvinna', 'man', 'annat'] as const, [unit.women, 0.98 - unit.women, 0.02]);
    const row: Record<string, string> = {
      datum: weekdays[Math.floor(random() * weekdays.length)],
      enhet: unit.enhet,
      verksamhet: unit.verksamhet,
      kon,
      aldersgrupp: pick(ageGroups, [0.3, 0.4, 0.22, 0.08]),
      tillfragad: 'nej', orsak_ej_tillfragad: '', psykiskt: '', fysiskt: '', sexuellt: '', radd: '', pagaende: '',
      kand_sedan_tidigare: '', stod_erbjudet: '', stod_accepterat: '',
    };
    if (chance(0.13)) {
      row.orsak_ej_tillfragad = chance(0.1) ? '' : pick(reasons, [0.35, 0.25, 0.2, 0.1, 0.1]);
    } else {
      row.tillfragad = 'ja';
      const exposed = chance(unit.exposed[kon]);
      const answer = (pYes: number): string => (chance(0.04) ? 'vill_ej_svara' : chance(pYes) ? 'ja' : 'nej');
      if (exposed) {
        row.psykiskt = answer(0.9);
        row.fysiskt = answer(0.6);
        row.sexuellt = answer(0.25);
        if (![row.psykiskt, row.fysiskt, row.sexuellt].includes('ja')) row.psykiskt = 'ja';
        row.radd = answer(0.35);
        row.pagaende = answer(0.3);
        row.kand_sedan_tidigare = chance(0.03) ? '' : chance(0.4) ? 'ja' : 'nej';
        row.stod_erbjudet = chance(0.75) ? 'ja' : 'nej';
        if (row.stod_erbjudet === 'ja') row.stod_accepterat = chance(0.05) ? '' : chance(0.55) ? 'ja' : 'nej';
      } else {
        row.psykiskt = answer(0);
        row.fysiskt = answer(0);
        row.sexuellt = answer(0);
        row.radd = answer(0.03);
        row.pagaende = 'nej';
      }
    }
    rows.push(header.map((column) => row[column]));
  }
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const text = '\ufeff' + [header, ...rows].map((cells) => cells.join(';')).join('\r\n') + '\r\n';
const target = fileURLToPath(new URL('../docs/examples/screening-example.csv', import.meta.url));
writeFileSync(target, text, 'utf8');
process.stdout.write(`Wrote ${rows.length} contacts to ${target}\n`);
