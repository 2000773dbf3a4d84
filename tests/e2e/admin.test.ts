/**
 * A new kommun's first day, in the browser: first start → choose the kommun
 * → import områden → invite an analyst (one-time link) and a screener
 * (generated password) → the analyst logs in and sees only that kommun → the
 * admin disables the analyst and the analyst's open page is logged out →
 * the audit log shows every step. Screenshots at phone, tablet and desktop
 * widths in .tmp/e2e.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, startServer, type TestPage, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
const pages: TestPage[] = [];

const WIDTHS = { phone: { width: 390, height: 844 }, tablet: { width: 820, height: 1180 }, desktop: { width: 1280, height: 900 } } as const;
const ANALYST = { email: 'anna.analytiker@orebro.se', name: 'Anna Analytiker', password: 'annas-eget-losenord-1' };
const SCREENER = { email: 'sam.kartlaggare@orebro.se', name: 'Sam Kartläggare' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const t of pages) await t.close().catch(() => undefined);
  await browser?.close();
  await server?.stop();
});

async function open(viewport: { width: number; height: number } = WIDTHS.desktop): Promise<TestPage> {
  const t = await newTestPage(browser, { viewport });
  pages.push(t);
  return t;
}

async function expectNoAxeViolations(page: Page, what: string) {
  const violations = await runAxe(page);
  expect(violations, `${what}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Screenshots of the current page at the three widths, back at desktop afterwards. */
async function atEveryWidth(page: Page, name: string) {
  for (const [label, size] of Object.entries(WIDTHS)) {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await screenshot(page, `${name}-${label}`);
  }
  await page.setViewportSize(WIDTHS.desktop);
}

