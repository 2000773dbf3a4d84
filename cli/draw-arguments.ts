import type { AllocationMethod } from '../domain/sampling/allocate-sample';

/** A command-line usage error; its message is Swedish and the CLI exits with code 2. */
export class DrawUsageError extends Error {
  override readonly name = 'DrawUsageError';
}

export const DRAW_USAGE = [
  'Användning:',
  '  npm run --silent draw -- --frame RAM.csv --allocation proportional:1000|equal:200|precision:0.05,0.3,0.45 --out URVAL.csv',
  '    [--seed FRÖ] [--template befolkningsenkat | --age-groups 18-29,30-44,45-64,65-85] [--min-age 18] [--max-age 85]',
  '    [--reference-year ÅR] [--areas kod1,kod2] [--response-rate 0.45] [--codes-request KODER.json]',
  '  npm run --silent draw -- --merge URVAL.csv --codes KODSVAR.json [--codes …] --link-base https://enkat.kommun.se --out BREVFIL.csv',
].join('\n');

export interface DrawArguments {
  readonly mode: 'draw';
  readonly frame: string;
  readonly allocation: AllocationMethod;
  readonly out: string;
  readonly seed?: string;
  readonly template: string;
  readonly ageGroups?: readonly string[];
  readonly minAge?: number;
  readonly maxAge?: number;
  readonly referenceYear?: number;
  readonly areas?: readonly string[];
  readonly responseRate?: number;
  readonly codesRequest?: string;
}

export interface MergeArguments {
  readonly mode: 'merge';
  readonly sample: string;
  readonly codes: readonly string[];
  readonly linkBase: string;
  readonly out: string;
}

const FLAGS = [
  '--frame', '--allocation', '--out', '--seed', '--template', '--age-groups', '--min-age', '--max-age', '--reference-year', '--areas',
  '--response-rate', '--codes-request', '--merge', '--codes', '--link-base',
];

/**
 * Parses the arguments of `npm run draw` (`--name value` or `--name=value`).
 * Two modes: a draw (`--frame`) or merging issued codes into a drawn sample
 * (`--merge`).
 *
 * @throws {DrawUsageError} (Swedish) for a missing or unknown flag, a bad allocation, number or seed.
 */
export function parseDrawArguments(argv: readonly string[]): DrawArguments | MergeArguments | 'help' {
  const values = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--help' || argument === '-h') return 'help';
    const match = /^(--[a-z-]+)(?:=(.*))?$/s.exec(argument);
    if (!match) throw new DrawUsageError(`okänt argument "${argument}".\n${DRAW_USAGE}`);
    const name = match[1];
    if (!FLAGS.includes(name)) throw new DrawUsageError(`okänd flagga "${name}".\n${DRAW_USAGE}`);
    let value = match[2];
    if (value === undefined) {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw new DrawUsageError(`${name} saknar värde.\n${DRAW_USAGE}`);
      value = argv[++i];
    }
    if (value.trim() === '') throw new DrawUsageError(`${name} saknar värde.\n${DRAW_USAGE}`);
    if (values.has(name) && name !== '--codes') throw new DrawUsageError(`${name} anges två gånger`);
    values.set(name, [...(values.get(name) ?? []), value.trim()]);
  }
  const one = (name: string) => values.get(name)?.[0];
  const required = (name: string) => {
    const value = one(name);
    if (value === undefined) throw new DrawUsageError(`${name} saknas.\n${DRAW_USAGE}`);
    return value;
  };

  if (values.has('--merge')) {
    for (const name of values.keys()) {
      if (!['--merge', '--codes', '--link-base', '--out'].includes(name)) throw new DrawUsageError(`${name} hör inte till --merge.\n${DRAW_USAGE}`);
    }
    const linkBase = required('--link-base');
    if (!/^https?:\/\/[^\s/]+/.test(linkBase)) throw new DrawUsageError(`--link-base "${linkBase}": ska vara en adress som https://enkat.kommun.se`);
    if (!values.has('--codes')) throw new DrawUsageError(`--codes saknas.\n${DRAW_USAGE}`);
    return { mode: 'merge', sample: required('--merge'), codes: values.get('--codes')!, linkBase, out: required('--out') };
  }
  if (values.has('--codes') || values.has('--link-base')) throw new DrawUsageError(`--codes och --link-base hör till --merge.\n${DRAW_USAGE}`);

  const seed = one('--seed');
  if (seed !== undefined && !/^[A-Za-z0-9._:-]{1,100}$/.test(seed)) {
    throw new DrawUsageError(`--seed "${seed}": bokstäver a–z, siffror och . _ : - (högst 100 tecken)`);
  }
  const integer = (name: string, min: number) => {
    const raw = one(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw) || Number(raw) < min) throw new DrawUsageError(`${name} "${raw}": ska vara ett heltal, minst ${min}`);
    return Number(raw);
  };
  const rateRaw = one('--response-rate');
  const responseRate = rateRaw === undefined ? undefined : fraction('--response-rate', rateRaw, true);
  const ageGroups = one('--age-groups')?.split(',').map((label) => label.trim()).filter((label) => label !== '');
  if (ageGroups !== undefined && ageGroups.length === 0) throw new DrawUsageError('--age-groups saknar åldersgrupper');
  return {
    mode: 'draw',
    frame: required('--frame'),
    allocation: parseAllocation(required('--allocation')),
    out: required('--out'),
    seed,
    template: one('--template') ?? 'befolkningsenkat',
    ageGroups,
    minAge: integer('--min-age', 0),
    maxAge: integer('--max-age', 0),
    referenceYear: integer('--reference-year', 1900),
    areas: one('--areas')?.split(',').map((code) => code.trim()).filter((code) => code !== ''),
    responseRate,
    codesRequest: one('--codes-request'),
  };
}

function fraction(name: string, raw: string, allowOne: boolean): number {
  const value = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || !(value > 0) || value > 1 || (!allowOne && value === 1)) {
    throw new DrawUsageError(`${name} "${raw}": ska vara ett decimaltal mellan 0 och 1 med punkt, t.ex. 0.45`);
  }
  return value;
}

/** `proportional:1000`, `equal:200` (letters per område) or `precision:h,p,r` (e.g. `precision:0.05,0.3,0.45`). */
export function parseAllocation(raw: string): AllocationMethod {
  const [method, rest = ''] = raw.split(':', 2);
  const example = 'proportional:1000, equal:200 eller precision:0.05,0.3,0.45 (felmarginal, förväntad andel, svarsfrekvens)';
  if (method === 'proportional' || method === 'equal') {
    if (!/^\d+$/.test(rest) || Number(rest) < 1) throw new DrawUsageError(`--allocation "${raw}": antalet ska vara ett positivt heltal (${example})`);
    return method === 'proportional' ? { method, total: Number(rest) } : { method, perOmrade: Number(rest) };
  }
  if (method === 'precision') {
    const parts = rest.split(',');
    if (parts.length !== 3) throw new DrawUsageError(`--allocation "${raw}": precision behöver tre tal (${example})`);
    return {
      method,
      targetHalfWidth: fraction('--allocation (felmarginal)', parts[0], false),
      expectedPrevalence: fraction('--allocation (förväntad andel)', parts[1], false),
      expectedResponseRate: fraction('--allocation (svarsfrekvens)', parts[2], true),
    };
  }
  throw new DrawUsageError(`--allocation "${raw}": okänd metod "${method}" (${example})`);
}
