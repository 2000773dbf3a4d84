/**
 * Sealed drafts in the browser (docs/api.md, "Sealed drafts"): nothing is
 * saved without a resume word; a respondent chooses one, uses the quick exit
 * (which sends nothing), and resumes in a fresh browser context on the page
 * she left, with her answers, after being refused a wrong word. A forgotten
 * word means starting over. Also: what a code that cannot be used says, and
 * the campaign's public title from the analyst's settings to the respondent.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatViolations,
  launchBrowser,
  loginApi,
  newTestPage,
  runAxe,
  screenshot,
  startServer,
  type StaffSession,
  type TestServer,
} from './harness';
import { sealedDraftBody } from '../server/draft-helpers';

let server: TestServer;
let browser: Browser;
let session: StaffSession;
let campaignId: string;
let codes: string[];

const PHONE = { width: 390, height: 844 };

async function staffApi(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : ((await response.json()) as Record<string, unknown>);
}

/** A befolkningsenkät campaign with personal codes, opened. */
async function openCodeCampaign(title: string, count: number): Promise<{ id: string; codes: string[] }> {
  const { id } = (await staffApi('POST', '/api/campaigns', { templateId: 'befolkningsenkat', title })) as { id: string };
  const issued = (await staffApi('POST', `/api/campaigns/${id}/codes`, {
    strata: [{ stratum: { kon: 'kvinna', aldersgrupp: '30-44' }, count, N: 500 }],
  })) as { codes: { code: string }[] };
  await staffApi('POST', `/api/campaigns/${id}/open`);
  return { id, codes: issued.codes.map((c) => c.code) };
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  session = await loginApi(server);
  ({ id: campaignId, codes } = await openCodeCampaign('Befolkningsenkät om våld i nära relationer, Testkommun 2026', 8));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Every request the page sends to the respondent API, with its body. */
function recordRespondentRequests(page: Page): { method: string; path: string; body: string | null }[] {
  const seen: { method: string; path: string; body: string | null }[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    // The UI's strings (GET /api/locales/ui…) are the same for everyone and carry nothing of the respondent.
    if (url.pathname.startsWith('/api/') && !url.pathname.startsWith('/api/locales/')) seen.push({ method: request.method(), path: url.pathname, body: request.postData() });
  });
  return seen;
}

const next = (page: Page) => page.getByRole('button', { name: 'Nästa', exact: true });
const previous = (page: Page) => page.getByRole('button', { name: 'Föregående', exact: true });
const question = (page: Page, title: string) => page.locator('.sd-question').filter({ hasText: title });
const pageTitle = async (page: Page) => ((await page.locator('.sd-page__title').first().textContent()) ?? '').trim();

async function enterCode(page: Page, code: string) {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Kod').fill(code);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
}

