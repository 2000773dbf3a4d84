/**
 * Hand-written SVG bar chart of response rates (completed ÷ invited) per
 * group, on a fixed 0–100 % axis so that charts can be compared. The SVG has
 * a title and the same numbers are in the table next to it.
 */
export interface RateRow {
  label: string;
  numerator: number;
  denominator: number;
}

const LABEL_WIDTH = 200;
const ROW = 30;
const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 0 });

export function RateChart({ rows, title, testId }: { rows: RateRow[]; title: string; testId?: string }) {
  const width = 680;
  const plot = width - LABEL_WIDTH - 120;
  const top = 6;
  const height = top + rows.length * ROW + 28;
  const x = (p: number) => LABEL_WIDTH + p * plot;
  const titleId = `${testId ?? 'rate-chart'}-title`;
  return (
    <svg className="rate-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={titleId} data-testid={testId}>
      <title id={titleId}>{title}</title>
      {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
        <g key={tick}>
          <line x1={x(tick)} x2={x(tick)} y1={top} y2={top + rows.length * ROW} className="grid" />
          <text x={x(tick)} y={top + rows.length * ROW + 18} textAnchor="middle" className="chart-axis">
            {Math.round(tick * 100)} %
          </text>
        </g>
      ))}
      {rows.map((row, i) => {
        const y = top + i * ROW + 4;
        const share = row.denominator > 0 ? Math.min(1, row.numerator / row.denominator) : 0;
        return (
          <g key={`${row.label}-${i}`}>
            <text x={LABEL_WIDTH - 8} y={y + 15} textAnchor="end" className="chart-label">
              {row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label}
            </text>
            <rect x={LABEL_WIDTH} y={y} width={plot} height={20} className="bar-track" />
            <rect x={LABEL_WIDTH} y={y} width={share * plot} height={20} className="bar-value" />
            <text x={x(1) + 8} y={y + 15} className="chart-value">
              {row.denominator > 0 ? `${percent.format(share)} (${row.numerator}/${row.denominator})` : 'inga brev'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
