/**
 * The inventory month in the browser: an analyst starts one, a unit reports
 * its counts in the form (on a phone, as a unit link would), and the nämnd
 * summary shows the sums with small counts suppressed and the caveat that a
 * person may be known to several units. Screenshots: .tmp/e2e/inventory-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, newTestPage, runAxe, screenshot, startServer, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
let monthUrl: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function login(page: Page) {
  await page.getByLabel('E-postadress').fill(server.adminEmail);
  await page.getByLabel('Lösenord').fill(server.adminPassword);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

describe('inventory month', () => {
  it('is started by an analyst, and units report counts in the form', async () => {
    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/kartlaggning`);
    await login(page);
    await page.getByTestId('kind-inventory').check();
    await page.getByTestId('create-screening').getByRole('button', { name: /Starta|Skapa/ }).click();
    await page.getByTestId('inventory-intro').waitFor();
    monthUrl = page.url();
    await page.getByTestId('inventory-entry-link').click();
    await page.getByTestId('inventory-form').waitFor();
    // Barn och unga: 14 girls and 9 boys aged 13–17 witnessed violence, 3 boys aged 0–5 were subjected to it.
    await page.getByTestId('inventory-unit').selectOption({ label: 'Barn och unga' });
    await page.getByTestId('count-barn_bevittnat|kvinna|13-17').fill('14');
    await page.getByTestId('count-barn_bevittnat|man|13-17').fill('9');
    await page.getByTestId('count-barn_utsatta|man|0-5').fill('3');
    await page.getByTestId('save-inventory').click();
    await expect.poll(() => page.getByTestId('inventory-result').textContent()).toBe('Rapporten för Barn och unga är sparad (26 personer sammanlagt).');
    await screenshot(page, 'inventory-1-entry-desktop', false);
    await expectNoAxeViolations(page, 'inventory entry form');
    await t.close();
  });

  it('fits a phone', async () => {
    const t = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    const { page } = t;
    await page.goto(`${monthUrl}/inventera`);
    await login(page);
    await page.getByTestId('inventory-unit').selectOption({ label: 'Försörjningsstöd' });
    await page.getByTestId('count-vuxna_utsatta|kvinna|30-44').fill('31');
    await page.getByTestId('count-barn_bevittnat|kvinna|6-12').fill('2');
    await page.getByTestId('save-inventory').click();
    await page.getByTestId('inventory-result').waitFor();
    // The form fits the phone: only the tables scroll sideways, inside their frames.
    const outside = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="inventory-form"] *')]
        .filter((el) => !el.closest('.table-wrap') && el.getBoundingClientRect().right > 392)
        .map((el) => `${el.tagName}.${el.className}`),
    );
    expect(outside).toEqual([]);
    const frame = await page.locator('.inventory-category .table-wrap').first().boundingBox();
    expect(frame!.x + frame!.width).toBeLessThanOrEqual(392);
    await screenshot(page, 'inventory-2-entry-phone');
    await t.close();
  });

  it('sums the reports for the nämnd, with small counts suppressed', async () => {
    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = t;
    await page.goto(monthUrl);
    await login(page);
    await page.getByTestId('inventory-summary-link').click();
    const findings = page.getByTestId('inventory-findings');
    await findings.waitFor();
    expect(await findings.locator('li').allTextContents()).toEqual([
      'Enheterna kände till 25 barn som bevittnat våld (16 flickor och 9 pojkar).',
      'Uppgifter om barn som utsatts för våld redovisas inte eftersom enheterna kände till färre än 5.',
      'Enheterna kände till 31 vuxna som utsatts för våld (31 kvinnor).',
      'Ingen enhet kände till några vuxna som utövat våld.',
    ]);
    expect(await page.getByTestId('inventory-method').textContent()).toContain('En person som är känd av flera enheter räknas en gång för varje enhet');
    const table = page.getByTestId('inventory-table-barn_bevittnat');
    expect((await table.locator('tbody tr').first().textContent())?.replace(/\s+/g, ' ')).toContain('färre än 5');
    await screenshot(page, 'inventory-3-summary');
    await expectNoAxeViolations(page, 'inventory summary');
    await t.close();
  });
});
