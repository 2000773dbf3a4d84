/**
 * The command line against R's survey package on the same files, paired in
 * one run (not a test: figures are printed, not asserted).
 *
 *   npx tsx bench/cli-vs-r.ts [respondents] [--cli-runs 3]
 *
 * Writes 100,000 synthetic respondents (kön × åldersgrupp 2 × 5, område 6,
 * 20 indicators of 0/1 with 1 % missing) and the two population tables as
 * CSV files, then times, from start to finish as a user runs them:
 *
 *   - `npm run --silent analyze -- --responses R.csv --population P1.csv --population P2.csv
 *     --margins kon:aldersgrupp,omrade --indicator i1 … --indicator i20 --by kon --by aldersgrupp --by omrade`
 *     (read, rake, linearised SEs, logit CIs, totals, JSON out), `--cli-runs` times;
 *   - `Rscript` doing the same with survey, as lean as R allows: read.csv,
 *     svydesign, rake, then for every indicator svymean overall and svyby(svymean)
 *     over kön, åldersgrupp and område, with the logit interval computed from p
 *     and its SE (what svyciprop(method = "logit") gives, without refitting a
 *     model per domain).
 *
 * Prints each time, the ratio R / CLI (median CLI run; target ≥ 50), and the
 * largest difference between the two programs' proportions and SEs, so the
 * comparison is between equal work. Without Rscript it prints the CLI only.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mulberry32 } from '../analysis/mulberry32';

const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--cli-runs');
const n = Number(positional[0] ?? 100_000);
const cliRunsAt = process.argv.indexOf('--cli-runs');
const cliRuns = cliRunsAt > 0 ? Number(process.argv[cliRunsAt + 1]) : 3;
const indicatorCount = 20;
const indicators = Array.from({ length: indicatorCount }, (_, j) => `i${j + 1}`);
const kon = ['kvinna', 'man'];
const ages = ['18-29', '30-44', '45-64', '65-74', '75-85'];
const areas = ['A', 'B', 'C', 'D', 'E', 'F'];

const dir = mkdtempSync(join(tmpdir(), 'bench-cli-vs-r-'));
const files = { responses: join(dir, 'svar.csv'), konAlder: join(dir, 'befolkning-kon-alder.csv'), omrade: join(dir, 'befolkning-omrade.csv') };

function writeFiles(): void {
  const random = mulberry32(42);
  const lines: string[] = [['id', 'kon', 'aldersgrupp', 'omrade', ...indicators].join(',')];
  for (let i = 0; i < n; i++) {
    const k = random() < 0.55 ? 0 : 1;
    const a = Math.floor(random() * 5);
    const o = Math.floor(random() * 6);
    const cells: (string | number)[] = [i + 1, kon[k], ages[a], areas[o]];
    for (let j = 0; j < indicatorCount; j++) {
      const p = 0.02 + 0.01 * j + 0.05 * (k === 0 ? 1 : 0) - 0.01 * a;
      cells.push(random() < 0.01 ? '' : random() < p ? 1 : 0);
    }
    lines.push(cells.join(','));
  }
  writeFileSync(files.responses, lines.join('\n') + '\n');
  const konAlder = kon.flatMap((k, ki) => ages.map((a, ai) => ({ kon: k, aldersgrupp: a, antal: 40_000 + 3_000 * ki + 5_000 * ai })));
  writeFileSync(files.konAlder, ['kon,aldersgrupp,antal', ...konAlder.map((r) => `${r.kon},${r.aldersgrupp},${r.antal}`)].join('\n') + '\n');
  const total = konAlder.reduce((s, r) => s + r.antal, 0);
  const shares = [0.25, 0.2, 0.18, 0.15, 0.12, 0.1];
  const omrade = areas.map((o, oi) => `${o},${Math.round(total * shares[oi])}`);
  writeFileSync(files.omrade, ['omrade,antal', ...omrade].join('\n') + '\n');
}

const R_SCRIPT = `
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], stringsAsFactors = FALSE)
pka <- read.csv(args[2], stringsAsFactors = FALSE); names(pka)[3] <- "Freq"
po <- read.csv(args[3], stringsAsFactors = FALSE); names(po)[2] <- "Freq"
d$w0 <- sum(pka$Freq) / nrow(d)
des <- rake(svydesign(ids = ~1, weights = ~w0, data = d), list(~kon + aldersgrupp, ~omrade), list(pka, po),
            control = list(maxit = 100, epsilon = 1e-10))
out <- list()
# The logit interval from p and its SE, as svyciprop(method = "logit") gives it, without refitting a model per domain.
logit_ci <- function(p, se, df) plogis(qlogis(p) - qt(0.975, df) * se / (p * (1 - p)))
for (ind in paste0("i", 1:${indicatorCount})) {
  f <- as.formula(paste0("~", ind))
  m <- svymean(f, des, na.rm = TRUE)
  out[[length(out) + 1]] <- data.frame(indicator = ind, by = "", level = "", p = coef(m)[[1]], se = SE(m)[[1]], lo = logit_ci(coef(m)[[1]], SE(m)[[1]], degf(des)))
  for (by in c("kon", "aldersgrupp", "omrade")) {
    sm <- svyby(f, as.formula(paste0("~", by)), des, svymean, na.rm = TRUE)
    out[[length(out) + 1]] <- data.frame(indicator = ind, by = by, level = as.character(sm[[by]]), p = coef(sm), se = SE(sm), lo = logit_ci(coef(sm), SE(sm), degf(des)))
  }
}
write.csv(do.call(rbind, out), args[4], row.names = FALSE)
`;

interface Estimate {
  indicator: string;
  domain: Record<string, string>;
  proportion: number | null;
  se: number | null;
  ci: [number, number] | null;
}

function timeCommand(command: string, args: string[]): { seconds: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return { seconds, stdout: result.stdout };
}

const hasR = spawnSync('Rscript', ['-e', 'suppressMessages(library(survey))'], { encoding: 'utf8' }).status === 0;
try {
  writeFiles();
  console.log(`CLI vs R: ${n.toLocaleString('en')} respondents × ${indicatorCount} indicators, raking on kön × åldersgrupp and område, overall + by kön, åldersgrupp, område`);
  // The first start builds dist/node if a source changed; that build is not part of a user's run.
  spawnSync('node', ['scripts/node-build.mjs'], { stdio: 'ignore' });
  const cliArgs = [
    'run', '--silent', 'analyze', '--',
    '--responses', files.responses, '--population', files.konAlder, '--population', files.omrade,
    '--margins', 'kon:aldersgrupp,omrade', ...indicators.flatMap((i) => ['--indicator', i]), '--by', 'kon', '--by', 'aldersgrupp', '--by', 'omrade',
  ];
  const cliTimes: number[] = [];
  let cliOut = '';
  const runCli = () => {
    const { seconds, stdout } = timeCommand('npm', cliArgs);
    cliTimes.push(seconds);
    cliOut = stdout;
    console.log(`  npm run --silent analyze: ${seconds.toFixed(2)} s`);
  };
  // Paired: CLI runs before and after R, so both see the same machine.
  const before = Math.ceil(cliRuns / 2);
  for (let run = 0; run < before; run++) runCli();
  let rSeconds: number | undefined;
  const rOut = join(dir, 'r-estimates.csv');
  if (hasR) {
    const script = join(dir, 'analyze.R');
    writeFileSync(script, R_SCRIPT);
    rSeconds = timeCommand('Rscript', [script, files.responses, files.konAlder, files.omrade, rOut]).seconds;
    console.log(`  Rscript (survey ${spawnSync('Rscript', ['-e', 'cat(as.character(packageVersion("survey")))'], { encoding: 'utf8' }).stdout}): ${rSeconds.toFixed(1)} s`);
  } else {
    console.log('  Rscript with the survey package not found: R skipped');
  }
  for (let run = before; run < cliRuns; run++) runCli();
  const median = [...cliTimes].sort((a, b) => a - b)[Math.floor(cliTimes.length / 2)];
  if (rSeconds !== undefined) {
    const estimates = (JSON.parse(cliOut) as { estimates: Estimate[] }).estimates;
    const rRows = readFileSync(rOut, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
    let maxP = 0;
    let maxSe = 0;
    let maxLo = 0;
    for (const [indicator, by, level, p, se, lo] of rRows) {
      const match = estimates.find((e) => e.indicator === indicator && (by === '' ? Object.keys(e.domain).length === 0 : Object.keys(e.domain).length === 1 && e.domain[by] === level));
      if (!match || match.proportion === null || match.se === null) throw new Error(`no CLI estimate for ${indicator} ${by}=${level}`);
      maxP = Math.max(maxP, Math.abs(match.proportion - Number(p)));
      maxSe = Math.max(maxSe, Math.abs(match.se - Number(se)) / Number(se));
      if (match.ci) maxLo = Math.max(maxLo, Math.abs(match.ci[0] - Number(lo)));
    }
    console.log(
      `  same numbers: ${rRows.length} estimates, largest |Δp| ${maxP.toExponential(1)}, largest relative ΔSE ${maxSe.toExponential(1)}, ` +
        `largest |Δ lower CI| ${maxLo.toExponential(1)} (R's df here is the design's, the CLI's the domain's answered)`,
    );
    console.log(`  R / CLI (median of ${cliTimes.length} CLI runs, ${median.toFixed(2)} s): ${(rSeconds / median).toFixed(0)}× (target ≥ 50×)`);
  } else {
    console.log(`  CLI median of ${cliTimes.length} runs: ${median.toFixed(2)} s`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
