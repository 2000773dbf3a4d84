/**
 * The prevalence over time: one line per indicator across the kommun's campaigns, each point with its
 * confidence interval as a whisker. Hand-written SVG with a <title> and <desc>; the table beside it
 * carries the same numbers.
 */
import type { TrendSeries } from '../../report/report-document';
import { percent, percentInterval } from './analysis-api';

const WIDTH = 820;
const LEFT = 60;
const RIGHT = 30;
const TOP = 16;
const PLOT_HEIGHT = 240;
const COLORS = ['#1f5f8b', '#b5523b', '#3f7f3f', '#7a4f9a', '#8a6d1d', '#2b7a78'];

function niceTop(max: number): { top: number; step: number } {
  const target = Math.max(max, 0.05);
  for (const step of [0.01, 0.02, 0.025, 0.05, 0.1, 0.2, 0.25]) {
    const top = Math.ceil(target / step) * step;
    if (top / step <= 6) return { top, step };
  }
  return { top: 1, step: 0.2 };
}

export function TrendChart({ series, title, testId, level }: { series: readonly TrendSeries[]; title: string; testId: string; level: number }) {
  const labels = series[0]?.points.map((p) => p.label) ?? [];
  const max = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.ci?.[1] ?? p.proportion ?? 0)));
  const { top, step } = niceTop(max);
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (i: number) => LEFT + (labels.length <= 1 ? plotWidth / 2 : (i / (labels.length - 1)) * plotWidth * 0.9 + plotWidth * 0.05);
  const y = (p: number) => TOP + PLOT_HEIGHT - (Math.min(p, top) / top) * PLOT_HEIGHT;
  const legendTop = TOP + PLOT_HEIGHT + 44;
  const height = legendTop + series.length * 20 + 24;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 1000; t += step) ticks.push(t);
  return (
    <svg className="an-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${testId}-title ${testId}-desc`} data-testid={testId} data-chart-id={testId}>
      <title id={`${testId}-title`}>{title}</title>
      <desc id={`${testId}-desc`}>
        {series.map((s) => `${s.label}: ${s.points.map((p) => (p.proportion !== null && p.ci ? `${p.label} ${percent(p.proportion)} (${percentInterval(p.ci)})` : `${p.label} redovisas inte`)).join(', ')}`).join('; ')}
      </desc>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={LEFT} x2={WIDTH - RIGHT} y1={y(t)} y2={y(t)} className="an-grid" />
          <text x={LEFT - 8} y={y(t) + 4} textAnchor="end" className="an-axis">
            {`${Math.round(t * 1000) / 10} %`.replace('.', ',')}
          </text>
        </g>
      ))}
      {labels.map((label, i) => (
        <text key={label + i} x={x(i)} y={TOP + PLOT_HEIGHT + 20} textAnchor="middle" className="an-label">
          {label}
        </text>
      ))}
      {series.map((s, k) => {
        const color = COLORS[k % COLORS.length];
        const offset = (k - (series.length - 1) / 2) * 6;
        const path = s.points
          .map((p, i) => (p.proportion === null ? null : `${x(i) + offset},${y(p.proportion)}`))
          .filter((v): v is string => v !== null)
          .join(' ');
        return (
          <g key={s.label}>
            <polyline points={path} fill="none" stroke={color} strokeWidth={2} />
            {s.points.map((p, i) =>
              p.proportion !== null && p.ci ? (
                <g key={i}>
                  <line x1={x(i) + offset} x2={x(i) + offset} y1={y(p.ci[0])} y2={y(p.ci[1])} stroke={color} strokeWidth={2} />
                  <line x1={x(i) + offset - 5} x2={x(i) + offset + 5} y1={y(p.ci[0])} y2={y(p.ci[0])} stroke={color} strokeWidth={2} />
                  <line x1={x(i) + offset - 5} x2={x(i) + offset + 5} y1={y(p.ci[1])} y2={y(p.ci[1])} stroke={color} strokeWidth={2} />
                  <circle cx={x(i) + offset} cy={y(p.proportion)} r={5} fill={color} stroke="#fff" strokeWidth={1.5} />
                </g>
              ) : null,
            )}
          </g>
        );
      })}
      {series.map((s, k) => (
        <g key={`legend-${s.label}`} transform={`translate(${LEFT}, ${legendTop + k * 20})`}>
          <rect width={14} height={4} y={-6} fill={COLORS[k % COLORS.length]} />
          <text x={22} className="an-small">
            {s.label.length > 110 ? `${s.label.slice(0, 109)}…` : s.label}
          </text>
        </g>
      ))}
      <text x={LEFT} y={height - 6} className="an-axis">
        {`Punkt = skattad andel, streck = ${Math.round(level * 100)} % konfidensintervall`}
      </text>
    </svg>
  );
}
