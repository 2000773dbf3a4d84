/**
 * County comparison in the browser: an admin creates analysts in four
 * Östergötland kommuner and a county viewer for län 05 (POST /api/admin/users);
 * the analysts run and close open-link surveys with the demo questionnaire;
 * the county viewer logs in, opens Länsjämförelse and sees the funnel plot,
 * the interval chart sorted by name, the table with Ydre suppressed, and the method.
 * The län's value says which kommuner it covers and has its interval, each
 * kommun's period ends on the day it was closed, the weighting is named, and
 * the header names the län, not the viewer's kommun. Photographed at phone,
 * tablet and desktop width.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, screenshotWidths, startServer, type StaffSession, type TestServer, NO_OPEN_LINK_LIMITS } from './harness';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer(undefined, NO_OPEN_LINK_LIMITS);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function call(session: StaffSession | { token: string }, method: string, path: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if ('token' in session) headers.authorization = `Bearer ${session.token}`;
  else Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrfToken });
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function login(email: string, password: string): Promise<{ token: string }> {
  const body = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { token: ((await body.json()) as { token: string }).token };
}

/** n demo answers; prevalence `p` among women, 0.6·p among men, more among the young. */
function answers(n: number, p: number, seed: number) {
  let state = seed;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) => {
    const alder = 18 + Math.floor(rand() * 68);
    const risk = p * (i % 2 === 0 ? 1 : 0.6) * (alder < 30 ? 1.5 : 1);
    return { kon: i % 2 === 0 ? 'kvinna' : 'man', alder, psykiskt_12m: rand() < risk ? 'ja' : 'nej', fysiskt_12m: 'nej' };
  });
}

describe('county comparison', () => {
  it('a county viewer sees the funnel plot and the table of its län', async () => {
    const admin = await loginApi(server);
    const kommuner = [
      { kod: '0580', namn: 'Linköping', n: 320, p: 0.14 },
      { kod: '0586', namn: 'Mjölby', n: 140, p: 0.22 },
      { kod: '0583', namn: 'Motala', n: 180, p: 0.1 },
      { kod: '0512', namn: 'Ydre', n: 3, p: 0.2 },
    ];
    for (const [index, k] of kommuner.entries()) {
      const created = await call(admin, 'POST', '/api/admin/users', {
        email: `analytiker-${k.kod}@example.se`,
        displayName: `Analytiker ${k.namn}`,
        kommunkod: k.kod,
        roles: [{ role: 'analyst', kommunkod: k.kod }],
      });
      const analyst = await login(`analytiker-${k.kod}@example.se`, created.password);
      const campaign = await call(analyst, 'POST', '/api/campaigns', { templateId: 'demo', title: `Befolkningsenkät ${k.namn} 2025`, kommunkod: k.kod, mode: 'open' });
      await call(analyst, 'POST', `/api/campaigns/${campaign.id}/open`);
      const detail = await call(analyst, 'GET', `/api/campaigns/${campaign.id}`);
      const slug = detail.openSlug ?? detail.campaign?.openSlug;
      expect(slug, JSON.stringify(detail)).toBeTruthy();
      for (const [i, a] of answers(k.n, k.p, index + 1).entries()) {
        await call({ token: '' }, 'POST', `/api/open/${slug}/submit`, { submissionId: `e2e-${k.kod}-${i}-submission`, answers: a });
      }
      await call(analyst, 'POST', `/api/campaigns/${campaign.id}/close`);
    }
    const viewer = await call(admin, 'POST', '/api/admin/users', {
      email: 'lansstyrelsen@example.se',
      displayName: 'Länsstyrelsen Östergötland',
      kommunkod: '0580',
      roles: [{ role: 'county_viewer', lanKod: '05' }],
    });

    const { page, external, close } = await newTestPage(browser, { viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/arbetsyta/`);
    await page.getByLabel('E-postadress').fill('lansstyrelsen@example.se');
    await page.getByLabel('Lösenord').fill(viewer.password);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('nav-lan-05').click();
    await page.getByTestId('funnel-plot').waitFor();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Östergötlands län');
    // The header names the län the viewer works for, not the kommun the account is registered in.
    expect(await page.getByTestId('kommun-name').textContent()).toBe('Östergötlands län');
    // The län's value: an estimate with its interval over the three kommuner with values, of thirteen.
    const lanText = ((await page.getByTestId('lan-estimate').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(lanText).toMatch(/^Länet: \d+,\d % \(\d+,\d–\d+,\d\)/);
    expect(lanText).toContain('3 av länets 13 kommuner');
    expect(lanText).toContain('inte hela länet');
    expect(await page.getByTestId('dot-whisker').textContent()).toContain('(3 av 13 kommuner)');
    expect(await page.getByTestId('weighting-note').textContent()).toContain('bara på kön × åldersgrupp');

    const table = page.getByTestId('county-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(13);
    const linkoping = await page.getByTestId('county-row-0580').textContent();
    expect(linkoping).toContain('320');
    // The period ends on the day the survey was closed (today), not its planned end.
    expect(linkoping).toContain(`stängd ${new Date().toLocaleDateString('sv-SE')}`);
    expect(linkoping).not.toContain('t.o.m.');
    expect(linkoping).toMatch(/\d+,\d %/);
    const ydre = await page.getByTestId('county-row-0512').textContent();
    expect(ydre).toContain('Färre än 5 svarande');
    expect(ydre).not.toContain('3 ');
    expect(await page.getByTestId('county-row-0562').textContent()).toContain('Ingen avslutad');
    expect(await page.getByTestId('funnel-plot').locator('circle').count()).toBe(3);
    expect(await page.getByTestId('funnel-plot').locator('desc').textContent()).toMatch(/3 kommuner visas/);
    expect(await page.getByTestId('county-explain').textContent()).toContain('Skillnader inom trattens gränser kan bero på slumpen');
    expect(await page.getByTestId('county-method').textContent()).toContain('Källa: SCB');
    // Sorted by name, not by value.
    const labels = await page.getByTestId('dot-whisker').locator('text.chart-label').allTextContents();
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'sv')));
    await screenshotWidths(page, 'county-1-comparison');

    await page.getByTestId('standard-select').selectOption('riket');
    await expect.poll(() => page.getByTestId('county-method').textContent()).toContain('Sveriges befolkning');
    await page.getByTestId('funnel-plot').waitFor();
    await screenshot(page, 'county-2-riket', false);

    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    expect(external).toEqual([]);

    // Another län is refused.
    const other = await page.evaluate(async () => (await fetch('/api/county/01/kommuner')).status);
    expect(other).toBe(403);
    await close();
  });
});
