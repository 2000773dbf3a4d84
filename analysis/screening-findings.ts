import { InvalidInputError } from './invalid-input-error';
import type { ScreeningProportion } from './screening-proportion';
import { SCREENING_REASON_NOT_GIVEN } from './screening-contact-outcome';
import {
  SCREENING_DEFAULT_MIN_CELL,
  type ScreeningGroupKey,
  type ScreeningGroupSummary,
  type ScreeningSummary,
} from './screening-summary';

export interface ScreeningFindingsOptions {
  /**
   * How to name a unit after the noun, e.g. { 'Försörjningsstöd': 'på försörjningsstöd' }
   * gives "kvinnor på försörjningsstöd". Default: "vid <enhet>".
   */
  readonly unitPhrases?: Readonly<Record<string, string>>;
  /** Labels for recorded reasons for not asking, e.g. { tolk_saknades: 'tolk saknades' }. Default: the value itself. */
  readonly reasonLabels?: Readonly<Record<string, string>>;
  /** The month, e.g. "november 2025", used in the method text. */
  readonly period?: string;
  /** The suppression limit that was used for `summary` (for the method text). Default 5. */
  readonly minCell?: number;
  /** Decimals in percentages. Default 0 ("81 %"); 1 gives "80,7 %". */
  readonly percentDecimals?: number;
}

/** Plain-Swedish sentences for the nämnd summary. */
export interface ScreeningFindings {
  /** One or two sentences per group, in the summary's order. */
  readonly findings: readonly string[];
  /** Sentences for the method section: coverage, definitions, and what the numbers do not say. */
  readonly method: readonly string[];
}

/**
 * Writes the findings of a screening month in plain Swedish, for the printable
 * summary to the nämnd, e.g.
 *
 *   "Av 57 tillfrågade kvinnor på försörjningsstöd svarade 46 (81 %, 95 % KI
 *    69–89 %) att de någon gång utsatts för våld av närstående; 29 av dem var
 *    inte kända för verksamheten."
 *
 * plus the method sentences (coverage and reasons for not asking, the
 * definition of `utsatt`, the Wilson interval, suppression, and that the
 * clientele is not the population).
 *
 * Numbers use Swedish formatting: a space as thousands separator ("1 360"),
 * a decimal comma ("80,7 %") and a space before "%". Percentages are rounded
 * half up. Suppressed groups get a sentence saying they are not shown, with no
 * numbers. The "x av N tillfrågade" denominator is the number who answered the
 * questions that define `utsatt` (n of disclosure.utsatt); when that is fewer
 * than those asked, the sentence says "som besvarade frågorna".
 *
 * Complexity: O(G) for G groups.
 *
 * @throws {InvalidInputError} if percentDecimals is not an integer in [0, 3]
 * or minCell is not a non-negative integer.
 * @example
 * screeningFindings(summariseScreening(contacts, { by: [['enhet', 'kon']] }),
 *   { unitPhrases: { Försörjningsstöd: 'på försörjningsstöd' } }).findings[1]
 * // → "Av 57 tillfrågade kvinnor på försörjningsstöd svarade 46 (81 %, 95 % KI 69–89 %) att de någon gång utsatts för våld av närstående; 29 av dem var inte kända för verksamheten."
 */
