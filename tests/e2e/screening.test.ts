/**
 * Screening month in the browser: an analyst sets up a month with two units,
 * staff at Försörjningsstöd (screener account) and at Öppenvård (unit link
 * and PIN) register contacts in two separate sessions, one contact is
 * corrected and one withdrawn (in the app's own dialog), and the nämnd
 * summary shows the right numbers. The month is listed as a
 * kartläggningsmånad among the undersökningar, the analysis tables fit at
 * 1366 px and show their counts without hovering, and every page is
 * photographed at phone, tablet and desktop width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScreeningContact } from '../../domain/screening-contact';
import { screeningFindings } from '../../analysis/screening-findings';
import { summariseScreening } from '../../analysis/screening-summary';
import { formatViolations, launchBrowser, newTestPage, runAxe, screenshot, screenshotWidths, startServer, type TestServer } from './harness';

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

function isoShift(days: number): string {
  const now = new Date();
  now.setDate(now.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface Contact {
  kon: 'Kvinna' | 'Man' | 'Annat';
  alder: string;
  asked: boolean;
  reason?: string;
  psykiskt?: 'Ja' | 'Nej';
  fysiskt?: 'Ja' | 'Nej';
  sexuellt?: 'Ja' | 'Nej';
  kand?: 'Ja' | 'Nej';
}

async function choose(page: Page, question: string, label: string): Promise<void> {
  await page.getByTestId(`question-${question}`).getByRole('radio', { name: label, exact: true }).click();
}

/** Fills in and saves one contact with the mouse (or finger). */
async function register(page: Page, contact: Contact, expectedRows: number): Promise<void> {
  await choose(page, 'kon', contact.kon);
  await choose(page, 'aldersgrupp', contact.alder);
  await choose(page, 'tillfragad', contact.asked ? 'Ja' : 'Nej');
  if (!contact.asked) {
    await choose(page, 'orsak_ej_tillfragad', contact.reason!);
  } else {
    await choose(page, 'psykiskt', contact.psykiskt!);
    await choose(page, 'fysiskt', contact.fysiskt!);
    await choose(page, 'sexuellt', contact.sexuellt!);
    await choose(page, 'radd', 'Nej');
    if ([contact.psykiskt, contact.fysiskt, contact.sexuellt].includes('Ja')) {
      await choose(page, 'kand_sedan_tidigare', contact.kand!);
      await choose(page, 'stod_erbjudet', 'Ja');
    }
  }
  await page.getByTestId('save-registration').click();
  await expect.poll(() => page.getByTestId('registration-row').count()).toBe(expectedRows);
}

/** The same contact as the analysis reads it, for the expected findings. */
function asScreeningContact(enhet: string, contact: Contact): ScreeningContact {
  const answer = (value?: 'Ja' | 'Nej') => (contact.asked && value ? (value === 'Ja' ? 'ja' : 'nej') : null);
  const disclosed = [contact.psykiskt, contact.fysiskt, contact.sexuellt].includes('Ja');
  return {
    enhet,
    kon: contact.kon === 'Kvinna' ? 'kvinna' : contact.kon === 'Man' ? 'man' : 'annat',
    aldersgrupp: contact.alder,
    tillfragad: contact.asked,
    orsakEjTillfragad: contact.asked ? null : 'tolk_saknades',
    psykiskt: answer(contact.psykiskt),
    fysiskt: answer(contact.fysiskt),
    sexuellt: answer(contact.sexuellt),
    radd: contact.asked ? 'nej' : null,
    pagaende: null,
    kandSedanTidigare: contact.asked && disclosed ? contact.kand === 'Ja' : null,
    stodErbjudet: contact.asked && disclosed ? true : null,
    stodAccepterat: null,
  };
}

const kvinna = (psykiskt: 'Ja' | 'Nej', kand: 'Ja' | 'Nej' = 'Nej'): Contact => ({
  kon: 'Kvinna',
  alder: '30–44 år',
  asked: true,
  psykiskt,
  fysiskt: 'Nej',
  sexuellt: 'Nej',
  kand,
});
const man = (fysiskt: 'Ja' | 'Nej'): Contact => ({ kon: 'Man', alder: '45–64 år', asked: true, psykiskt: 'Nej', fysiskt, sexuellt: 'Nej', kand: 'Nej' });

