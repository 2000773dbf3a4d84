/**
 * The lägesbild in the browser: a stratified campaign of 2026 with a reminder wave, an older campaign
 * of the same questionnaire (2016) and a registered series over three years. The analyst runs the
 * analysis, reads the change over time, downloads the estimates for Excel, opens the lägesbild and
 * checks that the method section names n, the response rate, the dates and the design, that the trend
 * chart and tables are there, and that the print layout and the Word file hold the report.
 * Screenshots and the Word file go to .tmp/e2e/lagesbild-*.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaTable, responders, STRATA } from '../analysis/fixtures/stratified-campaign/campaign';
import { formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, screenshotDir, screenshotWidths, startServer, type StaffSession, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
let session: StaffSession;
let currentId: string;
let olderId: string;
const now = new Date();
const aligned = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 6, now.getUTCDate())).getUTCFullYear();
const SAMPLE = { frameDate: '2026-01-15', frameSize: STRATA.reduce((a, s) => a + s.N, 0), allocation: { method: 'precision', targetHalfWidth: 0.05, expectedPrevalence: 0.3, expectedResponseRate: 0.45 }, sampleSize: STRATA.reduce((a, s) => a + s.count, 0), ageReferenceYear: 2026 };

async function staff(method: string, path: string, body?: unknown, contentType = 'application/json', as: StaffSession = session): Promise<any> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: as.cookie, 'x-csrf-token': as.csrfToken, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A stratified code campaign of the population questionnaire answered by `share` of the fixture's responders, then closed. */
async function campaign(title: string, periodStart: string, share: number, reminderAfter?: number): Promise<string> {
  const { id } = await staff('POST', '/api/campaigns', { templateId: 'befolkningsenkat', title });
  await staff('PATCH', `/api/campaigns/${id}`, { periodStart, areas: [{ code: 'omrade_1', name: 'Centrum' }, { code: 'omrade_2', name: 'Norr' }, { code: 'omrade_3', name: 'Söder' }] });
  const issued = await staff('POST', `/api/campaigns/${id}/codes`, { strata: STRATA, sample: SAMPLE });
  await staff('POST', `/api/campaigns/${id}/open`);
  const key = (s: Record<string, string>) => `${s.kon}|${s.aldersgrupp}|${s.omrade}`;
  const codes = new Map<string, string[]>();
  for (const code of issued.codes as { code: string; stratum: Record<string, string> }[]) codes.set(key(code.stratum), [...(codes.get(key(code.stratum)) ?? []), code.code]);
  const who = responders().filter((_, i) => i % 100 < share * 100);
  for (const [n, responder] of who.entries()) {
    if (n === reminderAfter) await staff('POST', `/api/campaigns/${id}/reminders`);
    const code = codes.get(key(STRATA[responder.stratum].stratum))!.shift()!;
    const submit = () =>
      fetch(`${server.url}/api/respond/${code}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: `lagesbild-${title}-${n}-submission`, answers: responder.answers }),
      });
    let response = await submit();
    // One address may submit 600 a minute; wait as a real client would.
    while (response.status === 429) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      response = await submit();
    }
    if (response.status !== 201) throw new Error(`submit ${n}: ${response.status} ${await response.text()}`);
  }
  // Closing writes the last batch (docs/privacy.md).
  await staff('POST', `/api/campaigns/${id}/close`);
  return id;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await loginApi(server);
  olderId = await campaign('Befolkningsenkät 2016', '2016-03-01', 0.7);
  currentId = await campaign('Befolkningsenkät 2026', `${now.getUTCFullYear()}-01-20`, 1, 200);
  const area = `omrade,antal\n${areaTable().map((r) => `${r.omrade},${r.antal}`).join('\n')}\n`;
  await staff('POST', '/api/kommuner/9999/population-tables?name=Områden&fileName=omraden.csv', area, 'text/csv; charset=utf-8');
  const years = [aligned - 2, aligned - 1, aligned];
  const reg = ['indikator,ar,kon,antal', ...years.flatMap((y, i) => [`vald_i_nara_relation,${y},,${60 + 4 * i}`, `vald_i_nara_relation,${y},kvinna,${45 + 3 * i}`, `vald_i_nara_relation,${y},man,${15 + i}`])].join('\n');
  await staff('POST', `/api/campaigns/${currentId}/registered-tables?name=Ärenden%20${years[0]}–${aligned}&period=${years[0]}–${aligned}&fileName=REG.csv`, reg, 'text/csv; charset=utf-8');
  // A screening month of the same period: 12 contacts at Försörjningsstöd, 8 of the 11 asked women saying yes.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const month = await staff('POST', '/api/screening', {
    title: 'Kartläggningsmånad november',
    periodStart: day(-20),
    periodEnd: day(9),
    units: [{ verksamhet: 'forsorjningsstod', enhet: 'Försörjningsstöd' }],
  });
  const unitId = (await staff('GET', `/api/screening/${month.id}`)).units[0].unitId;
  // The unit's screener registers the contacts.
  const { password } = await staff('POST', `/api/screening/${month.id}/screeners`, { email: 'fs@example.se', displayName: 'Försörjningsstöd', unitIds: [unitId] });
  const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'fs@example.se', password }) });
  if (!login.ok) throw new Error(`screener login: ${login.status} ${await login.text()}`);
  const screener: StaffSession = { cookie: login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), csrfToken: ((await login.json()) as { csrfToken: string }).csrfToken };
  for (let i = 0; i < 12; i++) {
    const asked = i < 11;
    await staff('POST', `/api/screening/${month.id}/registrations`, {
      unitId,
      datum: day(-1),
      kon: 'kvinna',
      aldersgrupp: '30-44',
      tillfragad: asked ? 'ja' : 'nej',
      ...(asked
        ? { psykiskt: i < 8 ? 'ja' : 'nej', fysiskt: 'nej', sexuellt: 'nej', radd: 'nej', pagaende: 'nej', kand_sedan_tidigare: i < 3 ? 'ja' : 'nej', stod_erbjudet: i < 8 ? 'ja' : null }
        : { orsak_ej_tillfragad: 'tolk_saknades' }),
    }, 'application/json', screener);
  }
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const hasPandoc = spawnSync('pandoc', ['--version']).status === 0;
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('the lägesbild', () => {
  it('holds the method, the trend and the registered series, prints, and downloads as Word and for Excel', async () => {
    const { page, external, close } = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${server.url}/arbetsyta/undersokningar/${currentId}/analys`);
      await page.getByLabel('E-postadress').fill(server.adminEmail);
      await page.getByLabel('Lösenord').fill(server.adminPassword);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByTestId('analysis-results').waitFor();
      await page.getByTestId('registered-select').selectOption({ index: 1 });
      await page.getByTestId('run-analysis').click();
      await page.getByTestId('registered-series').waitFor();
      expect(squash(await page.getByTestId('registered-series').textContent())).toContain(`kalenderåret ${aligned}`);

      // The change over time in the workspace: both campaigns on the chart, and the change since 2016.
      await page.getByTestId('trend-chart').waitFor({ timeout: 60_000 });
      await expect.poll(() => page.getByTestId('trend-chart').locator('circle').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2 * 3);
      // The trend of the second run (with the register) may still be on its way.
      await expect.poll(() => page.getByTestId('trend-row').count(), { timeout: 60_000 }).toBeGreaterThan(3);
      // At phone, tablet and desktop width: nothing wider than the window, no raw identifier.
      await screenshotWidths(page, 'lagesbild-1-analysis');

      // The estimates for Excel in sv-SE: BOM, semicolons, decimal comma, Swedish column labels.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
      const bytes = readFileSync(await download.path());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0].startsWith('Indikator;Grupp;Svarande;Frihetsgrader;Andel;')).toBe(true);
      expect(lines[1].split(';')).toHaveLength(lines[0].split(';').length);
      expect(lines[1].split(';')[4]).toMatch(/^0,\d+$/);

      // The microdata with the design and weights of this analysis, after stating a purpose, and the R script beside it.
      await page.locator('.an-downloads > summary').click();
      expect(await page.getByTestId('download-microdata').isDisabled()).toBe(true);
      await page.getByTestId('microdata-purpose').fill('Kontroll av lägesbilden i R');
      const [microdata] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-microdata').click()]);
      const header = readFileSync(await microdata.path()).toString('utf8').replace(/^\uFEFF/, '').split('\r\n')[0].split(';');
      expect(header.slice(-5)).toEqual(['stratum', 'stratum_N', 'vagd', 'vikt_bas', 'vikt']);
      const [script] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-r').click()]);
      expect(script.suggestedFilename()).toBe('analys.R');
      expect(readFileSync(await script.path(), 'utf8')).toContain('svydesign(');

      // The lägesbild.
      await page.getByTestId('show-report').click();
      await page.getByTestId('lagesbild-method').waitFor({ timeout: 60_000 });
      const summary = squash(await page.getByTestId('report-summary').textContent());
      expect(summary).toMatch(/(var \S+ kvinna|av tio kvinnor) \(\d+ %, 95 % KI \d+–\d+ %\) och .+? (man|män) \(\d+ %, 95 % KI \d+–\d+ %\) har utsatts för/);
      expect(summary).toContain('Jämfört med Befolkningsenkät 2016');
      const method = squash(await page.getByTestId('lagesbild-method').textContent());
      const facts = await staff('GET', `/api/campaigns/${currentId}/lagesbild`);
      const total = facts.responseRates.find((r: { level: string }) => r.level === 'total');
      // n, the response rate, the dates and the design.
      expect(method).toContain(`${total.invited.toLocaleString('sv-SE').replace(/\s/g, ' ')} personer bjöds in och ${total.responded} svarade`);
      expect(method).toContain(`svarsfrekvens på ${new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(total.rate).replace(/\s/g, ' ')}`);
      expect(method).toContain('taget 15 januari 2026');
      expect(method).toMatch(/Urvalet drogs slumpmässigt inom 24 strata efter kön, åldersgrupp och område/);
      expect(method).toContain('felmarginal på ±5,00 procentenheter');
      expect(method).toMatch(/(Svaren kom in mellan \d+ \S+ \d{4} och|Alla svar kom in) \d+ \S+ \d{4}/);
      expect(method).toContain('Påminnelse 1');
      expect(method).toContain('Källa: SCB, Folkmängd 31 december 2019');
      expect(method).toContain('sekundär sekretess');
      expect(method).toContain('NCHS');
      expect(await page.getByTestId('report-response-rates').locator('tbody tr').count()).toBe(1 + 2 + 4 + 3);
      expect(await page.getByTestId('report-response-strata').locator('tbody tr').count()).toBe(24);
      // Trend chart and tables.
      expect(await page.getByTestId('lagesbild-trend').locator('svg[data-testid="trend"] circle').count()).toBeGreaterThanOrEqual(2);
      // One table per indicator: hela befolkningen, kvinnor and män.
      expect(await page.getByTestId('report-trend-vinr_12m').locator('tbody tr').count()).toBe(3);
      expect(await page.getByTestId('lagesbild-trend').locator('table').count()).toBeGreaterThanOrEqual(3);
      expect(await page.getByTestId('report-table-vinr_12m').locator('tbody tr').count()).toBeGreaterThan(5);
      expect(await page.getByTestId('lagesbild-results').locator('svg[data-testid="prevalence-vinr_12m"]').count()).toBe(1);
      expect(squash(await page.getByTestId('report-registered-series').textContent())).toContain(`${aligned} (jämförs med enkäten)`);
      // The screening month of the same period, added on request: the clientele, not the population.
      await page.getByTestId('report-screening').selectOption({ label: 'Kartläggningsmånad november' });
      await page.getByTestId('lagesbild-screening').waitFor({ timeout: 60_000 });
      const screeningText = squash(await page.getByTestId('lagesbild-screening').textContent());
      expect(screeningText).toContain('inte kommunens befolkning');
      expect(screeningText).toContain('Av 11 tillfrågade');
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      await screenshotWidths(page, 'lagesbild-2-report');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('print').isVisible()).toBe(false);
      await screenshot(page, 'lagesbild-3-print');
      mkdirSync(screenshotDir, { recursive: true });
      writeFileSync(join(screenshotDir, 'lagesbild.pdf'), await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } }));
      await page.emulateMedia({ media: 'screen' });

      // The Word file: a zip of XML with the report's text and its charts as PNG.
      const [word] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('download-docx').click()]);
      expect(word.suggestedFilename()).toMatch(/^lagesbild-.+\.docx$/);
      const docx = readFileSync(await word.path());
      writeFileSync(join(screenshotDir, 'lagesbild.docx'), docx);
      expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
      const text = docx.toString('utf8');
      expect(text).toContain('word/document.xml');
      expect(text).toContain('Metodbilaga');
      expect(text).toContain('Förändring sedan förra undersökningen');
      expect((text.match(/word\/media\/diagram\d+\.png/g) ?? []).length).toBeGreaterThanOrEqual(4);
      // Read back by an independent reader when one is installed (pandoc), and photographed as HTML in Chromium.
      if (hasPandoc) {
        const html = execFileSync('pandoc', ['lagesbild.docx', '-f', 'docx', '-t', 'html', '--standalone', '--extract-media=lagesbild-word'], {
          cwd: screenshotDir,
          encoding: 'utf8',
          maxBuffer: 64 << 20,
        });
        writeFileSync(join(screenshotDir, 'lagesbild-word.html'), html);
        expect(html).toContain('Metodbilaga');
        expect((html.match(/<table/g) ?? []).length).toBeGreaterThanOrEqual(5);
        expect((html.match(/<img /g) ?? []).length).toBeGreaterThanOrEqual(4);
        const word = await newTestPage(browser, { viewport: { width: 800, height: 1000 } });
        try {
          // The test page loads nothing but the server, so the extracted images go in as data URLs.
          await word.page.setContent(html.replace(/src="([^"]+\.png)"/g, (_, file: string) => `src="data:image/png;base64,${readFileSync(join(screenshotDir, file)).toString('base64')}"`));
          await screenshot(word.page, 'lagesbild-4-word');
        } finally {
          await word.close();
        }
      }

      expect(external).toEqual([]);
    } finally {
      await close();
    }
  }, 300_000);
});
