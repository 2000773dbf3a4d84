import { textFor, type LocalizedText } from './localized-text';
import { valueLabel, variableLabel } from './value-labels';

/** The Swedish names of the analysis's weighting and domain variables. */
export const VARIABLE_LABELS: Readonly<Record<string, string>> = { kon: 'Kön', aldersgrupp: 'Åldersgrupp', omrade: 'Område', skola: 'Skola', arskurs: 'Årskurs' };
const SEX_LABELS: Readonly<Record<string, string>> = { kvinna: 'Kvinnor', man: 'Män' };

/**
 * A domain of the analysis in words: "Kvinnor", "18–29 år", an område's name, or "Kvinnor, 18–29 år";
 * "Alla" for the whole population. Shared by the workspace, its CSV downloads and the lägesbild.
 *
 * @example
 * domainLabel({ kon: 'kvinna', aldersgrupp: '18-29' }, []) // → 'Kvinnor, 18–29 år'
 */
export function domainLabel(domain: Readonly<Record<string, string>>, areas: readonly { code: string; name: LocalizedText }[]): string {
  const parts = Object.entries(domain).map(([variable, value]) => {
    if (variable === 'kon') return SEX_LABELS[value] ?? valueLabel(variable, value);
    if (variable === 'aldersgrupp') return valueLabel(variable, value);
    if (variable === 'omrade') {
      const area = areas.find((a) => a.code === value);
      return area ? textFor(area.name) : valueLabel(variable, value);
    }
    return `${VARIABLE_LABELS[variable] ?? variableLabel(variable)} ${valueLabel(variable, value)}`;
  });
  return parts.length === 0 ? 'Alla' : parts.join(', ');
}
