/**
 * The R script (survey package) and SPSS syntax that come with the microdata export: they load
 * `svar.csv` with its labels, rebuild the workspace's design and weighting, check that the weights
 * equal the export's `vikt`, and reproduce the workspace's estimates and intervals. The scripts carry
 * only the analysis settings and the population totals (aggregates); the data stay in the CSV file.
 */
import type { RecordTable } from '../../analysis/index';
import type { AnalysisRequest } from '../../contracts/analysis';
import { textFor } from '../../domain/localized-text';
import type { AuthContext } from '../auth/auth-context';
import type { Database } from '../db/database';
import { badRequest } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { prepareCampaignAnalysis } from './analysis';
import { analysisColumns, WEIGHT_COLUMNS } from './response-export';

type Prepared = Awaited<ReturnType<typeof prepareCampaignAnalysis>>;

/** A margin's population totals, summed from the first table with its variables (as the engine does), levels collapsed. */
function marginTotals(margin: readonly string[], tables: readonly RecordTable[], collapse: Readonly<Record<string, Readonly<Record<string, string>>>>): Map<string, { cell: string[]; total: number }> {
  const table = tables.find((t) => margin.every((v) => (t.columns ?? Object.keys(t.rows[0] ?? {})).includes(v)));
  if (!table) throw badRequest(`Ingen befolkningstabell har ${margin.join(' × ')}, så skriptet kan inte skrivas.`);
  const totals = new Map<string, { cell: string[]; total: number }>();
  for (const row of table.rows) {
    const cell = margin.map((v) => {
      const value = String(row[v] ?? '').trim();
      return collapse[v]?.[value] ?? value;
    });
    const key = JSON.stringify(cell);
    const entry = totals.get(key) ?? { cell, total: 0 };
    entry.total += Number(String(row.antal).replace(/\s/g, '').replace(',', '.'));
    totals.set(key, entry);
  }
  return totals;
}

const rString = (value: string) => JSON.stringify(value);
const rVector = (values: readonly string[]) => `c(${values.map(rString).join(', ')})`;
const spssString = (value: string) => `'${value.replace(/'/g, "''")}'`;
const DOC = 'docs/analysis.md, "Microdata and scripts"';

