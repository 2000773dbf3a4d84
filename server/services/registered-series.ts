import type { RecordTable } from '../../analysis/index';
import { registeredCounts } from '../../analysis/registered-counts';
import type { IndicatorDefinition } from '../../domain/templates/template-schema';

const YEAR = 'ar';

/** Registered persons per calendar year next to the survey, and which year lines up with the survey's 12 months. */
export interface RegisteredSeries {
  years: number[];
  /** The survey's reference period: the 12 months before the middle of the fieldwork (null when the fieldwork dates are unknown). */
  surveyWindow: { from: string; to: string } | null;
  /** The calendar year holding most of that window, when the table has it: the only year a detection ratio is shown for. */
  alignedYear: number | null;
  /** The overall registered count per indicator and year; below minCell suppressed (null). */
  rows: { indicator: string; year: number; registered: number | null; suppressed: boolean; aligned: boolean }[];
  /** Why the detection ratio is (not) shown, in Swedish. */
  note: string;
}

const addMonths = (date: Date, months: number) => {
  const d = new Date(date.getTime());
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};
const iso = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Splits a registered table that covers several years (a column `ar`) into
 * the series shown beside the survey and the one year the mörkertal may use.
 *
 * The survey asks about the last 12 months before answering; its reference
 * window is taken as the 12 months before the middle of the fieldwork (the
 * first and last response dates, else the campaign's period). A calendar
 * year lines up when it holds the larger part of that window, i.e. the year
 * of the window's midpoint (six months before the fieldwork's middle).
 * Detection ratios are computed only for that year and only for 12-month
 * indicators; lifetime, childhood and ongoing indicators get the series
 * without a ratio. A table without `ar` is returned as it is, with no series.
 */
export function registeredSeries(
  table: RecordTable & { columns: readonly string[] },
  indicators: readonly Pick<IndicatorDefinition, 'id' | 'period'>[],
  fieldwork: { first: string; last: string } | null,
  minCell: number,
): { series: RegisteredSeries | null; aligned: RecordTable | undefined } {
  if (!table.columns.includes(YEAR)) return { series: null, aligned: table };
  const years = [...new Set(table.rows.map((row) => Number(row[YEAR])))].filter(Number.isInteger).sort((a, b) => a - b);
  let surveyWindow: RegisteredSeries['surveyWindow'] = null;
  let alignedYear: number | null = null;
  if (fieldwork) {
    const first = new Date(`${fieldwork.first}T00:00:00Z`).getTime();
    const last = new Date(`${fieldwork.last}T00:00:00Z`).getTime();
    const middle = new Date((first + last) / 2);
    surveyWindow = { from: iso(addMonths(middle, -12)), to: iso(middle) };
    const year = addMonths(middle, -6).getUTCFullYear();
    alignedYear = years.includes(year) ? year : null;
  }
  const columns = table.columns.filter((c) => c !== YEAR);
  const yearTable = (year: number): RecordTable => ({
    columns,
    rows: table.rows.filter((row) => Number(row[YEAR]) === year).map((row) => Object.fromEntries(columns.map((c) => [c, row[c]]))),
  });
  const twelveMonths = new Set(indicators.filter((i) => i.period === '12 månader').map((i) => i.id));
  const rows: RegisteredSeries['rows'] = [];
  for (const indicator of indicators) {
    for (const year of years) {
      const count = registeredCounts(yearTable(year), () => true).lookup(indicator.id, [], []);
      if (count === undefined) continue;
      const suppressed = count < minCell;
      rows.push({ indicator: indicator.id, year, registered: suppressed ? null : count, suppressed, aligned: year === alignedYear && twelveMonths.has(indicator.id) });
    }
  }
  let aligned: RecordTable | undefined;
  if (alignedYear !== null) {
    const own = yearTable(alignedYear);
    const kept = own.rows.filter((row) => twelveMonths.has(String(row.indikator)));
    aligned = kept.length > 0 ? { columns, rows: kept } : undefined;
  }
  const span = years.length > 0 ? `${years[0]}–${years[years.length - 1]}` : '';
  const note = !surveyWindow
    ? `Registret har siffror för ${span}, men enkätens insamlingsdatum saknas, så inget år kan ställas mot enkäten och ingen upptäcktsgrad visas.`
    : alignedYear === null
      ? `Enkätens 12-månadersperiod (ungefär ${surveyWindow.from} till ${surveyWindow.to}) faller till största delen inom ${addMonths(new Date(`${surveyWindow.to}T00:00:00Z`), -6).getUTCFullYear()}, ett år som registret saknar. Ingen upptäcktsgrad visas.`
      : `Enkätens 12-månadersperiod (ungefär ${surveyWindow.from} till ${surveyWindow.to}) faller till största delen inom kalenderåret ${alignedYear}. Upptäcktsgraden visas bara för det året och bara för indikatorer som gäller de senaste 12 månaderna; övriga år visas som serie.`;
  return { series: { years, surveyWindow, alignedYear, rows, note }, aligned };
}
