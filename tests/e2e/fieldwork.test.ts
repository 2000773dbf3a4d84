/**
 * A population survey from the analyst's side, in the browser: a new
 * campaign, områden in the settings form, a frame file (300 people) read and
 * drawn in the browser, an allocation preview, the letter file, two web
 * respondents using codes from that file (one breaks off and resumes in a
 * fresh browser context), one paper form keyed in, the fieldwork monitor,
 * the printable questionnaire, closing (keeping the codes, so the campaign
 * warns), export, deleting the codes, and the exported CSV through the
 * analysis CLI. On the way: the lifecycle guards (no opening without codes,
 * back to draft and deleting while nobody has answered), the module switch,
 * the answers-over-time chart with the mailings, the paper entry's result
 * beside its button, and double entry named by the code on the paper. Every
 * page is photographed at phone, tablet and desktop width.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, newTestPage, repoRoot, runAxe, screenshot, screenshotWidths, startServer, type TestPage, type TestServer } from './harness';

let server: TestServer;
let browser: Browser;
let staff: TestPage;
const workDir = join(repoRoot, '.tmp/e2e/fieldwork');

beforeAll(async () => {
  mkdirSync(workDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  staff = await newTestPage(browser);
});

afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await server?.stop();
});

const AREAS = ['norr', 'centrum', 'soder'];

/** A frame extract: 300 people aged 18–85 (plus two children, who must be excluded), semicolon-separated. */
function frameCsv(): string {
  const year = new Date().getFullYear();
  const lines = ['personnummer;kön;födelseår;område'];
  for (let i = 0; i < 300; i++) {
    const age = 18 + ((i * 37) % 68);
    lines.push(`P${String(i + 1).padStart(4, '0')};${i % 2 === 0 ? 'K' : 'M'};${year - age};${AREAS[i % 3]}`);
  }
  lines.push(`P9001;K;${year - 10};norr`, `P9002;M;${year - 12};soder`);
  return `${lines.join('\n')}\n`;
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

async function savedText(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

/** Parses a simple CSV (no quoted separators in our files) into rows of objects. */
function parseCsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const sep = header.includes(';') ? ';' : ',';
  const columns = header.split(sep).map((c) => c.replace(/^"|"$/g, ''));
  return rows.map((row) => Object.fromEntries(row.split(sep).map((cell, i) => [columns[i], cell.replace(/^"|"$/g, '')])));
}

/** A link in the campaign's step navigation. */
const stepLink = (page: Page, name: string) => page.getByRole('navigation', { name: 'Undersökningens delar' }).getByRole('link', { name, exact: true });

/** The question block whose title contains `title`. */
const question = (page: Page, title: string) => page.locator('.sd-question').filter({ hasText: title });

/** Answers kön, ålder and område on the background page (the analysis weights by them). */
async function answerBackground(page: Page, kon: string, alder: number, omrade: string) {
  await question(page, 'Vilket kön har du?').getByText(kon, { exact: true }).click();
  await question(page, 'Hur gammal är du?').locator('input').fill(String(alder));
  await question(page, 'I vilket område bor du?').getByText(omrade, { exact: true }).click();
}

/** Opens the survey for a code on the respondent's start page. */
async function startWithCode(page: Page, code: string) {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Kod').fill(code);
  await page.getByRole('button', { name: 'Fortsätt' }).click();
  await page.getByTestId('start').click();
}

/** Clicks Nästa until Skicka svaren is shown, letting `answer` act on each page title; then submits. */
async function finishSurvey(page: Page, answer: (title: string) => Promise<void>) {
  const next = page.getByRole('button', { name: 'Nästa', exact: true });
  const submit = page.getByRole('button', { name: 'Skicka svaren', exact: true });
  for (let step = 0; step < 30; step++) {
    await next.or(submit).first().waitFor();
    const title = ((await page.locator('.sd-page__title').first().textContent()) ?? '').trim();
    await answer(title);
    if (await submit.isVisible()) {
      await submit.click();
      await page.getByTestId('thanks').waitFor();
      return;
    }
    await next.click();
  }
  throw new Error('never reached the submit button');
}

describe('population survey fieldwork in the workspace', () => {
  let campaignUrl = '';
  let letters: Record<string, string>[] = [];

  it('creates a campaign, sets områden and contact, and draws a sample from a frame file', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/arbetsyta/`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('campaign-table').waitFor();
    await screenshotWidths(page, 'fieldwork-00-list');
    await page.getByTestId('new-campaign').click();
    await page.getByLabel('Enkät', { exact: true }).selectOption('befolkningsenkat@1');
    await page.getByLabel('Titel').fill('Trygghetsenkät 2026');
    await screenshotWidths(page, 'fieldwork-01-new');
    await expectNoAxeViolations(page, 'new campaign');
    await page.getByRole('button', { name: 'Skapa undersökning' }).click();
    await page.waitForURL(/\/arbetsyta\/undersokningar\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
    await page.getByTestId('campaign-status').filter({ hasText: 'Utkast' }).waitFor();

    await page.getByTestId('areas-input').fill('norr; Norr\ncentrum; Centrum\nsoder; Söder');
    await page.getByLabel('Namn').fill('Socialtjänstens mottagning');
    await page.getByLabel('Telefon').fill('019-21 10 00');
    // The optional module has a switch that says what it adds; this kommun leaves it out.
    const moduleSwitch = page.getByTestId('module-egen_vald');
    expect(await moduleSwitch.isChecked()).toBe(true);
    expect(await page.getByTestId('modules').textContent()).toContain('Lägger till sidan ”Om dig själv” med 4 frågor');
    await moduleSwitch.uncheck();
    await page.getByRole('button', { name: 'Spara inställningar' }).click();
    expect(await page.getByTestId('settings-result').textContent()).toContain('sparade');
    // Without codes the campaign cannot be opened: the button is disabled and says why.
    expect(await page.getByTestId('lifecycle-open').isDisabled()).toBe(true);
    expect(await page.getByTestId('open-needs-codes').textContent()).toContain('dra urvalet under Urval');
    await screenshotWidths(page, 'fieldwork-02-detail');
    await expectNoAxeViolations(page, 'campaign detail');
    await page.reload();
    expect(await page.getByTestId('module-egen_vald').isChecked()).toBe(false);

    await stepLink(page, 'Urval').click();
    // A broken file first: the error names the file, the line and the column.
    const broken = frameCsv().replace(/\nP0005;K;/, '\nP0005;X;');
    await page.getByTestId('frame-file').setInputFiles({ name: 'ram-fel.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    const errors = page.getByTestId('frame-errors');
    await errors.waitFor();
    expect(await errors.textContent()).toContain('ram-fel.csv, rad 6, kolumn "kön": värdet "X" är inget giltigt kön');
    await screenshotWidths(page, 'fieldwork-03-frame-error');

    await page.getByTestId('frame-file').setInputFiles({ name: 'ram.csv', mimeType: 'text/csv', buffer: Buffer.from(frameCsv()) });
    const summary = page.getByTestId('frame-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('300 personer');
    expect(await summary.textContent()).toContain('2 utanför åldersintervallet');

    await page.getByText('Lika många per område').click();
    await page.getByLabel('Antal brev per område').fill('20');
    await page.getByTestId('allocation-total').filter({ hasText: /^60$/ }).waitFor();
    const preview = await page.getByTestId('allocation-omraden').textContent();
    // Områden by their names from the settings, not their codes.
    for (const name of ['Norr', 'Centrum', 'Söder']) expect(preview).toContain(name);
    expect(preview).not.toContain('soder');
    await screenshotWidths(page, 'fieldwork-04-allocation');
    await expectNoAxeViolations(page, 'allocation preview');

    await page.getByTestId('draw').click();
    await page.getByRole('dialog').getByText('Brevfilen sparas direkt på din dator', { exact: false }).waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('confirm-ok').click();
    const download = await downloading;
    const letterCsv = await savedText(download);
    writeFileSync(join(workDir, 'brevfil.csv'), letterCsv);
    letters = parseCsv(letterCsv);
    expect(letters).toHaveLength(60);
    expect(Object.keys(letters[0])).toEqual(['personnummer', 'kön', 'födelseår', 'område', 'aldersgrupp', 'kod', 'lank', 'ref']);
    await page.getByTestId('draw-done').waitFor();
    expect(await page.getByTestId('sample-seed').textContent()).not.toBe('');
    await screenshotWidths(page, 'fieldwork-05-drawn');

    // The server never had the frame: after a reload the step says the file is only on this computer.
    await page.reload();
    await page.getByText('servern har aldrig haft urvalsramen').waitFor();
  });

  it('opens the campaign with confirmation, goes back to draft while nobody has answered, and opens again', async () => {
    const { page } = staff;
    await page.goto(campaignUrl);
    await page.getByTestId('count-invited').filter({ hasText: '60' }).waitFor();
    expect(await page.getByTestId('lifecycle-open').isDisabled()).toBe(false);
    await page.getByTestId('lifecycle-open').click();
    await screenshot(page, 'fieldwork-06-confirm-open', false);
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('campaign-status').filter({ hasText: 'Öppen' }).waitFor();
    // Nobody has answered yet: back to Utkast is offered, and the områden unlock.
    await page.getByTestId('lifecycle-reopen-draft').click();
    await page.locator('dialog[open]').getByText('Ingen har svarat ännu').waitFor();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('campaign-status').filter({ hasText: 'Utkast' }).waitFor();
    expect(await page.getByTestId('areas-input').getAttribute('readonly')).toBeNull();
    await screenshotWidths(page, 'fieldwork-06b-back-to-draft');
    await page.getByTestId('lifecycle-open').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('campaign-status').filter({ hasText: 'Öppen' }).waitFor();
  });

  it('deletes a campaign that nobody has answered, and it leaves the list', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/arbetsyta/undersokningar/ny`);
    await page.getByLabel('Enkät', { exact: true }).selectOption('befolkningsenkat@1');
    await page.getByLabel('Titel').fill('Felstartad enkät');
    await page.getByRole('button', { name: 'Skapa undersökning' }).click();
    await page.waitForURL(/\/arbetsyta\/undersokningar\/[0-9a-f-]{36}$/);
    await page.getByTestId('lifecycle-delete').click();
    await page.locator('dialog[open]').getByText('har inga svar och raderas helt').waitFor();
    await screenshot(page, 'fieldwork-06c-delete', false);
    await page.getByTestId('confirm-ok').click();
    await page.waitForURL(`${server.url}/arbetsyta/`);
    await page.getByTestId('campaign-table').waitFor();
    expect(await page.getByTestId('campaign-table').textContent()).not.toContain('Felstartad enkät');
    expect(await page.getByTestId('campaign-table').textContent()).toContain('Trygghetsenkät 2026');
  });

  it('takes two web answers with codes from the letter file, one after a break and resume in a fresh context', async () => {
    const [first, second] = letters;
    // Respondent 1 starts, answers the background page, saves with a resume word and leaves.
    const a = await newTestPage(browser);
    await startWithCode(a.page, first.kod);
    await answerBackground(a.page, 'Kvinna', 34, 'Norr');
    await a.page.getByTestId('save-later').click();
    await a.page.getByTestId('new-resume-word').fill('kastanjeträd');
    await a.page.getByTestId('save-word').click();
    await a.page.getByText('Dina svar är sparade och låsta med ditt ord.', { exact: false }).waitFor({ timeout: 20_000 });
    await a.page.getByRole('button', { name: 'Nästa', exact: true }).click();
    await a.page.getByTestId('draft-status').filter({ hasText: 'sparade' }).waitFor();
    await a.close();

    // …and comes back in a fresh context (no cookies, no storage): with the word, on the page she reached.
    const b = await newTestPage(browser);
    await b.page.goto(`${server.url}/`);
    await b.page.getByLabel('Kod').fill(first.kod);
    await b.page.getByRole('button', { name: 'Fortsätt' }).click();
    await b.page.getByTestId('resume-word').fill('Kastanjeträd');
    await b.page.getByTestId('resume').click();
    await b.page.getByText('Kränkningar och kontroll').first().waitFor({ timeout: 20_000 });
    await b.page.getByRole('button', { name: 'Föregående', exact: true }).click();
    const kvinna = question(b.page, 'Vilket kön har du?').getByRole('radio', { name: 'Kvinna' });
    expect(await kvinna.isChecked()).toBe(true);
    await finishSurvey(b.page, async (title) => {
      if (title === 'Kränkningar och kontroll') {
        await question(b.page, 'någon gång kränkt').getByText('Ja', { exact: true }).click();
        await question(b.page, 'senaste 12 månaderna').first().getByText('Ja', { exact: true }).click();
      }
    });
    expect(b.external).toEqual([]);
    await b.close();

    const c = await newTestPage(browser);
    await startWithCode(c.page, second.kod);
    await finishSurvey(c.page, async (title) => {
      if (title === 'Om dig') await answerBackground(c.page, 'Man', 52, 'Söder');
      if (title === 'Kränkningar och kontroll') await question(c.page, 'någon gång kränkt').getByText('Nej', { exact: true }).click();
    });
    await c.close();
  });

  it('keys in a returned paper form under its code, with the result beside the button', async () => {
    const { page } = staff;
    await page.goto(`${campaignUrl}/pappersenkater`);
    const form = page.getByTestId('paper-survey');
    await question(page, 'Vill du delta').getByText('Ja, jag vill delta', { exact: true }).waitFor();
    // Questions carry the numbers of the printed form.
    expect(await question(page, 'Vill du delta').locator('.sd-question__title').textContent()).toMatch(/^1\.\s*Vill du delta/);
    await page.getByTestId('paper-code').fill(letters[2].kod);
    await question(page, 'Vill du delta').getByText('Ja, jag vill delta', { exact: true }).click();
    await answerBackground(page, 'Kvinna', 70, 'Centrum');
    await question(page, 'någon gång kränkt').getByText('Nej', { exact: true }).click();
    expect(await form.locator('.sd-question').count()).toBeGreaterThan(10);
    await screenshotWidths(page, 'fieldwork-07-paper');
    await expectNoAxeViolations(page, 'paper entry');
    await page.getByTestId('paper-save').click();
    const result = page.getByTestId('paper-result');
    await result.filter({ hasText: 'Enkäten är sparad.' }).waitFor();
    // The result is next to the button, in view, focused and announced; the form is empty for the next paper.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('paper-result');
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.isVisible()).toBe(true);
    const [buttonBox, resultBox] = [await page.getByTestId('paper-save').boundingBox(), await result.boundingBox()];
    expect(Math.abs(buttonBox!.y - resultBox!.y)).toBeLessThan(120);
    const viewport = page.viewportSize()!;
    expect(resultBox!.y + resultBox!.height).toBeLessThanOrEqual(viewport.height);
    expect(await page.getByTestId('paper-code').inputValue()).toBe('');
    expect(await question(page, 'Vilket kön har du?').getByRole('radio', { name: 'Kvinna' }).isChecked()).toBe(false);
    await screenshot(page, 'fieldwork-07b-paper-saved', false);

    // The same code cannot be used twice (an empty form asks for confirmation first, in the app's dialog).
    await page.getByTestId('paper-code').fill(letters[2].kod);
    await page.getByTestId('paper-save').click();
    await page.locator('dialog[open]').getByText('Enkäten har inga svar ifyllda').waitFor();
    await page.locator('dialog[open]').getByTestId('confirm-ok').click();
    await result.filter({ hasText: 'Koden har redan använts' }).waitFor();
    expect(await result.getAttribute('role')).toBe('alert');
    await page.getByTestId('no-discrepancies').waitFor();

    // Double entry: two people key in the same paper and disagree on kön; the list names the code on the paper and question.
    await page.getByTestId('paper-mode').selectOption('1');
    await page.getByTestId('paper-code').fill(letters[3].kod.toLowerCase());
    await answerBackground(page, 'Kvinna', 45, 'Norr');
    await page.getByTestId('paper-save').click();
    await result.filter({ hasText: 'Inmatning 1 är sparad' }).waitFor();
    await page.getByTestId('paper-mode').selectOption('2');
    await page.getByTestId('paper-code').fill(letters[3].kod);
    await answerBackground(page, 'Man', 45, 'Norr');
    await page.getByTestId('paper-save').click();
    await result.filter({ hasText: 'skiljer sig åt' }).waitFor();
    const konNumber = ((await question(page, 'Vilket kön har du?').locator('.sd-question__title').textContent()) ?? '').match(/^(\d+)\./)?.[1];
    expect(konNumber).toBeDefined();
    expect(await result.textContent()).toContain(`fråga ${konNumber}`);
    const table = page.getByTestId('discrepancy-table');
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain(letters[3].kod);
    expect(text).toContain(`Fråga ${konNumber}: Vilket kön har du?`);
    expect(text).toContain('Kvinna');
    expect(text).toContain('Man');
    expect(text).not.toContain('kvinna');
    expect(text).not.toMatch(/Fråga kon\b/);
    await table.scrollIntoViewIfNeeded();
    await screenshotWidths(page, 'fieldwork-07c-discrepancy', { fullPage: false });
  });

  it('shows the fieldwork monitor with web and paper answers and the response rate per område', async () => {
    const { page } = staff;
    await page.goto(`${campaignUrl}/uppfoljning`);
    await page.getByTestId('rate-chart').waitFor();
    expect(await page.getByTestId('count-web').textContent()).toBe('2');
    expect(await page.getByTestId('count-paper').textContent()).toBe('1');
    expect(await page.getByTestId('rate-total').textContent()).toMatch(/^5,0\s%$/);
    expect(await page.getByTestId('rate-chart').locator('.bar-value').count()).toBe(3);
    // Answers over time, with the first letter dated and marked.
    const waves = page.getByTestId('waves-table');
    expect(await waves.locator('tbody tr').first().textContent()).toMatch(/^Första brevet\d{4}-\d{2}-\d{2}/);
    await page.getByTestId('record-wave').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByText('Påminnelseomgång 1 är registrerad').waitFor();
    await waves.locator('tbody tr').nth(1).filter({ hasText: 'Påminnelse 1' }).waitFor();
    expect(await waves.locator('tbody tr').count()).toBe(2);
    const chart = page.getByTestId('answers-chart');
    await chart.waitFor();
    expect(await chart.getByTestId('mailing-marker').count()).toBe(2);
    expect(await chart.getByTestId('mailing-marker').allTextContents()).toEqual(['Första brevet', 'Påminnelse 1']);
    expect(await chart.getByTestId('week-bar').count()).toBeGreaterThanOrEqual(1);
    await screenshotWidths(page, 'fieldwork-08-monitor');
    await expectNoAxeViolations(page, 'monitor');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('unused-codes').click();
    const unused = parseCsv(await savedText(await downloading));
    expect(unused).toHaveLength(57);
    expect(Object.keys(unused[0])).toContain('ref');
  });

  it('prints the whole questionnaire with the branching in words', async () => {
    const { page } = staff;
    await page.goto(`${campaignUrl}/utskrift`);
    await page.getByTestId('printable').waitFor();
    const printed = (await page.getByTestId('printable').textContent()) ?? '';
    // Paper has its own wording (no quick-exit button or Esc key on paper), and the switched-off module is left out.
    expect(printed).not.toContain('Esc');
    expect(printed).not.toContain('snabb utgång');
    expect(printed).toContain('lägg den i svarskuvertet');
    expect(printed).not.toContain('Om dig själv');
    // The same numbers as on the entry form.
    expect(await page.getByTestId('print-question').filter({ hasText: 'Vill du delta' }).locator('.print-number-label').textContent()).toBe('1.');
    const conditions = await page.getByTestId('print-condition').allTextContents();
    expect(conditions.some((c) => /^→ Om du svarade ”Ja” på fråga \d+: besvara den här frågan/.test(c))).toBe(true);
    expect(conditions.every((c) => !c.includes('{'))).toBe(true);
    expect(await page.getByTestId('printable').textContent()).toContain('Söder');
    await screenshotWidths(page, 'fieldwork-09-print', { fullPage: false });
    await page.getByTestId('print-condition').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'fieldwork-09b-print-condition', false);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'fieldwork-10-print-media', false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('closes the campaign, exports the data, deletes the codes, and the export runs through the analysis CLI', async () => {
    const { page } = staff;
    await page.goto(campaignUrl);
    await page.getByTestId('lifecycle-close').waitFor();
    // With answers, the campaign can neither go back to draft nor be deleted.
    expect(await page.getByTestId('lifecycle-reopen-draft').count()).toBe(0);
    expect(await page.getByTestId('lifecycle-delete').count()).toBe(0);
    await page.getByTestId('lifecycle-close').click();
    // Closing offers deleting the codes by default; this kommun keeps them for the last paper forms.
    expect(await page.getByTestId('close-delete-codes').isChecked()).toBe(true);
    await screenshot(page, 'fieldwork-11-close', false);
    await page.getByTestId('close-keep-codes').check();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('campaign-status').filter({ hasText: 'Stängd' }).waitFor();
    // …and the campaign warns until they are deleted.
    await page.getByTestId('codes-warning').waitFor();
    await screenshotWidths(page, 'fieldwork-12-codes-warning');
    await expectNoAxeViolations(page, 'closed with codes');

    await stepLink(page, 'Data').click();
    // Microdata leave only with a stated purpose (written to the audit log).
    expect(await page.getByTestId('export-csv').getAttribute('aria-disabled')).toBe('true');
    await page.getByTestId('export-purpose').fill('Viktad analys till socialnämnden');
    const csvDownload = page.waitForEvent('download');
    await page.getByTestId('export-csv').click();
    const responses = await savedText(await csvDownload);
    const strataDownload = page.waitForEvent('download');
    await page.getByTestId('export-strata').click();
    const strata = await savedText(await strataDownload);
    const responsesPath = join(workDir, 'export.csv');
    const strataPath = join(workDir, 'strata.csv');
    writeFileSync(responsesPath, responses);
    writeFileSync(strataPath, strata);
    const rows = parseCsv(responses);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => r.mode).sort()).toEqual(['paper', 'web', 'web']);
    expect(rows.map((r) => r.vinr_12m).sort()).toEqual(['0', '0', '1']);

    await stepLink(page, 'Översikt').click();
    await page.getByTestId('codes-warning').getByTestId('delete-codes').click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.getByTestId('confirm-ok').isDisabled()).toBe(true);
    await dialog.getByTestId('confirm-text').fill('RADERA');
    await screenshot(page, 'fieldwork-13-delete-codes', false);
    await dialog.getByTestId('confirm-ok').click();
    await page.getByTestId('codes-warning').waitFor({ state: 'detached' });
    await stepLink(page, 'Data').click();
    await page.getByTestId('codes-deleted').waitFor();
    // Written for the analyst, not the developer: no command lines.
    expect(await page.locator('main').textContent()).not.toContain('npm run');
    await screenshotWidths(page, 'fieldwork-14-data');
    // No reminders once the codes are gone: the monitor stops offering the (empty) reference file.
    await stepLink(page, 'Uppföljning').click();
    await page.getByTestId('no-reminders').waitFor();
    expect(await page.getByTestId('unused-codes').count()).toBe(0);
    await screenshotWidths(page, 'fieldwork-15-monitor-closed');

    const analyze = (...extra: string[]) => {
      const cli = spawnSync('npm', ['run', '--silent', 'analyze', '--', '--responses', responsesPath, '--population', strataPath, '--indicator', 'vinr_12m', ...extra], {
        cwd: repoRoot,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(cli.status, cli.stderr).toBe(0);
      return JSON.parse(cli.stdout) as {
        weighting: { respondents: number; populationSize: number };
        estimates: { indicator: string; n: number; proportion: number | null; suppressed: boolean }[];
      };
    };
    // With the default small-cell rule, three respondents are suppressed…
    const suppressed = analyze();
    expect(suppressed.estimates[0]).toMatchObject({ indicator: 'vinr_12m', n: 3, proportion: null, suppressed: true });
    // …and raked to the kön totals of the frame (150 + 150), two women (one exposed) and one man give 75 / 300.
    const raked = analyze('--margins', 'kon', '--min-cell', '1');
    expect(raked.weighting).toMatchObject({ respondents: 3, populationSize: 300 });
    expect(raked.estimates[0].n).toBe(3);
    expect(raked.estimates[0].proportion).toBeCloseTo(0.25, 12);
    expect(staff.external).toEqual([]);
  });
});