/** The R script: read, label, design, calibrate, check the weights, estimate as the workspace. */
export function microdataRScript(prepared: Prepared, fileName = 'svar.csv'): string {
  const { options, design, population, template, indicators, collapse, areas } = prepared;
  const margins = options.margins ?? [];
  const method = options.method ?? 'rake';
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  line(`# ${template.title}: ${prepared.campaign.title}`);
  line(`# Återskapar arbetsytans skattningar ur mikrodatan (${fileName}) med R-paketet survey (Lumley).`);
  line(`# Kör i mappen där ${fileName} ligger:  Rscript analys.R`);
  line('# Kräver paketet survey (install.packages("survey") eller Debians r-cran-survey).');
  line(`# Metod och formler: ${DOC}. Andelar, standardfel och intervall ska stämma med arbetsytan;`);
  line('# arbetsytan döljer dessutom små grupper (och grupper som skulle avslöja dem), vilket skriptet bara markerar.');
  line('suppressMessages(library(survey))');
  line('options(survey.lonely.psu = "adjust")  # ett stratum med en enda svarande centreras på totalmedelvärdet, som i arbetsytan');
  line('');
  line(`svar <- read.csv2(${rString(fileName)}, fileEncoding = "UTF-8-BOM", colClasses = "character", na.strings = "")`);
  line('tal <- function(x) as.numeric(sub(",", ".", x, fixed = TRUE))');
  line(`indikatorer <- ${rVector(indicators)}`);
  line('for (v in c(indikatorer, "stratum_N", "vikt_bas", "vikt")) svar[[v]] <- tal(svar[[v]])');
  if (svarHas(prepared, 'alder')) line('svar$alder <- tal(svar$alder)');
  line('');
  line('# Etiketter');
  for (const id of indicators) {
    const info = template.meta.indicators.find((i) => i.id === id);
    line(`attr(svar$${id}, "label") <- ${rString(info ? textFor(info.label) : id)}`);
  }
  if (areas.length > 0) line(`omradesnamn <- setNames(${rVector(areas.map((a) => textFor(a.name)))}, ${rVector(areas.map((a) => a.code))})`);
  line('');
  line('# Bara de som kunde vägas (vagd = 1); övriga saknar kön, ålder eller område som befolkningstalen har.');
  line('svar <- subset(svar, vagd == "1")');
  if (design.source === 'register') {
    line('# Kön, åldersgrupp och område kommer från registret (kodens stratum), inte från svaren, som finns kvar som svar_*.');
    for (const v of design.registerVariables) {
      line(`svar$svar_${v} <- svar$${v}`);
      line(`svar$${v} <- svar$stratum_${v}`);
    }
  }
  for (const [variable, map] of Object.entries(collapse)) {
    const groups = new Map<string, string[]>();
    for (const [level, merged] of Object.entries(map)) groups.set(merged, [...(groups.get(merged) ?? []), level]);
    for (const [merged, levels] of groups) line(`svar$${variable}[svar$${variable} %in% ${rVector(levels)}] <- ${rString(merged)}  # sammanslagna grupper`);
  }
  line('');
  line('# Designen');
  const fpc = options.fpc ? ', fpc = ~stratum_N' : '';
  if (design.stratified) line(`d0 <- svydesign(ids = ~1, strata = ~stratum, weights = ~vikt_bas${fpc}, data = svar)  # N_h/n_h per stratum`);
  else line(`d0 <- svydesign(ids = ~1, weights = ~vikt_bas${fpc}, data = svar)  # N/n`);
  line('');
  if (margins.length === 0 && !options.trim) {
    line('d <- d0  # ingen kalibrering');
  } else {
    margins.forEach((margin, m) => {
      const totals = [...marginTotals(margin, population.tables, collapse).values()];
      const columns = margin.map((v, j) => `${v} = ${rVector(totals.map((t) => t.cell[j]))}`);
      line(`bef_${m + 1} <- data.frame(${columns.join(', ')}, Freq = c(${totals.map((t) => t.total).join(', ')}))  # ${population.sources.map((s) => s.source).join('; ')}`);
    });
    const formulas = `list(${margins.map((m) => `~${m.join(' + ')}`).join(', ')})`;
    const tables = `list(${margins.map((_, m) => `bef_${m + 1}`).join(', ')})`;
    const rakingFamily = method === 'rake' || method === 'raking';
    if (options.trim && margins.length === 0) {
      line(`d <- trimWeights(d0, upper = ${options.trim.upper ?? 'Inf'}, lower = ${options.trim.lower ?? 0}, strict = TRUE)`);
    } else if (options.trim) {
      line(`d <- calibrate(d0, ${formulas}, population = ${tables}, calfun = ${rString(rakingFamily ? 'raking' : 'linear')}, bounds = c(${options.trim.lower ?? 0}, ${options.trim.upper ?? 'Inf'}), bounds.const = TRUE, maxit = 100)  # trimning: gränser på vikterna`);
    } else if (options.bounds) {
      line(`d <- calibrate(d0, ${formulas}, population = ${tables}, calfun = ${rString(rakingFamily ? 'raking' : 'linear')}, bounds = c(${options.bounds[0]}, ${options.bounds[1]}), maxit = 100)`);
    } else if (method === 'rake') {
      line(`d <- rake(d0, ${formulas}, ${tables}, control = list(maxit = 100, epsilon = 1e-10))`);
    } else if (method === 'poststrat') {
      const all = [...new Set(margins.flat())];
      const totals = [...marginTotals(all, population.tables, collapse).values()];
      line(`bef_post <- data.frame(${all.map((v, j) => `${v} = ${rVector(totals.map((t) => t.cell[j]))}`).join(', ')}, Freq = c(${totals.map((t) => t.total).join(', ')}))`);
      line(`d <- postStratify(d0, ~${all.join(' + ')}, bef_post)`);
    } else {
      line(`d <- calibrate(d0, ${formulas}, population = ${tables}, calfun = ${rString(method === 'raking' ? 'raking' : 'linear')}, maxit = 100)`);
    }
  }
  line('# Vikterna ska vara exportens vikt:');
  line('stopifnot(isTRUE(all.equal(unname(weights(d)), svar$vikt, tolerance = 1e-7)))');
  line('');
  line('# Skattningar per indikator och grupp, som i arbetsytan');
  line(`niva <- ${options.level ?? 0.95}; intervall <- ${rString(options.ci ?? 'logit')}; frihetsgrader <- ${rString(options.df ?? 'design')}; minsta <- ${options.minCell ?? 5}`);
  line(`grupper <- list(character(0)${(options.by ?? []).map((spec) => `, ${rVector(spec)}`).join('')})`);
  line(`kalibrerad <- ${margins.length > 0 || options.trim ? 'TRUE' : 'FALSE'}`);
  out.push(R_ESTIMATES);
  return `${out.join('\n')}\n`;
}

