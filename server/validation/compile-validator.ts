import { RE2JS } from 're2js';
import { ConditionRunner, Model, settings, type Question } from 'survey-core';
import type { TemplateDefinition } from '../../domain/templates/template-schema';

/**
 * Compiled answer validator: checks a submitted answer set against a frozen
 * template in microseconds instead of building a survey-core model per
 * request (see `bench/validator.ts` for figures).
 *
 * The template is read ONCE through survey-core's own `Model` (so defaults
 * such as rating scales, special choice values and `-Comment` keys are
 * survey-core's), and each question becomes a small check function. Only
 * visibility conditions run per request, through survey-core's
 * `ConditionRunner`, compiled once per distinct expression.
 *
 * Rules, in order:
 * 1. The answers must be a JSON object. A key that is neither a question's
 *    value name nor the `<name>-Comment` key of a question with a comment area
 *    or an "other" item is rejected ("okänd fråga").                    [ours]
 * 2. Visibility: a question is visible when it, its panels and its page are
 *    not `visible: false` and all their `visibleIf` conditions hold. Values of
 *    invisible questions (and their comment keys) are REMOVED silently and the
 *    conditions re-run on the remaining answers until nothing changes (a
 *    fixed point; this is what survey-core's `clearInvisibleValues` does in an
 *    honest client, whatever its timing). Invisible values are not checked.
 *                                                                [survey-core visibility]
 * 3. Empty values (null, "", [], {}) count as unanswered and are dropped.
 * 4. Required: only `isRequired: true`, a true `requiredIf`, a matrix with
 *    `eachRowRequired` or a checkbox with `minSelectedChoices`, on a visible
 *    question that is not read-only (`readOnly`/`enableIf`), must be
 *    answered. Every other question may be skipped.              [survey-core]
 * 5. Per question type, for visible, answered questions:
 *    - radiogroup, dropdown, imagepicker, buttongroup: one of the choice values
 *      (including survey-core's `other`, `none`, `refused`, `dontknow` items when
 *      shown). Strict equality: "1" is not 1.                        [ours]
 *    - checkbox, tagbox, ranking, imagepicker with multiSelect: an array of
 *      distinct choice values [ours]; `minSelectedChoices` [survey-core:
 *      like survey-core it applies even when the question is unanswered, unless
 *      one exclusive item such as "none" is chosen], `maxSelectedChoices` [ours].
 *    - text with inputType number/range: a finite number [ours]; min/max and
 *      step [survey-core]; other inputTypes: a string of at most `maxLength`
 *      (default 500) characters [ours]; email syntax [survey-core]; date,
 *      datetime-local, time, month: ISO format [ours] and literal min/max
 *      [survey-core].
 *    - comment, and every `-Comment` key: a string of at most `maxLength`
 *      (default 5,000) characters.                                    [ours]
 *    - boolean: `valueTrue`/`valueFalse` (default true/false).        [ours]
 *    - rating: one of survey-core's `visibleRateValues`.              [ours]
 *    - matrix: an object of row value → column value, only known rows and
 *      columns [ours]; `eachRowRequired`/`isAllRowRequired` makes the matrix
 *      required with every row answered [survey-core].
 *    - multipletext: an object of item name → string (number for numeric
 *      items) [ours]; item min/max via numeric validators.
 *    - expression: a string, number or boolean (computed by the client; kept).
 *    - question validators: numeric (minValue/maxValue), text (minLength/
 *      maxLength), regex and email                              [survey-core]
 * 6. Deliberate differences from survey-core: an "other" choice with an empty
 *    comment is accepted (survey-core's client blocks it; paper entry must not
 *    lose the answer), and `choicesVisibleIf` is not applied (any listed choice
 *    is accepted). Survey triggers (e.g. `complete`) are not evaluated.
 *
 * Question types the compiler does not know (paneldynamic, matrixdropdown,
 * matrixdynamic, file, signaturepad, slider, …), choices loaded from a URL or
 * another question, and expression validators make `compileValidator` throw
 * `UnsupportedTemplateError`, so a template is never silently half-checked.
 *
 * Messages are Swedish and name the question, e.g.
 * `Frågan "alder": värdet 150 är större än max 85`.
 *
 * Complexity: compile O(template size); validate O(questions × passes), where
 * passes is 1 + the depth of chains of hidden controlling questions.
 *
 * @throws {UnsupportedTemplateError} at compile time for unsupported features.
 * @example
 * const validate = compileValidator(template);
 * validate({ alder: 150 });
 * // → { ok: false, errors: [{ question: 'alder', message: 'Frågan "alder": värdet 150 är större än max 85' }] }
 */
