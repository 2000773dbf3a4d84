import { ConditionRunner, Model, type Base } from 'survey-core';
import { z } from 'zod';
import { ageQuestionOf } from './evaluate-indicators';
import { readSurveyStructure, rootVariable, valueKeyOf, type SurveyElementInfo } from './survey-structure';
import { regexProblem, regexProblemMessage } from './regex-safety';
import { templateSchema, type TemplateDefinition } from './template-schema';

/** One problem in a template, with a path such as `meta.indicators[2].expression` and a Swedish message. */
export interface TemplateError {
  readonly path: string;
  readonly message: string;
}

export type TemplateValidationResult =
  | { readonly ok: true; readonly template: TemplateDefinition }
  | { readonly ok: false; readonly errors: readonly TemplateError[] };

const svErrorMap = z.locales.sv().localeError;

/** Formats a zod path as `meta.indicators[0].id`. */
function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

function describeElement(info: SurveyElementInfo | undefined): string {
  if (!info) return 'enkäten';
  if (info.type === 'page') return `sidan '${info.name}'`;
  if (info.type === 'panel') return `panelen '${info.name}'`;
  return `frågan '${info.name}' (${info.type})`;
}

const EXPRESSION_ERROR_TEXT: Record<number, (e: { functionName?: string; variableName?: string }) => string> = {
  0: () => 'går inte att tolka (syntaxfel)',
  1: (e) => `använder en okänd funktion '${e.functionName ?? ''}'`,
  2: (e) => `använder '${e.variableName ?? ''}', som inte är en fråga eller variabel i enkäten`,
  3: () => 'är ogiltigt (jämför värden som inte går att jämföra)',
};

/**
 * Validates a questionnaire template (a `surveys/*.json` file or a template
 * edited in the workspace) and returns Swedish messages with paths.
 *
 * Checks, in order:
 * 1. JSON text parses (when given a string);
 * 2. the zod schema (`templateSchema`); if this fails, nothing else is checked;
 * 3. survey-core's `jsonErrors` (unknown properties, unknown question types,
 *    missing names), each naming the question and property;
 * 4. question names are unique across the whole survey, and page/panel names too;
 * 5. the survey's own expressions (visibleIf and others) reference existing
 *    questions and known functions;
 * 6. every indicator's `expression` and `among` compile, use known functions,
 *    reference only existing questions; its `items` exist and at least one of
 *    them is used by the expression; indicator ids are unique;
 * 7. weighting variables, the age question, the område question, module pages,
 *    the intro page and FREDA text slots refer to existing questions/pages; weighting levels
 *    are choice values of their question;
 * 8. regex validators cannot backtrack catastrophically and RE2 can run them (`regex-safety.ts`);
 * 9. population surveys: no question is required (skipping is an ethical requirement).
 *
 * @param json parsed JSON (unknown) or JSON text
 */
