/**
 * Writes the lägesbild for the nämnd from the server's figures: a summary in plain Swedish, prevalence
 * per indicator by kön, åldersgrupp and område (charts with interval whiskers and tables), the change
 * since the previous campaign, the mörkertal with its caveats and the registered series, optionally a
 * screening month, and a method appendix generated from the data (frame and its date, design and
 * allocation, invited / responded / response rate overall and per stratum, mode, reminder waves,
 * fieldwork dates, weighting with its sources, population and diagnostics, intervals, suppression and
 * reliability flags, limitations). No statistics here: every number is the server's, already suppressed.
 */
import type { AnalysisResult, AnalysisSetup, Estimate } from '../../../contracts/analysis';
import type { LagesbildSetup, ResponseRateRow, Trend } from '../../../contracts/lagesbild';
import type { Report as ScreeningReport } from '../../../contracts/screening';
import { ESTIMATE_FLAG_TEXT, UNRELIABLE_FLAGS } from '../../../domain/estimate-flags';
import { domainLabel, VARIABLE_LABELS } from '../../../domain/domain-label';
import { textFor } from '../../../domain/localized-text';
import { count, countInterval, decimal, exact, marginsText, METHOD_TEXT, percent, percentInterval } from '../components/analysis/analysis-api';
import type { ReportBlock, ReportDocument, ReportSection, TrendSeries } from './report-document';

export interface LagesbildInput {
  readonly setup: AnalysisSetup;
  readonly result: AnalysisResult;
  readonly facts: LagesbildSetup;
  readonly trend: Trend | null;
  readonly screening: ScreeningReport | null;
  readonly today: Date;
}

