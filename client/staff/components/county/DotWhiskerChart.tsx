/**
 * Age–sex standardised prevalence with its 95 % interval per kommun, sorted
 * by name (never by rank: this is not a league table). Kommuner without a
 * value are listed with "–" and the reason.
 */
import type { CountyComparison } from '../../../../contracts/county';
import { byName, percent, percentWithCi } from './county-api';

const WIDTH = 640;
const LABEL = 130;
const ROW = 26;
const RIGHT = 150;

export function DotWhiskerChart({ data }: { data: CountyComparison }) {
  const rows = [...data.kommuner].sort(byName);
  const uppers = rows.flatMap((r) => (r.standardised?.ci ? [r.standardised.ci[1]] : r.standardised ? [r.standardised.estimate] : []));
  const xMax = Math.min(1, Math.max(0.05, Math.ceil((Math.max(0, ...uppers, data.target ?? 0) * 1.05) / 0.05) * 0.05));
  const plotW = WIDTH - LABEL - RIGHT;
  const x = (p: number) => LABEL + (p / xMax) * plotW;
  const height = rows.length * ROW + 40;
  const ticks = Array.from({ length: Math.round(xMax / 0.05) + 1 }, (_, i) => i * 0.05).filter((_, i, all) => all.length <= 8 || i % 2 === 0);
  return (
    <svg className="county-chart dot-whisker" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby="dots-title dots-desc" data-testid="dot-whisker">
      <title id="dots-title">Åldersstandardiserad andel med 95 % konfidensintervall, kommunerna i bokstavsordning</title>
      <desc id="dots-desc">
        {rows.map((r) => `${r.namn}: ${r.standardised ? percentWithCi(r.standardised) : `– (${r.standardisedNote ?? r.reason ?? 'inget värde'})`}`).join('; ')}
      </desc>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={4} y2={rows.length * ROW + 8} className="grid" />
          <text x={x(t)} y={rows.length * ROW + 24} textAnchor="middle" className="tick">
            {Math.round(t * 100)} %
          </text>
        </g>
      ))}
      {data.target !== null && (
        <g>
          <line x1={x(data.target)} x2={x(data.target)} y1={4} y2={rows.length * ROW + 8} className="target" />
          <text x={x(data.target)} y={rows.length * ROW + 38} textAnchor="middle" className="legend-text">
            Länet {percent(data.target)} ({data.lanEstimate ? `${data.lanEstimate.kommuner} av ${data.lanEstimate.kommunerInLan} kommuner` : 'kommunerna med svar'})
          </text>
        </g>
      )}
      {rows.map((r, i) => {
        const cy = i * ROW + 18;
        const s = r.standardised;
        return (
          <g key={r.kod}>
            <text x={LABEL - 8} y={cy + 4} textAnchor="end" className="chart-label">
              {r.namn}
            </text>
            {s ? (
              <>
                {s.ci && <line x1={x(s.ci[0])} x2={x(s.ci[1])} y1={cy} y2={cy} className="whisker" />}
                {s.ci && <line x1={x(s.ci[0])} x2={x(s.ci[0])} y1={cy - 5} y2={cy + 5} className="whisker" />}
                {s.ci && <line x1={x(s.ci[1])} x2={x(s.ci[1])} y1={cy - 5} y2={cy + 5} className="whisker" />}
                <circle cx={x(s.estimate)} cy={cy} r={4.5} className="dot" />
                <text x={LABEL + plotW + 8} y={cy + 4} className="chart-value">
                  {percent(s.estimate)}
                </text>
              </>
            ) : (
              <text x={LABEL + 4} y={cy + 4} className="chart-missing">
                – {r.suppressed ? 'visas inte (för få svarande)' : r.crude ? 'kan inte standardiseras' : 'inga jämförbara data'}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
