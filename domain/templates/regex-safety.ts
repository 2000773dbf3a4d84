/**
 * Whether a template's regular expression (a SurveyJS `regex` validator) is
 * safe to run on anyone's answer. The server runs validators in RE2
 * (linear time), but respondents' browsers run them in JavaScript's
 * backtracking engine, where `^(a+)+$` takes seconds on 25 characters and
 * doubles with each one more. So a template is refused at save when a
 * pattern
 *
 * - repeats something that itself repeats or has alternatives: a quantified
 *   group (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that contains a quantifier
 *   or a `|` (`(a+)+`, `(\w*)*`, `(a|ab)*`, `([a-z]+ )*`): nested
 *   repetition is what backtracks catastrophically; or
 * - uses what RE2 cannot run in linear time: back-references (`\1`,
 *   `\k<namn>`) and lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`).
 *
 * This refuses a few patterns that would in fact be fast (a rule that never
 * misses is worth that); each can be written without nesting. Pure.
 */
export type RegexProblem = 'nested_repetition' | 'backreference' | 'lookaround' | 'invalid';

/** The Swedish explanation of a problem. */
export function regexProblemMessage(problem: RegexProblem): string {
  switch (problem) {
    case 'nested_repetition':
      return 'mönstret upprepar något som i sig upprepas eller har alternativ (som (a+)+ eller (a|b)*), vilket kan göra kontrollen mycket långsam. Skriv om det utan upprepning inuti en upprepad grupp';
    case 'backreference':
      return 'mönstret använder en bakåtreferens (\\1 eller \\k<namn>), som inte stöds';
    case 'lookaround':
      return 'mönstret använder lookahead eller lookbehind ((?= (?! (?<= (?<!), som inte stöds';
    case 'invalid':
      return 'mönstret är inte ett giltigt reguljärt uttryck';
  }
}

interface Group {
  /** The group contains a quantifier or an alternation. */
  repeats: boolean;
}

/**
 * Checks one pattern.
 *
 * Complexity: O(length of the pattern).
 *
 * @returns the first problem, or undefined when the pattern is safe.
 * @example
 * regexProblem('^(a+)+$') // → 'nested_repetition'
 * regexProblem('^\\d{3} ?\\d{2}$') // → undefined
 */
export function regexProblem(pattern: string): RegexProblem | undefined {
  try {
    new RegExp(pattern);
  } catch {
    return 'invalid';
  }
  const stack: Group[] = [{ repeats: false }];
  /** What the last atom was: a group that repeats inside, anything else, or nothing to quantify. */
  let last: 'repeating-group' | 'atom' | 'none' = 'none';
  let i = 0;
  const quantifierAt = (at: number): { length: number; unboundedOrMany: boolean } | undefined => {
    const ch = pattern[at];
    if (ch === '*' || ch === '+') return { length: pattern[at + 1] === '?' ? 2 : 1, unboundedOrMany: true };
    if (ch === '?') return { length: pattern[at + 1] === '?' ? 2 : 1, unboundedOrMany: false };
    if (ch === '{') {
      const match = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(at));
      if (!match) return undefined;
      const max = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
      return { length: match[0].length, unboundedOrMany: max > 1 };
    }
    return undefined;
  };
  while (i < pattern.length) {
    const ch = pattern[i];
    const quantifier = quantifierAt(i);
    if (quantifier && last !== 'none') {
      if (quantifier.unboundedOrMany && last === 'repeating-group') return 'nested_repetition';
      stack[stack.length - 1].repeats = true;
      i += quantifier.length;
      last = 'none';
      continue;
    }
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next !== undefined && /[1-9]/.test(next)) return 'backreference';
      if (next === 'k' && pattern[i + 2] === '<') return 'backreference';
      // \u{…}, \uXXXX, \xXX, \p{…} and the rest are single atoms.
      const escape = /^\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[pP]\{[^}]*\}|c[A-Za-z]|.)/.exec(pattern.slice(i));
      i += escape ? escape[0].length : 2;
      last = 'atom';
      continue;
    }
    if (ch === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') i++;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i++;
      last = 'atom';
      continue;
    }
    if (ch === '(') {
      if (/^\(\?(=|!|<=|<!)/.test(pattern.slice(i))) return 'lookaround';
      const named = /^\(\?(:|<[A-Za-z_$][\w$]*>)/.exec(pattern.slice(i));
      i += named ? named[0].length : 1;
      stack.push({ repeats: false });
      last = 'none';
      continue;
    }
    if (ch === ')') {
      const group = stack.pop()!;
      if (stack.length === 0) return 'invalid';
      if (group.repeats) stack[stack.length - 1].repeats = true;
      last = group.repeats ? 'repeating-group' : 'atom';
      i++;
      continue;
    }
    if (ch === '|') {
      stack[stack.length - 1].repeats = true;
      last = 'none';
      i++;
      continue;
    }
    last = ch === '^' || ch === '$' ? 'none' : 'atom';
    i++;
  }
  return undefined;
}