export function validateTemplate(json: unknown): TemplateValidationResult {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      return { ok: false, errors: [{ path: '', message: `Ogiltig JSON: ${(error as Error).message}` }] };
    }
  }

  const parsed = templateSchema.safeParse(value, { error: svErrorMap });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    };
  }
  const template = parsed.data;
  const errors: TemplateError[] = [];
  const add = (path: string, message: string): void => {
    errors.push({ path, message });
  };

  const structure = readSurveyStructure(template.survey);
  const questionsByName = new Map<string, SurveyElementInfo>();
  const questionKeys = new Set<string>();
  for (const question of structure.questions) {
    if (question.name === '') continue;
    const first = questionsByName.get(question.name);
    if (first) {
      add(`${question.path}.name`, `Frågenamnet '${question.name}' används redan (${first.path}). Varje fråga måste ha ett unikt namn.`);
    } else {
      questionsByName.set(question.name, question);
    }
    questionKeys.add(valueKeyOf(question));
  }
  const containersByName = new Map<string, SurveyElementInfo>();
  for (const container of structure.containers) {
    if (container.name === '') continue;
    const first = containersByName.get(container.name);
    if (first) add(`${container.path}.name`, `Namnet '${container.name}' används redan av ${describeElement(first)} (${first.path}).`);
    else containersByName.set(container.name, container);
  }
  if (structure.questions.length === 0) add('survey', 'Enkäten innehåller inga frågor.');

  // survey-core's own view of the JSON.
  const model = new Model(template.survey);
  const infoByJson = new Map<object, SurveyElementInfo>();
  for (const info of [...structure.questions, ...structure.containers]) infoByJson.set(info.json, info);
  const findPath = (jsonObj: unknown): string => {
    if (typeof jsonObj !== 'object' || jsonObj === null) return 'survey';
    const direct = structure.pathOf.get(jsonObj);
    if (direct) return direct;
    const text = JSON.stringify(jsonObj);
    for (const [obj, path] of structure.pathOf) if (JSON.stringify(obj) === text) return path;
    return 'survey';
  };
  for (const jsonError of model.jsonErrors ?? []) {
    const { type, propertyName, jsonObj, message } = jsonError as unknown as {
      type: string;
      propertyName?: string;
      jsonObj?: Record<string, unknown>;
      message: string;
    };
    const path = findPath(jsonObj);
    const info = jsonObj ? infoByJson.get(jsonObj) ?? [...infoByJson.values()].find((i) => i.path === path) : undefined;
    const where = describeElement(info);
    switch (type) {
      case 'unknownproperty':
        add(`${path}.${propertyName ?? ''}`, `Okänd egenskap '${propertyName ?? ''}' i ${where}.`);
        break;
      case 'incorrecttypeproperty':
        add(`${path}.type`, `Okänd elementtyp '${String(jsonObj?.type ?? '')}'${jsonObj?.name ? ` för '${String(jsonObj.name)}'` : ''}.`);
        break;
      case 'missingtypeproperty':
        add(`${path}.type`, `Elementet${jsonObj?.name ? ` '${String(jsonObj.name)}'` : ''} saknar egenskapen 'type'.`);
        break;
      case 'requiredproperty':
        add(`${path}.${propertyName ?? ''}`, `Egenskapen '${propertyName ?? ''}' måste anges i ${info ? where : 'elementet'}.`);
        break;
      default:
        add(path, `SurveyJS kan inte läsa ${where}: ${message}`);
    }
  }

  const options = { variables: true, functions: true, semantics: true };
  for (const result of model.validateExpressions(options)) {
    const obj = result.obj as Base & { name?: string };
    const info = obj.name ? questionsByName.get(obj.name) ?? containersByName.get(obj.name) : undefined;
    const path = info ? `${info.path}.${result.propertyName}` : `survey.${result.propertyName}`;
    for (const error of result.errors) {
      const text = EXPRESSION_ERROR_TEXT[error.errorType]?.(error) ?? 'är ogiltigt';
      add(path, `Uttrycket i '${result.propertyName}' för ${describeElement(info)} ${text}.`);
    }
  }

  // Indicators.
  const checkExpression = (expression: string, path: string): string[] | null => {
    const runner = new ConditionRunner(expression);
    if (!runner.canRun()) {
      add(path, `Uttrycket går inte att tolka: ${expression}`);
      return null;
    }
    for (const error of runner.validate(model as unknown as Parameters<ConditionRunner['validate']>[0], { variables: false, functions: true, semantics: true }, true)) {
      add(path, `Uttrycket ${EXPRESSION_ERROR_TEXT[error.errorType]?.(error) ?? 'är ogiltigt'}.`);
    }
    const variables = [...new Set(runner.getVariables().map(rootVariable))];
    for (const variable of variables) {
      if (!questionKeys.has(variable)) add(path, `Uttrycket använder frågan '${variable}', som inte finns i enkäten.`);
    }
    return variables;
  };
  const indicatorIds = new Set<string>();
  template.meta.indicators.forEach((indicator, i) => {
    const base = `meta.indicators[${i}]`;
    if (indicatorIds.has(indicator.id)) add(`${base}.id`, `Indikatorn '${indicator.id}' finns redan. Varje indikator måste ha ett unikt id.`);
    indicatorIds.add(indicator.id);
    const variables = checkExpression(indicator.expression, `${base}.expression`);
    if (indicator.among !== undefined) checkExpression(indicator.among, `${base}.among`);
    indicator.items.forEach((item, j) => {
      if (!questionKeys.has(item)) add(`${base}.items[${j}]`, `Frågan '${item}' i items finns inte i enkäten.`);
    });
    if (variables && variables.length > 0 && !indicator.items.some((item) => variables.includes(item))) {
      add(`${base}.items`, `Ingen av frågorna i items används i uttrycket för indikatorn '${indicator.id}'.`);
    }
  });

  // Other references from meta to the survey.
  const choiceValues = (info: SurveyElementInfo): string[] | null =>
    Array.isArray(info.json.choices)
      ? info.json.choices.map((choice) =>
          typeof choice === 'object' && choice !== null ? String((choice as { value?: unknown }).value) : String(choice),
        )
      : null;
  template.meta.weighting.variables.forEach((variable, i) => {
    const info = questionsByName.get(variable.question);
    if (!info) {
      add(`meta.weighting.variables[${i}].question`, `Viktningsvariabeln '${variable.name}' hänvisar till frågan '${variable.question}', som inte finns i enkäten.`);
      return;
    }
    const values = choiceValues(info);
    variable.levels?.forEach((level, j) => {
      if (values && !values.includes(level)) {
        add(`meta.weighting.variables[${i}].levels[${j}]`, `Nivån '${level}' finns inte bland svarsalternativen för frågan '${variable.question}'.`);
      }
    });
  });
  const ageQuestion = ageQuestionOf(template);
  if (template.meta.ageQuestion !== undefined && !questionsByName.has(template.meta.ageQuestion)) {
    add('meta.ageQuestion', `Åldersfrågan '${template.meta.ageQuestion}' finns inte i enkäten.`);
  } else if (ageQuestion !== undefined) {
    const info = questionsByName.get(ageQuestion);
    if (info && !(info.type === 'text' && info.json.inputType === 'number')) {
      add(info.path, `Åldersfrågan '${ageQuestion}' måste vara en textfråga med inputType "number".`);
    }
  }
  const area = template.meta.areaQuestion;
  if (area) {
    const info = questionsByName.get(area.question);
    if (!info) add('meta.areaQuestion.question', `Områdesfrågan '${area.question}' finns inte i enkäten.`);
    else if (!choiceValues(info)) add('meta.areaQuestion.question', `Områdesfrågan '${area.question}' måste ha svarsalternativ (choices).`);
  }
  const pageNames = new Set(structure.containers.filter((c) => c.type === 'page').map((c) => c.name));
  const moduleIds = new Set<string>();
  template.meta.modules?.forEach((module, i) => {
    if (moduleIds.has(module.id)) add(`meta.modules[${i}].id`, `Modulen '${module.id}' finns redan.`);
    moduleIds.add(module.id);
    module.pages.forEach((page, j) => {
      if (!pageNames.has(page)) add(`meta.modules[${i}].pages[${j}]`, `Sidan '${page}' i modulen '${module.id}' finns inte i enkäten.`);
    });
  });
  const introPage = template.meta.introPage;
  if (introPage !== undefined && !pageNames.has(introPage)) add('meta.introPage', `Inledningssidan '${introPage}' finns inte i enkäten.`);
  template.meta.fredaTextSlots?.forEach((slot, i) => {
    if (!questionsByName.has(slot.question)) add(`meta.fredaTextSlots[${i}].question`, `Frågan '${slot.question}' finns inte i enkäten.`);
  });

  // Regular expressions that could backtrack catastrophically (or that RE2 cannot run) are refused.
  for (const question of structure.questions) {
    const validators = question.json.validators;
    if (!Array.isArray(validators)) continue;
    validators.forEach((validator, j) => {
      if (typeof validator !== 'object' || validator === null) return;
      const { type, regex } = validator as { type?: unknown; regex?: unknown };
      if (type !== 'regex' && type !== 'regexvalidator') return;
      if (typeof regex !== 'string') return;
      const problem = regexProblem(regex);
      if (problem) add(`${question.path}.validators[${j}].regex`, `Frågan '${question.name}': ${regexProblemMessage(problem)}.`);
    });
  }

  if (template.kind === 'population') {
    for (const question of structure.questions) {
      if (question.json.isRequired === true || typeof question.json.requiredIf === 'string') {
        add(
          `${question.path}.${question.json.isRequired === true ? 'isRequired' : 'requiredIf'}`,
          `Frågan '${question.name}' är obligatorisk. I en befolkningsenkät måste alla frågor gå att hoppa över.`,
        );
      }
    }
  }

  return errors.length === 0 ? { ok: true, template } : { ok: false, errors };
}
