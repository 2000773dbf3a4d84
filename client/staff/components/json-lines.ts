/**
 * Line numbers for the template editor: where a JSON.parse error is, and on
 * which line each value path (`meta.indicators[0].expression`) starts, so a
 * validation message can name and jump to its line.
 */

/** 1-based line and column of a JSON.parse error, from V8's "position N" or "line L column C". */
export function parseErrorLocation(text: string, message: string): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return undefined;
  const before = text.slice(0, Number(position[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

/**
 * Maps each path in valid JSON text to the line where its value starts.
 * Paths look like zod's: `a.b[2].c`; the root is ''.
 */
export function pathLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i])) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      if (text[i] === '}') return void i++;
      for (;;) {
        skip();
        const key = string();
        skip();
        i++; // :
        value(path === '' ? key : `${path}.${key}`);
        skip();
        if (text[i] === ',') i++;
        else return void i++;
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        value(`${path}[${index}]`);
        skip();
        if (text[i] === ',') i++;
        else return void i++;
      }
    }
    if (c === '"') return void string();
    while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
  };
  try {
    value('');
  } catch {
    // Invalid JSON: the parse error is reported separately.
  }
  return lines;
}

/** The line of a path, or of its nearest ancestor that has one. */
export function lineOfPath(lines: Map<string, number>, path: string): number | undefined {
  let current = path;
  for (;;) {
    const found = lines.get(current);
    if (found !== undefined) return found;
    if (current === '') return undefined;
    const cut = Math.max(current.lastIndexOf('.'), current.lastIndexOf('['));
    current = cut <= 0 ? '' : current.slice(0, cut);
  }
}

/** Keys that read best first (PostgreSQL's jsonb stores keys in its own order). */
const KEY_ORDER = ['id', 'version', 'kind', 'title', 'name', 'type', 'inputType', 'value', 'text', 'default', 'sv', 'en', 'label', 'description', 'visibleIf', 'expression', 'items', 'choices', 'elements', 'pages', 'survey', 'meta'];

/** Template JSON for the editor: two-space indent, familiar keys first, the rest in their stored order. */
export function formatTemplateJson(value: unknown): string {
  const order = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(order);
    if (node === null || typeof node !== 'object') return node;
    const entries = Object.entries(node as Record<string, unknown>);
    const rank = (key: string) => {
      const index = KEY_ORDER.indexOf(key);
      return index === -1 ? KEY_ORDER.indexOf('description') + 0.5 : index;
    };
    entries.sort(([a], [b]) => rank(a) - rank(b));
    return Object.fromEntries(entries.map(([key, child]) => [key, order(child)]));
  };
  return JSON.stringify(order(value), null, 2);
}