export function screeningFindings(summary: ScreeningSummary, options: ScreeningFindingsOptions = {}): ScreeningFindings {
  const decimals = options.percentDecimals ?? 0;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 3) {
    throw new InvalidInputError(`screeningFindings: percentDecimals must be an integer in [0, 3], got ${decimals}`);
  }
  const minCell = options.minCell ?? SCREENING_DEFAULT_MIN_CELL;
  if (!Number.isInteger(minCell) || minCell < 0) {
    throw new InvalidInputError(`screeningFindings: minCell must be a non-negative integer, got ${minCell}`);
  }
  const unitPhrases = options.unitPhrases ?? {};
  const percent = (p: number): string => formatSwedishPercent(p, decimals);

  const findings: string[] = [];
  for (const result of summary.groups) {
    if (result.suppressed) {
      findings.push(
        `Uppgifter för ${groupPhrase(result.group, true, unitPhrases)} redovisas inte eftersom färre än ${formatSwedishInteger(minCell)} kontakter registrerades.`,
      );
      continue;
    }
    findings.push(...groupSentences(result, unitPhrases, percent));
  }

  const total = summary.groups.find((result) => Object.keys(result.group).length === 0);
  const units = new Set(summary.groups.filter((result) => Object.keys(result.group).length === 1 && result.group.enhet).map((r) => r.group.enhet));
  const method: string[] = [];
  const period = options.period ? ` (${options.period})` : '';
  if (total && !total.suppressed) {
    const notAsked = total.contacts - total.asked;
    method.push(
      `Under kartläggningsmånaden${period} registrerades ${count(total.contacts, 'klientkontakt', 'klientkontakter')}` +
        `${units.size > 1 ? ` vid ${formatSwedishInteger(units.size)} enheter` : ''}. ` +
        `${formatSwedishInteger(total.asked)} av dem (${percentOrDash(total.coverage, percent)}) tillfrågades om våld i nära relationer` +
        `${notAsked > 0 ? ` och ${formatSwedishInteger(notAsked)} tillfrågades inte` : ''}.`,
    );
    const reasons = Object.entries(total.notAskedReasons).sort((a, b) => b[1] - a[1]);
    if (reasons.length > 0) {
      const label = (reason: string): string =>
        options.reasonLabels?.[reason] ?? (reason === SCREENING_REASON_NOT_GIVEN ? 'inget skäl angivet' : reason);
      const listed = reasons.map(([reason, n]) => `${label(reason)} (${formatSwedishInteger(n)})`);
      method.push(`Skäl till att inte fråga: ${joinSwedish(listed)}.`);
    }
  } else {
    method.push(`Under kartläggningsmånaden${period} registrerades färre än ${formatSwedishInteger(minCell)} klientkontakter, så inga siffror redovisas.`);
  }
  method.push(
    'Siffrorna beskriver de klienter som hade kontakt med verksamheten under månaden och som tillfrågades, inte kommunens befolkning. ' +
      'De säger därför inte hur vanligt våld i nära relationer är i kommunen och ska inte jämföras med resultat från befolkningsundersökningar.',
    'De som inte tillfrågades kan skilja sig från dem som tillfrågades; ju lägre täckning, desto osäkrare är andelarna.',
    'En kontakt är ett besök, inte en person: den som hade kontakt med flera enheter under månaden kan ha räknats mer än en gång.',
    'Som utsatt räknas den som svarat ja på minst en av frågorna om psykiskt, fysiskt eller sexuellt våld av närstående. ' +
      'Den som svarat nej på alla tre räknas som inte utsatt. Svaret ”vill inte svara” och obesvarade frågor räknas inte med.',
    '”Inte känd för verksamheten” betyder att personalen inte kände till våldet innan frågan ställdes.',
    '”Barn berördes” betyder att personalen antecknade att barn berördes av våldet (barn i hushållet eller gemensamma barn); ' +
      'andelen räknas bland dem som berättade om våld och där det antecknades. Det är kontakter, inte antal barn.',
    'Andelarna är oviktade. Intervallen (KI) är 95 % konfidensintervall enligt Wilson och visar den slumpmässiga osäkerheten; ' +
      'de tar inte hänsyn till vilka som inte tillfrågades eller inte ville svara.',
    `Grupper med färre än ${formatSwedishInteger(minCell)} kontakter redovisas inte, så att ingen enskild person ska kunna identifieras.`,
  );
  return { findings, method };
}