const ORDINALS: readonly [number, string][] = [
  [2, 'varannan'], [3, 'var tredje'], [4, 'var fjärde'], [5, 'var femte'], [6, 'var sjätte'], [7, 'var sjunde'], [8, 'var åttonde'],
  [9, 'var nionde'], [10, 'var tionde'], [12, 'var tolfte'], [15, 'var femtonde'], [20, 'var tjugonde'], [25, 'var tjugofemte'],
  [30, 'var trettionde'], [40, 'var fyrtionde'], [50, 'var femtionde'], [100, 'var hundrade'],
];
const TENTHS = ['', 'en', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio'];

/**
 * A share in words, as a nämnd reads it: "var femte" (0.19), "var tredje" (0.33), "nästan fem av tio"
 * (0.45), "sju av tio" (0.7), "färre än en av hundra" (0.004). The nearest simple fraction; the exact
 * share follows in brackets.
 *
 * @example
 * shareInWords(0.19) // → 'var femte'
 */
export function shareInWords(p: number): string {
  if (p < 0.0075) return 'färre än en av hundra';
  if (p > 0.95) return 'nästan alla';
  if (p >= 0.35) {
    const tenths = Math.round(p * 10);
    const about = p < tenths / 10 - 0.02 ? 'nästan ' : p > tenths / 10 + 0.02 ? 'drygt ' : '';
    return `${about}${TENTHS[tenths] || 'nio'} av tio`;
  }
  let best = ORDINALS[0];
  for (const candidate of ORDINALS) if (Math.abs(1 / candidate[0] - p) < Math.abs(1 / best[0] - p)) best = candidate;
  return best[1];
}

const capitalise = (text: string) => text.replace(/^./, (c) => c.toUpperCase());
/** A no-break space, so that "45 %" and "95 % KI" never break over two lines. */
const NBSP = '\u00a0';
const wholePercent = (p: number) => `${Math.round(p * 100 + 1e-9)}${NBSP}%`;
const wholeInterval = (ci: readonly [number, number]) => `${Math.round(ci[0] * 100 + 1e-9)}–${Math.round(ci[1] * 100 + 1e-9)}${NBSP}%`;
const ONE_DECIMAL = new Intl.NumberFormat('sv-SE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** "+2,1" and "+2,1 procentenheter": a difference of shares in percentage points, with its sign. */
const signedPoints = (d: number) => `${d > 0 ? '+' : d < 0 ? '−' : '±'}${ONE_DECIMAL.format(Math.abs(d) * 100)}`;
const points = (d: number) => `${signedPoints(d)} procentenheter`;
const pointsInterval = (ci: readonly [number, number]) => `${ci[0] < 0 ? '−' : ''}${ONE_DECIMAL.format(Math.abs(ci[0]) * 100)} till ${ci[1] < 0 ? '−' : ''}${ONE_DECIMAL.format(Math.abs(ci[1]) * 100)}`;
const DATE = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long' });
const date = (iso: string | null | undefined) => (iso ? DATE.format(new Date(`${iso.slice(0, 10)}T12:00:00`)) : '–');

/** "har utsatts för psykiskt våld … de senaste 12 månaderna" from the indicator's label "Utsatt för …, senaste 12 månaderna". */
function predicate(label: string): string | null {
  const m = /^Utsatt för (.+?), (senaste 12 månaderna|någon gång)$/.exec(label);
  if (!m) return null;
  return m[2] === 'någon gång' ? `någon gång har utsatts för ${m[1]}` : `har utsatts för ${m[1]} de senaste 12 månaderna`;
}

const isOverall = (e: { domain: Readonly<Record<string, string>> }) => Object.keys(e.domain).length === 0;
const sameDomain = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v);
const shown = (e: Estimate | undefined): e is Estimate & { proportion: number; ci: readonly [number, number] } => !!e && !e.suppressed && e.proportion !== null && e.ci !== null;

function notes(e: Estimate, minCell: number): string {
  if (e.suppressed) return e.reason === 'secondary' ? 'Dold så att en liten grupp inte kan räknas fram.' : e.n === 0 ? 'Inga svarande.' : `Färre än ${minCell} svarande.`;
  const unreliable = e.flags.filter((f) => UNRELIABLE_FLAGS.includes(f));
  const other = e.flags.filter((f) => !UNRELIABLE_FLAGS.includes(f) && f !== 'p=0|1');
  return [unreliable.length > 0 ? 'Osäker skattning (se metodbilagan).' : '', ...other.map((f) => ESTIMATE_FLAG_TEXT[f] ?? f)].filter(Boolean).join(' ');
}

/** Someone in the campaign answered the indicator's questions. */
function answeredIndicator(result: AnalysisResult, id: string): boolean {
  return result.estimates.some((e) => e.indicator === id && isOverall(e) && e.n > 0);
}

function indicatorLabel(result: AnalysisResult, id: string): string {
  const info = result.meta.indicators.find((i) => i.id === id);
  return info ? textFor(info.label) : id;
}

function summarySection(input: LagesbildInput): ReportSection {
  const { result, trend } = input;
  const level = Math.round(result.meta.parameters.level * 100);
  const items: string[] = [];
  const previous = trend?.campaigns.find((c) => c.id === trend.previousId);
  for (const indicator of result.meta.parameters.indicators) {
    const label = indicatorLabel(result, indicator);
    const rows = result.estimates.filter((e) => e.indicator === indicator);
    const overall = rows.find(isOverall);
    const women = rows.find((e) => Object.keys(e.domain).length === 1 && e.domain.kon === 'kvinna');
    const men = rows.find((e) => Object.keys(e.domain).length === 1 && e.domain.kon === 'man');
    const verb = predicate(label);
    // "var femte kvinna" but "fyra av tio kvinnor".
    const part = (e: Estimate & { proportion: number; ci: readonly [number, number] }, singular: string, plural: string) => {
      const words = shareInWords(e.proportion);
      return `${words} ${words.startsWith('var ') ? singular : plural} (${wholePercent(e.proportion)}, ${level}${NBSP}% KI ${wholeInterval(e.ci)})`;
    };
    let sentence: string;
    if (!overall || overall.n === 0) {
      sentence = `${label}: inga svar (frågorna ingick inte i enkäten eller besvarades inte).`;
    } else if (!shown(overall)) {
      sentence = `${label}: redovisas inte (för få svarande).`;
    } else if (verb && shown(women) && shown(men)) {
      sentence = `${capitalise(part(women, 'kvinna', 'kvinnor'))} och ${part(men, 'man', 'män')} ${verb}.`;
    } else if (verb) {
      sentence = `${capitalise(part(overall, 'invånare', 'invånare'))} ${verb}.`;
    } else {
      sentence = `${label}: ${wholePercent(overall.proportion)} (${level}${NBSP}% KI ${wholeInterval(overall.ci)}).`;
    }
    if (shown(overall) && overall.total !== null && overall.totalCi) sentence += ` Det motsvarar omkring ${count(overall.total)} invånare (${countInterval(overall.totalCi)}).`;
    const dark = result.darkFigure.find((d) => d.indicator === indicator && isOverall(d) && !d.suppressed);
    if (dark && dark.registered !== null && dark.detectionRatio !== null) {
      const unit = result.meta.registered?.unit === 'cases' ? 'ärenden' : 'personer';
      sentence += ` Socialtjänsten har registrerat ${exact(dark.registered)} ${unit}, ungefär ${shareInWords(dark.detectionRatio)} av dem (${percent(dark.detectionRatio)}).`;
    }
    const change = trend?.comparisons.find((c) => c.indicator === indicator && isOverall(c));
    if (previous && change && change.difference !== null && change.differenceCi) {
      sentence += ` Jämfört med ${previous.title} är förändringen ${points(change.difference)} (${level}${NBSP}% KI ${pointsInterval(change.differenceCi)}): ${
        change.clearChange ? 'en statistiskt säker förändring' : 'ingen statistiskt säker förändring'
      }.`;
    }
    items.push(sentence);
  }
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: 'Sammanfattning' },
    { kind: 'bullets', items, testId: 'report-summary' },
    {
      kind: 'paragraph',
      tone: 'muted',
      text: `Andelarna gäller befolkningen i enkätens åldrar och är vägda till kommunens befolkning. Inom parentes står ${level} % konfidensintervall (KI): det sanna värdet ligger med stor sannolikhet inom intervallet. Hur siffrorna har tagits fram står i metodbilagan.`,
    },
  ];
  return { id: 'summary', blocks };
}