export function compileValidator(template: TemplateDefinition): (answers: unknown) => AnswerValidationResult {
  const plan = compilePlan(template);
  return (answers) => runPlan(plan, answers);
}

export type AnswerValidationResult =
  | { ok: true; answers: Record<string, unknown> }
  | { ok: false; errors: { question: string; message: string }[] };

/** A template feature the compiled validator does not support. */
export class UnsupportedTemplateError extends Error {
  override readonly name = 'UnsupportedTemplateError';
}

/** Error kinds; `kind` tells survey-core's rules from our stricter ones (used by the property test). */
export type RuleKind =
  | 'object'
  | 'unknown'
  | 'type'
  | 'choice'
  | 'duplicate'
  | 'length'
  | 'format'
  | 'rating'
  | 'maxSelected'
  | 'required'
  | 'min'
  | 'max'
  | 'step'
  | 'email'
  | 'minSelected'
  | 'validator';

/** Rules that survey-core's `Question.validate` also applies (the rest are ours). */
export const SURVEY_CORE_RULES: ReadonlySet<RuleKind> = new Set<RuleKind>(['required', 'min', 'max', 'step', 'email', 'minSelected', 'validator']);

/** Default maximum length of a one-line text answer. */
export const DEFAULT_TEXT_MAX_LENGTH = 500;
/** Default maximum length of a comment question or a `-Comment` text. */
export const DEFAULT_COMMENT_MAX_LENGTH = 5000;

interface Failure {
  kind: RuleKind;
  message: string;
}
type ValueCheck = (value: unknown) => Failure | undefined;

interface Node {
  readonly parent: number;
  readonly alwaysHidden: boolean;
  readonly visibleIf: ConditionRunner | null;
  readonly readOnly: boolean;
  readonly enableIf: ConditionRunner | null;
}

interface CompiledQuestion {
  readonly name: string;
  /** Key of the answer: valueName or name. */
  readonly key: string;
  readonly node: number;
  readonly check: ValueCheck;
  readonly isRequired: boolean;
  readonly requiredIf: ConditionRunner | null;
  /** For matrices with isAllRowRequired: rows that must be answered when the question is answered or required. */
  readonly requiredRows: readonly string[];
  /** survey-core's minSelectedChoices, which it applies even to an unanswered question. */
  readonly minSelected: number | undefined;
  readonly commentKey: string | null;
  readonly commentMaxLength: number;
}

interface Plan {
  readonly nodes: readonly Node[];
  readonly questions: readonly CompiledQuestion[];
  /** answer key → question (value keys and comment keys). */
  readonly byKey: ReadonlyMap<string, { question: CompiledQuestion; isComment: boolean }>;
}

/** Internal result with kinds, for tests. */
export interface DetailedValidation {
  readonly errors: { question: string; kind: RuleKind; message: string }[];
  readonly answers: Record<string, unknown>;
  /** Keys removed because their question was invisible. */
  readonly stripped: string[];
}

/**
 * Like `compileValidator` but returns error kinds and stripped keys as well;
 * used by the property test to compare with survey-core rule by rule.
 */
export function compileDetailedValidator(template: TemplateDefinition): (answers: unknown) => DetailedValidation {
  const plan = compilePlan(template);
  return (answers) => runPlanDetailed(plan, answers);
}

// ---------------------------------------------------------------------------
// Compilation