function groupSentences(result: ScreeningGroupSummary, unitPhrases: Readonly<Record<string, string>>, percent: (p: number) => string): string[] {
  const utsatt = result.disclosure.utsatt;
  if (result.asked === 0) {
    return [`Ingen av de ${formatSwedishInteger(result.contacts)} ${groupPhrase(result.group, true, unitPhrases)} tillfrågades om våld.`];
  }
  if (utsatt.n === 0) {
    return [`Ingen av de ${formatSwedishInteger(result.asked)} tillfrågade ${groupPhrase(result.group, true, unitPhrases)} besvarade frågorna om våld.`];
  }
  const plural = utsatt.n !== 1;
  const who = `${plural ? 'tillfrågade' : 'tillfrågad'} ${groupPhrase(result.group, plural, unitPhrases)}${utsatt.n < result.asked ? ` som besvarade frågorna` : ''}`;
  let sentence =
    `Av ${formatSwedishInteger(utsatt.n)} ${who} svarade ${formatSwedishInteger(utsatt.x)} ` +
    `(${percentWithInterval(utsatt, percent)}) att de någon gång utsatts för våld av närstående`;
  const unknown = result.unknownToUnit;
  if (utsatt.x > 0 && unknown.n > 0) {
    const allRecorded = unknown.n === utsatt.x;
    if (unknown.x === 0) {
      sentence += allRecorded
        ? `; ${utsatt.x === 1 ? 'våldet' : 'alla'} var ${utsatt.x === 1 ? 'känt' : 'kända'} för verksamheten sedan tidigare`
        : `; alla de ${formatSwedishInteger(unknown.n)} där det var antecknat var kända för verksamheten sedan tidigare`;
    } else {
      const verb = unknown.x === 1 ? 'var inte känd' : 'var inte kända';
      sentence += allRecorded
        ? `; ${formatSwedishInteger(unknown.x)} av dem ${verb} för verksamheten`
        : `; ${formatSwedishInteger(unknown.x)} av de ${formatSwedishInteger(unknown.n)} där det var antecknat ${verb} för verksamheten`;
    }
  }
  const sentences = [`${sentence}.`];
  const offered = result.supportOffered;
  if (utsatt.x > 0 && offered.n > 0) {
    const accepted = result.supportAccepted;
    let support = `Stöd erbjöds ${formatSwedishInteger(offered.x)} av ${formatSwedishInteger(offered.n)} som berättade om våld (${percentOrDash(offered, percent)})`;
    if (offered.x > 0 && accepted.n > 0) {
      support += ` och ${formatSwedishInteger(accepted.x)} av ${formatSwedishInteger(accepted.n)} som erbjöds stöd tackade ja (${percentOrDash(accepted, percent)})`;
    }
    sentences.push(`${support}.`);
  }
  const children = result.childrenAffected;
  if (utsatt.x > 0 && children.n > 0) {
    const of = children.n === utsatt.x ? `${formatSwedishInteger(children.n)} som berättade om våld` : `${formatSwedishInteger(children.n)} som berättade om våld och där det var antecknat`;
    sentences.push(`Barn berördes av våldet hos ${formatSwedishInteger(children.x)} av ${of} (${percentWithInterval(children, percent)}).`);
  }
  return sentences;
}

/**
 * Noun phrase for a group: kön noun, then age group, verksamhet and unit,
 * e.g. "kvinnor i åldersgruppen 18-29 på försörjningsstöd". The total is "klienter".
 */
function groupPhrase(group: ScreeningGroupKey, plural: boolean, unitPhrases: Readonly<Record<string, string>>): string {
  const nouns: Record<string, [string, string]> = {
    kvinna: ['kvinna', 'kvinnor'],
    man: ['man', 'män'],
    annat: ['person som angett annat kön', 'personer som angett annat kön'],
  };
  const [singular, pluralNoun] = group.kon ? (nouns[group.kon] ?? [group.kon, group.kon]) : ['klient', 'klienter'];
  const parts = [plural ? pluralNoun : singular];
  if (group.aldersgrupp) parts.push(`i åldersgruppen ${group.aldersgrupp}`);
  if (group.verksamhet) parts.push(`inom ${group.verksamhet}`);
  if (group.enhet) parts.push(unitPhrases[group.enhet] ?? `vid ${group.enhet}`);
  return parts.join(' ');
}

function count(n: number, singular: string, plural: string): string {
  return `${formatSwedishInteger(n)} ${n === 1 ? singular : plural}`;
}

function percentWithInterval(value: ScreeningProportion, percent: (p: number) => string): string {
  if (value.p === null || value.ci === null) return '–';
  const [lo, hi] = value.ci;
  return `${percent(value.p)}, 95 % KI ${percent(lo).replace(' %', '')}–${percent(hi)}`;
}

function percentOrDash(value: ScreeningProportion, percent: (p: number) => string): string {
  return value.p === null ? '–' : percent(value.p);
}

function joinSwedish(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items[items.length - 1]}`;
}

/**
 * Formats a non-negative integer the Swedish way, with a space between
 * thousands: 1360 → "1 360", 57 → "57".
 */
export function formatSwedishInteger(n: number): string {
  if (!Number.isInteger(n)) throw new InvalidInputError(`formatSwedishInteger: n must be an integer, got ${n}`);
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * Formats a proportion as a Swedish percentage: decimal comma, a space before
 * "%", rounded half up. 0.807 → "81 %"; with 1 decimal → "80,7 %".
 *
 * @throws {InvalidInputError} if p is not a finite number in [0, 1].
 */
export function formatSwedishPercent(p: number, decimals = 0): string {
  if (!Number.isFinite(p) || p < 0 || p > 1) throw new InvalidInputError(`formatSwedishPercent: p must lie in [0, 1], got ${p}`);
  const scale = 10 ** decimals;
  // The small offset makes e.g. 0.145 (14.499999… in binary) round up to 15, as written.
  const rounded = Math.round(p * 100 * scale + 1e-9) / scale;
  return `${rounded.toFixed(decimals).replace('.', ',')} %`;
}