function resultsSection({ result }: LagesbildInput): ReportSection {
  const level = result.meta.parameters.level;
  const pct = Math.round(level * 100);
  const minCell = result.meta.parameters.minCell;
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: 'Andel utsatta, per grupp' },
    { kind: 'paragraph', text: `Varje indikator visas för hela befolkningen och per ${marginsText(result.meta.parameters.by)}. Punkten är den skattade andelen och strecket ${pct} % konfidensintervall.` },
  ];
  // An indicator nobody answered (an optional module left out) gets one line, not an empty chart and table.
  const unanswered = result.meta.parameters.indicators.filter((indicator) => !answeredIndicator(result, indicator));
  result.meta.parameters.indicators.filter((indicator) => answeredIndicator(result, indicator)).forEach((indicator, i) => {
    const label = indicatorLabel(result, indicator);
    const rows = result.estimates.filter((e) => e.indicator === indicator);
    blocks.push({ kind: 'heading', level: 3, text: `${i + 1}. ${label}` });
    blocks.push({
      kind: 'chart',
      id: `prevalence-${indicator}`,
      title: `Andel: ${label}`,
      description: rows.map((e) => (shown(e) ? `${domainLabel(e.domain, result.meta.areas)} ${percent(e.proportion)} (${percentInterval(e.ci)})` : `${domainLabel(e.domain, result.meta.areas)} redovisas inte`)).join('; '),
      chart: {
        type: 'prevalence',
        level,
        rows: rows.map((e) => ({
          label: domainLabel(e.domain, result.meta.areas),
          proportion: e.proportion,
          ci: e.ci,
          overall: isOverall(e),
          note: e.suppressed ? (e.reason === 'secondary' ? '– dold (skyddar en liten grupp)' : e.n === 0 ? '– inga svarande' : `– färre än ${minCell} svarande`) : undefined,
        })),
      },
    });
    blocks.push({
      kind: 'table',
      caption: `Tabell: ${label}`,
      testId: `report-table-${indicator}`,
      columns: [{ label: 'Grupp' }, { label: `Andel (${pct} % KI)`, numeric: true }, { label: `Antal invånare (${pct} % KI)`, numeric: true }, { label: 'Svarande', numeric: true }, { label: 'Anmärkning' }],
      rows: rows.map((e) => [
        domainLabel(e.domain, result.meta.areas),
        shown(e) ? `${percent(e.proportion)} (${percentInterval(e.ci)})` : '–',
        shown(e) && e.total !== null && e.totalCi ? `${count(e.total)} (${countInterval(e.totalCi)})` : '–',
        e.suppressed ? (e.reason === 'secondary' || e.n === 0 ? '–' : `färre än ${minCell}`) : exact(e.n),
        notes(e, minCell),
      ]),
    });
  });
  if (unanswered.length > 0) {
    blocks.push({ kind: 'paragraph', tone: 'muted', text: `Inga svar finns på ${unanswered.map((id) => `"${indicatorLabel(result, id)}"`).join(', ')}: frågorna ingick inte i enkäten eller besvarades inte.` });
  }
  return { id: 'results', blocks };
}

