/**
 * The folder boundaries of docs/architecture.md, checked on the source text:
 * every import of every file under contracts/, domain/, analysis/, server/,
 * client/ and cli/ is resolved to the folder it lands in, and every string
 * that reads like SQL is located. A new file that crosses a boundary fails
 * here with its path and line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const CODE_FOLDERS = ['contracts', 'domain', 'analysis', 'server', 'client', 'cli'] as const;
type Folder = (typeof CODE_FOLDERS)[number];

interface ImportOf {
  /** As written, e.g. `../../domain/csv` or `zod`. */
  readonly specifier: string;
  /** For a relative import: the repository path it resolves to, e.g. `domain/csv`. */
  readonly target: string | undefined;
  /** `import type …`, `export type …`, or every named binding marked `type`: erased from the build. */
  readonly typeOnly: boolean;
  readonly line: number;
}

/** The imports of one file: static imports and re-exports, `import x = require`, and dynamic `import('…')`. */
export function importsOf(source: string, file: string): ImportOf[] {
  const found: ImportOf[] = [];
  const lineAt = (index: number) => source.slice(0, index).split('\n').length;
  const add = (specifier: string, typeOnly: boolean, index: number) => {
    const target = specifier.startsWith('.') ? normalize(join(dirname(file), specifier)).split(sep).join('/') : undefined;
    found.push({ specifier, target, typeOnly, line: lineAt(index) });
  };
  const statement = /^\s*(import|export)\s+(type\s+)?([^'";=()]*?)\s*from\s*['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(statement)) {
    const clause = match[3];
    const named = /^\{([^}]*)\}$/.exec(clause.trim());
    const allTypes = named !== null && named[1].split(',').filter((part) => part.trim() !== '').every((part) => /^\s*type\s/.test(part));
    add(match[4], match[2] !== undefined || allTypes, match.index);
  }
  for (const match of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) add(match[1], false, match.index);
  for (const match of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    // `import('x').Type` names a type and is erased; `import('x')`, `.then(…)` load code.
    const rest = source.slice(match.index + match[0].length);
    add(match[1], /^\.\s*[A-Za-z_$]/.test(rest) && !/^\.\s*(then|catch|finally)\b/.test(rest), match.index);
  }
  return found;
}

