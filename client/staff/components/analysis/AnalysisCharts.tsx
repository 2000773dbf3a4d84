/**
 * Hand-written SVG charts of the survey analysis: prevalence with its
 * confidence interval per group (dot and whisker), and the mörkertal
 * (registered R as a bar against the estimated total T with its interval).
 * Each chart has a <title> and a <desc>, and the table next to it carries
 * the same numbers.
 */
import { count, countInterval, exact, percent, percentInterval } from './analysis-api';

const WIDTH = 820;
const LABEL = 180;
const VALUE = 250;
const ROW = 32;
const PLOT = WIDTH - LABEL - VALUE;

/** A "nice" axis maximum and tick step covering `max`. */
function niceAxis(max: number, minimum: number): { top: number; step: number } {
  const target = Math.max(max, minimum);
  const magnitude = 10 ** Math.floor(Math.log10(target));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = (factor * magnitude) / 5;
    const top = Math.ceil(target / step) * step;
    if (top / step <= 6) return { top, step };
  }
  return { top: target, step: target / 5 };
}

function ticks(top: number, step: number): number[] {
  const list: number[] = [];
  for (let t = 0; t <= top + step / 1000; t += step) list.push(t);
  return list;
}

/** "2,2–4,4 %": one percent sign, to fit beside a chart. */
function compactPercentInterval(ci: readonly [number | null, number | null]): string {
  const bare = (p: number | null) => (p === null ? '–' : percent(p).replace(/\s?%$/, ''));
  return `${bare(ci[0])}–${bare(ci[1])} %`;
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

export interface PrevalenceRow {
  label: string;
  proportion: number | null;
  ci: readonly [number, number] | null;
  /** Shown instead of the value when the estimate is not reported. */
  note?: string;
  /** Overall row (drawn bold). */
  overall?: boolean;
}

/** Prevalence per group: dot = weighted share, whisker = confidence interval. */
export function PrevalenceChart({ rows, title, testId, level }: { rows: PrevalenceRow[]; title: string; testId: string; level: number }) {
  const max = Math.max(0, ...rows.map((r) => r.ci?.[1] ?? r.proportion ?? 0));
  const { top, step } = niceAxis(max, 0.05);
  const x = (p: number) => LABEL + (Math.min(p, top) / top) * PLOT;
  const height = rows.length * ROW + 44;
  const plotBottom = rows.length * ROW;
  return (
    <svg className="an-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${testId}-title ${testId}-desc`} data-testid={testId}>
      <title id={`${testId}-title`}>{title}</title>
      <desc id={`${testId}-desc`}>
        {rows.map((r) => (r.proportion !== null && r.ci ? `${r.label}: ${percent(r.proportion)} (${percentInterval(r.ci)})` : `${r.label}: redovisas inte`)).join('; ')}
      </desc>
      {rows.map((row, i) => (i % 2 === 1 ? <rect key={`stripe-${i}`} x={0} y={i * ROW} width={WIDTH} height={ROW} className="an-stripe" /> : null))}
      {ticks(top, step).map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={plotBottom} className="an-grid" />
          <text x={x(tick)} y={plotBottom + 16} textAnchor="middle" className="an-axis">
            {`${Math.round(tick * 1000) / 10} %`.replace('.', ',')}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = i * ROW + ROW / 2;
        return (
          <g key={`${row.label}-${i}`} className={row.overall ? 'an-row-overall' : undefined}>
            <text x={LABEL - 10} y={y + 5} textAnchor="end" className="an-label">
              {truncate(row.label, 26)}
            </text>
            {row.proportion !== null && row.ci ? (
              <>
                <line x1={x(row.ci[0])} x2={x(row.ci[1])} y1={y} y2={y} className="an-whisker" />
                <line x1={x(row.ci[0])} x2={x(row.ci[0])} y1={y - 7} y2={y + 7} className="an-whisker" />
                <line x1={x(row.ci[1])} x2={x(row.ci[1])} y1={y - 7} y2={y + 7} className="an-whisker" />
                <circle cx={x(row.proportion)} cy={y} r={6} className="an-dot" />
                <text x={LABEL + PLOT + 14} y={y + 5} className="an-value">
                  {percent(row.proportion)} ({compactPercentInterval(row.ci)})
                </text>
              </>
            ) : (
              <text x={LABEL + 6} y={y + 5} className="an-value an-muted">
                {row.note ?? '– redovisas inte'}
              </text>
            )}
          </g>
        );
      })}
      <text x={LABEL} y={plotBottom + 36} className="an-axis">
        {`Punkt = skattad andel, streck = ${Math.round(level * 100)} % konfidensintervall`}
      </text>
    </svg>
  );
}