function svarHas(prepared: Prepared, column: string): boolean {
  return prepared.loaded.columns.columns.has(column);
}

const R_ESTIMATES = `skatta <- function(design, ind, dom) {
  v <- design$variables
  idom <- rep(TRUE, nrow(v))
  for (k in names(dom)) idom <- idom & !is.na(v[[k]]) & v[[k]] == dom[[k]]
  obs <- !is.na(v[[ind]])
  n <- sum(idom & obs)
  rad <- data.frame(indikator = ind, grupp = if (length(dom)) paste(names(dom), unlist(dom), sep = "=", collapse = ";") else "", n = n,
                    andel = NA, se = NA, ki_nedre = NA, ki_ovre = NA, antal = NA, antal_ki_nedre = NA, antal_ki_ovre = NA, dold = n < minsta)
  if (n < minsta || n < 2) return(rad)
  df <- if (frihetsgrader == "design") degf(design[idom, ]) else degf(design[idom & obs, ])
  design$variables$yy <- ifelse(obs, v[[ind]], 0)
  del <- design[idom & obs, ]
  m <- svymean(~yy, del)
  p <- as.numeric(coef(m)); se <- as.numeric(SE(m))
  # Korn–Graubard as svyciprop(method = "beta"): nrow − 1 of the whole calibrated design, of the domain otherwise.
  raddf <- if (kalibrerad) nrow(design$variables) - 1 else sum(idom) - 1
  ki <- function(p, se) {
    a <- 1 - niva
    if (p == 0 || p == 1) return(as.numeric(binom.test(round(p * n), n, conf.level = niva)$conf.int))
    if (intervall == "wilson") {
      z <- qnorm((1 + niva) / 2); ne <- p * (1 - p) / se^2
      return((p + z^2 / (2 * ne) + c(-1, 1) * z * sqrt(p * (1 - p) / ne + z^2 / (4 * ne^2))) / (1 + z^2 / ne))
    }
    if (intervall == "logit") return(plogis(qlogis(p) + c(-1, 1) * qt((1 + niva) / 2, df) * se / (p * (1 - p))))
    ne <- p * (1 - p) / se^2 * (qt(a / 2, raddf) / qt(a / 2, df))^2
    c(qbeta(a / 2, ne * p, ne * (1 - p) + 1), qbeta(1 - a / 2, ne * p + 1, ne * (1 - p)))
  }
  kip <- ki(p, se)
  dd <- design[idom, ]
  y <- dd$variables[[ind]]
  dd$variables$y0 <- ifelse(is.na(y), 0, y); dd$variables$ob <- as.numeric(!is.na(y)); dd$variables$en <- 1
  tt <- svytotal(~y0 + ob + en, dd)
  tc <- svycontrast(tt, quote(en * y0 / ob))
  Nd <- unname(coef(tt)["en"]); T <- as.numeric(coef(tc)); seT <- as.numeric(SE(tc))
  kit <- Nd * ki(p, seT / Nd)
  rad$andel <- p; rad$se <- se; rad$ki_nedre <- kip[1]; rad$ki_ovre <- kip[2]
  rad$antal <- T; rad$antal_ki_nedre <- kit[1]; rad$antal_ki_ovre <- kit[2]
  rad
}
rader <- list()
for (ind in indikatorer) for (g in grupper) {
  nivaer <- if (length(g) == 0) data.frame(alla = 1) else unique(d$variables[complete.cases(d$variables[, g, drop = FALSE]), g, drop = FALSE])
  for (i in seq_len(nrow(nivaer))) {
    dom <- if (length(g) == 0) list() else as.list(setNames(as.character(unlist(nivaer[i, g, drop = FALSE])), g))
    rader[[length(rader) + 1]] <- skatta(d, ind, dom)
  }
}
skattningar <- do.call(rbind, rader)
write.csv(skattningar, "skattningar-r.csv", row.names = FALSE)
print(skattningar, digits = 4)
cat("Skrev skattningar-r.csv\\n")`;

