/**
 * Writes a survey-core condition (visibleIf) in Swedish words for the
 * printed questionnaire, e.g. `{q5} = 'ja'` → `du svarade ”Ja” på fråga 5`.
 * Uses survey-core's own parser; anything it cannot phrase returns undefined
 * so that the caller can show the expression itself.
 */
import { ConditionsParser, type Operand } from 'survey-core';

export interface PrintedQuestion {
  number: number;
  /** The text of a choice value, or the value itself. */
  choiceText: (value: unknown) => string;
}

class Unphrasable extends Error {}

interface Node {
  getType(): string;
}
interface BinaryNode extends Node {
  operator: string;
  isConjunction: boolean;
  leftOperand: Node;
  rightOperand: Node;
}
interface UnaryNode extends Node {
  operator: string;
  expression: Node;
}
interface VariableNode extends Node {
  variable: string;
}
interface ConstNode extends Node {
  correctValue: unknown;
}

const quote = (text: string) => `”${text}”`;

export function conditionText(expression: string, questions: ReadonlyMap<string, PrintedQuestion>): string | undefined {
  let root: Operand | undefined;
  try {
    root = new ConditionsParser().parseExpression(expression);
  } catch {
    return undefined;
  }
  if (!root) return undefined;

  const variableOf = (node: Node): string => {
    if (node.getType() !== 'variable') throw new Unphrasable();
    return (node as VariableNode).variable;
  };
  const questionRef = (name: string) => {
    const root = name.split(/[.[]/)[0];
    const q = questions.get(root);
    return q ? `fråga ${q.number}` : `”${name}”`;
  };
  const valueText = (name: string, node: Node): string => {
    const root = name.split(/[.[]/)[0];
    if (node.getType() === 'const') {
      const value = (node as ConstNode).correctValue;
      return quote(questions.get(root)?.choiceText(value) ?? String(value));
    }
    if (node.getType() === 'array') {
      const values = ((node as unknown as { values: Node[] }).values ?? []).map((v) => valueText(name, v));
      return joinWords(values, 'eller');
    }
    throw new Unphrasable();
  };

  const comparisons: Record<string, string> = {
    greater: 'är mer än',
    less: 'är mindre än',
    greaterorequal: 'är minst',
    lessorequal: 'är högst',
  };

  const phrase = (node: Node): string => {
    const type = node.getType();
    if (type === 'binary') {
      const b = node as BinaryNode;
      if (b.isConjunction) {
        const same = sameAnswerOnSeveral(b);
        if (same) return same;
        const parts = flatten(b, b.operator).map((part) => {
          const text = phrase(part);
          return part.getType() === 'binary' && (part as BinaryNode).isConjunction ? `(${text})` : text;
        });
        return joinWords(parts, b.operator === 'and' ? 'och' : 'eller');
      }
      const name = variableOf(b.leftOperand);
      const ref = questionRef(name);
      switch (b.operator) {
        case 'equal':
          return `du svarade ${valueText(name, b.rightOperand)} på ${ref}`;
        case 'notequal':
          return `du inte svarade ${valueText(name, b.rightOperand)} på ${ref}`;
        case 'contains':
        case 'anyof':
          return `du kryssade i ${valueText(name, b.rightOperand)} på ${ref}`;
        case 'notcontains':
          return `du inte kryssade i ${valueText(name, b.rightOperand)} på ${ref}`;
        case 'allof':
          return `du kryssade i alla av ${valueText(name, b.rightOperand).replace(/ eller /g, ' och ')} på ${ref}`;
        default:
          if (comparisons[b.operator]) return `ditt svar på ${ref} ${comparisons[b.operator]} ${valueText(name, b.rightOperand).replace(/”/g, '')}`;
          throw new Unphrasable();
      }
    }
    if (type === 'unary') {
      const u = node as UnaryNode;
      if (u.operator === 'notempty') return `du svarade på ${questionRef(variableOf(u.expression))}`;
      if (u.operator === 'empty') return `du inte svarade på ${questionRef(variableOf(u.expression))}`;
      if (u.operator === 'negate') return `det inte stämmer att ${phrase(u.expression)}`;
    }
    throw new Unphrasable();
  };

  /** `{a} = 'ja' or {b} = 'ja' or …` → `du svarade ”Ja” på någon av frågorna 3, 4 och 5`. */
  const sameAnswerOnSeveral = (b: BinaryNode): string | undefined => {
    if (b.operator !== 'or') return undefined;
    const parts = flatten(b, 'or');
    if (parts.length < 2) return undefined;
    const keys = parts.map((part) => {
      if (part.getType() !== 'binary') return undefined;
      const p = part as BinaryNode;
      if (p.operator !== 'equal' || p.leftOperand.getType() !== 'variable' || p.rightOperand.getType() !== 'const') return undefined;
      const name = (p.leftOperand as VariableNode).variable;
      const q = questions.get(name);
      if (!q) return undefined;
      return { number: q.number, text: q.choiceText((p.rightOperand as ConstNode).correctValue) };
    });
    if (keys.some((k) => k === undefined)) return undefined;
    const texts = new Set(keys.map((k) => k!.text));
    if (texts.size !== 1) return undefined;
    const numbers = keys.map((k) => String(k!.number));
    return `du svarade ${quote([...texts][0])} på någon av frågorna ${joinWords(numbers, 'eller')}`;
  };

  try {
    return phrase(root as unknown as Node);
  } catch (error) {
    if (error instanceof Unphrasable) return undefined;
    throw error;
  }
}

function flatten(node: Node, operator: string): Node[] {
  if (node.getType() === 'binary' && (node as BinaryNode).isConjunction && (node as BinaryNode).operator === operator) {
    const b = node as BinaryNode;
    return [...flatten(b.leftOperand, operator), ...flatten(b.rightOperand, operator)];
  }
  return [node];
}

function joinWords(words: string[], conjunction: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