async function logIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/arbetsyta/`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

describe('a new kommun sets up its installation', () => {
  it('first start → kommun → områden → invitations → analyst sees only the kommun → disabled and logged out → audit log', async () => {
    // ---- First start: the admin is asked which kommun the installation serves.
    const admin = await open();
    await logIn(admin.page, server.adminEmail, server.adminPassword);
    await admin.page.getByTestId('setup-panel').waitFor();
    await atEveryWidth(admin.page, 'admin-01-first-start');
    await expectNoAxeViolations(admin.page, 'first start');
    await admin.page.getByTestId('setup-kommun').selectOption('1880');
    await admin.page.getByText('Ge mig också rätt att exportera').click();
    await admin.page.getByTestId('setup-save').click();
    await admin.page.getByTestId('setup-panel').waitFor({ state: 'detached' });
    // The admin is now analyst in Örebro; the demo kommun stays, labelled.
    expect(await admin.page.getByTestId('kommun-name').textContent()).toContain('Örebro');
    expect(await admin.page.getByTestId('kommun-name').textContent()).toContain('Demokommun (exempel)');
    await admin.page.getByTestId('demo-badge').first().waitFor();

    // ---- Administration: områden from the kommun's CSV, contact, retention, a unit.
    await admin.page.getByRole('link', { name: 'Administration' }).click();
    await admin.page.getByTestId('installation').waitFor();
    expect(await admin.page.getByTestId('installation').textContent()).toContain('Örebro');
    await admin.page.getByTestId('kommun-settings').waitFor();
    await admin.page.getByTestId('areas-file').setInputFiles({
      name: 'orebro-omraden.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('kod;namn\nvivalla;Vivalla\nbaronbackarna;Baronbackarna\noxhagen;Oxhagen\ncentrum;Centrum\n', 'utf8'),
    });
    await admin.page.getByTestId('areas-message').filter({ hasText: '4 områden sparade' }).waitFor();
    expect(await admin.page.getByTestId('areas-table').locator('tbody tr').count()).toBe(4);
    await admin.page.getByTestId('contact-name').fill('Örebro kommun, socialtjänsten');
    await admin.page.getByTestId('retention-responsesMonths').fill('24');
    await admin.page.getByTestId('retention-auditMonths').fill('60');
    await admin.page.getByTestId('settings-save').click();
    await admin.page.getByTestId('settings-message').filter({ hasText: 'sparade' }).waitFor();
    await admin.page.getByTestId('unit-name').fill('Försörjningsstöd Väster');
    await admin.page.getByTestId('unit-add').click();
    await admin.page.getByTestId('unit-list').filter({ hasText: 'Försörjningsstöd Väster' }).waitFor();

    // ---- Invite an analyst with a one-time link …
    const invite = admin.page.getByTestId('invite-form');
    await invite.getByTestId('invite-email').fill(ANALYST.email);
    await invite.getByTestId('invite-name').fill(ANALYST.name);
    await invite.getByTestId('grant-role').selectOption('analyst');
    await invite.getByTestId('grant-add').click();
    await invite.getByTestId('grant-list').filter({ hasText: 'Analytiker i Örebro' }).waitFor();
    await invite.getByTestId('invite-by-link').check();
    await invite.getByTestId('invite-submit').click();
    await admin.page.getByTestId('one-time-secret').waitFor();
    const link = (await admin.page.getByTestId('secret-value').textContent())!;
    expect(link).toMatch(new RegExp(`^${server.url}/arbetsyta/inbjudan/[\\w-]{40,}$`));
    await atEveryWidth(admin.page, 'admin-02-invited');
    await expectNoAxeViolations(admin.page, 'administration');

    // … and a screener of the unit with a generated password.
    await invite.getByTestId('invite-email').fill(SCREENER.email);
    await invite.getByTestId('invite-name').fill(SCREENER.name);
    await invite.getByTestId('grant-role').selectOption('screener');
    await invite.getByTestId('grant-unit').selectOption({ label: 'Försörjningsstöd Väster' });
    await invite.getByTestId('grant-add').click();
    await invite.getByTestId('invite-by-password').check();
    await invite.getByTestId('invite-submit').click();
    await admin.page.getByTestId('one-time-secret').filter({ hasText: SCREENER.email }).waitFor();
    const screenerPassword = (await admin.page.getByTestId('secret-value').textContent())!;
    expect(screenerPassword).toMatch(/^[\w-]{16,}$/);
    await admin.page.locator(`[data-testid="account-row"][data-email="${SCREENER.email}"]`).filter({ hasText: 'Kartläggare, Försörjningsstöd Väster (Örebro)' }).waitFor();

    // A survey in Örebro, so the analyst has something of the kommun to see (and the demo one to not see).
    const session = await loginApi(server);
    const created = await fetch(`${server.url}/api/campaigns`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'befolkningsenkat', title: 'Trygghetsenkät Örebro 2026', kommunkod: '1880' }),
    });
    expect(created.status).toBe(201);

    // ---- The analyst opens the link, chooses a password, and sees only Örebro.
    const analyst = await open(WIDTHS.phone);
    await analyst.page.goto(link);
    await analyst.page.getByTestId('invite-page').filter({ hasText: ANALYST.email }).waitFor();
    await screenshot(analyst.page, 'admin-03-invite-phone');
    await expectNoAxeViolations(analyst.page, 'invitation');
    await analyst.page.getByTestId('invite-password').fill(ANALYST.password);
    await analyst.page.getByTestId('invite-repeat').fill(ANALYST.password);
    await analyst.page.getByTestId('invite-accept').click();
    await analyst.page.getByTestId('campaign-table').waitFor();
    expect(new URL(analyst.page.url()).pathname).toBe('/arbetsyta/');
    const rows = analyst.page.getByTestId('campaign-row');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Trygghetsenkät Örebro 2026');
    expect(await analyst.page.getByTestId('demo-badge').count()).toBe(0);
    expect((await analyst.page.getByTestId('kommun-name').textContent())?.trim()).toBe('Örebro');
    expect(await analyst.page.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    const seen = await analyst.page.evaluate(async () => ((await (await fetch('/api/campaigns')).json()) as { kommunkod: string }[]).map((c) => c.kommunkod));
    expect(seen).toEqual(['1880']);
    expect(await analyst.page.evaluate(async () => (await fetch('/api/admin/users')).status)).toBe(403);
    // The campaign starts with the kommun's områden and contact, and says when its answers go.
    await rows.first().getByRole('link').click();
    await analyst.page.getByTestId('retention').filter({ hasText: 'Raderas 24 månader efter stängning' }).waitFor();
    await screenshot(analyst.page, 'admin-04-analyst-campaign-phone');
    // A new screening month starts from the kommun's own units, set up by the admin.
    await analyst.page.goto(`${server.url}/arbetsyta/kartlaggning`);
    await analyst.page.getByTestId('create-screening').waitFor();
    await expect.poll(() => analyst.page.getByLabel('Ta med Försörjningsstöd Väster').isChecked()).toBe(true);
    expect(await analyst.page.getByLabel('Enhetens namn (Försörjningsstöd Väster)').inputValue()).toBe('Försörjningsstöd Väster');
    expect(await analyst.page.getByLabel('Ta med Mottagning').isChecked()).toBe(false);

    // The screener logs in with the generated password and lands in the screening month.
    const screener = await open(WIDTHS.tablet);
    await logIn(screener.page, SCREENER.email, screenerPassword);
    await screener.page.waitForURL(`${server.url}/arbetsyta/kartlaggning`);

    // ---- The admin disables the analyst; the analyst's open page is logged out.
    await admin.page.reload();
    const row = admin.page.locator(`[data-testid="account-row"][data-email="${ANALYST.email}"]`);
    await row.waitFor();
    await row.getByTestId('account-disable').click();
    await admin.page.locator('dialog[open]').getByTestId('confirm-ok').click();
    await admin.page.getByTestId('accounts-message').filter({ hasText: 'avstängd och utloggad' }).waitFor();
    await row.getByTestId('account-status').filter({ hasText: 'Avstängd' }).waitFor();
    // No click on the analyst's page: it notices by itself.
    await analyst.page.getByTestId('login-notice').filter({ hasText: 'Du har loggats ut' }).waitFor({ timeout: 30_000 });
    await screenshot(analyst.page, 'admin-05-analyst-logged-out-phone');
    expect(await analyst.page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
    await analyst.page.getByLabel('E-postadress').fill(ANALYST.email);
    await analyst.page.getByLabel('Lösenord').fill(ANALYST.password);
    await analyst.page.getByRole('button', { name: 'Logga in' }).click();
    await analyst.page.getByTestId('login-error').waitFor();

    // ---- The audit log shows every step.
    await admin.page.getByRole('link', { name: 'Granskningslogg' }).click();
    await admin.page.getByTestId('audit-table').waitFor();
    const actions = await admin.page.getByTestId('audit-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')));
    for (const action of ['admin.setup', 'admin.kommun.settings', 'admin.kommun.unit', 'admin.user.create', 'auth.invite_accept', 'auth.login', 'admin.user.disable', 'campaign.create']) {
      expect(actions, action).toContain(action);
    }
    expect(actions.filter((a) => a === 'admin.user.create')).toHaveLength(2);
    // Newest first: the disabling came after the analyst's login.
    expect(actions.indexOf('admin.user.disable')).toBeLessThan(actions.indexOf('auth.invite_accept'));
    await atEveryWidth(admin.page, 'admin-06-audit-log');
    await expectNoAxeViolations(admin.page, 'audit log');

    // Filter on the analyst's account: their invitation, login, and what was done to the account shows under the admin.
    const options = await admin.page.getByTestId('audit-user').locator('option').allTextContents();
    const analystOption = options.find((o) => o.includes(ANALYST.email))!;
    await admin.page.getByTestId('audit-user').selectOption({ label: analystOption });
    await admin.page.getByTestId('audit-apply').click();
    await admin.page.getByTestId('audit-row').first().waitFor();
    await expect.poll(async () => new Set(await admin.page.getByTestId('audit-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))).toEqual(
      new Set(['auth.invite_accept', 'auth.login']),
    );
    await admin.page.getByTestId('audit-action').selectOption('admin.user.disable');
    await admin.page.getByTestId('audit-user').selectOption('');
    await admin.page.getByTestId('audit-apply').click();
    await expect.poll(async () => admin.page.getByTestId('audit-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action')))).toEqual(['admin.user.disable']);
    // Who did it (the admin), to whom (the analyst).
    expect(await admin.page.getByTestId('audit-row').textContent()).toContain(server.adminEmail);
    expect(await admin.page.getByTestId('audit-row').textContent()).toContain(ANALYST.email);
    const download = admin.page.waitForEvent('download');
    await admin.page.getByTestId('audit-csv').click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\n')[0]).toContain('tid_utc,konto,konto_id,kommunkod,handelse');
    expect(csv).toContain('admin.user.disable');
    expect(csv).toContain(ANALYST.email);

    for (const t of [admin, analyst, screener]) expect(t.external).toEqual([]);
  });
});