function trendSection({ result, trend }: LagesbildInput): ReportSection {
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Förändring sedan förra undersökningen' }];
  const analysed = trend?.campaigns.filter((c) => c.estimates.length > 0) ?? [];
  if (!trend || analysed.length < 2) {
    blocks.push({ kind: 'paragraph', text: 'Det finns ingen tidigare undersökning i kommunen med samma indikatorer, så ingen förändring kan redovisas ännu. Nästa lägesbild kan jämföras med den här.' });
    return { id: 'trend', blocks };
  }
  const pct = Math.round(trend.level * 100);
  const year = (c: (typeof analysed)[number]) => (c.periodStart ?? c.fieldwork?.first ?? '').slice(0, 4);
  const previous = trend.campaigns.find((c) => c.id === trend.previousId);
  const current = trend.campaigns.find((c) => c.current)!;
  const series: TrendSeries[] = trend.indicators.filter((indicator) => answeredIndicator(result, indicator)).map((indicator) => ({
    label: indicatorLabel(result, indicator),
    points: analysed.map((c) => {
      const e = c.estimates.find((x) => x.indicator === indicator && isOverall(x));
      return { label: `${year(c)} ${c.current ? '(denna)' : ''}`.trim(), proportion: shown(e) ? e.proportion : null, ci: shown(e) ? e.ci : null };
    }),
  }));
  blocks.push({
    kind: 'paragraph',
    text: `Undersökningarna ${analysed.map((c) => `${c.title} (${year(c)})`).join(', ')} mäter ${trend.indicators.length === 1 ? 'en indikator' : `${trend.indicators.length} indikatorer`} på samma sätt. Varje undersökning är vägd med sin egen design och befolkning. Skillnaden har ett ${pct} % konfidensintervall; en förändring kallas statistiskt säker bara när intervallet inte innehåller 0.`,
  });
  blocks.push({
    kind: 'chart',
    id: 'trend',
    title: 'Andel över tid, hela befolkningen',
    description: series.map((s) => `${s.label}: ${s.points.map((p) => `${p.label} ${p.proportion === null ? 'redovisas inte' : percent(p.proportion)}`).join(', ')}`).join('; '),
    chart: { type: 'trend', level: trend.level, series },
  });
  if (previous) {
    // One small table per indicator (hela befolkningen and per kön; every group is in the workspace), so that
    // the long indicator names are captions rather than a column, on a phone as in Word.
    const answered = (c: Trend['comparisons'][number]) => result.estimates.some((e) => e.indicator === c.indicator && sameDomain(e.domain, c.domain) && e.n > 0);
    const rows = trend.comparisons.filter((c) => (Object.keys(c.domain).length === 0 || (Object.keys(c.domain).length === 1 && c.domain.kon !== undefined)) && answered(c));
    blocks.push({ kind: 'paragraph', text: `Förändringen från ${previous.title} till ${current.title}, för hela befolkningen och per kön. Skillnaden står i procentenheter.` });
    for (const indicator of trend.indicators) {
      const own = rows.filter((c) => c.indicator === indicator);
      if (own.length === 0) continue;
      blocks.push({
        kind: 'table',
        caption: indicatorLabel(result, indicator),
        testId: `report-trend-${indicator}`,
        columns: [{ label: 'Grupp' }, { label: `Före (${pct} % KI)`, numeric: true }, { label: `Nu (${pct} % KI)`, numeric: true }, { label: `Skillnad (${pct} % KI)`, numeric: true }, { label: 'Bedömning' }],
        rows: own.map((c) => [
          domainLabel(c.domain, result.meta.areas),
          c.before.proportion !== null && c.before.ci ? `${percent(c.before.proportion)} (${percentInterval(c.before.ci)})` : '–',
          c.after.proportion !== null && c.after.ci ? `${percent(c.after.proportion)} (${percentInterval(c.after.ci)})` : '–',
          c.difference !== null && c.differenceCi ? `${signedPoints(c.difference)} (${pointsInterval(c.differenceCi)})` : '–',
          c.suppressed ? 'Redovisas inte (för få svarande)' : c.clearChange ? (c.difference! > 0 ? 'Statistiskt säker ökning' : 'Statistiskt säker minskning') : 'Ingen säker förändring',
        ]),
      });
    }
  }
  const failed = trend.campaigns.filter((c) => c.error);
  for (const c of failed) blocks.push({ kind: 'paragraph', tone: 'muted', text: `${c.title} kunde inte analyseras: ${c.error}` });
  return { id: 'trend', blocks };
}

