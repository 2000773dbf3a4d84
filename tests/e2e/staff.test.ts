import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, newTestPage, runAxe, screenshot, startServer, type TestServer, screenshotWidths } from './harness';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('staff workspace', () => {
  it('rejects a wrong password with a Swedish message', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill('fel-lösenord-123456');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('login-error').waitFor();
    expect((await page.getByTestId('login-error').textContent())?.length).toBeGreaterThan(5);
    await screenshot(page, 'staff-0-login-error');
    await t.close();
  });

  it('logs in, shows the campaign list with the DEMO badge and the open link, and logs out', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/`);
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    await screenshotWidths(page, 'staff-1-login');
    const loginViolations = await runAxe(page);
    expect(loginViolations, formatViolations(loginViolations)).toEqual([]);

    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();

    await page.getByTestId('campaign-table').waitFor();
    const demoRow = page.getByTestId('campaign-row').filter({ has: page.getByTestId('demo-badge') });
    expect(await demoRow.count()).toBeGreaterThan(0);
    expect(await demoRow.first().getByTestId('demo-badge').textContent()).toBe('DEMO');
    expect(await demoRow.first().textContent()).toContain('Öppen');
    const link = demoRow.first().getByTestId('open-link');
    expect(await link.getAttribute('href')).toMatch(/^\/o\/[^/]+$/);
    expect(await page.title()).toBe('Undersökningar – Arbetsyta');
    await screenshotWidths(page, 'staff-2-campaigns');
    const listViolations = await runAxe(page);
    expect(listViolations, formatViolations(listViolations)).toEqual([]);

    // A reload keeps the session (HttpOnly cookie) and lands on the same page.
    await page.reload();
    await page.getByTestId('campaign-table').waitFor();

    await page.getByTestId('logout').click();
    await page.getByRole('heading', { name: 'Logga in' }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
    await screenshot(page, 'staff-3-logged-out');
    expect(t.external).toEqual([]);
    await t.close();
  });
});