describe('sealed drafts and the resume word', () => {
  it('saves nothing without a word; saves sealed with one; the quick exit sends nothing; a fresh context resumes on the page reached', async () => {
    const code = codes[0];
    const a = await newTestPage(browser, { viewport: PHONE });
    const requests = recordRespondentRequests(a.page);
    await enterCode(a.page, code);
    await a.page.getByTestId('guarantee').waitFor();
    expect(await a.page.getByTestId('public-title').textContent()).toBe('Enkät om trygghet och relationer');
    expect(await a.page.getByTestId('guarantee').textContent()).toBe(
      'Dina svar sparas utan koppling till din kod. De skrivs in i databasen i omgångar om minst 10 svar, i slumpvis ordning (de sista när undersökningen stängs). Tills ditt svar har skrivits in kan den som har tillgång till databasen se ungefär när det kom in.',
    );
    expect(await a.page.getByTestId('resume-word-info').textContent()).toContain('Glömmer du ordet');
    // The internal title names violence; it is shown nowhere.
    expect(await a.page.content()).not.toContain('Testkommun');
    await screenshot(a.page, 'resume-01-consent-390-sv');
    await expectNoAxeViolations(a.page, 'information page');
    await a.page.getByTestId('start').click();

    // Consent is asked once: the survey opens on the background page, not on a second consent question.
    expect(await pageTitle(a.page)).toBe('Om dig');
    expect(await a.page.getByText('Vill du delta i enkäten?').count()).toBe(0);
    await question(a.page, 'Vilket kön har du?').getByText('Kvinna', { exact: true }).click();
    await question(a.page, 'Hur gammal är du?').locator('input').fill('34');
    await next(a.page).click();
    await question(a.page, 'någon gång kränkt').getByText('Ja', { exact: true }).click();
    await next(a.page).click();
    expect(await pageTitle(a.page)).toBe('Hot');
    // Three pages answered and not a single draft request: nothing is saved without a word.
    expect(requests.filter((r) => r.path.endsWith('/draft'))).toEqual([]);

    await a.page.getByTestId('save-later').click();
    await a.page.getByTestId('new-resume-word').fill('kort');
    await a.page.getByTestId('save-word').click();
    await a.page.getByText('Ordet behöver ha minst 6 tecken.').waitFor();
    await a.page.getByTestId('new-resume-word').fill('Blåbärsskog 7');
    await screenshot(a.page, 'resume-02-choose-word-390-sv');
    await expectNoAxeViolations(a.page, 'choosing a resume word');
    await a.page.getByTestId('save-word').click();
    await a.page.getByText('Dina svar är sparade och låsta med ditt ord.', { exact: false }).waitFor({ timeout: 20_000 });
    await screenshot(a.page, 'resume-03-saved-390-sv');
    const saves = requests.filter((r) => r.method === 'PUT');
    expect(saves).toHaveLength(1);
    const saved = JSON.parse(saves[0].body ?? '{}') as Record<string, unknown>;
    expect(Object.keys(saved).sort()).toEqual(['iterations', 'salt', 'sealed', 'verifier']);
    expect(saved.iterations).toBe(600_000);
    expect(saves[0].body).not.toMatch(/kvinna|psykiskt|kon|Blåbär/i);

    // The next page change seals again; then the quick exit.
    await question(a.page, 'någon gång hotat').getByText('Nej', { exact: true }).click();
    const autosaved = a.page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/draft'));
    await next(a.page).click();
    expect((await autosaved).status()).toBe(204);
    expect(await pageTitle(a.page)).toBe('Fysiskt våld');
    await question(a.page, 'någon gång använt fysiskt våld').getByText('Ja', { exact: true }).click();
    const before = requests.length;
    await a.page.keyboard.press('Escape');
    await a.page.waitForURL((url) => url.hostname === 'www.google.com');
    await a.page.waitForTimeout(500);
    // Leaving sent nothing at all: no empty autosave, no delete.
    expect(requests.slice(before)).toEqual([]);
    expect(a.external).toEqual([]);
    await a.close();

    // A fresh browser (no cookies, no storage): the letter link alone shows no answers.
    const b = await newTestPage(browser, { viewport: { width: 1280, height: 900 } });
    const bRequests = recordRespondentRequests(b.page);
    await enterCode(b.page, code);
    await b.page.getByRole('heading', { name: 'Fortsätt där du slutade' }).waitFor();
    expect(await b.page.locator('.sd-question').count()).toBe(0);
    expect(await b.page.content()).not.toContain('Kvinna');
    await screenshot(b.page, 'resume-04-ask-word-desktop-sv');
    await expectNoAxeViolations(b.page, 'resume page');
    await b.page.getByTestId('resume-word').fill('Lingonskog 7');
    await b.page.getByTestId('resume').click();
    await b.page.getByTestId('resume-error').waitFor({ timeout: 20_000 });
    expect(await b.page.getByTestId('resume-error').textContent()).toBe('Ordet stämmer inte. Du kan försöka 4 gånger till.');
    expect(await b.page.locator('.sd-question').count()).toBe(0);
    await screenshot(b.page, 'resume-05-wrong-word-desktop-sv');
    // The right word, typed as a phone would (capital first letter, a stray space).
    await b.page.getByTestId('resume-word').fill(' blåbärsskog 7');
    await b.page.getByTestId('resume').click();
    await b.page.locator('.sd-page__title').first().waitFor({ timeout: 20_000 });
    // Reopened on the last page reached, with the answers of the earlier pages intact.
    expect(await pageTitle(b.page)).toBe('Fysiskt våld');
    expect(await b.page.getByTestId('page-progress').textContent()).toMatch(/^Sida 4 av \d+$/);
    await screenshot(b.page, 'resume-06-resumed-desktop-sv');
    await previous(b.page).click();
    expect(await question(b.page, 'någon gång hotat').getByRole('radio', { name: 'Nej' }).isChecked()).toBe(true);
    await previous(b.page).click();
    expect(await question(b.page, 'någon gång kränkt').getByRole('radio', { name: 'Ja' }).isChecked()).toBe(true);
    await previous(b.page).click();
    expect(await question(b.page, 'Vilket kön har du?').getByRole('radio', { name: 'Kvinna' }).isChecked()).toBe(true);
    expect(await question(b.page, 'Hur gammal är du?').locator('input').inputValue()).toBe('34');
    // Only the word checks and the page changes went to the server: never the answers in clear.
    for (const sent of bRequests) expect(sent.body ?? '').not.toMatch(/kvinna|psykiskt/);

    // Finish: the submission deletes the draft.
    const submitButton = b.page.getByRole('button', { name: 'Skicka svaren', exact: true });
    for (let step = 0; step < 30 && !(await submitButton.isVisible()); step++) await next(b.page).click();
    await submitButton.click();
    await b.page.getByTestId('thanks').waitFor();
    await screenshot(b.page, 'resume-07-thanks-desktop-sv');
    await b.close();
    const again = await fetch(`${server.url}/api/respond/${code}`);
    expect(again.status).toBe(410);
  });

  it('in English too, with the page count in English after switching mid-survey', async () => {
    const t = await newTestPage(browser, { viewport: PHONE, locale: 'en-GB' });
    await enterCode(t.page, codes[1]);
    await t.page.getByRole('button', { name: 'English' }).click();
    await t.page.getByTestId('resume-word-info').waitFor();
    expect(await t.page.getByTestId('public-title').textContent()).toBe('Survey on safety and relationships');
    expect(await t.page.getByTestId('guarantee').textContent()).toBe(
      'Your answers are stored with no link to your code. They are written to the database in batches of at least 10 answers, in random order (the last ones when the survey closes). Until your answer has been written, anyone with access to the database can see roughly when it came in.',
    );
    await screenshot(t.page, 'resume-08-consent-390-en');
    await t.page.getByRole('button', { name: 'Svenska' }).click();
    await t.page.getByTestId('start').click();
    await next(t.page).click();
    expect(await t.page.getByTestId('page-progress').textContent()).toMatch(/^Sida 2 av \d+$/);
    await t.page.getByRole('button', { name: 'English' }).click();
    await t.page.getByText('Insults and control').waitFor();
    expect(await t.page.getByTestId('page-progress').textContent()).toMatch(/^Page 2 of \d+$/);
    await t.page.getByTestId('save-later').click();
    await t.page.getByTestId('new-resume-word').waitFor();
    await screenshot(t.page, 'resume-09-choose-word-390-en');
    await expectNoAxeViolations(t.page, 'choosing a resume word, English');
    // The top bar fits a phone in English (issue 16: the quick-exit button overflowed by 4 px).
    const overflow = await t.page.evaluate(() => {
      const exit = document.querySelector('[data-testid="quick-exit"]')!.getBoundingClientRect();
      return { right: exit.right, width: window.innerWidth, scroll: document.documentElement.scrollWidth };
    });
    expect(overflow.right).toBeLessThanOrEqual(overflow.width);
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.width);
    await t.close();
  });

  it('a forgotten word means starting over, and word checks are limited per code', async () => {
    const code = codes[2];
    const a = await newTestPage(browser);
    const requests = recordRespondentRequests(a.page);
    await enterCode(a.page, code);
    await a.page.getByTestId('start').click();
    await question(a.page, 'Vilket kön har du?').getByText('Man', { exact: true }).click();
    await a.page.getByTestId('save-later').click();
    await a.page.getByTestId('new-resume-word').fill('hemligheten');
    await a.page.getByTestId('save-word').click();
    await a.page.getByText('Dina svar är sparade och låsta med ditt ord.', { exact: false }).waitFor({ timeout: 20_000 });
    // The quick-exit button, like Esc, sends nothing.
    const before = requests.length;
    await a.page.getByTestId('quick-exit').click();
    await a.page.waitForURL((url) => url.hostname === 'www.google.com');
    await a.page.waitForTimeout(500);
    expect(requests.slice(before)).toEqual([]);
    await a.close();

    const b = await newTestPage(browser, { viewport: PHONE });
    await enterCode(b.page, code);
    await b.page.getByTestId('forgot-word').click();
    await b.page.getByRole('heading', { name: 'Börja om från början?' }).waitFor();
    await screenshot(b.page, 'resume-10-start-over-390-sv');
    await expectNoAxeViolations(b.page, 'start over');
    await b.page.getByTestId('discard-confirm').click();
    await b.page.getByTestId('start').click();
    expect(await question(b.page, 'Vilket kön har du?').getByRole('radio', { name: 'Man' }).isChecked()).toBe(false);
    await b.close();
    const opened = (await (await fetch(`${server.url}/api/respond/${code}`)).json()) as { draft: unknown };
    expect(opened.draft).toBeNull();

    // Wrong words count down; a fourth check of the code within a minute is refused (the lock itself: tests/server/drafts.test.ts).
    const lockedCode = codes[3];
    const c = await newTestPage(browser);
    await enterCode(c.page, lockedCode);
    await c.page.getByTestId('start').click();
    await c.page.getByTestId('save-later').click();
    await c.page.getByTestId('new-resume-word').fill('hemligheten');
    await c.page.getByTestId('save-word').click();
    await c.page.getByText('Dina svar är sparade och låsta med ditt ord.', { exact: false }).waitFor({ timeout: 20_000 });
    await c.close();
    const d = await newTestPage(browser);
    await enterCode(d.page, lockedCode);
    for (const left of [4, 3]) {
      await d.page.getByTestId('resume-word').fill(`fel-ord-${left}`);
      await d.page.getByTestId('resume').click();
      await d.page.getByTestId('resume-error').filter({ hasText: `${left} gånger` }).waitFor({ timeout: 20_000 });
    }
    await d.page.getByTestId('resume-word').fill('fel-ord-2');
    await d.page.getByTestId('resume').click();
    // The fourth check within a minute is refused by the per-code limit.
    await d.page.getByTestId('resume-word').fill('fel-ord-1');
    await d.page.getByTestId('resume').click();
    await d.page.getByTestId('resume-error').filter({ hasText: 'För många försök' }).waitFor({ timeout: 20_000 });
    await screenshot(d.page, 'resume-11-too-many-desktop-sv');
    await d.close();

    // Five wrong words in a row lock the draft. Three were typed above; someone holding only the letter
    // now tries twice to put a draft of their own in its place (each try counts as a wrong word).
    const intruder = await sealedDraftBody(lockedCode, 'inkräktare', { kon: 'man' });
    const replace = () =>
      fetch(`${server.url}/api/respond/${lockedCode}/draft`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(intruder.body) }).then(
        async (r) => [r.status, ((await r.json()) as { error: { code: string } }).error.code],
      );
    expect([await replace(), await replace(), await replace()]).toEqual([
      [403, 'wrong_resume_word'],
      [403, 'wrong_resume_word'],
      [423, 'draft_locked'],
    ]);
    const e = await newTestPage(browser, { viewport: PHONE });
    await enterCode(e.page, lockedCode);
    await e.page.getByTestId('draft-locked').waitFor();
    expect(await e.page.getByTestId('resume-word').count()).toBe(0);
    await screenshot(e.page, 'resume-12-locked-390-sv');
    await expectNoAxeViolations(e.page, 'locked draft');
    await e.page.getByTestId('forgot-word').click();
    await e.page.getByTestId('discard-confirm').click();
    await e.page.getByTestId('start').waitFor();
    await e.close();
  });
});

