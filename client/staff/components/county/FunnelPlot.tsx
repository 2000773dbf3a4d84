/**
 * Funnel plot (Spiegelhalter 2005), hand-written SVG: each kommun's age–sex
 * standardised prevalence against its effective sample size, with the county
 * value and its 95 % and 99,8 % control limits. The limits and positions come
 * from the server; this only draws them. A data table sits beside it.
 */
import type { CountyComparison, CountyKommunComparison } from '../../../../contracts/county';
import { percent, POSITION_LABELS } from './county-api';

const WIDTH = 640;
const HEIGHT = 400;
const M = { left: 56, right: 96, top: 16, bottom: 48 };

function niceTicks(min: number, max: number): number[] {
  const candidates = [10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 20000, 50000, 100000];
  return candidates.filter((t) => t >= min && t <= max);
}

export function FunnelPlot({ data }: { data: CountyComparison }) {
  const funnel = data.funnel;
  const target = data.target;
  const points = data.kommuner.filter((k): k is CountyKommunComparison & { standardised: { effectiveN: number } } => !!k.standardised?.effectiveN && !!k.funnel);
  if (!funnel || target === null || points.length === 0) {
    return <p className="muted">Trattdiagrammet kräver åldersstandardiserade värden för minst en kommun.</p>;
  }
  const curve = funnel.curve;
  const nMin = curve[0].n;
  const nMax = curve[curve.length - 1].n;
  const plotW = WIDTH - M.left - M.right;
  const plotH = HEIGHT - M.top - M.bottom;
  const x = (n: number) => M.left + ((Math.log(n) - Math.log(nMin)) / (Math.log(nMax) - Math.log(nMin))) * plotW;
  const yMaxData = Math.max(...points.map((p) => p.standardised.estimate), ...curve.filter((c) => c.n >= Math.min(...points.map((p) => p.standardised.effectiveN)) * 0.9).map((c) => c.upper998));
  const yMax = Math.min(1, Math.ceil((yMaxData * 1.1) / 0.05) * 0.05);
  const y = (p: number) => M.top + plotH - (p / yMax) * plotH;
  const path = (key: keyof Omit<(typeof curve)[number], 'n'>) => curve.map((c, i) => `${i === 0 ? 'M' : 'L'}${x(c.n).toFixed(1)},${y(c[key]).toFixed(1)}`).join(' ');
  const yTicks = Array.from({ length: Math.round(yMax / 0.05) + 1 }, (_, i) => i * 0.05).filter((t, i, all) => all.length <= 8 || i % 2 === 0);
  const outside = points.filter((p) => p.funnel!.position !== 'within');
  const description =
    `Åldersstandardiserad andel (lodrät axel) mot effektivt antal svarande (vågrät axel, logaritmisk). ` +
    `Länets värde ${percent(target)} (de ${points.length} kommuner som visas, vägda efter befolkning) är den vågräta linjen; de streckade linjerna är 95 %-gränserna och de prickade 99,8 %-gränserna. ` +
    `${points.length} kommuner visas; ${outside.length === 0 ? 'alla ligger inom 95 %-gränserna' : `utanför 95 %-gränserna: ${outside.map((p) => `${p.namn} (${POSITION_LABELS[p.funnel!.position].toLowerCase()})`).join(', ')}`}. ` +
    `Samma värden finns i tabellen bredvid.`;
  return (
    <svg className="county-chart funnel-plot" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="funnel-title funnel-desc" data-testid="funnel-plot">
      <title id="funnel-title">Trattdiagram: {data.indicator.label}</title>
      <desc id="funnel-desc">{description}</desc>
      {yTicks.map((t) => (
        <g key={t}>
          <line x1={M.left} x2={M.left + plotW} y1={y(t)} y2={y(t)} className="grid" />
          <text x={M.left - 6} y={y(t) + 4} textAnchor="end" className="tick">
            {Math.round(t * 100)} %
          </text>
        </g>
      ))}
      {niceTicks(nMin, nMax).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={M.top + plotH} y2={M.top + plotH + 5} className="axis" />
          <text x={x(t)} y={M.top + plotH + 18} textAnchor="middle" className="tick">
            {t.toLocaleString('sv-SE')}
          </text>
        </g>
      ))}
      <line x1={M.left} x2={M.left + plotW} y1={M.top + plotH} y2={M.top + plotH} className="axis" />
      <line x1={M.left} x2={M.left} y1={M.top} y2={M.top + plotH} className="axis" />
      <text x={M.left + plotW / 2} y={HEIGHT - 8} textAnchor="middle" className="axis-label">
        Effektivt antal svarande (logaritmisk skala)
      </text>
      <clipPath id="funnel-plot-area">
        <rect x={M.left} y={M.top} width={plotW} height={plotH} />
      </clipPath>
      <g clipPath="url(#funnel-plot-area)">
        <path d={path('upper998')} className="limit limit-998" />
        <path d={path('lower998')} className="limit limit-998" />
        <path d={path('upper95')} className="limit limit-95" />
        <path d={path('lower95')} className="limit limit-95" />
      </g>
      <line x1={M.left} x2={M.left + plotW} y1={y(target)} y2={y(target)} className="target" />
      <text x={M.left + plotW + 4} y={y(target) + 4} className="legend-text">
        <tspan x={M.left + plotW + 4}>Länet {percent(target)}</tspan>
        <tspan x={M.left + plotW + 4} dy="1.2em">
          ({data.lanEstimate ? `${data.lanEstimate.kommuner} av ${data.lanEstimate.kommunerInLan}` : points.length})
        </tspan>
      </text>
      {points.map((p) => {
        const px = x(p.standardised.effectiveN);
        const py = y(p.standardised.estimate);
        return (
          <g key={p.kod} className={`point point-${p.funnel!.position}`}>
            <circle cx={px} cy={py} r={5} />
            <text x={px + 8} y={py + 4} className="point-label">
              {p.namn}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${M.left + plotW + 4}, ${M.top + 10})`} className="legend">
        <line x1={0} x2={22} y1={0} y2={0} className="limit limit-95" />
        <text x={26} y={4} className="legend-text">
          95 %
        </text>
        <line x1={0} x2={22} y1={18} y2={18} className="limit limit-998" />
        <text x={26} y={22} className="legend-text">
          99,8 %
        </text>
      </g>
    </svg>
  );
}