describe('screening month', () => {
  it('two units register during the month and the nämnd summary shows the right numbers', async () => {
    // --- The analyst sets up the month.
    const analyst = await newTestPage(browser);
    const a = analyst.page;
    await a.goto(`${server.url}/arbetsyta/`);
    await a.getByLabel('E-postadress').fill(server.adminEmail);
    await a.getByLabel('Lösenord').fill(server.adminPassword);
    await a.getByRole('button', { name: 'Logga in' }).click();
    await a.getByRole('link', { name: 'Kartläggningsmånad', exact: true }).click();
    await a.getByTestId('create-screening').waitFor();
    await a.getByLabel('Namn', { exact: true }).fill('Kartläggningsmånad (test)');
    await a.getByLabel('Första dag').fill(isoShift(-10));
    await a.getByLabel('Sista dag').fill(isoShift(10));
    for (const unit of ['Mottagning', 'Barn och unga', 'Vuxen', 'Äldreomsorg', 'LSS']) await a.getByLabel(`Ta med ${unit}`).uncheck();
    await screenshotWidths(a, 'screening-1-create');
    await a.getByRole('button', { name: 'Skapa' }).click();
    await a.getByTestId('units-table').waitFor();
    const campaignPath = new URL(a.url()).pathname;
    const campaignId = campaignPath.split('/').pop()!;

    await a.getByLabel('E-postadress').fill('fs@example.se');
    await a.getByLabel('Namn', { exact: true }).fill('Fia Försörjning');
    await a.getByRole('checkbox', { name: 'Försörjningsstöd' }).check();
    await a.getByRole('button', { name: 'Skapa konto' }).click();
    const password = (await a.getByTestId('screener-password').textContent())!.trim();
    const ovRow = a.getByTestId('unit-row').filter({ hasText: 'Öppenvård' });
    await ovRow.getByRole('button', { name: 'Skapa PIN-kod' }).click();
    const pin = (await ovRow.getByTestId('new-pin').textContent())!.trim();
    const link = (await ovRow.locator('.link-text').textContent())!.trim();
    expect(pin).toMatch(/^\d{8}$/);
    expect(link).toMatch(/\/arbetsyta\/registrera\/[\w-]+$/);
    await screenshotWidths(a, 'screening-2-setup');
    const setupViolations = await runAxe(a);
    expect(setupViolations, formatViolations(setupViolations)).toEqual([]);
    // Among the undersökningar, the month is a kartläggningsmånad (not "Personliga koder").
    await a.getByRole('link', { name: 'Undersökningar' }).click();
    const listed = a.getByTestId('campaign-row').filter({ hasText: 'Kartläggningsmånad (test)' });
    expect((await listed.getByTestId('campaign-kind').textContent())?.trim()).toBe('Kartläggningsmånad');
    await a.goBack();
    await a.getByTestId('units-table').waitFor();

    // --- Session 1: Försörjningsstöd logs in with its screener account.
    const fsSession = await newTestPage(browser, { viewport: { width: 820, height: 1180 } }); // a tablet
    const f = fsSession.page;
    await f.goto(`${server.url}/arbetsyta/`);
    await f.getByLabel('E-postadress').fill('fs@example.se');
    await f.getByLabel('Lösenord').fill(password);
    await f.getByRole('button', { name: 'Logga in' }).click();
    await f.getByRole('link', { name: 'Kartläggningsmånad', exact: true }).click();
    await f.getByTestId('register-link').click();
    await f.getByTestId('registration-form').waitFor();
    expect(await f.getByTestId('unit-name').textContent()).toBe('Försörjningsstöd');
    expect(await f.getByLabel('Datum för kontakten').inputValue()).toBe(isoShift(0));
    await screenshotWidths(f, 'screening-3-registration');
    const formViolations = await runAxe(f);
    expect(formViolations, formatViolations(formViolations)).toEqual([]);

    const fsContacts: Contact[] = [kvinna('Ja'), kvinna('Ja'), kvinna('Ja', 'Ja'), kvinna('Nej')];
    for (const [i, contact] of fsContacts.entries()) await register(f, contact, i + 1);
    // One contact by keyboard only: Space/arrows choose, Tab moves on, Enter saves.
    await expect.poll(() => f.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe('kon');
    await f.keyboard.press('Space'); // Kvinna
    await f.keyboard.press('Tab');
    await f.keyboard.press('ArrowRight'); // 30–44 år
    await f.keyboard.press('Tab');
    await f.keyboard.press('Space'); // frågorna ställdes: Ja
    for (let i = 0; i < 3; i++) {
      await f.keyboard.press('Tab');
      await f.keyboard.press('ArrowRight'); // Nej
    }
    await f.keyboard.press('Enter');
    await expect.poll(() => f.getByTestId('registration-row').count()).toBe(5);
    fsContacts.push(kvinna('Nej'));
    await register(f, { kon: 'Kvinna', alder: '30–44 år', asked: false, reason: 'Tolk saknades' }, 6);
    fsContacts.push({ kon: 'Kvinna', alder: '30–44 år', asked: false, reason: 'Tolk saknades' });
    // A mistake, withdrawn after confirming in the app's dialog (no window.confirm).
    await register(f, man('Ja'), 7);
    let nativeDialogs = 0;
    f.on('dialog', (dialog) => {
      nativeDialogs++;
      void dialog.dismiss();
    });
    await f.getByTestId('registration-row').first().getByRole('button', { name: 'Återkalla' }).click();
    const confirm = f.locator('dialog[open]');
    await confirm.getByRole('heading', { name: 'Återkalla registreringen?' }).waitFor();
    expect(await confirm.textContent()).toContain('(man, 45–64 år)');
    await screenshot(f, 'screening-4a-withdraw-dialog', false);
    // Esc cancels; the contact stays.
    await f.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });
    expect(await f.getByTestId('registration-row').first().textContent()).not.toContain('Återkallad');
    await f.getByTestId('registration-row').first().getByRole('button', { name: 'Återkalla' }).click();
    await f.locator('dialog[open]').getByTestId('confirm-ok').click();
    await expect.poll(() => f.getByTestId('registration-row').first().textContent()).toContain('Återkallad');
    expect(nativeDialogs).toBe(0);
    // A correction: the keyboard contact (psykiskt nej) was really psykiskt ja, known before.
    const keyboardRow = f.getByTestId('registration-row').nth(2);
    await keyboardRow.getByRole('button', { name: 'Rätta' }).click();
    await f.getByRole('heading', { name: 'Rätta registrering' }).waitFor();
    await choose(f, 'psykiskt', 'Ja');
    await choose(f, 'kand_sedan_tidigare', 'Ja');
    await choose(f, 'stod_erbjudet', 'Ja');
    await f.getByRole('button', { name: 'Spara rättelsen' }).click();
    await expect.poll(() => f.getByTestId('saved').textContent()).toContain('Rättelsen är sparad');
    fsContacts[4] = kvinna('Ja', 'Ja');
    await expect.poll(() => f.getByTestId('registration-row').filter({ hasText: '(rättad)' }).count()).toBe(1);
    await screenshotWidths(f, 'screening-4-registrations');

    // --- Session 2: Öppenvård uses its unit link and PIN on a desktop.
    const ovSession = await newTestPage(browser);
    const o = ovSession.page;
    await o.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
    await o.getByLabel('Enhetens PIN-kod').fill(pin === '00000000' ? '11111111' : '00000000');
    await o.getByRole('button', { name: 'Fortsätt' }).click();
    await expect.poll(() => o.getByTestId('pin-error').textContent()).toContain('Fel PIN-kod');
    await o.getByLabel('Enhetens PIN-kod').fill(pin);
    await screenshotWidths(o, 'screening-5-pin');
    await o.getByRole('button', { name: 'Fortsätt' }).click();
    await o.getByTestId('registration-form').waitFor();
    expect(await o.getByTestId('unit-name').textContent()).toBe('Öppenvård');
    // One contact of "annat" kön: its groups have fewer than 5 contacts and are suppressed.
    const ovContacts: Contact[] = [man('Ja'), man('Ja'), man('Nej'), man('Nej'), man('Nej'), { ...man('Nej'), kon: 'Annat' }];
    for (const [i, contact] of ovContacts.entries()) await register(o, contact, i + 1);
    await screenshotWidths(o, 'screening-6-registration-desktop');
    // The unit session sees nothing of Försörjningsstöd.
    const foreign = await o.evaluate(async (id) => (await fetch(`/api/screening/${id}/summary`)).status, campaignId);
    expect(foreign).toBe(403);

    // --- Follow-up, analysis and the nämnd summary.
    await a.reload();
    await expect.poll(() => a.getByTestId('follow-up-total').textContent()).toContain('Totalt 12 registrerade kontakter, varav 11 (92 %) tillfrågades');
    await screenshotWidths(a, 'screening-7-follow-up');
    const followUpViolations = await runAxe(a);
    expect(followUpViolations, formatViolations(followUpViolations)).toEqual([]);

    await a.goto(`${server.url}${campaignPath}/analys`);
    await a.getByTestId('analysis-total').waitFor();
    await a.getByTestId('comparison-chart').waitFor();
    const suppressed = a.getByTestId('table-Per kön').getByTestId('suppressed-row');
    expect((await suppressed.textContent())?.replace(/\s+/g, ' ')).toBe(`Annat kön${'–'.repeat(12)}`);
    expect(await a.getByTestId('table-Per kön').locator('xpath=../following-sibling::p').textContent()).toContain('– = färre än 5 kontakter');
    // Every share shows its count (x av n) in the cell: readable by touch, keyboard and screen reader, not only on hover.
    const womenFs = a.getByTestId('table-Per enhet och kön').locator('tr').filter({ hasText: 'Försörjningsstöd' }).filter({ hasText: 'Kvinnor' });
    expect(await womenFs.getByTestId('share-count').allTextContents()).toContain('4 av 5');
    expect(await a.locator('[title]').filter({ hasText: '%' }).count()).toBe(0);
    expect(await a.getByText('Håll muspekaren').count()).toBe(0);
    // The tables fit at 1366 px: nothing needs scrolling sideways.
    await a.setViewportSize({ width: 1366, height: 900 });
    await screenshot(a, 'screening-8a-analysis-1366');
    for (const wrap of await a.locator('.table-wrap').all()) {
      const [scroll, client] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scroll, `${(await wrap.getAttribute('aria-label')) ?? 'table'}: ${scroll} px in ${client} px`).toBeLessThanOrEqual(client + 1);
    }
    await a.setViewportSize({ width: 1280, height: 900 });
    await screenshotWidths(a, 'screening-8-analysis');
    const analysisViolations = await runAxe(a);
    expect(analysisViolations, formatViolations(analysisViolations)).toEqual([]);

    await a.goto(`${server.url}${campaignPath}/rapport`);
    await a.getByTestId('findings').waitFor();
    const findings = (await a.getByTestId('findings').locator('li').allTextContents()).map((s) => s.trim());
    const contacts = [...fsContacts.map((c) => asScreeningContact('Försörjningsstöd', c)), ...ovContacts.map((c) => asScreeningContact('Öppenvård', c))].map(
      (c) => ({ ...c, aldersgrupp: c.aldersgrupp === '30–44 år' ? '30-44' : '45-64' }),
    );
    const expected = screeningFindings(summariseScreening(contacts, { by: [['enhet'], ['enhet', 'kon']], minCell: 5 }), {
      unitPhrases: { Försörjningsstöd: 'på försörjningsstöd', Öppenvård: 'inom öppenvården' },
      minCell: 5,
    });
    expect(findings).toEqual(expected.findings);
    // Hand-checked: 4 of 5 asked women said yes; Wilson 95 % CI 37.6–96.4 %; 2 of the 4 were unknown to the unit.
    // In all, 6 of 11 asked said yes: Wilson 95 % CI 28.0–78.7 %.
    expect(findings).toContain(
      'Av 5 tillfrågade kvinnor på försörjningsstöd svarade 4 (80 %, 95 % KI 38–96 %) att de någon gång utsatts för våld av närstående; 2 av dem var inte kända för verksamheten.',
    );
    expect(findings[0]).toBe(
      'Av 11 tillfrågade klienter svarade 6 (55 %, 95 % KI 28–79 %) att de någon gång utsatts för våld av närstående; 4 av dem var inte kända för verksamheten.',
    );
    const method = await a.getByTestId('method').textContent();
    expect(findings).toContain('Uppgifter för personer som angett annat kön inom öppenvården redovisas inte eftersom färre än 5 kontakter registrerades.');
    expect(method).toContain('registrerades 12 klientkontakter vid 2 enheter. 11 av dem (92 %) tillfrågades om våld i nära relationer och 1 tillfrågades inte.');
    expect(method).toContain('tolk saknades (1)');
    expect(method).toContain('inte kommunens befolkning');
    expect(await a.getByTestId('method-units').textContent()).toContain('Öppenvård');
    await screenshotWidths(a, 'screening-9-report');
    const reportViolations = await runAxe(a);
    expect(reportViolations, formatViolations(reportViolations)).toEqual([]);
    await a.emulateMedia({ media: 'print' });
    expect(await a.getByTestId('print').isVisible()).toBe(false);
    await screenshot(a, 'screening-10-report-print');

    for (const session of [analyst, fsSession, ovSession]) expect(session.external).toEqual([]);
    await analyst.close();
    await fsSession.close();
    await ovSession.close();
  });
});