const NO_VALUE_TYPES = new Set(['html', 'image', 'empty']);
const SINGLE_CHOICE_TYPES = new Set(['radiogroup', 'dropdown', 'buttongroup']);
const MULTI_CHOICE_TYPES = new Set(['checkbox', 'tagbox', 'ranking']);

function compilePlan(template: TemplateDefinition): Plan {
  const model = new Model(template.survey);
  const runners = new Map<string, ConditionRunner>();
  const runnerFor = (expression: unknown, where: string): ConditionRunner | null => {
    if (typeof expression !== 'string' || expression.trim() === '') return null;
    let runner = runners.get(expression);
    if (!runner) {
      runner = new ConditionRunner(expression);
      if (!runner.canRun()) throw new UnsupportedTemplateError(`${where}: villkoret "${expression}" går inte att tolka`);
      runners.set(expression, runner);
    }
    return runner;
  };

  const nodes: Node[] = [];
  const nodeOf = new Map<object, number>();
  // An element's visibility node: its own conditions plus its parent's node.
  const addNode = (element: ContainerLike): number => {
    const known = nodeOf.get(element);
    if (known !== undefined) return known;
    const parent = element.parent ? addNode(element.parent as ContainerLike) : -1;
    const visibleIf = runnerFor(element.visibleIf, `"${element.name}"`);
    const enableIf = runnerFor(element.enableIf, `"${element.name}"`);
    // `visible` is only static when there is no visibleIf (survey-core has already run visibleIf on empty data).
    const alwaysHidden = visibleIf === null && element.visible === false;
    const index = nodes.length;
    // Likewise readOnly is only static without enableIf.
    nodes.push({ parent, alwaysHidden, visibleIf, readOnly: enableIf === null && element.readOnly === true, enableIf });
    nodeOf.set(element, index);
    return index;
  };

  const questions: CompiledQuestion[] = [];
  const byKey = new Map<string, { question: CompiledQuestion; isComment: boolean }>();
  for (const question of model.getAllQuestions(false, false, false) as Question[]) {
    const type = question.getType();
    if (NO_VALUE_TYPES.has(type)) continue;
    const name = question.name;
    const key = question.getValueName();
    const check = compileCheck(question, name);
    const json = question as unknown as QuestionLike;
    const eachRowRequired = type === 'matrix' && json.isAllRowRequired === true;
    const hasOther = json.showOtherItem === true;
    const hasCommentArea = json.showCommentArea === true || json.hasComment === true;
    const commentKey = hasOther || hasCommentArea ? key + settings.commentSuffix : null;
    const compiled: CompiledQuestion = {
      name,
      key,
      node: addNode(question as unknown as ContainerLike),
      check,
      // With requiredIf, survey-core has already set isRequired from empty data: the condition decides.
      isRequired: json.requiredIf ? false : question.isRequired === true || eachRowRequired,
      requiredIf: runnerFor(json.requiredIf, `"${name}"`),
      requiredRows: eachRowRequired ? choiceValues(json.rows).map(String) : [],
      minSelected: MULTI_CHOICE_TYPES.has(type) ? positive(json.minSelectedChoices) : undefined,
      commentKey,
      commentMaxLength: positive(model.maxCommentLength) ?? DEFAULT_COMMENT_MAX_LENGTH,
    };
    questions.push(compiled);
    byKey.set(key, { question: compiled, isComment: false });
    if (commentKey) byKey.set(commentKey, { question: compiled, isComment: true });
  }
  return { nodes, questions, byKey };
}

/** The survey-core properties read at compile time (typed loosely: they differ per question class). */
interface ContainerLike {
  readonly name: string;
  readonly parent?: unknown;
  readonly visibleIf?: unknown;
  readonly enableIf?: unknown;
  readonly visible?: boolean;
  readonly readOnly?: boolean;
}

