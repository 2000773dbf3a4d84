import { acceptedAgeAnswers } from '../answer-age';
import type { LocalizedText } from '../localized-text';
import { ageQuestionOf } from './evaluate-indicators';
import { readSurveyStructure } from './survey-structure';
import type { TemplateDefinition } from './template-schema';

/** One område of a campaign, as the respondent sees it in the område question. */
export interface CampaignArea {
  /** Stored answer value, e.g. a RegSO/DeSO code or the kommun's own code. */
  readonly code: string;
  /** Text shown to the respondent; a plain string or `{ default: sv, en: … }`. */
  readonly name: LocalizedText;
}

export interface PrepareSurveyOptions {
  /** The campaign's områden; replaces the placeholder choices of `meta.areaQuestion`. Omit to keep the placeholders. */
  readonly areas?: readonly CampaignArea[];
  /** Module id → enabled; modules not listed use their `enabledByDefault`. */
  readonly modules?: Readonly<Record<string, boolean>>;
}

/** Thrown when a campaign's settings cannot be applied to a template. */
export class SurveyPreparationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SurveyPreparationError';
  }
}

type Json = Record<string, unknown>;

/**
 * Builds the SurveyJS JSON a respondent receives for one campaign: the
 * template's survey with the campaign's områden as choices of the område
 * question (followed by the template's kept choices such as "vet_inte" and
 * "vill_inte_svara"), the pages of switched-off modules removed, and the age
 * question's min/max set from `meta.population`, one year wider at each end
 * (see `acceptedAgeAnswers`). The template is not changed.
 *
 * Indicators are always evaluated against the full template: answers to a
 * switched-off module are absent, so its indicators are null.
 *
 * @throws SurveyPreparationError if an område code is empty, repeated, or equal to a kept choice value,
 *   or if `modules` names a module the template does not have.
 * @example
 * prepareSurveyJson(template, { areas: [{ code: 'norr', name: 'Norr' }], modules: { egen_vald: false } })
 */
export function prepareSurveyJson(template: TemplateDefinition, options: PrepareSurveyOptions = {}): Json {
  const survey = structuredClone(template.survey) as Json;
  const structure = readSurveyStructure(survey);
  const question = (name: string): Json | undefined => structure.questions.find((q) => q.name === name)?.json;

  const areaMeta = template.meta.areaQuestion;
  if (options.areas && areaMeta) {
    const target = question(areaMeta.question);
    if (target) {
      const kept = (Array.isArray(target.choices) ? target.choices : []).filter((choice) => {
        const value = typeof choice === 'object' && choice !== null ? (choice as Json).value : choice;
        return areaMeta.keepChoices.includes(String(value));
      });
      const seen = new Set<string>(areaMeta.keepChoices);
      for (const area of options.areas) {
        if (area.code.trim() === '') throw new SurveyPreparationError('Ett område saknar kod.');
        if (seen.has(area.code)) {
          throw new SurveyPreparationError(`Områdeskoden '${area.code}' förekommer flera gånger eller krockar med ett fast svarsalternativ.`);
        }
        seen.add(area.code);
      }
      target.choices = [...options.areas.map((area) => ({ value: area.code, text: area.name })), ...kept];
    }
  }

  const modules = template.meta.modules ?? [];
  for (const id of Object.keys(options.modules ?? {})) {
    if (!modules.some((m) => m.id === id)) throw new SurveyPreparationError(`Enkäten har ingen modul '${id}'.`);
  }
  const hiddenPages = new Set(
    modules.filter((m) => !(options.modules?.[m.id] ?? m.enabledByDefault)).flatMap((m) => m.pages),
  );
  if (hiddenPages.size > 0 && Array.isArray(survey.pages)) {
    survey.pages = survey.pages.filter(
      (page) => !(typeof page === 'object' && page !== null && hiddenPages.has(String((page as Json).name))),
    );
  }

  const ageName = ageQuestionOf(template);
  const population = template.meta.population;
  if (ageName && population) {
    const age = question(ageName);
    if (age) {
      // One year either side: the frame counts age at the end of the year (domain/answer-age.ts).
      const accepted = acceptedAgeAnswers(population);
      age.min = accepted.min;
      age.max = accepted.max;
    }
  }
  return survey;
}

/**
 * The survey for the web: without the template's `meta.introPage`, whose
 * information and consent question the respondent app's own information
 * page replaces (one consent, not two). Paper forms keep the page.
 */
export function withoutIntroPage(template: TemplateDefinition): Json {
  const intro = template.meta.introPage;
  if (intro === undefined || !Array.isArray(template.survey.pages)) return template.survey;
  return {
    ...template.survey,
    pages: template.survey.pages.filter((page) => !(typeof page === 'object' && page !== null && (page as Json).name === intro)),
  };
}
