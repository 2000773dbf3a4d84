/**
 * Everything that needs survey-core / survey-react-ui. Loaded lazily, so the
 * code-entry page and the quick-exit button appear before the large library.
 */
import { useEffect, useState } from 'react';
import { Model, setupLocale, surveyLocalization } from 'survey-core';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.min.css';
import { applyReviewedLocales } from '../survey-locale';
import type { Answers } from './api';
import type { LoadedLocale } from './i18n';

// Reviewed Swedish/English survey-core strings; also makes Swedish the default
// locale, so a template's "default" text is Swedish and "en" is English.
applyReviewedLocales();

export type SurveyModel = Model;

/**
 * Registers a language's survey-core strings (buttons, messages, "Sida 3 av
 * 13") from its locale file, once; Swedish and English are registered by
 * `applyReviewedLocales`. Right-to-left languages are marked so, which
 * survey-core uses for its own layout.
 */
function registerLocale(locale: LoadedLocale): void {
  if (locale.code === 'sv' || locale.code === 'en') return;
  const existing = surveyLocalization.locales[locale.code] as Record<string, string> | undefined;
  if (existing && existing.__registeredBy === 'locale-file') return;
  setupLocale({
    localeCode: locale.code,
    strings: { ...locale.survey, __registeredBy: 'locale-file' },
    nativeName: locale.name,
    englishName: locale.code,
    rtl: locale.dir === 'rtl',
  });
}

/** Switches a model's language, registering its strings first. */
export function applyLocale(model: Model, locale: LoadedLocale): void {
  registerLocale(locale);
  if (model.locale !== locale.code) model.locale = locale.code;
}

const systemFonts = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

/**
 * Our look on top of survey-core's default theme: the app's blue instead of
 * the default teal (which is below 4.5:1 on white), a calm grey background,
 * and system fonts (the default names "Open Sans", which we do not load).
 */
const theme = {
  cssVariables: {
    '--sjs2-color-project-brand-600': '#0b5394',
    '--sjs2-color-utility-surface-survey': '#f3f5f7',
    '--sjs2-typography-font-family-text': systemFonts,
    '--sjs2-typography-font-family-code': 'ui-monospace, monospace',
    // Unchecked radio buttons and checkboxes need a 3:1 outline (WCAG 1.4.11).
    '--sjs2-color-component-radio-false-default-border': '#6b7280',
    '--sjs2-color-component-radio-false-hovered-border': '#4b5563',
    '--sjs2-color-component-checkbox-false-default-border': '#6b7280',
    '--sjs2-color-component-checkbox-false-hovered-border': '#4b5563',
    '--sjs2-color-component-boolean-default-border': '#6b7280',
  },
};

/**
 * Builds the model for a respondent: answers restored (and the page reached,
 * `page` by name, when it is still shown), every question skippable, our own
 * thank-you page.
 */
export function createSurveyModel(json: object, answers: Answers, locale: LoadedLocale, page?: string): Model {
  const model = new Model(json);
  // The consent page promises that any question may be skipped.
  for (const question of model.getAllQuestions(false, false, true)) {
    question.isRequired = false;
  }
  model.applyTheme(theme);
  model.showCompletePage = false;
  // survey-core's page stepper does not fit a long questionnaire on a phone and marks pages not yet
  // seen as done; SurveyView shows a plain "Sida 3 av 13" line instead.
  pageProgress.set(model, model.showProgressBar);
  model.showProgressBar = false;
  applyLocale(model, locale);
  if (answers && Object.keys(answers).length > 0) model.data = answers;
  const reached = page === undefined ? undefined : model.getPageByName(page);
  if (reached && reached.isVisible) model.currentPage = reached;
  return model;
}

/** Whether the template asked for progress to be shown. */
const pageProgress = new WeakMap<Model, boolean>();

/** The questionnaire with a "Sida 3 av 13" line; `locale` re-renders that line when the language changes. */
export function SurveyView({ model, locale }: { model: Model; locale: LoadedLocale }) {
  const [progress, setProgress] = useState(() => model.progressText);
  useEffect(() => {
    // Children's effects run before the parent's, so set the language here before reading the text.
    applyLocale(model, locale);
    const update = () => setProgress(model.progressText);
    update();
    model.onCurrentPageChanged.add(update);
    model.onValueChanged.add(update);
    return () => {
      model.onCurrentPageChanged.remove(update);
      model.onValueChanged.remove(update);
    };
  }, [model, locale]);
  return (
    <>
      {pageProgress.get(model) && progress && (
        <p className="page-progress" data-testid="page-progress">
          {progress}
        </p>
      )}
      <Survey model={model} />
    </>
  );
}