interface QuestionLike extends ContainerLike {
  readonly showOtherItem?: boolean;
  readonly showNoneItem?: boolean;
  readonly showRefuseItem?: boolean;
  readonly showDontKnowItem?: boolean;
  readonly showCommentArea?: boolean;
  readonly hasComment?: boolean;
  readonly requiredIf?: unknown;
  readonly isAllRowRequired?: boolean;
  readonly rows?: unknown;
  readonly columns?: unknown;
  readonly choices?: unknown;
  readonly choicesByUrl?: { url?: string };
  readonly choicesFromQuestion?: string;
  readonly otherItem?: { value: unknown };
  readonly noneItem?: { value: unknown };
  readonly refuseItem?: { value: unknown };
  readonly dontKnowItem?: { value: unknown };
  readonly multiSelect?: boolean;
  readonly minSelectedChoices?: number;
  readonly maxSelectedChoices?: number;
  readonly inputType?: string;
  readonly min?: unknown;
  readonly max?: unknown;
  readonly step?: unknown;
  readonly maxLength?: number;
  readonly visibleRateValues?: { value: unknown }[];
  readonly items?: QuestionLike[];
  readonly validators?: { getType(): string; minValue?: number; maxValue?: number; minLength?: number; maxLength?: number; regex?: string; allowDigits?: boolean }[];
  getValueTrue?(): unknown;
  getValueFalse?(): unknown;
  getMaxLength?(): number | null;
  getStoreOthersAsComment?(): boolean;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 ? value : undefined;
}

function choiceValues(items: unknown): unknown[] {
  return Array.isArray(items) ? items.map((item: { value: unknown }) => item.value) : [];
}

function show(value: unknown): string {
  if (typeof value === 'string') return `"${value.length > 40 ? value.slice(0, 40) + '…' : value}"`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? text.slice(0, 40) + '…' : text;
}

function prefix(name: string): string {
  return `Frågan "${name}": `;
}

