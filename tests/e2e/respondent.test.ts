import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodedTransferBytes,
  findDemoOpenSlug,
  formatViolations,
  launchBrowser,
  newTestPage,
  runAxe,
  screenshot,
  screenshotWidths,
  startServer,
  tabUntil,
  type TestServer,
} from './harness';
import enLocale from '../../surveys/locales/ui/en.json';
import svLocale from '../../surveys/locales/ui/sv.json';

const svStrings: Record<string, string | undefined> = svLocale.survey;
const enStrings: Record<string, string | undefined> = enLocale.survey;

// Navigation labels come from the reviewed survey-core strings (client/survey-locale.ts).
const sv = { next: svStrings.pageNextText ?? 'Nästa', complete: svStrings.completeText ?? 'Slutför' };
const en = { next: enStrings.pageNextText ?? 'Next', complete: enStrings.completeText ?? 'Complete' };

let server: TestServer;
let browser: Browser;
let slug: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  slug = await findDemoOpenSlug(server);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

async function expectSupportInfo(page: Page) {
  const support = page.locator('aside.support');
  await expect.poll(() => support.textContent()).toContain('020-50 50 50');
  const text = (await support.textContent()) ?? '';
  expect(text).toContain('Kvinnofridslinjen');
  expect(text).toContain('112');
  expect(await page.getByTestId('kommun-contact').count()).toBe(1);
}

