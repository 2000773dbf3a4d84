/**
 * Runs a built entry (server, analyze, screening, draw) with plain Node:
 *
 *   node scripts/run.mjs analyze --responses R.csv …
 *
 * Rebuilds dist/node first when a source is newer than the build
 * (scripts/node-build.mjs), then loads the bundle. `process.argv[1]` is set
 * to the entry's source path, as if it had been run with tsx, so the entry
 * sees its own arguments from `process.argv[2]` on.
 */
import { join } from 'node:path';
import { bundleUrl, ENTRIES, ensureNodeBuild, repoRoot } from './node-build.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name || !(name in ENTRIES)) {
  process.stderr.write(`usage: node scripts/run.mjs <${Object.keys(ENTRIES).join('|')}> [arguments]\n`);
  process.exit(2);
}
await ensureNodeBuild(name);
process.argv = [process.argv[0], join(repoRoot, ENTRIES[name]), ...args];
await import(bundleUrl(name));
