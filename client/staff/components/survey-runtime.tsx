/**
 * survey-core / survey-react-ui for the workspace (paper entry, template
 * preview). Loaded lazily: only these pages pay for the large library.
 */
import { useEffect, useMemo } from 'react';
import { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.min.css';
import { applyReviewedLocales } from '../../survey-locale';
import { sanitizeSurveyHtml } from '../../../domain/templates/sanitize-html';

applyReviewedLocales();

const systemFonts = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";
const theme = {
  cssVariables: {
    '--sjs2-color-project-brand-600': '#1f4e79',
    '--sjs2-color-utility-surface-survey': '#f5f6f7',
    '--sjs2-typography-font-family-text': systemFonts,
    '--sjs2-typography-font-family-code': 'ui-monospace, monospace',
    '--sjs2-color-component-radio-false-default-border': '#6b7280',
    '--sjs2-color-component-checkbox-false-default-border': '#6b7280',
    '--sjs2-color-component-boolean-default-border': '#6b7280',
  },
};

export interface StaffSurveyProps {
  json: object;
  locale: string;
  /**
   * `entry`: staff key in a paper form: every page on one screen, no
   * navigation buttons (the page has its own save button; see `onModel`).
   * `preview`: the respondent's view, page by page; completing sends nothing.
   */
  purpose: 'entry' | 'preview';
  /** Receives the model when it is (re)created, to read `model.data` on save. */
  onModel?: (model: Model) => void;
  /** Changes when the form should start over (e.g. after a save). */
  resetKey?: number | string;
  /**
   * Question name → its number on the printed form (question-numbers.ts). When
   * given, questions are numbered with these numbers, not SurveyJS's own
   * (which skips questions hidden by branching).
   */
  numbers?: ReadonlyMap<string, number>;
}

export type { Model as SurveyModel };

/** survey-core's own JSON problems (unknown properties and types), as text. */
export function surveyJsonErrors(json: object): string[] {
  const model = new Model(json);
  return (model.jsonErrors ?? []).map((error) => {
    const e = error as { message?: string; element?: { name?: string } };
    return `${e.element?.name ? `${e.element.name}: ` : ''}${e.message ?? String(error)}`;
  });
}

export function StaffSurvey({ json, locale, purpose, onModel, resetKey, numbers }: StaffSurveyProps) {
  const model = useMemo(() => {
    // The preview (and paper entry) render the template's HTML: only the allowed set, as respondents get it.
    const m = new Model(sanitizeSurveyHtml(json).survey);
    m.applyTheme(theme);
    if (numbers) {
      m.showQuestionNumbers = 'on';
      m.onGetQuestionNumber.add((_, options) => {
        const number = numbers.get(options.question.name);
        options.number = number === undefined ? '' : `${number}.`;
      });
    }
    for (const question of m.getAllQuestions(false, false, true)) question.isRequired = false;
    if (purpose === 'entry') {
      m.questionsOnPageMode = 'singlePage';
      m.showNavigationButtons = false;
      m.showCompletePage = false;
    } else {
      m.showCompletePage = true;
      m.completedHtml = '<p>Förhandsvisningen är klar. Inga svar skickades.</p>';
    }
    return m;
  }, [json, purpose, resetKey, numbers]);
  useEffect(() => {
    model.locale = locale;
  }, [model, locale]);
  useEffect(() => {
    onModel?.(model);
  }, [model, onModel]);
  return <Survey model={model} />;
}