describe('respondent, open link', () => {
  it('answers the demo survey in Swedish and sees the thank-you page, with no outside requests', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/o/${slug}`);

    await page.getByRole('button', { name: 'Jag vill delta' }).waitFor();
    expect(await page.title()).toBe('Enkät');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await expect.poll(() => page.getByTestId('quick-exit').isVisible()).toBe(true);
    await expectSupportInfo(page);
    await screenshotWidths(page, 'respondent-1-consent');
    await expectNoAxeViolations(page, 'consent page');
    const transfer = await encodedTransferBytes(page);
    // Chromium asks for Brotli only over HTTPS; over this test's plain HTTP it gets gzip. Fetch the same
    // resources as a browser on HTTPS would (Accept-Encoding: br) to print what a respondent downloads in production.
    let brotliTotal = 0;
    for (const entry of transfer.entries) {
      const response = await fetch(server.url + entry.name, { headers: { 'accept-encoding': 'br, gzip' } });
      brotliTotal += Number(response.headers.get('content-length') ?? (await response.arrayBuffer()).byteLength);
    }
    console.log(`respondent page transfer with Brotli (as over HTTPS): ${(brotliTotal / 1024).toFixed(1)} KiB`);
    console.log(
      `respondent page compressed transfer: ${(transfer.total / 1024).toFixed(1)} KiB\n` +
        transfer.entries.map((e) => `  ${e.name}: ${(e.encoded / 1024).toFixed(1)} KiB (${(e.decoded / 1024).toFixed(1)} KiB decoded)`).join('\n'),
    );

    await page.getByRole('button', { name: 'Jag vill delta' }).click();
    await page.getByText('Vilket kön har du?').waitFor();
    await page.getByText('Kvinna', { exact: true }).click();
    await page.getByRole('spinbutton').or(page.getByRole('textbox')).first().fill('34');
    await screenshotWidths(page, 'respondent-2-survey-page1');
    await expectNoAxeViolations(page, 'survey page 1');

    await page.getByRole('button', { name: sv.next, exact: true }).click();
    await page.getByText('hotat, kontrollerat eller förnedrat', { exact: false }).waitFor();
    // "Vill inte svara" is offered and may be chosen; the other question is skipped.
    await page.getByText('Vill inte svara', { exact: true }).first().click();
    await screenshot(page, 'respondent-3-survey-page2');
    await page.getByRole('button', { name: sv.complete, exact: true }).click();

    await page.getByTestId('thanks').waitFor();
    expect(await page.getByTestId('thanks').textContent()).toBe('Tack för dina svar!');
    await expectSupportInfo(page);
    await screenshotWidths(page, 'respondent-4-thanks');
    await expectNoAxeViolations(page, 'thank-you page');

    expect(t.external).toEqual([]);
    await t.close();
  });

  it('switches to English and completes', async () => {
    const t = await newTestPage(browser, { locale: 'en-GB' });
    const { page } = t;
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Start' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Leave this page quickly' }).isVisible()).toBe(true);
    expect(await page.title()).toBe('Enkät');
    await page.getByRole('button', { name: 'Start' }).click();

    await page.getByText('What is your gender?').waitFor();
    await page.getByText('Man', { exact: true }).click();
    await page.getByRole('button', { name: en.next, exact: true }).click();
    await page.getByText('threatened, controlled or humiliated', { exact: false }).waitFor();
    await page.getByText('No', { exact: true }).first().click();
    await screenshot(page, 'respondent-5-english-page2');
    await page.getByRole('button', { name: en.complete, exact: true }).click();

    await page.getByTestId('thanks').waitFor();
    expect(await page.getByTestId('thanks').textContent()).toBe('Thank you for your answers!');
    expect(await page.locator('aside.support').textContent()).toContain('020-50 50 50');
    await screenshot(page, 'respondent-6-english-thanks');
    expect(t.external).toEqual([]);
    await t.close();
  });

  it('can be completed with the keyboard only', async () => {
    const t = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
    const { page } = t;
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Jag vill delta' }).waitFor();
    await screenshot(page, 'respondent-7a-mobile-consent');

    await tabUntil(page, 'the start button', "el.textContent === 'Jag vill delta'");
    await page.keyboard.press('Enter');
    await page.getByText('Vilket kön har du?').waitFor();

    // First radio group: Tab into it, arrow to the second choice ("Man").
    await tabUntil(page, 'the gender radio group', "el.matches('input[type=radio]') && el.name.length > 0");
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await tabUntil(page, 'the age field', "el.matches('input:not([type=radio]):not([type=button])')");
    await page.keyboard.type('52');
    await screenshot(page, 'respondent-7-keyboard-page1', false);
    await tabUntil(page, 'the Next button', `(el.value || el.textContent || '').trim() === ${JSON.stringify(sv.next)}`);
    // A clearly visible focus ring (WCAG 2.4.7): 3 px solid near-black, 2 px off the button, not under the top bar (2.4.11).
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      const bar = document.querySelector('.topbar')!.getBoundingClientRect();
      return { style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor, offset: style.outlineOffset, visible: box.top >= bar.bottom };
    });
    expect(ring).toEqual({ style: 'solid', width: '3px', color: 'rgb(26, 26, 26)', offset: '2px', visible: true });
    await screenshot(page, 'respondent-7b-keyboard-focus-next', false);
    await page.keyboard.press('Enter');

    await page.getByText('hotat, kontrollerat eller förnedrat', { exact: false }).waitFor();
    await tabUntil(page, 'the first radio on page 2', "el.matches('input[type=radio]')");
    // survey-core hides the native radio; its drawn circle carries the ring.
    const radioRing = await page.evaluate(() => {
      const decorator = document.activeElement!.nextElementSibling as HTMLElement;
      const style = getComputedStyle(decorator);
      return { style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(radioRing).toEqual({ style: 'solid', width: '3px' });
    await screenshot(page, 'respondent-7c-keyboard-focus-radio', false);
    await page.keyboard.press('Space');
    await tabUntil(page, 'the Complete button', `(el.value || el.textContent || '').trim() === ${JSON.stringify(sv.complete)}`);
    await page.keyboard.press('Enter');

    await page.getByTestId('thanks').waitFor();
    await screenshot(page, 'respondent-8-keyboard-thanks', false);
    expect(t.external).toEqual([]);
    await t.close();
  });

  it('retries a failed submit with the same submissionId and shows "Försöker igen…"', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    const bodies: { submissionId: string }[] = [];
    let failuresLeft = 2;
    await page.route('**/submit', async (route) => {
      bodies.push(route.request().postDataJSON() as { submissionId: string });
      if (failuresLeft > 0) {
        failuresLeft--;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Jag vill delta' }).click();
    await page.getByText('Annat', { exact: true }).click();
    await page.getByRole('button', { name: sv.next, exact: true }).click();
    await page.getByRole('button', { name: sv.complete, exact: true }).click();
    await page.getByText('Försöker igen…').waitFor();
    await screenshot(page, 'respondent-9-retrying');
    await page.getByTestId('thanks').waitFor({ timeout: 20_000 });

    expect(bodies.length).toBe(3);
    expect(new Set(bodies.map((b) => b.submissionId)).size).toBe(1);
    expect(bodies[0].submissionId).toMatch(/^[0-9a-f-]{36}$/);
    await t.close();
  });
});

describe('respondent safety', () => {
  it('Esc leaves at once and Back does not return to the survey', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    // Something harmless before the survey in this tab's history.
    await page.goto(`${server.url}/healthz`);
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Jag vill delta' }).click();
    await page.getByText('Kvinna', { exact: true }).click();

    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.hostname === 'www.google.com');
    expect(t.neutralVisits.length).toBe(1);
    expect(await page.title()).toBe('Väder');

    await page.goBack();
    await page.waitForLoadState();
    expect(page.url()).not.toContain(`/o/${slug}`);
    expect(page.url()).toBe(`${server.url}/healthz`);
    expect(await page.content()).not.toContain('Vilket kön har du?');
    expect(t.external).toEqual([]);
    await t.close();
  });

  it('the "Lämna sidan snabbt" button does the same', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/healthz`);
    await page.goto(`${server.url}/o/${slug}`);
    await page.getByRole('button', { name: 'Lämna sidan snabbt' }).click();
    await page.waitForURL((url) => url.hostname === 'www.google.com');
    await page.goBack();
    await page.waitForLoadState();
    expect(page.url()).toBe(`${server.url}/healthz`);
    await t.close();
  });

  it('keeps the code field and says what is wrong with a code (more in resume-word.test.ts)', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Ange din kod' }).waitFor();
    await page.getByLabel('Kod').fill('ZZZZ-9999-NOPE');
    await screenshotWidths(page, 'respondent-10-code-entry');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    // Twelve symbols cannot be a code: said at once, without a request.
    await page.getByTestId('load-error').filter({ hasText: 'Koden har 11 tecken' }).waitFor();
    expect(page.url()).toBe(`${server.url}/`);
    await page.getByLabel('Kod').fill('ABCD-EFGH-JKM');
    await page.getByRole('button', { name: 'Fortsätt' }).click();
    await page.getByTestId('load-error').filter({ hasText: 'Koden finns inte' }).waitFor();
    // The code is taken out of the address bar (and so out of the Back entry); the field stays, with the code.
    expect(page.url()).toBe(`${server.url}/s`);
    expect(await page.getByLabel('Kod').inputValue()).toBe('ABCD-EFGH-JKM');
    expect(await page.title()).toBe('Enkät');
    await screenshot(page, 'respondent-11-code-error');
    await expectNoAxeViolations(page, 'code error page');
    expect(t.external).toEqual([]);
    await t.close();
  });
});