function fail(kind: RuleKind, name: string, detail: string): Failure {
  return { kind, message: prefix(name) + detail };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function compileCheck(question: Question, name: string): ValueCheck {
  const q = question as unknown as QuestionLike;
  const type = question.getType();
  const validatorChecks = compileValidators(q, name);
  const withValidators = (check: ValueCheck): ValueCheck =>
    validatorChecks.length === 0
      ? check
      : (value) => check(value) ?? firstFailure(validatorChecks, value);

  if (SINGLE_CHOICE_TYPES.has(type) || (type === 'imagepicker' && q.multiSelect !== true)) {
    const allowed = allowedChoices(q, name);
    const freeOther = q.showOtherItem === true && q.getStoreOthersAsComment?.() === false;
    return withValidators((value) => {
      if (allowed.has(value)) return undefined;
      if (freeOther && typeof value === 'string' && value.length <= DEFAULT_TEXT_MAX_LENGTH) return undefined;
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return fail('type', name, `värdet ska vara ett svarsalternativ, inte ${show(value)}`);
      }
      return fail('choice', name, `värdet ${show(value)} är inte ett av svarsalternativen`);
    });
  }
  if (MULTI_CHOICE_TYPES.has(type) || (type === 'imagepicker' && q.multiSelect === true)) {
    const allowed = allowedChoices(q, name);
    const freeOther = q.showOtherItem === true && q.getStoreOthersAsComment?.() === false;
    const minSelected = positive(q.minSelectedChoices);
    const exclusive = new Set<unknown>(((q as { visibleChoices?: { value: unknown; isExclusive?: boolean }[] }).visibleChoices ?? []).filter((c) => c.isExclusive === true).map((c) => c.value));
    const maxSelected = positive(q.maxSelectedChoices);
    return withValidators((value) => {
      if (!Array.isArray(value)) return fail('type', name, `värdet ska vara en lista med svarsalternativ, inte ${show(value)}`);
      const seen = new Set<unknown>();
      for (const item of value) {
        if (!allowed.has(item) && !(freeOther && typeof item === 'string' && item.length <= DEFAULT_TEXT_MAX_LENGTH)) {
          return fail('choice', name, `värdet ${show(item)} är inte ett av svarsalternativen`);
        }
        if (seen.has(item)) return fail('duplicate', name, `värdet ${show(item)} förekommer flera gånger`);
        seen.add(item);
      }
      if (minSelected !== undefined && value.length < minSelected && !(value.length === 1 && exclusive.has(value[0]))) {
        return fail('minSelected', name, `minst ${minSelected} alternativ ska väljas`);
      }
      if (maxSelected !== undefined && value.length > maxSelected) {
        return fail('maxSelected', name, `högst ${maxSelected} alternativ får väljas`);
      }
      return undefined;
    });
  }
  switch (type) {
    case 'text':
      return withValidators(compileTextCheck(q, name));
    case 'comment': {
      const maxLength = positive(q.getMaxLength?.()) ?? DEFAULT_COMMENT_MAX_LENGTH;
      return withValidators(stringCheck(name, maxLength));
    }
    case 'boolean': {
      const valueTrue = q.getValueTrue?.() ?? true;
      const valueFalse = q.getValueFalse?.() ?? false;
      return (value) =>
        value === valueTrue || value === valueFalse
          ? undefined
          : fail('type', name, `värdet ska vara ${show(valueTrue)} eller ${show(valueFalse)}, inte ${show(value)}`);
    }
    case 'rating': {
      const values = (q.visibleRateValues ?? []).map((item) => item.value);
      const allowed = new Set<unknown>(values);
      return withValidators((value) => {
        if (typeof value !== 'number' && typeof value !== 'string') return fail('type', name, `värdet ska vara ett betyg, inte ${show(value)}`);
        return allowed.has(value) ? undefined : fail('rating', name, `värdet ${show(value)} finns inte på skalan (${values.join(', ')})`);
      });
    }
    case 'matrix': {
      const rows = new Set(choiceValues(q.rows).map(String));
      const columns = new Set<unknown>(choiceValues(q.columns));
      return (value) => {
        if (!isPlainObject(value)) return fail('type', name, `värdet ska vara ett objekt med rader, inte ${show(value)}`);
        for (const [row, column] of Object.entries(value)) {
          if (!rows.has(row)) return fail('choice', name, `raden ${show(row)} finns inte`);
          if (!columns.has(column)) return fail('choice', name, `värdet ${show(column)} på raden ${show(row)} är inte ett av svarsalternativen`);
        }
        return undefined;
      };
    }
    case 'multipletext': {
      const items = new Map<string, ValueCheck>();
      for (const item of q.items ?? []) {
        const inner = (item as unknown as { editor?: QuestionLike }).editor ?? item;
        items.set(item.name, withItemValidators(item, compileTextCheck(inner, `${name}.${item.name}`), `${name}.${item.name}`));
      }
      return (value) => {
        if (!isPlainObject(value)) return fail('type', name, `värdet ska vara ett objekt, inte ${show(value)}`);
        for (const [itemName, itemValue] of Object.entries(value)) {
          const itemCheck = items.get(itemName);
          if (!itemCheck) return fail('unknown', name, `delfrågan ${show(itemName)} finns inte`);
          if (isEmpty(itemValue)) continue;
          const failure = itemCheck(itemValue);
          if (failure) return failure;
        }
        return undefined;
      };
    }
    case 'expression':
      return (value) =>
        typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && value.length <= DEFAULT_TEXT_MAX_LENGTH)
          ? undefined
          : fail('type', name, `värdet ${show(value)} är inte ett giltigt beräknat värde`);
    default:
      throw new UnsupportedTemplateError(`${prefix(name)}frågetypen "${type}" stöds inte av svarskontrollen`);
  }
}

function withItemValidators(item: QuestionLike, check: ValueCheck, name: string): ValueCheck {
  const validators = compileValidators(item, name);
  return validators.length === 0 ? check : (value) => check(value) ?? firstFailure(validators, value);
}

function firstFailure(checks: readonly ValueCheck[], value: unknown): Failure | undefined {
  for (const check of checks) {
    const failure = check(value);
    if (failure) return failure;
  }
  return undefined;
}