/** SPSS syntax: reads the Excel-format file with labels, selects the weighted, sets up the complex-samples plan and estimates. */
export function microdataSpssSyntax(prepared: Prepared, fileName = 'svar.csv'): string {
  const { options, design, template, indicators, areas } = prepared;
  const { header } = analysisColumns(template, prepared.loaded.stratumVariables);
  const names = [...header, ...WEIGHT_COLUMNS];
  const format = (name: string) =>
    indicators.includes(name) || name === 'vagd' ? 'F1.0' : name === 'alder' ? 'F3.0' : name === 'stratum_N' ? 'F12.0' : name === 'vikt' || name === 'vikt_bas' ? 'F24.12' : name === 'stratum' ? 'A200' : 'A60';
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  line(`* ${template.title}: ${prepared.campaign.title}.`);
  line(`* Läser ${fileName} (Excel-format: semikolon, decimalkomma, UTF-8) med etiketter och skattar som arbetsytan.`);
  line(`* Metod: ${DOC}.`);
  line('* Andelarna blir exakt arbetsytans. SPSS Complex Samples räknar standardfelen utan kalibreringens korrektion');
  line('* (de blir något större) och ger symmetriska intervall; arbetsytans logit-intervall och standardfel återskapas med analys.R.');
  line('SET UNICODE=ON DECIMAL=COMMA.');
  line(`GET DATA /TYPE=TXT /FILE=${spssString(fileName)} /ENCODING='UTF8' /ARRANGEMENT=DELIMITED /DELIMITERS=";" /QUALIFIER='"' /FIRSTCASE=2`);
  line(`  /VARIABLES=${names.map((n) => `${n} ${format(n)}`).join('\n    ')}.`);
  line('EXECUTE.');
  line('VARIABLE LABELS');
  const labels: string[] = [];
  for (const id of indicators) {
    const info = template.meta.indicators.find((i) => i.id === id);
    labels.push(`  ${id} ${spssString(info ? textFor(info.label) : id)}`);
  }
  labels.push(`  vikt 'Slutlig vikt (antal invånare per svar)'`, `  vikt_bas 'Utgångsvikt (N_h/n_h eller N/n)'`, `  stratum 'Urvalsstratum'`, `  stratum_N 'Stratumets storlek i urvalsramen (N_h)'`, `  vagd 'Ingår i vägningen (1 = ja)'`);
  line(`${labels.join('\n')}.`);
  line(`VALUE LABELS ${indicators.join(' ')} vagd 0 'Nej' 1 'Ja'.`);
  if (areas.length > 0) {
    const areaVars = ['omrade', ...(design.registerVariables.includes('omrade') ? ['stratum_omrade'] : [])].filter((v) => names.includes(v));
    if (areaVars.length > 0) line(`VALUE LABELS ${areaVars.join(' ')} ${areas.map((a) => `${spssString(a.code)} ${spssString(textFor(a.name))}`).join(' ')}.`);
  }
  line('SELECT IF (vagd = 1).');
  if (design.source === 'register') {
    line('* Kön, åldersgrupp och område kommer från registret (kodens stratum).');
    for (const v of design.registerVariables) line(`COMPUTE ${v} = stratum_${v}.`);
  }
  line('EXECUTE.');
  const plan = "'lagesbild.csaplan'";
  const estimator = options.fpc ? `/ESTIMATOR TYPE=EQUAL_WOR\n  /POPSIZE VARIABLE=stratum_N` : '/ESTIMATOR TYPE=WR';
  line(`CSPLAN ANALYSIS /PLAN FILE=${plan}\n  /PLANVARS ANALYSISWEIGHT=vikt\n  /DESIGN${design.stratified ? ' STRATA=stratum' : ''}\n  ${estimator}.`);
  const level = Math.round((options.level ?? 0.95) * 100);
  for (const spec of [[], ...(options.by ?? [])]) {
    const subpop = spec.length > 0 ? `\n  /SUBPOP TABLE=${spec.join(' BY ')} DISPLAY=LAYERED` : '';
    line(`CSDESCRIPTIVES /PLAN FILE=${plan}\n  /SUMMARY VARIABLES=${indicators.join(' ')}${subpop}\n  /MEAN\n  /STATISTICS SE CIN(${level})\n  /MISSING SCOPE=ANALYSIS CLASSMISSING=EXCLUDE.`);
  }
  return `${out.join('\n')}\n`;
}

/** GET /api/campaigns/:id/responses.R and responses.sps: the script for the analysis with the given settings; audit-logged. */
export async function microdataScript(db: Database, auth: AuthContext, id: string, analysis: AnalysisRequest, kind: 'r' | 'spss'): Promise<string> {
  const prepared = await prepareCampaignAnalysis(db, auth, id, analysis);
  await writeAuditLog(db, { userId: auth.userId, kommunkod: prepared.campaign.kommunkod, action: 'campaign.analysis_script', details: { campaignId: id, kind } });
  return kind === 'r' ? microdataRScript(prepared) : microdataSpssSyntax(prepared);
}
