import { ConditionRunner } from 'survey-core';
import { frameAge } from '../../domain/answer-age';
import {
  DEFAULT_NON_SUBSTANTIVE_VALUES,
  type IndicatorDefinition,
  type TemplateDefinition,
} from './template-schema';
import { readSurveyStructure, rootVariable, valueKeyOf, type SurveyElementInfo } from './survey-structure';

/** 1 = the indicator's condition holds, 0 = it does not, null = missing. */
export type IndicatorValue = 0 | 1 | null;

/** One response's answers as SurveyJS produces them (`survey.data`). */
export type Answers = Readonly<Record<string, unknown>>;

/** A template's indicators compiled once, ready to evaluate many responses. */
export interface CompiledIndicators {
  /** Indicator ids in template order. */
  readonly ids: readonly string[];
  /** Evaluates every indicator on one response. */
  evaluate(answers: Answers): Record<string, IndicatorValue>;
}

/** Thrown when a template's indicators cannot be compiled; run `validateTemplate` for details. */
export class IndicatorCompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndicatorCompileError';
  }
}

interface CompiledIndicator {
  readonly id: string;
  readonly condition: ConditionRunner;
  readonly among: ConditionRunner | null;
  readonly items: readonly string[];
  readonly minAge: number | null;
  readonly maxAge: number | null;
}

interface Visibility {
  /** Conditions from page down to the question (empty if always shown). */
  readonly conditions: readonly ConditionRunner[];
  /** Question variables each condition reads, parallel to `conditions`. */
  readonly gates: readonly (readonly string[])[];
  readonly alwaysHidden: boolean;
}

/** Memo of results by answer pattern; cleared when it grows past this many entries. */
const MEMO_LIMIT = 20_000;
/** Guards the "known through a gate" recursion against cyclic visibleIf. */
const MAX_GATE_DEPTH = 8;

function newRunner(expression: string, where: string): ConditionRunner {
  const runner = new ConditionRunner(expression);
  if (!runner.canRun()) {
    throw new IndicatorCompileError(`Cannot compile ${where}: "${expression}"`);
  }
  return runner;
}

function variablesOf(runner: ConditionRunner): string[] {
  return [...new Set(runner.getVariables().map(rootVariable))];
}

/** The age question: `meta.ageQuestion`, else the weighting variable named "alder". */
export function ageQuestionOf(template: TemplateDefinition): string | undefined {
  return template.meta.ageQuestion ?? template.meta.weighting.variables.find((v) => v.name === 'alder')?.question;
}

/**
 * Compiles a template's indicator definitions once so that they can be
 * evaluated quickly for many responses (up to 100,000 per analysis).
 *
 * Missing rule (see docs/questionnaires.md, "Indikatorer"):
 * 1. null if the indicator has an age population (its own or `meta.population`),
 *    the template has an age question, the respondent gave an age and it is
 *    outside the range (no age given: the respondent is kept). An age one
 *    year outside `meta.population` counts as its edge (`frameAge`);
 * 2. null if `among` is set and is not true on the answers;
 * 3. null if no question in `items` is *known*. A question is known if it has
 *    a substantive answer (not empty, not one of the non-substantive values
 *    such as `vill_inte_svara`; a checkbox needs one substantive choice), or if
 *    it was hidden by branching (a `visibleIf` above or on it is false) and at
 *    least one question that condition reads is itself known. "Lifetime = nej"
 *    therefore makes the hidden 12-month item known (implied no), while
 *    "lifetime = vill inte svara" or "lifetime = ja, 12 months skipped" leaves
 *    it unknown;
 * 4. otherwise 1 if `expression` is true, else 0.
 * Answers to questions that were hidden by branching are ignored in
 * `expression`, as SurveyJS itself clears them.
 *
 * Complexity: compile O(size of template); evaluate O(indicators × expression
 * size), with each indicator's result memoised per distinct pattern of the
 * answers it depends on (so typically O(indicators × variables) string work).
 * @throws IndicatorCompileError if an expression cannot be parsed.
 * @example
 * const compiled = compileIndicators(template);
 * compiled.evaluate({ psykiskt_nagonsin: 'nej', fysiskt_nagonsin: 'ja', fysiskt_12m: 'ja' }).vinr_12m // → 1
 */