function allowedChoices(q: QuestionLike, name: string): Set<unknown> {
  if (q.choicesByUrl?.url) throw new UnsupportedTemplateError(`${prefix(name)}svarsalternativ från en adress (choicesByUrl) stöds inte`);
  if (q.choicesFromQuestion) throw new UnsupportedTemplateError(`${prefix(name)}svarsalternativ från en annan fråga stöds inte`);
  const allowed = new Set<unknown>(choiceValues(q.choices));
  if (q.showOtherItem && q.otherItem) allowed.add(q.otherItem.value);
  if (q.showNoneItem && q.noneItem) allowed.add(q.noneItem.value);
  if (q.showRefuseItem && q.refuseItem) allowed.add(q.refuseItem.value);
  if (q.showDontKnowItem && q.dontKnowItem) allowed.add(q.dontKnowItem.value);
  return allowed;
}

function stringCheck(name: string, maxLength: number): ValueCheck {
  return (value) => {
    if (typeof value !== 'string') return fail('type', name, `värdet ska vara en text, inte ${show(value)}`);
    if (value.length > maxLength) return fail('length', name, `texten har ${value.length} tecken, högst ${maxLength} tillåts`);
    return undefined;
  };
}

const EMAIL = /^(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@(([^<>()=[\]\\.,;:\s@"]+\.)+[^<>()=[\]\\.,;:\s@"]{2,})$/i;

const DATE_FORMATS: Record<string, { pattern: RegExp; example: string }> = {
  date: { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, example: 'ÅÅÅÅ-MM-DD' },
  'datetime-local': { pattern: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/, example: 'ÅÅÅÅ-MM-DDTtt:mm' },
  time: { pattern: /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, example: 'tt:mm' },
  month: { pattern: /^\d{4}-(0[1-9]|1[0-2])$/, example: 'ÅÅÅÅ-MM' },
  week: { pattern: /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, example: 'ÅÅÅÅ-Wvv' },
  color: { pattern: /^#[0-9a-f]{6}$/i, example: '#rrggbb' },
};

/** A literal min/max; survey-core also allows expressions ("=today()"), which are not checked here. */
function literal(value: unknown): number | string | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '' && !value.startsWith('=')) return value;
  return undefined;
}

function compileTextCheck(q: QuestionLike, name: string): ValueCheck {
  const inputType = (q.inputType ?? 'text').toLowerCase();
  if (inputType === 'number' || inputType === 'range') {
    const min = toNumber(literal(q.min));
    const max = toNumber(literal(q.max));
    const step = inputType === 'number' ? toNumber(literal(q.step)) : undefined;
    return (value) => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('type', name, `värdet ska vara ett tal, inte ${show(value)}`);
      if (min !== undefined && value < min) return fail('min', name, `värdet ${value} är mindre än min ${min}`);
      if (max !== undefined && value > max) return fail('max', name, `värdet ${value} är större än max ${max}`);
      if (step !== undefined && !isMultipleOf(value, step)) {
        return fail('step', name, step === 1 ? `värdet ${value} är inte ett heltal` : `värdet ${value} är inte en multipel av ${step}`);
      }
      return undefined;
    };
  }
  const maxLength = positive(q.getMaxLength?.() ?? q.maxLength) ?? DEFAULT_TEXT_MAX_LENGTH;
  const base = stringCheck(name, maxLength);
  const format = DATE_FORMATS[inputType];
  if (format) {
    const min = literal(q.min);
    const max = literal(q.max);
    return (value) => {
      const failure = base(value);
      if (failure) return failure;
      const text = value as string;
      if (!format.pattern.test(text) || (inputType === 'date' && Number.isNaN(Date.parse(text)))) {
        return fail('format', name, `värdet ${show(text)} ska ha formen ${format.example}`);
      }
      if (min !== undefined && text < String(min)) return fail('min', name, `värdet ${text} är tidigare än min ${String(min)}`);
      if (max !== undefined && text > String(max)) return fail('max', name, `värdet ${text} är senare än max ${String(max)}`);
      return undefined;
    };
  }
  if (inputType === 'email') {
    return (value) => base(value) ?? (EMAIL.test(value as string) ? undefined : fail('email', name, `värdet ${show(value)} är ingen giltig e-postadress`));
  }
  return base;
}

