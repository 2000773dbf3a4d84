/**
 * A youth survey run in school classes, in the browser: an analyst creates a
 * class-link campaign of the youth questionnaire, adds three classes and
 * prints the teachers' sheets; 40 pupils answer on phone-sized screens
 * through their class's link (one more pupil finds the full class link
 * closed); the monitor shows the response rate per class and per school;
 * the analysis, weighted to the uploaded table of pupils by skola × årskurs
 * × kön, equals the hand computation Σ N_c p̂_c / N.
 * Screenshots: .tmp/e2e/classes-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, startServer, type StaffSession, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
let session: StaffSession;
let campaignId: string;
let links: Record<string, string> = {};

/** The three classes, and how many of each class's pupils answer. */
const CLASSES = [
  { skola: 'Ekskolan', klass: '9A', arskurs: '9', elever: 14, answering: 13 },
  { skola: 'Ekskolan', klass: '9B', arskurs: '9', elever: 12, answering: 12 },
  { skola: 'Granskolan', klass: 'NA2', arskurs: 'gy2', elever: 17, answering: 15 },
];
/** Pupils by skola × årskurs × kön (the kommun's table the analysis weighs to). */
const PUPILS = { 'Ekskolan|9|kvinna': 70, 'Ekskolan|9|man': 66, 'Granskolan|gy2|kvinna': 80, 'Granskolan|gy2|man': 75 } as Record<string, number>;

interface Pupil {
  klass: string;
  skola: string;
  arskurs: string;
  kon: 'kvinna' | 'man';
  witnessed: boolean;
}

/** 40 pupils: alternately girls and boys; every fourth girl and every fifth boy saw violence at home this year. */
const PUPILS_ANSWERING: Pupil[] = CLASSES.flatMap((c) =>
  Array.from({ length: c.answering }, (_, i) => {
    const kon = i % 2 === 0 ? 'kvinna' : 'man';
    return { klass: c.klass, skola: c.skola, arskurs: c.arskurs, kon, witnessed: kon === 'kvinna' ? i % 8 === 0 : i % 10 === 1 } as Pupil;
  }),
);

