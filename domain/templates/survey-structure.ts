/**
 * Reads the structure of a SurveyJS JSON document without building a
 * survey-core model: every question and container with its JSON path and the
 * visibility conditions (`visibleIf`, `visible: false`) that apply to it from
 * its page and panels down to itself.
 *
 * Used by the indicator evaluator (to tell "hidden by branching" from
 * "skipped") and by the template validator (to name paths in messages).
 */

export type JsonObject = Record<string, unknown>;

export interface SurveyElementInfo {
  /** `name` as written in the JSON ('' when missing). */
  readonly name: string;
  /** SurveyJS type: 'page', 'panel', 'radiogroup', … */
  readonly type: string;
  /** Path from the template root, e.g. `survey.pages[2].elements[0]`. */
  readonly path: string;
  readonly json: JsonObject;
  /** True for containers (page, panel, paneldynamic's template) that do not hold a value of their own. */
  readonly isContainer: boolean;
  /** visibleIf conditions from the outermost container to the element itself. */
  readonly visibleIf: readonly string[];
  /** True if the element or a container above it has `visible: false`. */
  readonly alwaysHidden: boolean;
}

export interface SurveyStructure {
  /** Questions (elements that hold a value), in document order. */
  readonly questions: readonly SurveyElementInfo[];
  /** Pages and panels, in document order. */
  readonly containers: readonly SurveyElementInfo[];
  /** Every walked JSON object (survey, pages, elements, choices) with its path. */
  readonly pathOf: ReadonlyMap<object, string>;
}

/** Element types that never hold a value. */
const NON_VALUE_TYPES = new Set(['html', 'image', 'empty', 'panel', 'page']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Walks a SurveyJS JSON document.
 *
 * @param survey the `survey` property of a template (SurveyJS JSON)
 * @param rootPath path prefix used in `path`, default `survey`
 * Complexity: O(number of JSON objects).
 */
export function readSurveyStructure(survey: JsonObject, rootPath = 'survey'): SurveyStructure {
  const questions: SurveyElementInfo[] = [];
  const containers: SurveyElementInfo[] = [];
  const pathOf = new Map<object, string>();
  pathOf.set(survey, rootPath);

  const walkElements = (
    elements: unknown,
    path: string,
    parentVisibleIf: readonly string[],
    parentHidden: boolean,
  ): void => {
    if (!Array.isArray(elements)) return;
    elements.forEach((element, index) => {
      if (!isObject(element)) return;
      const elementPath = `${path}[${index}]`;
      pathOf.set(element, elementPath);
      const type = typeof element.type === 'string' ? element.type : '';
      const name = typeof element.name === 'string' ? element.name : '';
      const visibleIf =
        typeof element.visibleIf === 'string' && element.visibleIf.trim() !== ''
          ? [...parentVisibleIf, element.visibleIf]
          : parentVisibleIf;
      const alwaysHidden = parentHidden || element.visible === false;
      const isContainer = NON_VALUE_TYPES.has(type);
      const info: SurveyElementInfo = { name, type, path: elementPath, json: element, isContainer, visibleIf, alwaysHidden };
      if (type === 'panel') containers.push(info);
      else if (type !== 'html' && type !== 'image' && type !== 'empty') questions.push(info);
      if (Array.isArray(element.choices)) {
        element.choices.forEach((choice, i) => {
          if (isObject(choice)) pathOf.set(choice, `${elementPath}.choices[${i}]`);
        });
      }
      if (type === 'panel') walkElements(element.elements, `${elementPath}.elements`, visibleIf, alwaysHidden);
      // Questions inside a dynamic panel's template hold values inside the panel's array,
      // so they are walked only for paths, not listed as top-level questions.
      if (Array.isArray(element.templateElements)) {
        element.templateElements.forEach((child, i) => {
          if (isObject(child)) pathOf.set(child, `${elementPath}.templateElements[${i}]`);
        });
      }
    });
  };

  if (Array.isArray(survey.pages)) {
    survey.pages.forEach((page, index) => {
      if (!isObject(page)) return;
      const pagePath = `${rootPath}.pages[${index}]`;
      pathOf.set(page, pagePath);
      const visibleIf = typeof page.visibleIf === 'string' && page.visibleIf.trim() !== '' ? [page.visibleIf] : [];
      const alwaysHidden = page.visible === false;
      containers.push({
        name: typeof page.name === 'string' ? page.name : '',
        type: 'page',
        path: pagePath,
        json: page,
        isContainer: true,
        visibleIf,
        alwaysHidden,
      });
      walkElements(page.elements, `${pagePath}.elements`, visibleIf, alwaysHidden);
    });
  }
  walkElements(survey.elements, `${rootPath}.elements`, [], false);
  walkElements(survey.questions, `${rootPath}.questions`, [], false);
  return { questions, containers, pathOf };
}

/**
 * The name a question's answer is stored under: `valueName` when set, else `name`.
 */
export function valueKeyOf(question: SurveyElementInfo): string {
  const valueName = question.json.valueName;
  return typeof valueName === 'string' && valueName !== '' ? valueName : question.name;
}

/**
 * The variable a survey-core expression reference points at: `{a.b}` and
 * `{a[0]}` both refer to question `a`.
 */
export function rootVariable(variable: string): string {
  const match = /^[^.[]+/.exec(variable.trim());
  return match ? match[0] : variable.trim();
}
