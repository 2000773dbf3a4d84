/**
 * The words a user reads for the values and variable names the data carries
 * (`kvinna`, `vet_inte`, `aldersgrupp`): one place, so no page shows a raw
 * code. Template choices have their own texts (looked up from the template
 * where it is at hand); these are the shared values every template and the
 * screening month use, and the fallback for anything else: an unknown
 * snake_case value is shown with its underscores as spaces.
 */

/** Variables of strata, weighting and tables. */
const VARIABLE_LABELS: Readonly<Record<string, string>> = {
  kon: 'Kön',
  aldersgrupp: 'Åldersgrupp',
  alder: 'Ålder',
  omrade: 'Område',
  skola: 'Skola',
  arskurs: 'Årskurs',
  enhet: 'Enhet',
  stratum: 'Stratum',
};

/** Values shared by the templates, the frame and the screening month. */
const VALUE_LABELS: Readonly<Record<string, string>> = {
  kvinna: 'Kvinna',
  man: 'Man',
  annat: 'Annat',
  ja: 'Ja',
  nej: 'Nej',
  vet_inte: 'Vet inte',
  vill_inte_svara: 'Vill inte svara',
  vill_ej_svara: 'Vill inte svara',
  ej_besvarad: 'Inte besvarad',
  saknas: 'Uppgift saknas',
};

/** The suggested register categories of the templates (template-schema `REGISTER_CATEGORIES`), as aktualiseringsorsaker read. */
const REGISTER_CATEGORY_LABELS: Readonly<Record<string, string>> = {
  vald_i_nara_relation: 'Våld i nära relation',
  psykiskt_vald: 'Psykiskt våld',
  fysiskt_vald: 'Fysiskt våld',
  sexuellt_vald: 'Sexuellt våld',
  ekonomiskt_vald: 'Ekonomiskt våld',
  hot: 'Hot',
  hedersrelaterat_vald: 'Hedersrelaterat våld och förtryck',
  barn_bevittnat_vald: 'Barn som bevittnat våld',
  vald_utovare: 'Utövar våld',
};

/** "Våld i nära relation" for `vald_i_nara_relation`; a kommun's own category with its underscores as spaces. */
export function registerCategoryLabel(category: string): string {
  return REGISTER_CATEGORY_LABELS[category] ?? sentenceCase(category.replace(/_/g, ' '));
}

/** "Kön" for `kon`; an unknown name with its underscores as spaces and a capital first letter. */
export function variableLabel(name: string): string {
  return VARIABLE_LABELS[name] ?? sentenceCase(name.replace(/_/g, ' '));
}

/**
 * The label of a value: "Kvinna" for `kvinna`, "Vet inte" for `vet_inte`,
 * "18–29 år" for the age group `18-29`; `names` (e.g. område code → name)
 * wins over the shared labels. Anything else unchanged, except that
 * underscores become spaces.
 *
 * @example
 * valueLabel('aldersgrupp', '65+') // → '65 år och äldre'
 * valueLabel('omrade', 'hallabrottet', new Map([['hallabrottet', 'Hallabrottet']])) // → 'Hallabrottet'
 */
export function valueLabel(variable: string | undefined, value: string, names?: ReadonlyMap<string, string>): string {
  const named = names?.get(value);
  if (named !== undefined) return named;
  if (variable === 'aldersgrupp' || variable === 'alder_grupp') {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(value);
    if (range) return `${range[1]}–${range[2]} år`;
    const open = /^(\d+)\s*[+–-]$/.exec(value);
    if (open) return `${open[1]} år och äldre`;
  }
  const shared = VALUE_LABELS[value];
  if (shared !== undefined) return shared;
  return value.includes('_') ? sentenceCase(value.replace(/_/g, ' ')) : value;
}

function sentenceCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