const SQL = /^\s*(select\s[\s\S]*\sfrom\s|select\s+\d|insert\s+into\s|update\s+\w+\s+set\s|delete\s+from\s|with\s+\w+\s+as\s*\(|create\s+(table|index|unique)\s|alter\s+table\s|drop\s+(table|index)\s)/i;

/** String and template literals that read like SQL, with their line. */
export function sqlStringsOf(source: string): { text: string; line: number }[] {
  const found: { text: string; line: number }[] = [];
  for (const match of source.matchAll(/`((?:[^`\\]|\\.)*)`|'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"/g)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    if (SQL.test(text)) found.push({ text: text.trim().slice(0, 60), line: source.slice(0, match.index).split('\n').length });
  }
  return found;
}

function sourceFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
    }
  };
  walk(folder);
  return files;
}

const folderOf = (path: string): string => path.split('/')[0];
const packageOf = (specifier: string): string => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);
const nodeBuiltins = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));
const isNodeBuiltin = (specifier: string) => specifier.startsWith('node:') || nodeBuiltins.has(packageOf(specifier));

/** Packages the pure folders must not import: Node, the HTTP stack, React and the databases. */
const IMPURE_PACKAGES = new Set(['express', 'helmet', 'compression', 'react', 'react-dom', 'survey-react-ui', 'pg', '@electric-sql/pglite', 'vite', 'tsx']);

/** One broken rule, as a line a developer can act on. */
function violation(file: string, line: number, rule: string, what: string): string {
  return `${file}:${line}: ${rule} (${what})`;
}

/** Checks one file's imports against the rules of its folder; returns the violations. */
export function checkImports(file: string, imports: readonly ImportOf[]): string[] {
  const folder = folderOf(file) as Folder;
  const problems: string[] = [];
  for (const found of imports) {
    const targetFolder = found.target ? folderOf(found.target) : undefined;
    const what = found.specifier;
    if (folder === 'server' && targetFolder === 'cli') problems.push(violation(file, found.line, 'server/ imports nothing from cli/', what));
    if (folder === 'client' && targetFolder === 'server') {
      problems.push(violation(file, found.line, 'client/ imports nothing from server/, not even types: wire types come from contracts/', what));
    }
    if (folder === 'client' && (targetFolder === 'cli' || (targetFolder === 'analysis' && !found.typeOnly))) {
      problems.push(violation(file, found.line, 'client/ bundles only client/, contracts/ and domain/ code', what));
    }
    if (folder === 'analysis' || folder === 'domain') {
      if (!found.target && (isNodeBuiltin(found.specifier) || IMPURE_PACKAGES.has(packageOf(found.specifier)))) {
        problems.push(violation(file, found.line, `${folder}/ is pure: no Node, HTTP, React or database imports`, what));
      }
      const allowed = folder === 'analysis' ? ['analysis', 'domain'] : ['domain'];
      if (targetFolder !== undefined && !allowed.includes(targetFolder)) {
        problems.push(violation(file, found.line, `${folder}/ imports only from ${allowed.map((f) => `${f}/`).join(' and ')}`, what));
      }
    }
    if (folder === 'contracts') {
      if (!found.target && packageOf(found.specifier) !== 'zod') problems.push(violation(file, found.line, 'contracts/ imports only zod and domain/', what));
      if (targetFolder !== undefined && targetFolder !== 'contracts' && targetFolder !== 'domain') {
        problems.push(violation(file, found.line, 'contracts/ imports only zod and domain/', what));
      }
    }
  }
  return problems;
}

/** SQL belongs in server/queries/ (and the drivers and migration runner in server/db/). */
export function checkSql(file: string, source: string): string[] {
  if (file.startsWith('server/queries/') || file.startsWith('server/db/')) return [];
  return sqlStringsOf(source).map((sql) => violation(file, sql.line, 'SQL only in server/queries/', sql.text));
}

describe('the checker itself', () => {
  it('resolves imports and tells type-only ones from the rest', () => {
    const source = [
      "import { parseCsv } from '../../domain/csv';",
      "import type { Me } from '../../contracts/auth';",
      "import { type A, type B } from '../../server/x';",
      "import { type A, b } from '../../server/y';",
      "export { c } from './c';",
      "const later = await import('../../cli/z');",
      "type T = import('../../server/w').T;",
    ].join('\n');
    expect(importsOf(source, 'client/staff/page.tsx').map((i) => [i.target, i.typeOnly, i.line])).toEqual([
      ['domain/csv', false, 1],
      ['contracts/auth', true, 2],
      ['server/x', true, 3],
      ['server/y', false, 4],
      ['client/staff/c', false, 5],
      ['cli/z', false, 6],
      ['server/w', true, 7],
    ]);
  });

  it('reports each kind of crossing', () => {
    const check = (file: string, line: string) => checkImports(file, importsOf(line, file));
    expect(check('server/services/x.ts', "import { readCsvFile } from '../../cli/csv';")).toEqual([
      "server/services/x.ts:1: server/ imports nothing from cli/ (../../cli/csv)",
    ]);
    expect(check('client/staff/x.ts', "import { f } from '../../server/templates/prepare-survey';")).toHaveLength(1);
    expect(check('client/staff/x.ts', "import type { T } from '../../server/services/county';")).toHaveLength(1);
    expect(check('client/staff/x.ts', "import type { Me } from '../../contracts/auth';")).toEqual([]);
    expect(check('analysis/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(check('analysis/x.ts', "import { readFileSync } from 'fs';")).toHaveLength(1);
    expect(check('domain/x.ts', "import { Router } from 'express';")).toHaveLength(1);
    expect(check('domain/x.ts', "import { rake } from '../analysis/rake';")).toHaveLength(1);
    expect(check('analysis/x.ts', "import { parseAgeGroups } from '../domain/age-groups';")).toEqual([]);
    expect(check('analysis/x.ts', "import type { Database } from '../server/db/database';")).toHaveLength(1);
    expect(check('contracts/x.ts', "import { campaignDetail } from '../server/services/campaign-lifecycle';")).toHaveLength(1);
    expect(check('contracts/x.ts', "import { nanoid } from 'nanoid';")).toHaveLength(1);
    expect(check('contracts/x.ts', "import { z } from 'zod';\nimport { SCREENING_KON } from '../domain/screening-contact';")).toEqual([]);
  });

  it('finds SQL in string and template literals outside server/queries/', () => {
    const source = "const ok = 'selected units';\nawait db.query(`select kod from kommuner\n where lan_kod = $1`, [lan]);\nawait tx.query('delete from drafts where id = $1');";
    expect(checkSql('server/services/x.ts', source)).toEqual([
      'server/services/x.ts:2: SQL only in server/queries/ (select kod from kommuner\n where lan_kod = $1)',
      'server/services/x.ts:4: SQL only in server/queries/ (delete from drafts where id = $1)',
    ]);
    expect(checkSql('server/queries/x.ts', source)).toEqual([]);
    expect(checkSql('server/routes/health-routes.ts', "await db.query('select 1');")).toHaveLength(1);
  });
});

describe('folder boundaries (docs/architecture.md)', () => {
  const files = CODE_FOLDERS.flatMap(sourceFiles);

  it('reads every code folder', () => {
    for (const folder of CODE_FOLDERS) expect(files.some((file) => file.startsWith(`${folder}/`)), folder).toBe(true);
  });

  it('no import crosses a boundary', () => {
    const problems = files.flatMap((file) => checkImports(file, importsOf(readFileSync(join(root, file), 'utf8'), file)));
    expect(problems).toEqual([]);
  });

  it('no SQL outside server/queries/', () => {
    const problems = files.flatMap((file) => checkSql(file, readFileSync(join(root, file), 'utf8')));
    expect(problems).toEqual([]);
  });

});
