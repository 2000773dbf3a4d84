/**
 * Survey analysis in the browser: 160 answers arrive through the demo
 * campaign's open link, an analyst opens the analysis page, uploads the
 * registered ärenden (REG.csv) through the form, runs the analysis with the
 * mörkertal, and reads prevalence and mörkertal numbers that must equal
 * analyzeSurvey on the exported records. Then the nämnd report and its print
 * layout. Then a campaign with områden whose newest område table disagrees
 * with SCB's total: the page shows the error with its ways out and no stale
 * results, and the table can be used with its own total, switched off and
 * deleted. Screenshots go to .tmp/e2e/analysis-*.png (every page at phone,
 * tablet and desktop width).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSurvey, respondentColumnRoles, respondentColumnsFromRecords } from '../../analysis/index';
import { parseCsv } from '../../domain/csv';
import { findRawIdentifiers, formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, screenshotWidths, startServer, type StaffSession, type TestServer, NO_OPEN_LINK_LIMITS } from './harness';
import { mulberry32 } from '../../analysis/mulberry32';

let server: TestServer;
let browser: Browser;
let session: StaffSession;
let campaignId: string;
const RESPONSES = 160;
const REG = 'indikator,kon,antal\nvald_i_nara_relation,,64\nvald_i_nara_relation,kvinna,51\nvald_i_nara_relation,man,13\n';

async function staffFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { ...init, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(init.headers ?? {}) } });
}

beforeAll(async () => {
  server = await startServer(undefined, NO_OPEN_LINK_LIMITS);
  browser = await launchBrowser();
  session = await loginApi(server);
  const campaigns = (await (await staffFetch('/api/campaigns')).json()) as { id: string; isDemo: boolean; openSlug: string | null }[];
  const demo = campaigns.find((c) => c.isDemo && c.openSlug)!;
  campaignId = demo.id;
  const random = mulberry32(11);
  for (let i = 0; i < RESPONSES; i++) {
    const kon = i === 17 ? 'annat' : random() < 0.6 ? 'kvinna' : 'man';
    const exposed = random() < (kon === 'kvinna' ? 0.16 : 0.08);
    const answers = {
      kon,
      alder: 18 + Math.floor(random() * 68),
      psykiskt_12m: exposed ? 'ja' : random() < 0.03 ? 'vill_inte_svara' : 'nej',
      fysiskt_12m: exposed && random() < 0.4 ? 'ja' : 'nej',
    };
    const response = await fetch(`${server.url}/api/open/${demo.openSlug}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: `e2e-analysis-${i}-${Date.now()}`, answers }),
    });
    if (response.status !== 201) throw new Error(`submit ${response.status}: ${await response.text()}`);
  }
  // Submissions are written in batches of at least 10 (docs/privacy.md): wait until the due batches are
  // written, so the export below and the page analyse the same responses.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const progress = (await (await staffFetch(`/api/campaigns/${campaignId}/progress`)).json()) as { waiting: number };
    if (progress.waiting < 10) break;
    if (Date.now() > deadline) throw new Error(`still ${progress.waiting} submissions waiting for their batch`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** What the page should show: analyzeSurvey on the exported records with the SCB (stand-in) totals. */
async function expectedResult() {
  const csv = await (await staffFetch(`/api/campaigns/${campaignId}/responses.csv?format=csv&purpose=${encodeURIComponent('Kontroll av analyssidan')}`)).text();
  const respondents = parseCsv(csv, 'svar.csv')
    .rows.map((r) => r.values)
    .filter((r) => ['kvinna', 'man'].includes(r.kon));
  const population = (await (await staffFetch('/api/population/9999?ageGroups=18-29,30-44,45-64,65-85')).json()) as { rows: Record<string, string | number>[] };
  const result = analyzeSurvey({
    respondents: respondentColumnsFromRecords(respondents, respondentColumnRoles({ indicators: ['utsatt_12m'] })),
    population: [{ rows: population.rows }],
    registered: { rows: parseCsv(REG.replaceAll('vald_i_nara_relation', 'utsatt_12m'), 'REG.csv').rows.map((r) => r.values) },
    options: { indicators: ['utsatt_12m'], margins: [['kon', 'aldersgrupp']], by: [['kon'], ['aldersgrupp']], minCell: 5 },
  });
  return Object.assign(result, { exported: respondents.length });
}

