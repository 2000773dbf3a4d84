/**
 * The frame never leaves the analyst's browser. An analyst draws a sample
 * from a 5,000-row register extract (personnummer, names, addresses) while
 * the test records every request the page sends (URL and body); no person id,
 * personnummer, name or address from the frame may be in any of them. Then
 * the letters page prints the first letters and, after one answer, the
 * reminders from the saved letter file and the server's list of unused refs,
 * and closing deletes the codes by default.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../domain/sampling/seeded-random';
import { parseLetterFile, type LetterFile } from '../../domain/sampling/letter-file';
import { formatViolations, launchBrowser, loginApi, newTestPage, repoRoot, runAxe, screenshot, screenshotDir, startServer, type StaffSession, type TestPage, type TestServer, screenshotWidths } from './harness';

let server: TestServer;
let browser: Browser;
let staff: TestPage;
let session: StaffSession;
let campaignId = '';
const workDir = join(repoRoot, '.tmp/e2e/sampling');

/** Everything the staff page sent: method, URL and body of every request (page and worker). */
const sent: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  mkdirSync(workDir, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
  staff = await newTestPage(browser);
  staff.context.on('request', (request: Request) => {
    sent.push({ method: request.method(), url: request.url(), body: request.postDataBuffer()?.toString('utf8') ?? '' });
  });
  session = await loginApi(server);
});

afterAll(async () => {
  await staff?.close();
  await browser?.close();
  await server?.stop();
});

const AREAS = [
  { code: 'hallabrottet', name: 'Hallabrottet' },
  { code: 'centrum', name: 'Centrum' },
  { code: 'ekeby', name: 'Ekeby-Almby' },
];

interface FramePersonRow {
  personnummer: string;
  fornamn: string;
  efternamn: string;
  adress: string;
}

/** 5,000 people aged 10–94 with unique personnummer, names and street addresses (semicolon-separated, as Navet exports). */
function makeFrame(): { text: string; people: FramePersonRow[] } {
  const random = seededRandom('e2e-frame');
  const year = new Date().getFullYear();
  const people: FramePersonRow[] = [];
  let text = 'Personnummer;Förnamn;Efternamn;Utdelningsadress;Postnummer;Postort;Kön;Födelseår;Område\n';
  for (let i = 0; i < 5000; i++) {
    const birthYear = year - 10 - random.nextInt(85);
    const person = {
      personnummer: `${birthYear}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}-${String(1000 + i).slice(-4)}`,
      fornamn: `Förnamn${i}q`,
      efternamn: `Efternamn${i}z`,
      adress: `Testgatan ${i}x`,
    };
    people.push(person);
    text += `${person.personnummer};${person.fornamn};${person.efternamn};${person.adress};69230;KUMLA;${random.nextInt(2) ? 'K' : 'M'};${birthYear};${AREAS[random.nextInt(3)].code}\n`;
  }
  return { text, people };
}