describe('codes that cannot be used', () => {
  it('keeps the field and says what is wrong: malformed, unknown, used, survey ended', async () => {
    const closed = await openCodeCampaign('Stängd testenkät', 1);
    await staffApi('POST', `/api/campaigns/${closed.id}/close`);
    const used = codes[4];
    const submitted = await fetch(`${server.url}/api/respond/${used}/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: 'e2e-used-code-1', answers: { kon: 'kvinna' } }),
    });
    expect(submitted.status).toBe(201);

    const t = await newTestPage(browser, { viewport: PHONE });
    const requests = recordRespondentRequests(t.page);
    await t.page.goto(`${server.url}/`);
    const field = t.page.getByLabel('Kod');
    await field.fill('ZZZZ-9999-NOPE');
    await t.page.getByRole('button', { name: 'Fortsätt' }).click();
    await t.page.getByTestId('load-error').filter({ hasText: 'Koden har 11 tecken' }).waitFor();
    // Checked in the browser: no request for a code that cannot be one.
    expect(requests).toEqual([]);
    await screenshot(t.page, 'code-01-malformed-390-sv');

    const cases: [string, string][] = [
      ['ABCD-EFGH-JKM', 'Koden finns inte. Kontrollera att du har skrivit rätt.'],
      [used, 'Koden har redan använts.'],
      [closed.codes[0], 'Undersökningen är avslutad. Det går inte längre att svara.'],
    ];
    for (const [index, [code, message]] of cases.entries()) {
      await field.fill(code);
      await t.page.getByRole('button', { name: 'Fortsätt' }).click();
      await t.page.getByTestId('load-error').filter({ hasText: message }).waitFor();
      expect(t.page.url()).toBe(`${server.url}/s`);
      expect(await field.inputValue()).toBe(code);
      expect(await t.page.title()).toBe('Enkät');
      await screenshot(t.page, `code-0${index + 2}-error-390-sv`);
    }
    await expectNoAxeViolations(t.page, 'code error');
    // Retrying the same code asks the server again.
    const asked = requests.length;
    await t.page.getByRole('button', { name: 'Fortsätt' }).click();
    await t.page.getByTestId('load-error').filter({ hasText: 'Undersökningen är avslutad' }).waitFor();
    await expect.poll(() => requests.length).toBeGreaterThan(asked);
    await t.page.getByRole('button', { name: 'English' }).click();
    await t.page.getByTestId('load-error').filter({ hasText: 'The survey has ended' }).waitFor();
    await screenshot(t.page, 'code-05-error-390-en');
    await t.close();
  });
});

describe('the public title', () => {
  it('is set in the settings, which warn that respondents see it, and reaches the survey and the paper form', async () => {
    const staff = await newTestPage(browser);
    const { page } = staff;
    await page.goto(`${server.url}/arbetsyta/`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('new-campaign').waitFor();
    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}`);
    const warning = page.getByTestId('public-title-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('De svarande ser den här titeln');
    expect(await page.getByTestId('public-title-sv').inputValue()).toBe('Enkät om trygghet och relationer');
    await page.getByTestId('public-title-sv').fill('Kommunens enkät 2026');
    await page.getByTestId('public-title-en').fill('The municipal survey 2026');
    await page.getByRole('button', { name: 'Spara inställningar' }).click();
    await page.getByTestId('settings-result').filter({ hasText: 'sparade' }).waitFor();
    await page.getByTestId('public-title-warning').scrollIntoViewIfNeeded();
    await screenshot(page, 'public-title-01-settings', false);
    await expectNoAxeViolations(page, 'campaign settings');

    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/utskrift`);
    await page.getByTestId('printable').waitFor();
    expect(await page.locator('.print-survey-title').textContent()).toBe('Kommunens enkät 2026');
    expect(await page.getByTestId('printable').textContent()).not.toContain('Testkommun');
    await staff.close();

    const t = await newTestPage(browser);
    await enterCode(t.page, codes[5]);
    await t.page.getByTestId('public-title').filter({ hasText: 'Kommunens enkät 2026' }).waitFor();
    await t.page.getByTestId('start').click();
    await t.page.locator('.sd-title').filter({ hasText: 'Kommunens enkät 2026' }).first().waitFor();
    await screenshot(t.page, 'public-title-02-survey-desktop-sv');
    await t.close();
  });
});