function toNumber(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** survey-core's step rule (QuestionTextModel.isStepNumberIncorrect): scale both to integers, then test the remainder. */
function isMultipleOf(value: number, step: number): boolean {
  let power = 1;
  while ((Math.round(step * power) / power !== step || Math.round(value * power) / power !== value) && power < 1_000_000) power *= 10;
  const scaledStep = Math.round(step * power);
  return !(scaledStep > 0 && Math.round(value * power) % scaledStep !== 0);
}

function compileValidators(q: QuestionLike, name: string): ValueCheck[] {
  const checks: ValueCheck[] = [];
  for (const validator of q.validators ?? []) {
    const type = validator.getType();
    if (type === 'numericvalidator') {
      const { minValue, maxValue } = validator;
      checks.push((value) => {
        const number = typeof value === 'number' ? value : Number(value);
        if (typeof value === 'boolean' || !Number.isFinite(number)) return fail('validator', name, `värdet ${show(value)} är inte ett tal`);
        if (typeof minValue === 'number' && number < minValue) return fail('validator', name, `värdet ${number} är mindre än ${minValue}`);
        if (typeof maxValue === 'number' && number > maxValue) return fail('validator', name, `värdet ${number} är större än ${maxValue}`);
        return undefined;
      });
    } else if (type === 'textvalidator') {
      const { minLength, maxLength, allowDigits } = validator;
      checks.push((value) => {
        if (typeof value !== 'string') return undefined;
        if (typeof minLength === 'number' && minLength > 0 && value.length < minLength) return fail('validator', name, `texten ska ha minst ${minLength} tecken`);
        if (typeof maxLength === 'number' && maxLength > 0 && value.length > maxLength) return fail('validator', name, `texten får ha högst ${maxLength} tecken`);
        if (allowDigits === false && /\d/.test(value)) return fail('validator', name, 'texten får inte innehålla siffror');
        return undefined;
      });
    } else if (type === 'regexvalidator') {
      const pattern = validator.regex ? linearTimePattern(validator.regex, (validator as { caseInsensitive?: boolean }).caseInsensitive === true) : undefined;
      checks.push((value) => (pattern && !pattern.test(String(value)) ? fail('validator', name, `värdet ${show(value)} har fel format`) : undefined));
    } else if (type === 'emailvalidator') {
      checks.push((value) => (typeof value === 'string' && !EMAIL.test(value) ? fail('email', name, `värdet ${show(value)} är ingen giltig e-postadress`) : undefined));
    } else {
      throw new UnsupportedTemplateError(`${prefix(name)}valideringen "${type}" stöds inte av svarskontrollen`);
    }
  }
  return checks;
}

/**
 * A template's regex in RE2 (linear time in the answer's length, whatever
 * the pattern), so no pattern can stall the server on an anonymous answer;
 * answers are also cut at their question's maxLength before any pattern
 * runs. Templates are refused at save when RE2 cannot run a pattern
 * (`domain/templates/regex-safety.ts`); for an older stored template with
 * such a pattern (lookaround, back-references) the browser's check stands
 * and the server skips it.
 */
function linearTimePattern(regex: string, caseInsensitive: boolean): { test(text: string): boolean } | undefined {
  try {
    return RE2JS.compile(regex, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// Validation

/** survey-core's notion of an empty answer (Helpers.isValueEmpty for JSON values). */
function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) {
    for (const key in value) if (!isEmpty(value[key])) return false;
    return true;
  }
  return false;
}

function runPlan(plan: Plan, answers: unknown): AnswerValidationResult {
  const result = runPlanDetailed(plan, answers);
  if (result.errors.length > 0) {
    return { ok: false, errors: result.errors.map(({ question, message }) => ({ question, message })) };
  }
  return { ok: true, answers: result.answers };
}

function runPlanDetailed(plan: Plan, answers: unknown): DetailedValidation {
  const errors: { question: string; kind: RuleKind; message: string }[] = [];
  if (!isPlainObject(answers)) {
    errors.push({ question: '', kind: 'object', message: 'Svaren ska skickas som ett objekt med frågornas namn som nycklar.' });
    return { errors, answers: {}, stripped: [] };
  }
  // 1. Unknown keys; copy the known, non-empty values.
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(answers)) {
    if (!plan.byKey.has(key)) {
      errors.push({ question: key, kind: 'unknown', message: `Frågan "${key}" finns inte i enkäten` });
      continue;
    }
    const value = answers[key];
    if (!isEmpty(value)) data[key] = value;
  }

  // 2. Visibility fixed point: strip invisible values, re-run the conditions.
  const { nodes, questions } = plan;
  const visible = new Uint8Array(nodes.length);
  const stripped: string[] = [];
  for (let pass = 0; pass <= questions.length; pass++) {
    evaluateVisibility(nodes, data, visible);
    let changed = false;
    for (const question of questions) {
      if (visible[question.node]) continue;
      if (question.key in data) {
        delete data[question.key];
        stripped.push(question.key);
        changed = true;
      }
      if (question.commentKey && question.commentKey in data) {
        delete data[question.commentKey];
        stripped.push(question.commentKey);
        changed = true;
      }
    }
    if (!changed) break;
  }

  // 3. Checks on visible questions.
  for (const question of questions) {
    if (!visible[question.node]) continue;
    const value = data[question.key];
    if (value === undefined) {
      if (isRequiredNow(plan.nodes, question, data)) {
        errors.push({ question: question.name, kind: 'required', message: `Frågan "${question.name}" måste besvaras` });
      } else if (question.minSelected !== undefined && isEditable(plan.nodes, question, data)) {
        errors.push({ question: question.name, kind: 'minSelected', message: `${prefix(question.name)}minst ${question.minSelected} alternativ ska väljas` });
      }
    } else {
      const failure = question.check(value);
      if (failure) errors.push({ question: question.name, kind: failure.kind, message: failure.message });
      else if (question.requiredRows.length > 0 && isPlainObject(value)) {
        const missing = question.requiredRows.filter((row) => isEmpty(value[row]));
        if (missing.length > 0) {
          errors.push({ question: question.name, kind: 'required', message: `${prefix(question.name)}alla rader måste besvaras (saknas: ${missing.join(', ')})` });
        }
      }
    }
    if (question.commentKey) {
      const comment = data[question.commentKey];
      if (comment !== undefined) {
        if (typeof comment !== 'string') {
          errors.push({ question: question.commentKey, kind: 'type', message: `${prefix(question.commentKey)}värdet ska vara en text, inte ${show(comment)}` });
        } else if (comment.length > question.commentMaxLength) {
          errors.push({
            question: question.commentKey,
            kind: 'length',
            message: `${prefix(question.commentKey)}texten har ${comment.length} tecken, högst ${question.commentMaxLength} tillåts`,
          });
        }
      }
    }
  }
  return { errors, answers: data, stripped };
}

function evaluateVisibility(nodes: readonly Node[], data: Record<string, unknown>, visible: Uint8Array): void {
  // Parents are always added before their children, so one forward pass suffices.
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    visible[i] =
      !node.alwaysHidden && (node.parent < 0 || visible[node.parent] === 1) && (node.visibleIf === null || node.visibleIf.runValues(data) === true)
        ? 1
        : 0;
  }
}

function isRequiredNow(nodes: readonly Node[], question: CompiledQuestion, data: Record<string, unknown>): boolean {
  const required = question.isRequired || (question.requiredIf !== null && question.requiredIf.runValues(data) === true);
  return required && isEditable(nodes, question, data);
}

/** survey-core collects no errors for read-only questions (readOnly or enableIf false, on the question or a container). */
function isEditable(nodes: readonly Node[], question: CompiledQuestion, data: Record<string, unknown>): boolean {
  for (let i = question.node; i >= 0; i = nodes[i].parent) {
    const node = nodes[i];
    if (node.readOnly || (node.enableIf !== null && node.enableIf.runValues(data) !== true)) return false;
  }
  return true;
}