async function api(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expectNoAxeViolations(page: Page, where: string) {
  const violations = await runAxe(page);
  expect(violations, `axe on ${where}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Screenshots at desktop, tablet and phone width, checking the page fits and shows no raw identifier (harness). */
async function shoot(page: Page, name: string) {
  await screenshotWidths(page, name);
}

describe('sampling in the browser', () => {
  const frame = makeFrame();
  let letterFile: LetterFile;
  let letterPath = '';

  it('draws from a 5,000-row frame; no person id, personnummer, name or address reaches the server', async () => {
    const created = await api('POST', '/api/campaigns', { templateId: 'demo', title: 'Våldsenkät Kumla 2026 (internt namn)' });
    expect(created.status).toBe(201);
    campaignId = created.body.id;
    const patched = await api('PATCH', `/api/campaigns/${campaignId}`, {
      areas: AREAS,
      periodEnd: `${new Date().getFullYear() + 1}-01-31`,
      contact: { name: 'Socialtjänstens mottagning', phone: '019-58 80 00' },
    });
    expect(patched.status).toBe(200);

    const { page } = staff;
    await page.goto(`${server.url}/arbetsyta/`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('new-campaign').waitFor();
    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/urval`);
    await page.getByTestId('frame-stays-local').waitFor();

    const before = sent.length;
    await page.getByTestId('frame-file').setInputFiles({ name: 'navet-utdrag.csv', mimeType: 'text/csv', buffer: Buffer.from(frame.text) });
    const summary = page.getByTestId('frame-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(/5\s000 rader/);
    // Reading and checking the file sent nothing at all.
    expect(sent.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);

    await page.getByText('Lika många per område').click();
    await page.getByLabel('Antal brev per område').fill('120');
    const preview = page.getByTestId('allocation-omraden');
    await preview.waitFor();
    // Områden by name, not by code.
    expect(await preview.textContent()).toContain('Ekeby-Almby');
    expect(await preview.textContent()).not.toContain('hallabrottet');
    expect(await page.getByTestId('allocation-total').textContent()).toBe('360');
    await page.getByTestId('seed').fill('kumla-2026-urval');
    await shoot(page, 'sampling-01-allocation');
    await expectNoAxeViolations(page, 'sampling allocation');

    await page.getByTestId('draw').click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('confirm-ok').click();
    const download = await downloading;
    letterPath = join(workDir, download.suggestedFilename());
    await download.saveAs(letterPath);
    await page.getByTestId('draw-done').waitFor();
    expect(await page.getByTestId('sample-seed').textContent()).toBe('kumla-2026-urval');
    await shoot(page, 'sampling-02-drawn');

    letterFile = parseLetterFile(readFileSync(letterPath, 'utf8'), 'brevfil.csv');
    expect(letterFile.letters).toHaveLength(360);
    expect(letterFile.frameColumns).toContain('Personnummer');
    expect(new Set(letterFile.letters.map((l) => l.kod)).size).toBe(360);
    expect(letterFile.letters[0].lank).toMatch(new RegExp(`^http://localhost:${server.port}/s/[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{3}$`));

    // The codes request: strata, counts and N_h only.
    const codeCalls = sent.filter((r) => r.method === 'POST' && r.url.endsWith(`/api/campaigns/${campaignId}/codes`));
    expect(codeCalls).toHaveLength(1);
    const body = JSON.parse(codeCalls[0].body) as {
      strata: { stratum: Record<string, string>; count: number; N: number }[];
      sample: { frameDate: string | null; frameSize: number; allocation: Record<string, unknown>; sampleSize: number; ageReferenceYear: number | null };
    };
    expect(Object.keys(body)).toEqual(['strata', 'sample']);
    for (const s of body.strata) expect(Object.keys(s).sort()).toEqual(['N', 'count', 'stratum']);
    expect(body.strata.reduce((sum, s) => sum + s.count, 0)).toBe(360);
    // The sample design for the lägesbild's method section: counts and choices, no person and no seed.
    expect(Object.keys(body.sample).sort()).toEqual(['ageReferenceYear', 'allocation', 'frameDate', 'frameSize', 'sampleSize']);
    expect(body.sample.sampleSize).toBe(360);
    expect(JSON.stringify(body.sample)).not.toContain('kumla-2026-urval');

    // Nothing from any frame row in any request the page sent: bodies and URLs.
    const everything = sent.map((r) => `${r.url}\n${r.body}`).join('\n');
    const leaks = frame.people.flatMap((p) => [p.personnummer, p.fornamn, p.efternamn, p.adress].filter((value) => everything.includes(value)));
    expect(leaks).toEqual([]);
    expect(everything).not.toContain('Testgatan');
    expect(everything).not.toContain('KUMLA');
    expect(sent.length).toBeGreaterThan(3);
    expect(staff.external).toEqual([]);
  });

  it('prints the first letters: name and address from the frame, code, link, QR code; neutral title in Swedish and English', async () => {
    const { page } = staff;
    await page.getByTestId('print-letters').click();
    await page.getByTestId('letters').waitFor();
    const first = page.getByTestId('letter').first();
    const text = (await first.textContent()) ?? '';
    const letter = letterFile.letters[0];
    expect(await first.getByTestId('letter-address').textContent()).toContain(`${letter.fields.Förnamn} ${letter.fields.Efternamn}`);
    expect(text).toContain(letter.fields.Utdelningsadress);
    expect(text).toContain('692 30 KUMLA');
    expect(await first.getByTestId('letter-code').first().textContent()).toBe(letter.kod);
    expect(text).toContain(letter.lank);
    expect(text).toContain('Enkät om hälsa och trygghet');
    expect(text).toContain('Survey on health and safety');
    // Neither the internal title nor any word for violence.
    expect(text).not.toMatch(/våld|violence|Kumla 2026/i);
    expect(await first.locator('svg.qr-code path').getAttribute('d')).toMatch(/^M\d/);
    expect(await page.getByTestId('letter').count()).toBe(3);
    await shoot(page, 'letters-01-first');
    await expectNoAxeViolations(page, 'letters');

    // Print: every letter is rendered, one A4 page each.
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'letters-02-print-media', false);
    await page.emulateMedia({ media: 'screen' });
    const pdfPath = join(screenshotDir, 'letters-first.pdf');
    await page.evaluate(() => {
      window.print = () => undefined;
    });
    await page.getByTestId('print').click();
    await page.getByTestId('letter').nth(359).waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true, pageRanges: '1-2' });
    writeFileSync(join(workDir, 'pdf-written'), pdfPath);
    const pages = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    if (pages.status === 0) expect(pages.stdout).toMatch(/Pages:\s+2[\s\S]*Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints reminders only for the letters whose codes are unused, from the saved letter file after a reload', async () => {
    expect((await api('POST', `/api/campaigns/${campaignId}/open`)).status).toBe(200);
    const answered = letterFile.letters.slice(0, 2);
    for (const [i, letter] of answered.entries()) {
      const submit = await fetch(`${server.url}/api/respond/${letter.kod}/submit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ submissionId: `e2e-${i}-${Date.now()}`, answers: { kon: 'kvinna', alder: 40 } }),
      });
      expect(submit.status, await submit.text()).toBe(201);
    }
    const { page } = staff;
    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/brev`);
    // After a reload the letter file is no longer in memory: open the saved file.
    await page.getByTestId('letter-file').waitFor();
    expect(await page.getByTestId('letters-source').count()).toBe(0);
    const before = sent.length;
    await page.getByTestId('letter-file').setInputFiles(letterPath);
    await page.getByTestId('letters-source').waitFor();
    await page.getByTestId('kind-reminder').check();
    await page.getByTestId('reminder-count').waitFor();
    expect(await page.getByTestId('reminder-count').textContent()).toMatch(/^358 av 360/);
    const codes = await page.getByTestId('letter-code').allTextContents();
    for (const letter of answered) expect(codes).not.toContain(letter.kod);
    expect(await page.getByTestId('letter').first().textContent()).toContain('Påminnelse');
    await shoot(page, 'letters-03-reminder');
    // Opening the letter file and choosing reminders sent only a GET for the unused refs.
    const after = sent.slice(before);
    expect(after.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(after.some((r) => r.url.endsWith('/unused-codes.csv'))).toBe(true);
    const everything = after.map((r) => `${r.url}\n${r.body}`).join('\n');
    expect(everything).not.toContain(letterFile.letters[5].fields.Personnummer);
  });

  it('closing offers "Stäng och radera koder" by default; afterwards no reminders can be made', async () => {
    const { page } = staff;
    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}`);
    await page.getByTestId('lifecycle-close').click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.getByTestId('close-delete-codes').isChecked()).toBe(true);
    expect(await dialog.getByTestId('confirm-ok').textContent()).toBe('Stäng och radera koder');
    expect(await dialog.textContent()).toContain('Pappersenkäter som kommer in senare kan inte registreras');
    await dialog.getByTestId('confirm-ok').click();
    await page.getByTestId('campaign-status').filter({ hasText: 'Stängd' }).waitFor();
    await page.getByText('koder är raderade').waitFor();
    expect(await page.getByTestId('codes-warning').count()).toBe(0);
    const detail = await api('GET', `/api/campaigns/${campaignId}`);
    expect(detail.body.codesDeletedOn).not.toBeNull();

    await page.goto(`${server.url}/arbetsyta/undersokningar/${campaignId}/brev`);
    await page.getByTestId('letter-file').setInputFiles(letterPath);
    await page.getByTestId('kind-reminder').check();
    await page.getByTestId('reminder-codes-deleted').waitFor();
  });
});
