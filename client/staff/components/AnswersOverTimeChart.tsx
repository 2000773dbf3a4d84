/**
 * Hand-written SVG chart of answers per week (web and paper stacked), with
 * the first letter and each reminder marked on the day it went out. The same
 * numbers are in the table below the chart.
 */
import type { Progress } from '../../../contracts/fieldwork';

const DAY_MS = 86_400_000;
const numberFormat = new Intl.NumberFormat('sv-SE');
const shortDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Days since 1970-01-01 of an ISO date (UTC, so no time zone shifts the day). */
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / DAY_MS);
/** The Monday of the ISO week of a day number (1970-01-01 was a Thursday). */
const mondayOf = (day: number) => day - ((day + 3) % 7);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export interface WeekRow {
  weekStart: string;
  web: number;
  paper: number;
}

export interface Mailing {
  label: string;
  sentOn: string;
}

/** Every week from the first mailing (or answer) to the last answer (or mailing), with zeros filled in. */
export function weeksOf(byWeek: Progress['byWeek'], mailings: readonly Mailing[]): WeekRow[] {
  const days = [...byWeek.map((w) => dayNumber(w.weekStart)), ...mailings.map((m) => mondayOf(dayNumber(m.sentOn)))];
  if (days.length === 0) return [];
  const first = Math.min(...days);
  const last = Math.max(...days);
  const known = new Map(byWeek.map((w) => [mondayOf(dayNumber(w.weekStart)), w]));
  const rows: WeekRow[] = [];
  for (let day = first; day <= last; day += 7) {
    const found = known.get(day);
    rows.push({ weekStart: isoOf(day), web: found?.web ?? 0, paper: found?.paper ?? 0 });
  }
  return rows;
}

export function AnswersOverTimeChart({ weeks, mailings, testId }: { weeks: readonly WeekRow[]; mailings: readonly Mailing[]; testId?: string }) {
  const width = 680;
  const left = 44;
  const right = 12;
  const top = 34;
  const plotHeight = 170;
  const bottom = 48;
  const height = top + plotHeight + bottom;
  const max = Math.max(1, ...weeks.map((w) => w.web + w.paper));
  const step = Math.max(1, Math.ceil(max / 4));
  const axisMax = step * 4;
  const band = (width - left - right) / Math.max(1, weeks.length);
  const y = (value: number) => top + plotHeight - (value / axisMax) * plotHeight;
  const firstDay = weeks.length > 0 ? dayNumber(weeks[0].weekStart) : 0;
  const xOfDay = (day: number) => left + ((day - firstDay) / 7) * band;
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  const titleId = `${testId ?? 'answers-chart'}-title`;
  return (
    <svg className="time-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} data-testid={testId}>
      <title id={titleId}>Svar per vecka, med utskicken markerade</title>
      {[0, 1, 2, 3, 4].map((i) => (
        <g key={i}>
          <line x1={left} x2={width - right} y1={y(i * step)} y2={y(i * step)} className="grid" />
          <text x={left - 6} y={y(i * step) + 4} textAnchor="end" className="chart-axis">
            {numberFormat.format(i * step)}
          </text>
        </g>
      ))}
      {weeks.map((week, i) => {
        const x = left + i * band + band * 0.15;
        const w = band * 0.7;
        return (
          <g key={week.weekStart} data-testid="week-bar">
            <rect x={x} y={y(week.web)} width={w} height={y(0) - y(week.web)} className="bar-web" />
            <rect x={x} y={y(week.web + week.paper)} width={w} height={y(week.web) - y(week.web + week.paper)} className="bar-paper" />
            {i % labelEvery === 0 && (
              <text x={left + i * band + band / 2} y={top + plotHeight + 18} textAnchor="middle" className="chart-axis">
                {shortDate.format(new Date(dayNumber(week.weekStart) * DAY_MS))}
              </text>
            )}
          </g>
        );
      })}
      {mailings.map((mailing, i) => {
        const x = xOfDay(dayNumber(mailing.sentOn));
        return (
          <g key={`${mailing.label}-${i}`} data-testid="mailing-marker">
            <line x1={x} x2={x} y1={top - 6} y2={top + plotHeight} className="mailing-line" />
            <text x={x + 3} y={top - 10 - (i % 2) * 12} className="chart-label small">
              {mailing.label}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${left}, ${height - 6})`}>
        <rect x={0} y={-9} width={10} height={10} className="bar-web" />
        <text x={14} y={0} className="chart-axis">webb</text>
        <rect x={60} y={-9} width={10} height={10} className="bar-paper" />
        <text x={74} y={0} className="chart-axis">papper</text>
        <text x={130} y={0} className="chart-axis">(veckan som börjar måndagen under stapeln; linjerna är utskicken)</text>
      </g>
    </svg>
  );
}
