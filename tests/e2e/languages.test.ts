/**
 * Languages as data, in the browser: Arabic (shipped as an unreviewed
 * translation of the UI and of the demo template) is not offered until an
 * analyst marks both reviewed; then the respondent page lays out right to
 * left on a phone, a tablet and a desktop, with the quick exit, the support
 * box and the page counter working, and passes axe. The template editor
 * marks which strings of which language are untranslated.
 * Screenshots: .tmp/e2e/languages-*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, startServer, type StaffSession, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
let session: StaffSession;
let slug: string;
let campaignId: string;

async function staff(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await loginApi(server);
  const campaigns = (await (await staff('GET', '/api/campaigns')).json()) as { id: string; isDemo: boolean; openSlug: string | null }[];
  const demo = campaigns.find((c) => c.isDemo && c.openSlug)!;
  slug = demo.openSlug!;
  campaignId = demo.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('Arabic, right to left', () => {
  it('is not offered while unreviewed, and the settings say why', async () => {
    const patched = await staff('PATCH', `/api/campaigns/${campaignId}`, { languages: ['sv', 'en', 'ar'] });
    expect(patched.status).toBe(200);
    const { page, close } = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Jag vill delta' }).waitFor();
    expect(await page.getByRole('button', { name: 'العربية' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'English' }).count()).toBe(1);
    await close();

    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    await t.page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}`);
    await t.page.getByLabel('E-postadress').fill(server.adminEmail);
    await t.page.getByLabel('Lösenord').fill(server.adminPassword);
    await t.page.getByRole('button', { name: 'Logga in' }).click();
    const status = t.page.getByTestId('language-ar-status');
    await expect.poll(() => status.textContent()).toContain('erbjuds inte ännu');
    expect(await status.textContent()).toContain('inte granskad av en kvalificerad översättare');
    // Somali has neither a UI file nor a translation: it cannot be chosen.
    await t.page.getByTestId('languages').scrollIntoViewIfNeeded();
    await screenshot(t.page, 'languages-1-campaign-settings', false);
    await t.close();
  });

  it('marks untranslated strings per language in the template editor, and takes the review marks', async () => {
    const t = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/mallar/befolkningsenkat`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();
    const row = page.getByTestId('language-row-ar');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/0 av \d+ översatta/);
    expect(await page.getByTestId('language-offered-ar').textContent()).toContain('Enkäten är inte helt översatt');
    await page.getByTestId('translations').scrollIntoViewIfNeeded();
    await screenshot(page, 'languages-2-editor-befolkningsenkat', false);

    // The demo template is completely translated to Arabic, but not reviewed; an analyst marks both texts reviewed.
    await page.goto(`${server.url}/arbetsyta/mallar/demo`);
    await page.getByTestId('language-row-ar').waitFor();
    expect(await page.getByTestId('template-review-ar').textContent()).toBe('Inte granskad av en kvalificerad översättare');
    page.on('dialog', (dialog) => void dialog.accept('Auktoriserad translator A. Exempel'));
    await page.getByTestId('review-template-ar').click();
    await expect.poll(() => page.getByTestId('template-review-ar').textContent()).toContain('Granskad av Auktoriserad translator A. Exempel');
    await page.getByTestId('review-ui-ar').click();
    await expect.poll(() => page.getByTestId('language-offered-ar').textContent()).toBe('Erbjuds');
    await page.getByTestId('translations').scrollIntoViewIfNeeded();
    await screenshot(page, 'languages-3-editor-demo-reviewed', false);
    await expectNoAxeViolations(page, 'template editor languages');
    await t.close();
  });

  for (const [name, viewport] of [
    ['phone', { width: 390, height: 844 }],
    ['tablet', { width: 820, height: 1180 }],
    ['desktop', { width: 1280, height: 900 }],
  ] as const) {
    it(`lays the respondent page out right to left on a ${name}, with quick exit, support box and page counter`, async () => {
      const t = await newTestPage(browser, { viewport, locale: 'ar' });
      const { page } = t;
      await page.goto(`${server.url}/o/${slug}`);
      await page.getByRole('button', { name: 'العربية' }).click();
      await page.getByRole('button', { name: 'أريد المشاركة' }).waitFor();
      expect(await page.getAttribute('html', 'dir')).toBe('rtl');
      expect(await page.getAttribute('html', 'lang')).toBe('ar');
      expect(await page.title()).toBe('Enkät');
      expect(await page.getByTestId('public-title').textContent()).toBe('استبيان عن الصحة والأمان');

      // Right to left: the quick exit sits at the left end of the top bar, the language switch at the right.
      const exit = await box(page, '[data-testid="quick-exit"]');
      const languages = await box(page, '.language-switch');
      expect(exit.x).toBeLessThan(languages.x);
      expect(exit.x + exit.width).toBeLessThanOrEqual(viewport.width);
      expect(await page.getByTestId('quick-exit').textContent()).toBe('غادر الصفحة بسرعة');
      // The support box in Arabic, the phone numbers kept left to right.
      const support = page.locator('aside.support');
      expect(await support.locator('h2').textContent()).toBe('هل تحتاج إلى دعم أو إلى شخص تتحدث معه؟');
      expect(await support.textContent()).toContain('020-50 50 50');
      expect(await support.locator('a.phone').first().getAttribute('dir')).toBe('ltr');
      expect(await support.textContent()).toContain('112');
      // Text lines start at the right.
      const purpose = await box(page, '.consent p');
      const content = await box(page, 'main.content');
      expect(content.x + content.width - (purpose.x + purpose.width)).toBeLessThan(40);
      await screenshot(page, `languages-4-consent-${name}`);
      await expectNoAxeViolations(page, `Arabic consent page (${name})`);

      await page.getByRole('button', { name: 'أريد المشاركة' }).click();
      await page.getByText('ما جنسك؟').waitFor();
      expect(await page.getByTestId('page-progress').textContent()).toBe('الصفحة 1 من 2');
      await page.getByText('امرأة', { exact: true }).click();
      await screenshot(page, `languages-5-survey-${name}`);
      await expectNoAxeViolations(page, `Arabic survey page (${name})`);
      await page.getByRole('button', { name: 'التالي', exact: true }).click();
      await expect.poll(() => page.getByTestId('page-progress').textContent()).toBe('الصفحة 2 من 2');

      // The quick exit works as in Swedish: the page is replaced by the neutral site.
      await page.getByTestId('quick-exit').click();
      await expect.poll(() => t.neutralVisits.length).toBe(1);
      expect(t.external).toEqual([]);
      await t.close();
    });
  }

  it('submits in Arabic and thanks in Arabic; Esc leaves', async () => {
    const t = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    const { page } = t;
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('button', { name: 'أريد المشاركة' }).click();
    await page.getByText('ما جنسك؟').waitFor();
    await page.getByRole('button', { name: 'التالي', exact: true }).click();
    await page.getByText('لا أريد الإجابة', { exact: true }).first().click();
    await page.getByRole('button', { name: 'إرسال', exact: true }).click();
    await page.getByTestId('thanks').waitFor();
    expect(await page.getByTestId('thanks').textContent()).toBe('شكرًا على إجاباتك!');
    await screenshot(page, 'languages-6-thanks-phone');
    await expectNoAxeViolations(page, 'Arabic thank-you page');
    await page.keyboard.press('Escape');
    await expect.poll(() => t.neutralVisits.length).toBe(1);
    await t.close();
  });
});