function darkSection({ result }: LagesbildInput): ReportSection {
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Mörkertal: enkäten jämförd med socialtjänstens register' }];
  const registered = result.meta.registered;
  if (!registered) {
    blocks.push({ kind: 'paragraph', text: 'Ingen tabell med registrerade ärenden valdes, så mörkertalet redovisas inte i den här lägesbilden.' });
    return { id: 'dark', blocks };
  }
  const minCell = result.meta.parameters.minCell;
  const unit = registered.unit === 'persons' ? 'personer' : 'ärenden';
  blocks.push({
    kind: 'paragraph',
    text: `Registret "${registered.name}"${registered.period ? ` (${registered.period})` : ''} räknar ${unit}. T är enkätens uppskattade antal utsatta invånare, R antalet registrerade. Upptäcktsgraden är R ÷ T och mörkertalet T − R, alltså de utsatta som socialtjänsten inte känner till. Ett R större än T visas som det är: då mäter enkät och register inte samma sak.`,
  });
  const series = result.meta.registeredSeries;
  if (series) {
    blocks.push({ kind: 'paragraph', text: series.note });
    const indicators = [...new Set(series.rows.map((r) => r.indicator))];
    blocks.push({
      kind: 'table',
      caption: 'Registrerade per år',
      testId: 'report-registered-series',
      columns: [{ label: 'Indikator' }, ...series.years.map((y) => ({ label: `${y}${y === series.alignedYear ? ' (jämförs med enkäten)' : ''}`, numeric: true }))],
      rows: indicators.map((indicator) => [
        indicatorLabel(result, indicator),
        ...series.years.map((y) => {
          const row = series.rows.find((r) => r.indicator === indicator && r.year === y);
          return !row ? '–' : row.suppressed ? `färre än ${minCell}` : exact(row.registered!);
        }),
      ]),
    });
  }
  const indicators = [...new Set(result.darkFigure.map((d) => d.indicator))];
  for (const indicator of indicators) {
    const label = indicatorLabel(result, indicator);
    const rows = result.darkFigure.filter((d) => d.indicator === indicator);
    blocks.push({ kind: 'heading', level: 3, text: label });
    blocks.push({
      kind: 'chart',
      id: `dark-${indicator}`,
      title: `Mörkertal: ${label}`,
      description: rows.map((d) => (d.registered !== null && d.estimatedTotal !== null ? `${domainLabel(d.domain, result.meta.areas)}: R ${exact(d.registered)}, T ${count(d.estimatedTotal)}` : `${domainLabel(d.domain, result.meta.areas)} redovisas inte`)).join('; '),
      chart: {
        type: 'darkFigure',
        rows: rows.map((d) => ({
          label: domainLabel(d.domain, result.meta.areas),
          registered: d.registered,
          total: d.estimatedTotal,
          totalCi: d.estimatedTotalCi,
          detectionRatio: d.detectionRatio,
          detectionRatioCi: d.detectionRatioCi,
          note: d.suppressed ? (d.reason === 'secondary' ? '– dold (skyddar en liten grupp)' : d.reason?.startsWith('registered') ? `– färre än ${minCell} registrerade` : `– färre än ${minCell} svarande`) : undefined,
        })),
      },
    });
    blocks.push({
      kind: 'table',
      caption: `Mörkertal: ${label}`,
      columns: [{ label: 'Grupp' }, { label: 'Registrerade (R)', numeric: true }, { label: 'Uppskattat antal utsatta (T, KI)', numeric: true }, { label: 'Ej registrerade (T − R, KI)', numeric: true }, { label: 'Upptäcktsgrad (R ÷ T, KI)', numeric: true }],
      rows: rows.map((d) =>
        d.suppressed
          ? [domainLabel(d.domain, result.meta.areas), '–', '–', '–', d.reason === 'secondary' ? 'dold' : 'redovisas inte']
          : [
              domainLabel(d.domain, result.meta.areas),
              d.registered !== null ? exact(d.registered) : '–',
              d.estimatedTotal !== null && d.estimatedTotalCi ? `${count(d.estimatedTotal)} (${countInterval(d.estimatedTotalCi)})` : '–',
              d.unregistered !== null && d.unregisteredCi ? `${count(d.unregistered)} (${countInterval(d.unregisteredCi)})` : '–',
              d.detectionRatio !== null && d.detectionRatioCi ? `${percent(d.detectionRatio)} (${percentInterval(d.detectionRatioCi)})` : '–',
            ],
      ),
    });
    const caveats = result.meta.caveats.find((c) => c.indicator === indicator)?.points ?? [];
    if (caveats.length > 0) {
      blocks.push({ kind: 'paragraph', text: 'Det här skiljer enkät och register åt:' });
      blocks.push({ kind: 'bullets', items: caveats });
    }
  }
  if (indicators.length === 0) blocks.push({ kind: 'paragraph', text: 'Registertabellen har inga rader som kan ställas mot de valda indikatorerna för enkätens period.' });
  return { id: 'dark', blocks };
}

function screeningSection(screening: ScreeningReport): ReportSection {
  const minCell = screening.minCell;
  const units = screening.summary.groups.filter((g) => Object.keys(g.group).length === 1 && g.group.enhet !== undefined);
  const blocks: ReportBlock[] = [
    { kind: 'heading', level: 2, text: `Kartläggningsmånad: ${screening.campaign.title}` },
    {
      kind: 'paragraph',
      tone: 'notice',
      text: `Under ${screening.campaign.period ?? 'perioden'} frågade personalen klienterna om våld. Siffrorna beskriver de klienter som tillfrågades, inte kommunens befolkning, och ska inte jämföras med enkätens andelar.`,
    },
    { kind: 'bullets', items: screening.text.findings },
  ];
  if (units.length > 0) {
    blocks.push({
      kind: 'table',
      caption: 'Per enhet',
      columns: [{ label: 'Enhet' }, { label: 'Kontakter', numeric: true }, { label: 'Täckning', numeric: true }, { label: 'Uppgav våld (95 % KI)', numeric: true }],
      rows: units.map((g) => {
        const name = g.group.enhet ?? '';
        if (g.suppressed) return [name, '–', '–', g.reason === 'secondary' ? 'dold' : `färre än ${minCell}`];
        const u = g.disclosure.utsatt;
        return [
          name,
          exact(g.contacts),
          g.coverage.suppressed || g.coverage.p === null ? '–' : percent(g.coverage.p),
          u.suppressed ? (u.reason === 'secondary' ? 'dold' : `färre än ${minCell}`) : u.p === null || !u.ci ? '–' : `${percent(u.p)} (${percentInterval(u.ci)})`,
        ];
      }),
    });
  }
  blocks.push({ kind: 'paragraph', tone: 'muted', text: screening.text.method.join(' ') });
  return { id: 'screening', blocks };
}

