/**
 * The numbers of a questionnaire's questions, the same on the printed form,
 * the paper entry form and the list of differing double entries: every
 * answerable question in document order across pages and panels, hidden by
 * branching or not. Reads the SurveyJS JSON only (no survey-core).
 */
import { textFor } from '../../../domain/localized-text';
import type { PrintedQuestion } from './condition-text';

type Json = Record<string, unknown>;

export const NOT_QUESTIONS = new Set(['html', 'image', 'expression', 'panel']);

export interface Choice {
  value: unknown;
  text: string;
}

export function choicesOf(question: Json, locale: string): Choice[] {
  const raw = Array.isArray(question.choices) ? question.choices : [];
  const choices: Choice[] = raw.map((choice) =>
    typeof choice === 'object' && choice !== null
      ? { value: (choice as Json).value, text: textFor((choice as Json).text, locale) || String((choice as Json).value) }
      : { value: choice, text: String(choice) },
  );
  const sv = locale === 'sv';
  const special: [string, string, unknown, string, string][] = [
    ['showOtherItem', 'otherText', 'other', 'Annat, nämligen:', 'Other, namely:'],
    ['showNoneItem', 'noneText', 'none', 'Inget av detta', 'None of these'],
    ['showDontKnowItem', 'dontKnowText', 'dontknow', 'Vet inte', "Don't know"],
    ['showRefuseItem', 'refuseText', 'refused', 'Vill inte svara', 'Prefer not to answer'],
  ];
  for (const [flag, textKey, value, svText, enText] of special) {
    if (question[flag] === true || (flag === 'showOtherItem' && question.hasOther === true)) {
      choices.push({ value, text: textFor(question[textKey], locale) || (sv ? svText : enText) });
    }
  }
  return choices;
}

/** Numbers every answerable question, in order, across pages and panels. */
export type NumberedQuestion = PrintedQuestion & { json: Json };

export function numberQuestions(survey: Json, locale: string): Map<string, NumberedQuestion> {
  const numbered = new Map<string, NumberedQuestion>();
  let next = 1;
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements as Json[]) {
      const type = String(element.type ?? '');
      if (type === 'panel') visit(element.elements);
      else if (!NOT_QUESTIONS.has(type) && typeof element.name === 'string') {
        const choices = choicesOf(element, locale);
        numbered.set(element.name, {
          number: next++,
          json: element,
          choiceText: (value) => {
            const found = choices.find((c) => c.value === value || String(c.value) === String(value));
            if (found) return found.text;
            if (type === 'boolean' && (value === true || value === false)) {
              return textFor((value ? element.labelTrue : element.labelFalse), locale) || (value ? 'Ja' : 'Nej');
            }
            return String(value);
          },
        });
      }
    }
  };
  for (const page of Array.isArray(survey.pages) ? (survey.pages as Json[]) : []) visit(page.elements);
  return numbered;
}

