/**
 * Hand-written SVG charts for the screening month: contacts per unit during
 * the month, and shares with 95 % intervals (whiskers). Each chart has a
 * text equivalent (title/desc and the table next to it).
 */
import type { Proportion } from '../../../contracts/screening';
import { percent, percentWithInterval } from './screening-api';

const LABEL_WIDTH = 170;
const ROW = 34;

/** Bars of contacts per unit; the dark part is the contacts asked. */
export function FollowUpChart({ rows, title }: { rows: { label: string; contacts: number; asked: number }[]; title: string }) {
  const width = 640;
  const plot = width - LABEL_WIDTH - 150;
  const max = Math.max(1, ...rows.map((row) => row.contacts));
  const height = rows.length * ROW + 30;
  return (
    <svg className="screening-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="followup-chart-title" data-testid="followup-chart">
      <title id="followup-chart-title">{title}</title>
      {rows.map((row, i) => {
        const y = i * ROW + 6;
        const total = (row.contacts / max) * plot;
        const asked = (row.asked / max) * plot;
        return (
          <g key={row.label}>
            <text x={LABEL_WIDTH - 8} y={y + 16} textAnchor="end" className="chart-label">
              {truncate(row.label, 24)}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={Math.max(total, 0)} height={22} className="bar-total" />
            <rect x={LABEL_WIDTH} y={y} width={Math.max(asked, 0)} height={22} className="bar-asked" />
            <text x={LABEL_WIDTH + total + 6} y={y + 16} className="chart-value">
              {row.contacts} kontakter{row.contacts > 0 ? `, ${percent(row.asked / row.contacts)} tillfrågade` : ''}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${LABEL_WIDTH}, ${rows.length * ROW + 14})`} className="chart-legend">
        <rect width={12} height={12} className="bar-asked" />
        <text x={16} y={10}>
          tillfrågade
        </text>
        <rect x={100} width={12} height={12} className="bar-total" />
        <text x={116} y={10}>
          inte tillfrågade
        </text>
      </g>
    </svg>
  );
}

/** One row per group: the share as a dot and its 95 % interval as a whisker, on a 0–100 % axis. */
export function IntervalChart({
  rows,
  title,
  testId,
}: {
  rows: { label: string; value: Proportion | null; note?: string }[];
  title: string;
  testId?: string;
}) {
  const width = 640;
  const plot = width - LABEL_WIDTH - 130;
  const height = rows.length * ROW + 40;
  const x = (p: number) => LABEL_WIDTH + p * plot;
  const titleId = `${testId ?? 'interval'}-title`;
  return (
    <svg className="screening-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} data-testid={testId}>
      <title id={titleId}>{title}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={0} y2={rows.length * ROW} className="grid" />
          <text x={x(tick)} y={rows.length * ROW + 16} textAnchor="middle" className="chart-axis">
            {Math.round(tick * 100)} %
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = i * ROW + ROW / 2;
        const value = row.value;
        return (
          <g key={row.label}>
            <text x={LABEL_WIDTH - 8} y={y + 5} textAnchor="end" className="chart-label">
              {truncate(row.label, 24)}
            </text>
            {value && value.p !== null && value.ci ? (
              <>
                <line x1={x(value.ci[0])} x2={x(value.ci[1])} y1={y} y2={y} className="whisker" />
                <line x1={x(value.ci[0])} x2={x(value.ci[0])} y1={y - 6} y2={y + 6} className="whisker" />
                <line x1={x(value.ci[1])} x2={x(value.ci[1])} y1={y - 6} y2={y + 6} className="whisker" />
                <circle cx={x(value.p)} cy={y} r={6} className="dot" />
                <text x={x(1) + 8} y={y + 5} className="chart-value">
                  {percentWithInterval(value)}
                </text>
              </>
            ) : (
              <text x={LABEL_WIDTH + 4} y={y + 5} className="chart-value muted-text">
                {row.note ?? '– (redovisas inte)'}
              </text>
            )}
          </g>
        );
      })}
      <text x={LABEL_WIDTH} y={rows.length * ROW + 34} className="chart-axis">
        Punkt = andel, streck = 95 % konfidensintervall (Wilson)
      </text>
    </svg>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
