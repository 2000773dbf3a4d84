/**
 * Plain Swedish, no raw codes: every page of the workspace and the
 * respondent's pages are scanned for identifiers in snake_case (`vet_inte`,
 * `fysiskt_vald`, `orsak_annat_text`) in what a user reads: text, SVG text
 * and tooltips. What is deliberately code (file formats in `<code>`, the
 * template editor's JSON) is left out by `findRawIdentifiers`. Each page is
 * also photographed at phone, tablet and desktop width.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findDemoOpenSlug, findRawIdentifiers, launchBrowser, loginApi, newTestPage, screenshotWidths, startServer, type TestServer } from './harness';

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

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.locator('[role=status]').filter({ hasText: /^(Hämtar|Laddar|Beräknar)/ }).count(), { timeout: 20_000 }).toBe(0);
}

describe('plain Swedish', () => {
  it('finds snake_case identifiers in text, SVG and tooltips, but not in code, URLs or random tokens', async () => {
    const { page, close } = await newTestPage(browser);
    try {
      await page.setContent(`<!doctype html><html lang="sv"><body>
        <p>Gruppen vet_inte har 4 svar.</p>
        <span title="Kategorin fysiskt_vald">Fysiskt våld</span>
        <svg><text>vald_i_nara_relation</text></svg>
        <p>Filen har kolumnen <code>orsak_annat_text</code>.</p>
        <p data-technical>aldersgrupp_kod</p>
        <p>Länk: https://example.se/registrera/ffg3NufmtzqhT_iTg4xk och /o/demo_link</p>
        <p style="display:none">dolt_varde</p>
        <textarea>question_name</textarea>
      </body></html>`);
      expect(await findRawIdentifiers(page)).toEqual(['fysiskt_vald', 'vald_i_nara_relation', 'vet_inte']);
    } finally {
      await close();
    }
  });

  it('shows no raw identifier on any page of the workspace or the survey', async () => {
    const session = await loginApi(server);
    const campaigns = (await (await fetch(`${server.url}/api/campaigns`, { headers: { cookie: session.cookie } })).json()) as { id: string; isDemo: boolean }[];
    const demo = campaigns.find((c) => c.isDemo)!;
    const { page, close } = await newTestPage(browser);
    const seen: Record<string, string[]> = {};
    try {
      await page.goto(`${server.url}/arbetsyta/`);
      await page.getByLabel('E-postadress').fill(server.adminEmail);
      await page.getByLabel('Lösenord').fill(server.adminPassword);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByTestId('campaign-table').waitFor();
      const pages: [string, string][] = [
        ['list', '/arbetsyta/'],
        ['new', '/arbetsyta/undersokningar/ny'],
        ['overview', `/arbetsyta/undersokningar/${demo.id}`],
        ['sampling', `/arbetsyta/undersokningar/${demo.id}/urval`],
        ['letters', `/arbetsyta/undersokningar/${demo.id}/brev`],
        ['monitor', `/arbetsyta/undersokningar/${demo.id}/uppfoljning`],
        ['paper', `/arbetsyta/undersokningar/${demo.id}/pappersenkater`],
        ['print', `/arbetsyta/undersokningar/${demo.id}/utskrift`],
        ['data', `/arbetsyta/undersokningar/${demo.id}/data`],
        ['analysis', `/arbetsyta/undersokningar/${demo.id}/analys`],
        ['templates', '/arbetsyta/mallar'],
        ['screening', '/arbetsyta/kartlaggning'],
        ['not-found', '/arbetsyta/finns-inte'],
      ];
      for (const [name, path] of pages) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main h1').first().waitFor();
        await settle(page);
        seen[name] = await findRawIdentifiers(page);
        await screenshotWidths(page, `plain-${name}`, { allowIdentifiers: seen[name] });
      }

      // The respondent's side: the start page and the first page of the questionnaire.
      const slug = await findDemoOpenSlug(server);
      await page.goto(`${server.url}/o/${slug}`);
      await page.getByTestId('start').waitFor();
      seen.respondentStart = await findRawIdentifiers(page);
      await screenshotWidths(page, 'plain-respondent-start', { allowIdentifiers: seen.respondentStart });
      await page.getByTestId('start').click();
      await page.locator('.sd-question').first().waitFor();
      seen.respondentSurvey = await findRawIdentifiers(page);
      await screenshotWidths(page, 'plain-respondent-survey', { allowIdentifiers: seen.respondentSurvey });
    } finally {
      await close();
    }
    // An analyst with no undersökningar yet: the workspace's own word, not "kampanjer".
    const created = await fetch(`${server.url}/api/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ email: 'ny@orebro.se', displayName: 'Ny analytiker', kommunkod: '1880', roles: [{ role: 'analyst', kommunkod: '1880' }] }),
    });
    const { password } = (await created.json()) as { password: string };
    const fresh = await newTestPage(browser);
    try {
      await fresh.page.goto(`${server.url}/arbetsyta/`);
      await fresh.page.getByLabel('E-postadress').fill('ny@orebro.se');
      await fresh.page.getByLabel('Lösenord').fill(password);
      await fresh.page.getByRole('button', { name: 'Logga in' }).click();
      await fresh.page.getByText('Det finns inga undersökningar ännu.').waitFor();
      expect(await fresh.page.locator('main').textContent()).not.toMatch(/kampanj/i);
      await screenshotWidths(fresh.page, 'plain-empty-list');
    } finally {
      await fresh.close();
    }
    // All at once, so one run names every page that still shows a code.
    expect(Object.fromEntries(Object.entries(seen).filter(([, ids]) => ids.length > 0))).toEqual({});
  });
});