function allocationText(facts: LagesbildSetup): string {
  const d = facts.sampleDesign;
  if (!d) return '';
  const a = d.allocation;
  if (a.method === 'proportional') return `Urvalet fördelades proportionellt mot stratumens storlek (${exact(a.total)} brev).`;
  if (a.method === 'equal') return `Lika många brev drogs i varje område (${exact(a.perOmrade)} per område), så att även små områden får säkra siffror; vägningen rättar för att de då är överrepresenterade.`;
  return `Urvalet dimensionerades för en felmarginal på ±${decimal(a.targetHalfWidth * 100)} procentenheter per område vid en förväntad andel på ${Math.round(a.expectedPrevalence * 100)} % och en svarsfrekvens på ${Math.round(a.expectedResponseRate * 100)} % (Cochrans formel).`;
}

function rateRows(rows: readonly ResponseRateRow[], result: AnalysisResult, level: ResponseRateRow['level'][]): string[][] {
  return rows
    .filter((r) => level.includes(r.level))
    .map((r) => [
      r.level === 'total' ? 'Hela urvalet' : domainLabel(r.stratum, result.meta.areas),
      r.populationSize === null ? '–' : exact(r.populationSize),
      exact(r.invited),
      r.responded === null ? `färre än ${result.meta.parameters.minCell} eller dolt` : exact(r.responded),
      r.rate === null ? '–' : percent(r.rate),
    ]);
}