export interface DarkFigureRow {
  label: string;
  registered: number | null;
  total: number | null;
  totalCi: readonly [number, number] | null;
  detectionRatio: number | null;
  detectionRatioCi: readonly [number | null, number | null] | null;
  note?: string;
}

/** Registered persons R (bar) against the estimated number affected T (dot) with its interval (whisker). */
export function DarkFigureChart({ rows, title, testId }: { rows: DarkFigureRow[]; title: string; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => Math.max(r.totalCi?.[1] ?? r.total ?? 0, r.registered ?? 0)));
  const { top, step } = niceAxis(max, 10);
  const x = (v: number) => LABEL + (Math.min(v, top) / top) * PLOT;
  const rowHeight = ROW + 12;
  const plotBottom = rows.length * rowHeight;
  const height = plotBottom + 64;
  return (
    <svg className="an-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${testId}-title ${testId}-desc`} data-testid={testId}>
      <title id={`${testId}-title`}>{title}</title>
      <desc id={`${testId}-desc`}>
        {rows
          .map((r) =>
            r.registered !== null && r.total !== null && r.totalCi
              ? `${r.label}: ${exact(r.registered)} registrerade, uppskattningsvis ${count(r.total)} utsatta (${countInterval(r.totalCi)})`
              : `${r.label}: redovisas inte`,
          )
          .join('; ')}
      </desc>
      {ticks(top, step).map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={plotBottom} className="an-grid" />
          <text x={x(tick)} y={plotBottom + 16} textAnchor="middle" className="an-axis">
            {count(tick)}
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = i * rowHeight + rowHeight / 2;
        const shown = row.registered !== null && row.total !== null && row.totalCi;
        return (
          <g key={`${row.label}-${i}`}>
            <text x={LABEL - 10} y={y + 5} textAnchor="end" className="an-label">
              {truncate(row.label, 26)}
            </text>
            {shown ? (
              <>
                <rect x={LABEL} y={y - 8} width={Math.max(1, x(row.registered!) - LABEL)} height={16} className="an-bar-registered" />
                <line x1={x(row.totalCi![0])} x2={x(row.totalCi![1])} y1={y} y2={y} className="an-whisker" />
                <line x1={x(row.totalCi![0])} x2={x(row.totalCi![0])} y1={y - 9} y2={y + 9} className="an-whisker" />
                <line x1={x(row.totalCi![1])} x2={x(row.totalCi![1])} y1={y - 9} y2={y + 9} className="an-whisker" />
                <circle cx={x(row.total!)} cy={y} r={6} className="an-dot" />
                <text x={LABEL + PLOT + 14} y={y - 2} className="an-value">
                  {`R ${exact(row.registered!)} av T ≈ ${count(row.total!)}`}
                </text>
                <text x={LABEL + PLOT + 14} y={y + 14} className="an-value an-small">
                  {row.detectionRatio !== null && row.detectionRatioCi
                    ? `upptäcktsgrad ${percent(row.detectionRatio)} (${compactPercentInterval(row.detectionRatioCi)})`
                    : ''}
                </text>
              </>
            ) : (
              <text x={LABEL + 6} y={y + 5} className="an-value an-muted">
                {row.note ?? '– redovisas inte'}
              </text>
            )}
          </g>
        );
      })}
      <g transform={`translate(${LABEL}, ${plotBottom + 30})`} className="an-legend">
        <rect width={14} height={12} y={-10} className="an-bar-registered" />
        <text x={20}>registrerade (R)</text>
        <circle cx={160} cy={-4} r={6} className="an-dot" />
        <line x1={175} x2={205} y1={-4} y2={-4} className="an-whisker" />
        <text x={212}>uppskattat antal utsatta (T) med konfidensintervall</text>
      </g>
    </svg>
  );
}
