/**
 * What each optional module of a template adds to the questionnaire, in
 * words an analyst can decide on: its pages (by title), how many questions
 * they hold, and the indicators that need them. Used by the campaign
 * settings, where each module has a switch.
 */
import { textFor } from '../localized-text';
import type { TemplateDefinition } from './template-schema';

export interface ModuleSummary {
  readonly id: string;
  readonly label: string;
  readonly enabledByDefault: boolean;
  /** Titles of the module's pages (the page name when a page has no title). */
  readonly pageTitles: readonly string[];
  /** Questions on those pages that take an answer (texts and images not counted). */
  readonly questionCount: number;
  /** Labels of the indicators computed from the module's questions. */
  readonly indicators: readonly string[];
}

type Json = Record<string, unknown>;
const NOT_ANSWERS = new Set(['html', 'image', 'expression', 'empty']);

function questionNames(elements: unknown, into: string[]): string[] {
  if (!Array.isArray(elements)) return into;
  for (const element of elements as Json[]) {
    const type = String(element.type ?? '');
    if (type === 'panel' || type === 'paneldynamic') questionNames(element.elements ?? element.templateElements, into);
    else if (!NOT_ANSWERS.has(type) && typeof element.name === 'string') into.push(element.name);
  }
  return into;
}

/**
 * The template's modules with what they add, in the template's order.
 * @example
 * summarizeModules(befolkningsenkat)
 * // → [{ id: 'egen_vald', label: 'Eget våldsutövande', enabledByDefault: true, pageTitles: ['Om dig själv'], questionCount: 4, indicators: ['Har själv använt …'] }]
 */
export function summarizeModules(template: Pick<TemplateDefinition, 'survey' | 'meta'>, locale = 'sv'): ModuleSummary[] {
  const pages = Array.isArray(template.survey.pages) ? (template.survey.pages as Json[]) : [];
  return (template.meta.modules ?? []).map((module) => {
    const own = pages.filter((page) => module.pages.includes(String(page.name)));
    const names = new Set(own.flatMap((page) => questionNames(page.elements, [])));
    const indicators = template.meta.indicators
      .filter((indicator) => (indicator.items ?? []).some((item) => names.has(item)))
      .map((indicator) => textFor(indicator.label, locale) || indicator.id);
    return {
      id: module.id,
      label: textFor(module.label, locale) || module.id,
      enabledByDefault: module.enabledByDefault,
      pageTitles: own.map((page) => textFor(page.title, locale) || String(page.name)),
      questionCount: names.size,
      indicators,
    };
  });
}