async function staff(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function login(page: Page) {
  await page.getByLabel('E-postadress').fill(server.adminEmail);
  await page.getByLabel('Lösenord').fill(server.adminPassword);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await loginApi(server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** One pupil answers on a phone: consent, kön, age, violence at home, then through to the end. */
async function answer(pupil: Pupil, index: number): Promise<void> {
  const t = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
  const { page } = t;
  try {
    await page.goto(`${server.url}${links[pupil.klass]}`);
    await page.getByTestId('class-guarantee').waitFor();
    if (index === 0) {
      await screenshot(page, 'classes-3-pupil-consent');
      await expectNoAxeViolations(page, 'pupil consent page');
      // BRIS is the support line of the youth questionnaire.
      expect(await page.getByTestId('support-bris').textContent()).toContain('116 111');
    }
    await page.getByRole('button', { name: 'Jag vill delta' }).click();
    await page.getByText('Vilket kön har du?').waitFor();
    await page.getByText(pupil.kon === 'kvinna' ? 'Tjej' : 'Kille', { exact: true }).click();
    await page.getByRole('spinbutton').first().fill(pupil.arskurs === '9' ? '15' : '17');
    if (index === 0) {
      await screenshot(page, 'classes-4-pupil-page1');
      await expectNoAxeViolations(page, 'pupil survey page 1');
    }
    const next = page.getByRole('button', { name: 'Nästa', exact: true });
    // Through "Din frihet", "Mobil och sociala medier", "Hot och våld", "Giftermål och resor" to "Hemma".
    for (let p = 0; p < 5; p++) await next.click();
    await page.getByText('Har du sett eller hört en vuxen i ditt hem').waitFor();
    const home = page.locator('.sd-question').filter({ hasText: 'Har du sett eller hört en vuxen i ditt hem' });
    await home.getByText(pupil.witnessed ? 'Ja' : 'Nej', { exact: true }).click();
    if (pupil.witnessed) {
      const lastYear = page.locator('.sd-question').filter({ hasText: 'Har det hänt under de senaste 12 månaderna?' }).first();
      await lastYear.getByText('Ja', { exact: true }).click();
    }
    // On to the end ("Att berätta och få hjälp" appears only after a yes).
    const send = page.getByRole('button', { name: 'Skicka svaren', exact: true });
    while (!(await send.isVisible())) await next.click();
    await send.click();
    await page.getByTestId('thanks').waitFor();
    if (index === 0) await screenshot(page, 'classes-5-pupil-thanks');
    expect(t.external).toEqual([]);
  } finally {
    await t.close();
  }
}

describe('a youth survey in school classes', () => {
  it('is set up by an analyst: campaign, three classes, teachers’ sheets', async () => {
    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/undersokningar/ny`);
    await login(page);
    const template = page.getByLabel('Enkät', { exact: true });
    await template.waitFor();
    const option = await template.locator('option', { hasText: 'Ungdomsenkät' }).getAttribute('value');
    await template.selectOption(option!);
    await page.getByLabel('Titel', { exact: true }).fill('Ungdomsenkät vt 2026');
    await page.getByTestId('mode-classes').check();
    await page.getByRole('button', { name: 'Skapa undersökning' }).click();
    await page.getByTestId('campaign-status').waitFor();
    campaignId = new URL(page.url()).pathname.split('/')[3];
    // A class-link campaign has classes instead of a sample, letters and paper forms.
    const steps = page.getByRole('navigation', { name: 'Undersökningens delar' });
    expect(await steps.getByRole('link').allTextContents()).toEqual(['Översikt', 'Klasser', 'Uppföljning', 'Utskrift', 'Data', 'Analys']);
    const patched = await staff('PATCH', `/api/campaigns/${campaignId}`, { contact: { name: 'Elevhälsan i kommunen', phone: '000-123 45 67' } });
    expect(patched.status).toBe(200);

    await steps.getByRole('link', { name: 'Klasser', exact: true }).click();
    await page.getByTestId('classes-input').fill(CLASSES.map((c) => `${c.skola}; ${c.klass}; ${c.arskurs}; ${c.elever}`).join('\n'));
    await page.getByTestId('add-classes').click();
    await expect.poll(() => page.getByTestId('classes-result').textContent()).toBe('3 klasser är tillagda.');
    const rows = page.getByTestId('classes-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const klass = (await rows.nth(i).locator('th').textContent())!;
      links[klass] = (await rows.nth(i).getByTestId('class-link').getAttribute('href'))!;
      expect(links[klass]).toMatch(/^\/o\/[A-Za-z0-9_-]{22}$/);
    }
    await screenshot(page, 'classes-1-classes');
    await expectNoAxeViolations(page, 'classes page');

    await page.getByTestId('teacher-sheets').click();
    await expect.poll(() => page.getByTestId('class-sheet').count()).toBe(3);
    const sheet = page.getByTestId('class-sheet').first();
    expect(await sheet.textContent()).toContain('Enkät i klass 9A');
    expect(await sheet.textContent()).toContain('Låt eleverna sitta så att ingen ser någon annans skärm');
    expect(await sheet.textContent()).toContain('Om en elev blir ledsen eller berättar något');
    expect(await sheet.locator('svg.qr-code path').count()).toBe(1);
    expect(await sheet.locator('.sheet-url').textContent()).toBe(`${server.url}${links['9A']}`);
    await screenshot(page, 'classes-2-teacher-sheets');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-sheets').isVisible()).toBe(false);
    await screenshot(page, 'classes-2-teacher-sheets-print');
    await page.emulateMedia({ media: 'screen' });
    await t.close();

    expect((await staff('POST', `/api/campaigns/${campaignId}/open`)).status).toBe(200);
  }, 120_000);

  it('is answered by 40 pupils on phones, through their classes’ links; a full class link says so', async () => {
    expect(PUPILS_ANSWERING).toHaveLength(40);
    for (let start = 0; start < PUPILS_ANSWERING.length; start += 4) {
      await Promise.all(PUPILS_ANSWERING.slice(start, start + 4).map((pupil, k) => answer(pupil, start + k)));
    }
    // 9B has 12 pupils and 12 answers: the link is full.
    const t = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    await t.page.goto(`${server.url}${links['9B']}`);
    await t.page.getByText('Klassen har redan svarat').waitFor();
    expect(await t.page.getByTestId('load-error').textContent()).toBe('Den här länken har redan tagit emot lika många svar som det finns elever i klassen. Säg till din lärare.');
    await screenshot(t.page, 'classes-6-class-full');
    await t.close();
  }, 900_000);

  it('shows the response rate per class and per school on the monitor', async () => {
    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/uppfoljning`);
    await login(page);
    const table = page.getByTestId('class-table');
    await table.waitFor();
    const cells = async (testId: string) =>
      (await table.getByTestId(testId).evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()))));
    expect(await cells('class-row')).toEqual([
      ['Ekskolan', '9A', '9', '14', '13', '92,9 %'],
      ['Ekskolan', '9B', '9', '12', '12', '100,0 %'],
      ['Granskolan', 'NA2', 'gy2', '17', '15', '88,2 %'],
    ]);
    expect(await cells('school-row')).toEqual([
      ['Ekskolan, årskurs 9', '26', '25', '96,2 %'],
      ['Granskolan, årskurs gy2', '17', '15', '88,2 %'],
    ]);
    expect((await page.getByTestId('rate-total').textContent())?.replace(/\s/g, ' ')).toBe('93,0 %');
    expect(await page.getByTestId('class-rate-chart').locator('rect.bar-value').count()).toBe(3);
    await screenshot(page, 'classes-7-monitor');
    await expectNoAxeViolations(page, 'class monitor');
    await t.close();

    // Closing writes the last waiting answers with their batch.
    expect((await staff('POST', `/api/campaigns/${campaignId}/close`)).status).toBe(200);
  });

  it('weights the analysis to the uploaded pupils by skola × årskurs × kön', async () => {
    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/analys`);
    await login(page);
    await page.getByTestId('design-source').waitFor();
    expect(await page.getByTestId('design-source').textContent()).toContain('Skola och årskurs hämtas från klasslänken');
    const table = ['skola,arskurs,kon,antal', ...Object.entries(PUPILS).map(([cell, n]) => `${cell.split('|').join(',')},${n}`)].join('\n');
    await page.getByTestId('upload-population').locator('summary').click();
    await page.getByTestId('upload-population-file').setInputFiles({ name: 'elever.csv', mimeType: 'text/csv', buffer: Buffer.from(table, 'utf8') });
    await page.getByTestId('upload-population-submit').click();
    await expect.poll(() => page.getByTestId('upload-population-status').textContent()).toContain('elever.csv är uppladdad');
    // The table just uploaded is chosen for the next run.
    await expect.poll(() => page.getByRole('checkbox', { name: /elever\.csv/ }).isChecked()).toBe(true);
    await page.getByTestId('run-analysis').click();
    const section = page.getByTestId('estimates-barn_bevittnat_12m');
    const failure = page.getByTestId('analysis-error');
    await Promise.race([section.waitFor(), failure.waitFor()]);
    expect(await failure.count(), (await failure.count()) > 0 ? ((await failure.textContent()) ?? '') : '').toBe(0);
    await expect.poll(async () => (await page.getByTestId('analysis-results').getAttribute('aria-busy')) === 'false').toBe(true);

    // Hand computation: within each skola × årskurs × kön cell c, p̂_c = witnessed / answered; p = Σ N_c p̂_c / Σ N_c.
    let weighted = 0;
    let total = 0;
    for (const [cell, n] of Object.entries(PUPILS)) {
      const [skola, arskurs, kon] = cell.split('|');
      const group = PUPILS_ANSWERING.filter((p) => p.skola === skola && p.arskurs === arskurs && p.kon === kon);
      weighted += n * (group.filter((p) => p.witnessed).length / group.length);
      total += n;
    }
    const expected = weighted / total;
    const percent = new Intl.NumberFormat('sv-SE', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(expected);
    const overall = section.getByTestId('estimate-row').filter({ has: page.locator('th:text-is("Alla")') });
    expect((await overall.getByTestId('estimate-proportion').textContent())!.replace(/\s/g, ' ')).toContain(percent.replace(/\s/g, ' '));
    expect(await page.getByTestId('analysed').textContent()).toBe('40');
    expect(await page.getByTestId('variable-sources').textContent()).toContain('kommer från klasslänken');
    expect((await page.getByTestId('method-weighting').textContent())?.toLowerCase()).toContain('skola × årskurs × kön');
    await screenshot(page, 'classes-8-analysis');
    await expectNoAxeViolations(page, 'class analysis');
    expect(t.external).toEqual([]);
    await t.close();
  });
});