function methodSection({ result, facts, setup }: LagesbildInput): ReportSection {
  const m = result.meta;
  const p = m.parameters;
  const w = result.weighting;
  const pct = Math.round(p.level * 100);
  const blocks: ReportBlock[] = [{ kind: 'heading', level: 2, text: 'Metodbilaga' }];
  // Sample and frame
  blocks.push({ kind: 'heading', level: 3, text: 'Urval och urvalsram' });
  const design = facts.sampleDesign;
  if (facts.campaign.mode === 'open') {
    blocks.push({ kind: 'paragraph', text: 'Enkäten besvarades via en öppen länk utan urval, så svarsfrekvens kan inte beräknas och de svarande är inte ett slumpmässigt urval. Vägningen rättar för skillnader i kön, ålder och område, men inte för att de som valde att svara kan skilja sig från övriga.' });
  } else {
    const strata = m.design.strata;
    blocks.push({
      kind: 'paragraph',
      text:
        `Urvalsramen var ett utdrag ur befolkningsregistret${design?.frameDate ? ` taget ${date(design.frameDate)}` : ''} med ${exact(design?.frameSize ?? m.design.frameSize ?? 0)} personer i åldrarna ${p.ageGroups[0]?.split('-')[0] ?? '18'}–${p.ageGroups[p.ageGroups.length - 1]?.split('-')[1] ?? '85'} år${design?.ageReferenceYear ? ` (ålder vid utgången av ${design.ageReferenceYear})` : ''}. ` +
        `${m.design.stratified ? `Urvalet drogs slumpmässigt inom ${exact(strata)} strata efter ${listVariables(m.variableSources.filter((v) => v.source === 'register').map((v) => v.variable))}.` : 'Urvalet drogs som ett obundet slumpmässigt urval.'} ` +
        `${allocationText(facts)} ${design ? `Sammanlagt drogs ${exact(design.sampleSize)} personer, som fick var sin personlig kod i ett brev.` : ''}`.trim(),
    });
  }
  // Fieldwork
  blocks.push({ kind: 'heading', level: 3, text: 'Insamling' });
  const fw = facts.fieldwork;
  const mode = facts.byMode;
  blocks.push({
    kind: 'paragraph',
    text:
      `${facts.campaign.periodStart ? (facts.campaign.periodEnd ? `Insamlingsperioden var ${date(facts.campaign.periodStart)}–${date(facts.campaign.periodEnd)}. ` : `Insamlingen började ${date(facts.campaign.periodStart)}. `) : ''}` +
      `${fw ? (fw.first === fw.last ? `Alla svar kom in ${date(fw.first)}. ` : `Svaren kom in mellan ${date(fw.first)} och ${date(fw.last)}. `) : ''}` +
      `${exact(facts.responses)} svar kom in: ${mode.web === null ? `färre än ${facts.minCell}` : exact(mode.web)} på webben och ${mode.paper === null ? `färre än ${facts.minCell}` : exact(mode.paper)} på papper.`,
  });
  if (facts.byWave.length > 0 && facts.campaign.mode === 'codes') {
    blocks.push({
      kind: 'table',
      caption: 'Utskick och svar',
      testId: 'report-waves',
      columns: [{ label: 'Utskick' }, { label: 'Datum' }, { label: 'Brev', numeric: true }, { label: 'Svar medan utskicket var det senaste', numeric: true }],
      rows: facts.byWave.map((wave) => [
        wave.wave === 0 ? 'Första brevet' : `Påminnelse ${wave.wave}`,
        wave.sentOn ? date(wave.sentOn) : wave.wave === 0 && facts.campaign.periodStart ? date(facts.campaign.periodStart) : '–',
        exact(wave.codeCount),
        wave.responses === null ? `färre än ${facts.minCell}` : exact(wave.responses),
      ]),
    });
  }
  // Response rates
  const total = facts.responseRates.find((r) => r.level === 'total');
  if (total) {
    blocks.push({ kind: 'heading', level: 3, text: 'Svarsfrekvens' });
    blocks.push({
      kind: 'paragraph',
      text: `${exact(total.invited)} personer bjöds in och ${total.responded === null ? 'ett litet antal' : exact(total.responded)} svarade, en svarsfrekvens på ${total.rate === null ? '–' : percent(total.rate)}. Svarsfrekvensen skiljer sig mellan grupper; vägningen rättar för skillnaderna i de variabler som vägs.`,
    });
    const columns = [{ label: 'Grupp' }, { label: 'I urvalsramen', numeric: true }, { label: 'Inbjudna', numeric: true }, { label: 'Svarande', numeric: true }, { label: 'Svarsfrekvens', numeric: true }];
    blocks.push({ kind: 'table', caption: 'Svarsfrekvens per kön, åldersgrupp och område', testId: 'report-response-rates', columns, rows: rateRows(facts.responseRates, result, ['total', 'margin']) });
    const strataRows = rateRows(facts.responseRates, result, ['stratum']);
    if (strataRows.length > 0) blocks.push({ kind: 'table', caption: 'Svarsfrekvens per stratum', testId: 'report-response-strata', columns, rows: strataRows });
  }
  // Weighting
  blocks.push({ kind: 'heading', level: 3, text: 'Vägning' });
  const register = m.variableSources.filter((v) => v.source === 'register').map((v) => v.variable);
  const answers = m.variableSources.filter((v) => v.source === 'answers').map((v) => v.variable);
  blocks.push({
    kind: 'paragraph',
    text:
      `Svaren vägdes så att de tillsammans motsvarar befolkningen: varje svar räknas för ett antal invånare. ` +
      `${w.baseWeights === 'N_h/n_h' ? 'Utgångsvikten är stratumets storlek i urvalsramen delad med antalet svarande i stratumet' : 'Utgångsvikten är befolkningen delad med antalet svarande'}; ` +
      `sedan kalibrerades vikterna med ${METHOD_TEXT[w.method]}${p.margins.length > 0 ? ` till befolkningen efter ${marginsText(p.margins)}` : ''}. ` +
      `${register.length > 0 ? `${capitalise(listVariables(register))} kommer från registret (via svarskoden), så alla svarande kunde vägas. ` : ''}` +
      `${answers.length > 0 ? `${capitalise(listVariables(answers))} kommer från svaren. ` : ''}` +
      `${m.analysed < m.responses ? `${exact(m.responses - m.analysed)} svar saknade en uppgift som vägningen behöver och ingår inte; deras ovägda andelar redovisas i arbetsytan som kontroll. ` : ''}` +
      `${p.bounds ? `Kalibreringsfaktorn begränsades till ${decimal(p.bounds[0])}–${decimal(p.bounds[1])}. ` : ''}` +
      `${p.trim ? `Vikterna trimmades till ${p.trim.lower ?? 0}–${p.trim.upper ?? '∞'} invånare per svar. ` : ''}`,
  });
  blocks.push({
    kind: 'bullets',
    items: [
      ...m.population.map((s) => `Befolkningstal: ${s.name}, ${exact(s.total)} invånare. ${s.source}${s.year && !s.source.includes(String(s.year)) ? ` (år ${s.year})` : ''}.`),
      `Vikterna stämmer med befolkningstalen${w.converged ? '' : ' INTE (kalibreringen nådde inte sitt mål; siffrorna ska inte användas)'}. Varje svar representerar mellan ${decimal(w.weightMin)} och ${decimal(w.weightMax)} invånare.`,
      `Effektivt antal svarande (Kish) är ${count(w.nEffective)} av ${exact(w.respondents)}; vägningens designeffekt är ${decimal(w.weightingDesignEffect)}, det vill säga att vägningen gör resultaten lika säkra som ett obundet urval av ${count(w.nEffective)} personer.`,
    ],
  });
  // Uncertainty
  blocks.push({ kind: 'heading', level: 3, text: 'Osäkerhet' });
  const ci = p.ci === 'logit' ? 'logit-intervall' : p.ci === 'beta' ? 'Korn–Graubards intervall' : 'Wilsons intervall';
  blocks.push({
    kind: 'paragraph',
    text:
      `Osäkerheten räknas utifrån hur urvalet drogs och hur vikterna kalibrerades${w.baseWeights === 'N_h/n_h' ? ', per stratum' : ''} (designbaserade standardfel med Taylorlinjärisering, som R-paketet survey). ` +
      `Intervallen är ${pct} % ${ci}, som alltid ligger mellan 0 och 100 %. Antal invånare är andelen gånger gruppens befolkning. En förändring mellan två undersökningar räknas med oberoende urval: standardfelet är roten ur summan av de två standardfelens kvadrater, med normalfördelningens kvantil.`,
  });
  // Protection of small groups
  blocks.push({ kind: 'heading', level: 3, text: 'Skydd av små grupper och osäkra skattningar' });
  blocks.push({
    kind: 'paragraph',
    text:
      `Grupper med färre än ${p.minCell} svarande redovisas inte, och inte heller registersiffror under ${p.minCell}. För att en dold siffra inte ska kunna räknas fram som summan minus de andra grupperna döljs också ytterligare grupper (sekundär sekretess, som i SCB:s och Eurostats praxis för tabeller); de står som "dold". ` +
      `Skattningar som bygger på färre än 30 svarande, på ett effektivt antal under 30 eller som har breda intervall markeras som osäkra enligt NCHS-standarden för andelar (Parker m.fl. 2017).`,
  });
  // Limitations
  blocks.push({ kind: 'heading', level: 3, text: 'Begränsningar' });
  const limits = [
    'De som inte svarar kan skilja sig från dem som svarar på sätt som vägningen inte fångar; i en undersökning om våld kan de mest utsatta vara svårast att nå.',
    'Svaren bygger på vad de svarande minns och vill berätta. Frågor om de senaste 12 månaderna kan påverkas av att händelser förläggs fel i tiden.',
    'Små grupper och områden har breda intervall; skillnader mellan dem är ofta inte statistiskt säkra.',
    'Mörkertalet jämför enkätens uppskattning med registrerade ärenden, som kan gälla en annan period, andra åldrar, en annan definition och ärenden i stället för personer (se förbehållen vid varje mörkertal).',
    'Jämförelser över tid förutsätter att frågorna och populationen är desamma; undersökningarna vägs var för sig med sin egen design.',
  ];
  if (facts.campaign.mode === 'open') limits.unshift('Enkäten besvarades via en öppen länk, inte ett slumpmässigt urval: andelarna kan inte generaliseras till befolkningen på samma sätt.');
  if (setup.campaign.isDemo) limits.unshift('Demoundersökning: siffrorna bygger på påhittade svar och en ställföreträdande befolkning.');
  blocks.push({ kind: 'bullets', items: limits });
  blocks.push({ kind: 'paragraph', tone: 'muted', text: 'Formler och referenser: docs/analysis.md i verktygets dokumentation. Arbetsytans siffror kan återskapas ur mikrodatan med det medföljande R-skriptet (survey) eller SPSS-syntaxen.' });
  return { id: 'method', blocks };
}

function listVariables(variables: readonly string[]): string {
  const names = variables.map((v) => (VARIABLE_LABELS[v] ?? v).toLowerCase());
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} och ${names[names.length - 1]}`;
}

/** The whole lägesbild as a document (see the module comment). */
export function lagesbildDocument(input: LagesbildInput): ReportDocument {
  const { facts } = input;
  const sections = [summarySection(input), resultsSection(input), trendSection(input), darkSection(input)];
  if (input.screening) sections.push(screeningSection(input.screening));
  sections.push(methodSection(input));
  return {
    title: `Lägesbild: våld i nära relationer i ${facts.campaign.kommunNamn}`,
    meta: [
      `Rapport till socialnämnden · ${DATE.format(input.today)}`,
      `${facts.campaign.title}. ${exact(input.result.meta.analysed)} svarande, vägda till kommunens befolkning.`,
      ...(facts.campaign.isDemo ? ['Demoundersökning: påhittade svar och en ställföreträdande befolkning. Inte en verklig kommun.'] : []),
    ],
    sections,
  };
}