export function compileIndicators(template: TemplateDefinition): CompiledIndicators {
  const structure = readSurveyStructure(template.survey);
  const byKey = new Map<string, SurveyElementInfo>();
  for (const question of structure.questions) {
    if (question.name !== '' && !byKey.has(valueKeyOf(question))) byKey.set(valueKeyOf(question), question);
  }
  const nonSubstantive = new Set(template.meta.nonSubstantiveValues ?? DEFAULT_NON_SUBSTANTIVE_VALUES);
  const ageKey = ageQuestionOf(template);
  const runnerCache = new Map<string, ConditionRunner>();
  const runnerFor = (expression: string, where: string): ConditionRunner => {
    let runner = runnerCache.get(expression);
    if (!runner) {
      runner = newRunner(expression, where);
      runnerCache.set(expression, runner);
    }
    return runner;
  };

  const visibilityCache = new Map<string, Visibility | null>();
  const visibilityOf = (key: string): Visibility | null => {
    if (visibilityCache.has(key)) return visibilityCache.get(key) ?? null;
    const info = byKey.get(key);
    let visibility: Visibility | null = null;
    if (info && (info.visibleIf.length > 0 || info.alwaysHidden)) {
      const conditions = info.visibleIf.map((c) => runnerFor(c, `visibleIf of "${info.name}"`));
      visibility = {
        conditions,
        gates: conditions.map((c) => variablesOf(c).filter((v) => v !== key)),
        alwaysHidden: info.alwaysHidden,
      };
    }
    visibilityCache.set(key, visibility);
    return visibility;
  };

  const compiled: CompiledIndicator[] = template.meta.indicators.map((indicator: IndicatorDefinition) => {
    const population = indicator.population ?? template.meta.population;
    return {
      id: indicator.id,
      condition: runnerFor(indicator.expression, `expression of indicator "${indicator.id}"`),
      among: indicator.among ? runnerFor(indicator.among, `among of indicator "${indicator.id}"`) : null,
      items: indicator.items,
      minAge: ageKey && population ? population.minAge : null,
      maxAge: ageKey && population ? population.maxAge : null,
    };
  });

  // Per indicator, every variable whose value can change its result: items,
  // expression and among variables, and (transitively) the questions that
  // control their visibility. Results are memoised per indicator on the values
  // of these variables, since real answer patterns repeat a lot.
  const closureOf = (roots: readonly string[]): string[] => {
    const seen = new Set<string>();
    const visit = (key: string): void => {
      if (seen.has(key)) return;
      seen.add(key);
      const visibility = visibilityOf(key);
      if (visibility) for (const gate of visibility.gates) for (const v of gate) visit(v);
    };
    roots.forEach(visit);
    return [...seen];
  };
  const plans = compiled.map((indicator) => {
    const expressionVars = [...new Set([...variablesOf(indicator.condition), ...(indicator.among ? variablesOf(indicator.among) : [])])];
    return {
      indicator,
      expressionVars,
      keys: closureOf([...indicator.items, ...expressionVars]),
      memo: new Map<string, IndicatorValue>(),
    };
  });

  const isSubstantive = (value: unknown): boolean => {
    if (value === undefined || value === null || value === '') return false;
    if (typeof value === 'string') return !nonSubstantive.has(value);
    if (Array.isArray(value)) return value.some(isSubstantive);
    if (typeof value === 'number') return Number.isFinite(value);
    if (typeof value === 'object') return Object.values(value).some(isSubstantive);
    return true;
  };

  /** Evaluates one indicator; `run` caches visibility conditions across the indicators of one response. */
  const evaluateOne = (
    plan: (typeof plans)[number],
    answers: Answers,
    run: (runner: ConditionRunner) => boolean,
  ): IndicatorValue => {
    /** Indexes of the visibility conditions that are false, or null if the question is shown. */
    const failingConditions = (key: string): number[] | null => {
      const visibility = visibilityOf(key);
      if (!visibility) return null;
      const failing: number[] = [];
      visibility.conditions.forEach((c, i) => {
        if (!run(c)) failing.push(i);
      });
      return failing.length > 0 ? failing : null;
    };
    const isHidden = (key: string): boolean => visibilityOf(key)?.alwaysHidden === true || failingConditions(key) !== null;
    const isKnown = (key: string, depth: number): boolean => {
      if (isSubstantive(answers[key])) return true;
      const visibility = visibilityOf(key);
      if (!visibility || visibility.alwaysHidden || depth >= MAX_GATE_DEPTH) return false;
      const failing = failingConditions(key);
      if (!failing) return false; // shown but not answered: skipped
      return failing.some((i) => visibility.gates[i].some((gate) => isKnown(gate, depth + 1)));
    };

    // Ignore answers to questions hidden by branching, as SurveyJS does.
    let values: Record<string, unknown> = answers as Record<string, unknown>;
    for (const key of plan.expressionVars) {
      if (answers[key] !== undefined && isHidden(key)) {
        if (values === answers) values = { ...answers };
        delete values[key];
      }
    }
    const { indicator } = plan;
    if (indicator.among && indicator.among.runValues(values) !== true) return null;
    if (!indicator.items.some((item) => isKnown(item, 0))) return null;
    return indicator.condition.runValues(values) === true ? 1 : 0;
  };

  const keyPart = (value: unknown): string =>
    value === undefined || value === null ? '' : typeof value === 'string' ? `s${value}` : `j${JSON.stringify(value)}`;
  const ageFiltered = compiled.some((c) => c.minAge !== null);
  const framePopulation = template.meta.population;

  return {
    ids: compiled.map((c) => c.id),
    evaluate(answers: Answers): Record<string, IndicatorValue> {
      let conditionResults: Map<ConditionRunner, boolean> | null = null;
      const run = (runner: ConditionRunner): boolean => {
        conditionResults ??= new Map();
        let result = conditionResults.get(runner);
        if (result === undefined) {
          result = runner.runValues(answers as Record<string, unknown>) === true;
          conditionResults.set(runner, result);
        }
        return result;
      };
      let age = NaN;
      if (ageKey !== undefined && ageFiltered) {
        const rawAge = answers[ageKey];
        age = typeof rawAge === 'number' ? rawAge : typeof rawAge === 'string' && rawAge.trim() !== '' ? Number(rawAge) : NaN;
        // An answer one year outside the frame's range counts as its edge (the frame counts age at the end of the year).
        if (framePopulation && Number.isFinite(age)) age = frameAge(age, framePopulation);
      }
      const out: Record<string, IndicatorValue> = {};
      for (const plan of plans) {
        const { indicator } = plan;
        if (Number.isFinite(age) && indicator.minAge !== null && (age < indicator.minAge || age > (indicator.maxAge as number))) {
          out[indicator.id] = null;
          continue;
        }
        let key = '';
        for (const k of plan.keys) key += keyPart(answers[k]) + '\u0001';
        let value = plan.memo.get(key);
        if (value === undefined) {
          value = evaluateOne(plan, answers, run);
          if (plan.memo.size >= MEMO_LIMIT) plan.memo.clear();
          plan.memo.set(key, value);
        }
        out[indicator.id] = value;
      }
      return out;
    },
  };
}

const compiledCache = new WeakMap<TemplateDefinition, CompiledIndicators>();

/**
 * Evaluates every indicator of `template` on one response. The template's
 * indicators are compiled on first use and cached per template object; for
 * bulk work call `compileIndicators` once and reuse its `evaluate`.
 *
 * @returns indicator id → 1, 0 or null (missing); see `compileIndicators` for the rule.
 * @throws IndicatorCompileError if an expression cannot be parsed.
 */
export function evaluateIndicators(template: TemplateDefinition, answers: Answers): Record<string, IndicatorValue> {
  let compiled = compiledCache.get(template);
  if (!compiled) {
    compiled = compileIndicators(template);
    compiledCache.set(template, compiled);
  }
  return compiled.evaluate(answers);
}
