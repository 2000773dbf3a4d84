/**
 * The real population questionnaire (surveys/befolkningsenkat.json) in the
 * browser: completed in Swedish and in English, with the keyboard only, and
 * checked with axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import template from '../../surveys/befolkningsenkat.json';
import {
  formatViolations,
  launchBrowser,
  loginApi,
  newTestPage,
  runAxe,
  screenshot,
  startServer,
  tabUntil,
  type TestServer,
} from './harness';

type Text = string | { default: string; en?: string };
const text = (value: Text, locale: 'sv' | 'en') => (typeof value === 'string' ? value : locale === 'en' ? value.en ?? value.default : value.default);
const survey = template.survey as unknown as { pageNextText: Text; completeText: Text; pages: { title: Text }[] };
const labels = (locale: 'sv' | 'en') => ({ next: text(survey.pageNextText, locale), complete: text(survey.completeText, locale) });

let server: TestServer;
let browser: Browser;
let slug: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const session = await loginApi(server);
  const headers = { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' };
  const created = await fetch(`${server.url}/api/campaigns`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ templateId: 'befolkningsenkat', title: 'Befolkningsenkät (test)', mode: 'open' }),
  });
  if (created.status !== 201) throw new Error(`create campaign: ${created.status} ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const opened = await fetch(`${server.url}/api/campaigns/${id}/open`, { method: 'POST', headers });
  if (!opened.ok) throw new Error(`open campaign: ${opened.status} ${await opened.text()}`);
  const list = (await (await fetch(`${server.url}/api/campaigns`, { headers })).json()) as { id: string; openSlug: string }[];
  slug = list.find((campaign) => campaign.id === id)!.openSlug;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

/**
 * Walks the visible pages (some are shown only after certain answers):
 * lets `answer` act on step `index`, checks axe, and moves on until submit.
 */
async function completeSurvey(page: Page, locale: 'sv' | 'en', answer: (page: Page, index: number) => Promise<void>) {
  const { next, complete } = labels(locale);
  const nextButton = page.getByRole('button', { name: next, exact: true });
  const completeButton = page.getByRole('button', { name: complete, exact: true });
  const titles = new Set(survey.pages.map((p) => text(p.title, locale)));
  const seen: string[] = [];
  for (let index = 0; index < survey.pages.length; index++) {
    await nextButton.or(completeButton).first().waitFor();
    const heading = await page.locator('.sd-page__title').first().textContent();
    expect(titles.has((heading ?? '').trim()), `page title "${heading}" belongs to the template`).toBe(true);
    seen.push((heading ?? '').trim());
    await answer(page, index);
    await expectNoAxeViolations(page, `${locale} step ${index + 1} (${heading})`);
    if (await completeButton.isVisible()) {
      await screenshot(page, `befolkningsenkat-${locale}-last`);
      await completeButton.click();
      expect(seen.length).toBeGreaterThan(5);
      return;
    }
    await nextButton.click();
  }
  throw new Error(`the survey never showed its submit button; pages seen: ${seen.join(', ')}`);
}

describe('befolkningsenkät in the browser', () => {
  it('is completed in Swedish, with "Vill inte svara" on sensitive items and no outside requests', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Jag vill delta' }).click();
    await completeSurvey(page, 'sv', async (current, index) => {
      if (index === 0) {
        // Consent is asked once, on the information page: the template's own intro page with its consent question is left out.
        expect(await current.locator('.sd-page__title').first().textContent()).toBe('Om dig');
        expect(await current.getByText('Vill du delta i enkäten?').count()).toBe(0);
        await current.getByText('Kvinna', { exact: true }).click();
        // The frame counts age at the end of the year: 17 is accepted (and 86), 16 is not.
        const age = current.locator('.sd-question').filter({ hasText: 'Hur gammal är du?' }).locator('input');
        expect([await age.getAttribute('min'), await age.getAttribute('max')]).toEqual(['17', '86']);
        await age.fill('17');
        await screenshot(current, 'befolkningsenkat-sv-background');
      }
      if (index === 2) {
        // A plain page count instead of survey-core's stepper.
        expect(await current.getByTestId('page-progress').textContent()).toMatch(/^Sida 3 av \d+$/);
        expect(await current.locator('.sd-progress-buttons').count()).toBe(0);
        expect(await current.getByText('Vill inte svara', { exact: true }).count()).toBeGreaterThan(0);
        await current.getByText('Vill inte svara', { exact: true }).first().click();
      }
    });
    await page.getByTestId('thanks').waitFor();
    expect(await page.title()).toBe('Enkät');
    expect(t.external).toEqual([]);
    await t.close();
  });

  it('is completed in English, with the page count in English', async () => {
    const t = await newTestPage(browser, { locale: 'en-GB' });
    const { page } = t;
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await completeSurvey(page, 'en', async (current, index) => {
      if (index === 0) expect(await current.locator('.sd-page__title').first().textContent()).toBe('About you');
      if (index === 2) {
        expect(await current.getByTestId('page-progress').textContent()).toMatch(/^Page 3 of \d+$/);
        await screenshot(current, 'befolkningsenkat-en-page3');
      }
    });
    await page.getByTestId('thanks').waitFor();
    expect(await page.getByTestId('thanks').textContent()).toBe('Thank you for your answers!');
    await t.close();
  });

  it('can be completed with the keyboard only', async () => {
    const t = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    const { page } = t;
    const { next, complete } = labels('sv');
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Jag vill delta' }).waitFor();
    await tabUntil(page, 'the start button', "el.textContent === 'Jag vill delta'");
    await page.keyboard.press('Enter');
    await page.getByText('Vilket kön har du?').waitFor();
    await tabUntil(page, 'the first radio group', "el.matches('input[type=radio]')");
    await page.keyboard.press('Space');
    for (let index = 0; index < survey.pages.length; index++) {
      const button = `['${next}', '${complete}'].includes((el.value || el.textContent || '').trim())`;
      await tabUntil(page, `the Next or Submit button on page ${index + 1}`, button, 80);
      const label = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        return (el?.value || el?.textContent || '').trim();
      });
      await page.keyboard.press('Enter');
      if (label === complete) break;
    }
    await page.getByTestId('thanks').waitFor();
    await t.close();
  });
});
