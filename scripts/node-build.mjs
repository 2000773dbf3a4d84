/**
 * The ahead-of-time build of the server and the command-line tools: each
 * entry below is bundled with esbuild into one JavaScript file in
 * dist/node/ (packages stay external and load from node_modules), so that
 * `npm start` and `npm run analyze` start plain Node with no TypeScript
 * compilation.
 *
 * The build is rebuilt when it is older than any source it bundles (the
 * folders below, package.json and package-lock.json) or when a source file
 * was added or removed: `ensureNodeBuild()` checks this on every start by
 * the files' modification times (a few milliseconds) and rebuilds in about
 * a second. Writes go to temporary files renamed into place, so processes
 * that start together never load a half-written file.
 *
 * Plain JavaScript on purpose: it runs before anything is built.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
export const outDir = join(repoRoot, 'dist/node');

/** Build name → source entry. */
export const ENTRIES = {
  server: 'server/main.ts',
  analyze: 'cli/analyze.ts',
  screening: 'cli/screening.ts',
  draw: 'cli/draw.ts',
  compare: 'cli/compare.ts',
};

/** What the bundles are made of. */
const SOURCE_FOLDERS = ['server', 'cli', 'analysis', 'domain', 'contracts'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'scripts/node-build.mjs'];
const STAMP = join(outDir, 'build-stamp.json');

/** Newest modification time and number of the source files (TypeScript and JSON under the folders). */
function sourceState() {
  let newest = 0;
  let files = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mjs|json|sql|csv)$/.test(entry.name)) {
        files++;
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const folder of SOURCE_FOLDERS) if (existsSync(join(repoRoot, folder))) walk(join(repoRoot, folder));
  for (const file of SOURCE_FILES) {
    const path = join(repoRoot, file);
    if (existsSync(path)) {
      files++;
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return { newest, files };
}

/** Whether dist/node is missing or older than its sources. */
export function nodeBuildIsStale() {
  if (!existsSync(STAMP)) return true;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return true;
  }
  if (Object.keys(ENTRIES).some((name) => !existsSync(join(outDir, `${name}.js`)))) return true;
  const state = sourceState();
  return state.files !== stamp.files || state.newest > stamp.newest;
}

/**
 * Bundled modules keep the meaning of `import.meta.url`: each source file's
 * own URL, written relative to the bundle so the tree can move. Code such as
 * `new URL('./migrations/', import.meta.url)` then finds the files beside
 * its source, as under tsx.
 */
const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return { contents: source, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      const fromBundle = relative(outDir, args.path).split(sep).join('/');
      const contents = source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`);
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

/** Builds every entry into dist/node/<name>.js. Returns the milliseconds it took. */
export async function buildNode() {
  const started = performance.now();
  const before = sourceState();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, entry]) => [name, join(repoRoot, entry)])),
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin],
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
  const temporary = `${STAMP}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ ...before, builtAt: new Date().toISOString() }));
  renameSync(temporary, STAMP);
  return performance.now() - started;
}

/** Rebuilds dist/node when it is stale (with a line on stderr); returns the path of the entry's bundle. */
export async function ensureNodeBuild(name) {
  if (!(name in ENTRIES)) throw new Error(`unknown build entry ${name} (known: ${Object.keys(ENTRIES).join(', ')})`);
  if (nodeBuildIsStale()) {
    process.stderr.write('Building the server and command-line tools (dist/node)…\n');
    const ms = await buildNode();
    process.stderr.write(`Built in ${(ms / 1000).toFixed(1)} s.\n`);
  }
  return join(outDir, `${name}.js`);
}

/** The file URL of an entry's bundle, for import(). */
export function bundleUrl(name) {
  return pathToFileURL(join(outDir, `${name}.js`)).href;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ms = await buildNode();
  console.log(`dist/node built in ${(ms / 1000).toFixed(1)} s`);
}