const percent = (p: number) => new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(p);
const count = (x: number) => new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 }).format(Math.abs(x) >= 1000 ? Math.round(x / 10) * 10 : Math.round(x));
const squash = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('analysis page', () => {
  it('shows prevalence and mörkertal equal to analyzeSurvey, and a printable report', async () => {
    const expected = await expectedResult();
    const { page, external, close } = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/analys`);
      await page.getByLabel('E-postadress').fill(server.adminEmail);
      await page.getByLabel('Lösenord').fill(server.adminPassword);
      await page.getByRole('button', { name: 'Logga in' }).click();

      // The page runs the analysis at once with the defaults (no register table yet).
      await page.getByTestId('analysis-results').waitFor();
      // Up to 9 submissions may still wait for their batch (the gate above), and the export shows the same responses.
      expect(expected.exported).toBeGreaterThanOrEqual(RESPONSES - 10);
      expect(squash(await page.getByTestId('analysed').textContent())).toBe(String(expected.exported));
      // One respondent of kön annat: the count is below 5, so it is not printed (issue 13).
      expect(squash(await page.getByTestId('excluded').textContent())).toContain('kön annat (färre än 5 eller dolt)');

      // Upload REG.csv through the form and run again.
      await page.getByTestId('upload-registered').locator('summary').click();
      await page.getByTestId('upload-registered-file').setInputFiles({ name: 'REG.csv', mimeType: 'text/csv', buffer: Buffer.from(REG, 'utf8') });
      await page.getByTestId('upload-registered').getByLabel('Period').fill('kalenderåret 2024');
      await page.getByTestId('upload-registered-submit').click();
      await expect.poll(() => page.getByTestId('upload-registered-status').textContent()).toContain('REG.csv är uppladdad');
      await expect.poll(() => page.getByTestId('registered-select').locator('option').count()).toBe(2);
      // The table just uploaded is chosen for the next run.
      await expect.poll(() => page.getByTestId('registered-select').inputValue()).not.toBe('');
      await page.getByTestId('run-analysis').click();
      await page.getByTestId('dark-utsatt_12m').waitFor();
      await expect.poll(async () => (await page.getByTestId('analysis-results').getAttribute('aria-busy')) === 'false').toBe(true);

      // Prevalence: overall and per kön, as the engine computes them.
      const rows = page.getByTestId('estimates-utsatt_12m').getByTestId('estimate-row');
      for (const [label, domain] of [
        ['Alla', {}],
        ['Kvinnor', { kon: 'kvinna' }],
        ['Män', { kon: 'man' }],
      ] as const) {
        const estimate = expected.estimates.find((e) => JSON.stringify(e.domain) === JSON.stringify(domain))!;
        expect(estimate.suppressed).toBe(false);
        const row = rows.filter({ has: page.locator(`th:text-is("${label}")`) });
        const shown = squash(await row.getByTestId('estimate-proportion').textContent());
        expect(shown).toBe(squash(`${percent(estimate.proportion!)} (${percent(estimate.ci![0])}–${percent(estimate.ci![1])})`));
        const total = squash(await row.getByTestId('estimate-total').textContent());
        expect(total).toBe(squash(`${count(estimate.total!)} (${count(estimate.totalCi![0])}–${count(estimate.totalCi![1])})`));
      }

      // Mörkertal: R, T and the detection ratio.
      const dark = expected.darkFigure.find((d) => Object.keys(d.domain).length === 0)!;
      const darkRow = page.getByTestId('dark-utsatt_12m').getByTestId('dark-row').filter({ has: page.locator('th:text-is("Alla")') });
      expect(squash(await darkRow.getByTestId('dark-registered').textContent())).toBe('64');
      expect(squash(await darkRow.getByTestId('dark-total').textContent())).toBe(squash(`${count(dark.estimatedTotal!)} (${count(dark.estimatedTotalCi![0])}–${count(dark.estimatedTotalCi![1])})`));
      expect(squash(await darkRow.getByTestId('dark-ratio').textContent())).toBe(
        squash(`${percent(dark.detectionRatio!)} (${percent(dark.detectionRatioCi![0]!)}–${percent(dark.detectionRatioCi![1]!)})`),
      );
      const caveats = squash(await page.getByTestId('caveats-utsatt_12m').textContent());
      expect(caveats).toContain('12 månaderna');
      expect(caveats).toContain('kalenderåret 2024');
      expect(await page.getByTestId('prevalence-chart-utsatt_12m').locator('circle').count()).toBe(expected.estimates.filter((e) => !e.suppressed).length);
      expect(await page.getByTestId('dark-chart-utsatt_12m').locator('rect.an-bar-registered').count()).toBeGreaterThanOrEqual(3);

      await screenshotWidths(page, 'analysis-1-page');
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // The nämnd report, on screen and as printed.
      await page.getByTestId('show-report').click();
      await page.getByTestId('report-summary').waitFor();
      // The summary speaks of women and men in whole percent.
      const women = expected.estimates.find((e) => JSON.stringify(e.domain) === JSON.stringify({ kon: 'kvinna' }))!;
      expect(squash(await page.getByTestId('report-summary').textContent())).toContain(`kvinna (${Math.round(women.proportion! * 100)} %`);
      expect(squash(await page.getByTestId('lagesbild-method').textContent())).toContain('Källa: SCB, Folkmängd 31 december 2019');
      // The report reads without statistics: the jargon is in its method appendix only.
      const plain = await page.getByTestId('lagesbild').evaluate((el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelector('[data-testid=lagesbild-method]')?.remove();
        return copy.textContent ?? '';
      });
      for (const jargon of ['svyciprop', 'Taylor', 'residual', 'logit', 'NCHS', 'N_h']) expect(plain, jargon).not.toContain(jargon);
      expect(squash(await page.getByTestId('lagesbild-method').textContent())).toContain('Taylorlinjärisering');
      await screenshotWidths(page, 'analysis-2-report');
      await page.emulateMedia({ media: 'print' });
      expect(await page.getByTestId('print').isVisible()).toBe(false);
      await screenshot(page, 'analysis-3-print');
      await page.emulateMedia({ media: 'screen' });
      expect(external).toEqual([]);
    } finally {
      await close();
    }
  });

  it('shows trimming that cannot meet its bounds as a warning on the weighting and on every estimate (phone width)', async () => {
    const { page, close } = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    try {
      await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/analys`);
      await page.getByLabel('E-postadress').fill(server.adminEmail);
      await page.getByLabel('Lösenord').fill(server.adminPassword);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByTestId('analysis-results').waitFor();
      expect(squash(await page.getByTestId('variable-sources').textContent())).toBe('Kön och åldersgrupp kommer från svaren.');
      await page.locator('.an-advanced > summary').click();
      // No weights of at most 20 persons can add up to the kommun's population with these respondents.
      await page.getByTestId('trim-upper').fill('20');
      await screenshot(page, 'analysis-4-phone-settings');
      await page.getByTestId('run-analysis').click();
      await page.getByTestId('weighting-problem').waitFor();
      expect(squash(await page.getByTestId('weighting-problem').textContent())).toMatch(/Vikterna kan inte hållas inom 0–20 och samtidigt stämma med befolkningen\. Gruppen kön \S+, ålder \S+ avviker/);
      const notes = await page.getByTestId('estimates-utsatt_12m').locator('td.an-notes').allTextContents();
      expect(notes.length).toBeGreaterThan(0);
      for (const note of notes) expect(note).toContain('Vikterna nådde inte sitt mål');
      await screenshot(page, 'analysis-5-phone-warning');
      // Within reach (the largest weight is about 110; with kön × åldersgrupp as the only margin every cell's
      // weight is fixed, so any lower bound below it is out of reach): the weights before and after are shown.
      await page.getByTestId('trim-upper').fill('120');
      await page.getByTestId('run-analysis').click();
      await expect.poll(async () => (await page.getByTestId('weighting-problem').count()) === 0).toBe(true);
      expect(squash(await page.getByTestId('trim').textContent())).toMatch(/^Trimning till 0–120 invånare per svar: före trimning \S+–\S+, effektivt antal svarande \d+ och designeffekt \S+; efter \S+–\S+, \d+ och \S+\.$/);
      await page.setViewportSize({ width: 800, height: 1000 });
      await screenshot(page, 'analysis-6-tablet-trimmed');
    } finally {
      await close();
    }
  });

  it('explains a population table whose total disagrees with SCB, shows no stale results, and lets the analyst fix or remove the table', async () => {
    // A campaign with områden, answered through its open link.
    const created = await staffFetch('/api/campaigns', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'befolkningsenkat', title: 'Områdesenkät', mode: 'open' }),
    });
    const { id } = (await created.json()) as { id: string };
    const areas = [{ code: 'hallabrottet', name: 'Hallabrottet' }, { code: 'centrum', name: 'Centrum' }];
    await staffFetch(`/api/campaigns/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ areas }) });
    expect((await staffFetch(`/api/campaigns/${id}/open`, { method: 'POST' })).status).toBe(200);
    const { openSlug } = (await (await staffFetch(`/api/campaigns/${id}`)).json()) as { openSlug: string };
    const random = mulberry32(5);
    for (let i = 0; i < 60; i++) {
      const answers = {
        kon: random() < 0.55 ? 'kvinna' : 'man',
        alder: 18 + Math.floor(random() * 68),
        omrade: i % 15 === 3 ? 'vet_inte' : random() < 0.5 ? 'hallabrottet' : 'centrum',
        psykiskt_nagonsin: random() < 0.3 ? 'ja' : 'nej',
      };
      const response = await fetch(`${server.url}/api/open/${openSlug}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: `e2e-areas-${i}-${Date.now()}`, answers }),
      });
      if (response.status !== 201) throw new Error(`submit ${response.status}: ${await response.text()}`);
    }
    expect((await staffFetch(`/api/campaigns/${id}/close`, { method: 'POST' })).status).toBe(200);
    const scb = (await (await staffFetch('/api/population/9999?ageGroups=18-29,30-44,45-64,65-85')).json()) as { total: number };
    const good = `omrade,antal\nhallabrottet,${Math.round(scb.total * 0.4)}\ncentrum,${scb.total - Math.round(scb.total * 0.4)}\n`;
    const upload = (name: string, csv: string) =>
      staffFetch(`/api/kommuner/9999/population-tables?name=${encodeURIComponent(name)}`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: csv });
    expect((await upload('Områden 2019', good)).status).toBe(201);
    const bad = await upload('Områden 2024', 'omrade,antal\nhallabrottet,9000\ncentrum,8000\n');
    const badTable = (await bad.json()) as { id: string };

    const { page, close } = await newTestPage(browser, { viewport: { width: 1366, height: 900 } });
    try {
      await page.goto(`${server.url}/arbetsyta/undersokningar/${id}/analys`);
      await page.getByLabel('E-postadress').fill(server.adminEmail);
      await page.getByLabel('Lösenord').fill(server.adminPassword);
      await page.getByRole('button', { name: 'Logga in' }).click();

      // The newest område table is chosen by default; its total is not SCB's. The error says by how much and what to do…
      const error = page.getByTestId('analysis-error');
      await error.waitFor();
      const fmt = (x: number) => x.toLocaleString('sv-SE');
      expect(squash(await error.textContent())).toContain(squash(`tabellen "Områden 2024" har ${fmt(17000)} invånare, men SCB:s folkmängd 2019 i åldrarna 18–85 år är ${fmt(scb.total)}`));
      await page.getByTestId('totals-choices').waitFor();
      // …and nothing of an earlier result (nor the report button) stays under it.
      expect(await page.getByTestId('analysis-results').count()).toBe(0);
      expect(await page.getByTestId('show-report').count()).toBe(0);
      await screenshotWidths(page, 'analysis-7-totals-error');
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // Way out 1: use this table's total.
      await page.getByTestId('use-table-total').click();
      await page.getByTestId('analysis-results').waitFor();
      expect(await error.count()).toBe(0);
      expect(squash(await page.getByTestId('method').textContent())).toContain(squash(`uppräknad från ${fmt(scb.total)} till tabellen "Områden 2024" (${fmt(17000)} invånare)`));
      // The weights in their unit: residents per answer.
      expect(squash(await page.getByTestId('weight-range').textContent())).toMatch(/^Vikterna ligger mellan [\d ,]+ och [\d ,]+ invånare per svar/);
      // Plain Swedish: "vet inte" as a group, never the code.
      expect(await findRawIdentifiers(page)).toEqual([]);
      await screenshotWidths(page, 'analysis-8-table-total');

      // Way out 2: switch the table off in the list; the analysis runs again without it.
      const row = page.getByTestId('population-table').filter({ hasText: 'Områden 2024' });
      await row.getByTestId('table-off').click();
      await row.filter({ hasText: 'avstängd' }).waitFor();
      await expect.poll(async () => (await page.getByTestId('analysis-results').getAttribute('aria-busy')) === 'false').toBe(true);
      expect(await error.count()).toBe(0);
      expect(await row.locator('input[type=checkbox]').isDisabled()).toBe(true);
      // After a reload the page no longer opens on the error: the older, matching table is the default.
      await page.reload();
      await page.getByTestId('analysis-results').waitFor();
      expect(await error.count()).toBe(0);
      expect(squash(await page.getByTestId('method').textContent())).toContain('Områden 2019');

      // And it can be deleted.
      await page.getByTestId('population-table').filter({ hasText: 'Områden 2024' }).getByTestId('table-delete').click();
      await page.locator('dialog[open]').getByTestId('confirm-ok').click();
      await expect.poll(() => page.getByTestId('population-table').filter({ hasText: 'Områden 2024' }).count()).toBe(0);
      const tables = (await (await staffFetch('/api/kommuner/9999/population-tables')).json()) as { id: string }[];
      expect(tables.map((t) => t.id)).not.toContain(badTable.id);
    } finally {
      await close();
    }
  });
});
