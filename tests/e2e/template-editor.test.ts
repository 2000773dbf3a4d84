import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, launchBrowser, loginApi, newTestPage, runAxe, screenshot, startServer, type TestServer, screenshotWidths } from './harness';

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

describe('template editor', () => {
  it('edits a template, shows a validation error for a bad expression, and saves a new version once fixed', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/mallar`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('template-table').waitFor();
    await page.getByRole('link', { name: 'Demoenkät (exempel)' }).click();

    const editor = page.getByTestId('template-json');
    await editor.waitFor();
    await page.getByTestId('validation-ok').waitFor();
    // The live preview renders the template's first question in Swedish, then in English.
    const preview = page.getByTestId('template-preview');
    await preview.getByText('Vilket kön har du?').waitFor();
    await page.getByRole('button', { name: 'Engelska' }).click();
    await preview.getByText('What is your gender?').waitFor();
    expect(await page.getByTestId('save-template').isDisabled()).toBe(true);
    await screenshotWidths(page, 'template-editor-1-loaded');

    // A bad indicator expression: the list names the line and the unknown question.
    const original = await editor.inputValue();
    const bad = original.replace(`"expression": "{psykiskt_12m} = 'ja' or {fysiskt_12m} = 'ja'"`, `"expression": "{psykiskt_12m} = 'ja' or {fysiskt_12mm} = 'ja'"`);
    expect(bad).not.toBe(original);
    await editor.fill(bad);
    const errors = page.getByTestId('validation-errors');
    await errors.waitFor();
    const errorText = await errors.textContent();
    expect(errorText).toContain('fysiskt_12mm');
    const expressionLine = bad.split('\n').findIndex((line) => line.includes('fysiskt_12mm')) + 1;
    expect(errorText).toContain(`Rad ${expressionLine}`);
    expect(await page.getByTestId('save-template').isDisabled()).toBe(true);
    await screenshot(page, 'template-editor-2-error');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // Broken JSON names its line too.
    await editor.fill(bad.replace('"kind": "population",', '"kind": "population"'));
    await page.getByText(/Ogiltig JSON på rad \d+/).waitFor();

    // Fix the expression and change the first question's wording, then save.
    const fixed = original.replace('"default": "Vilket kön har du?"', '"default": "Vilket kön har du? (ändrad)"');
    await editor.fill(fixed);
    await page.getByTestId('validation-ok').waitFor();
    await page.getByRole('button', { name: 'Svenska' }).click();
    await preview.getByText('Vilket kön har du? (ändrad)').waitFor();
    await page.getByTestId('save-template').click();
    await page.waitForURL(/\/arbetsyta\/mallar\/demo-9999$/);
    await page.getByRole('heading', { name: /Demoenkät/ }).waitFor();
    await page.getByText('demo-9999, version 1', { exact: true }).waitFor();
    expect(await page.getByTestId('save-result').textContent()).toContain('Sparad som demo-9999, version 1.');
    await screenshot(page, 'template-editor-3-saved');

    const session = await loginApi(server);
    const saved = await fetch(`${server.url}/api/templates/demo-9999`, { headers: { cookie: session.cookie } });
    const body = (await saved.json()) as { version: number; kommunkod: string; definition: { survey: { pages: { elements: { title: { default: string } }[] }[] } } };
    expect(body.version).toBe(1);
    expect(body.kommunkod).toBe('9999');
    expect(body.definition.survey.pages[0].elements[0].title.default).toBe('Vilket kön har du? (ändrad)');
    const builtIn = await fetch(`${server.url}/api/templates/demo`, { headers: { cookie: session.cookie } });
    expect(((await builtIn.json()) as { version: number }).version).toBe(1);
    expect(t.external).toEqual([]);
    await t.close();
  });

  it('shows what HTML a save will remove, never lets a template redirect the page, and saves without it', async () => {
    const t = await newTestPage(browser);
    const { page } = t;
    await page.goto(`${server.url}/arbetsyta/mallar`);
    await page.getByLabel('E-postadress').fill(server.adminEmail);
    await page.getByLabel('Lösenord').fill(server.adminPassword);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByTestId('template-table').waitFor();
    await page.getByRole('link', { name: 'Demoenkät (exempel)' }).first().click();
    const editor = page.getByTestId('template-json');
    await editor.waitFor();
    await page.getByTestId('validation-ok').waitFor();
    const definition = JSON.parse(await editor.inputValue());
    definition.survey.pages[0].elements.unshift({
      type: 'html',
      name: 'info',
      html: '<p>Välkommen till enkäten</p><meta http-equiv="refresh" content="0;url=https://bankid.example.net/"><p onclick="steal()">Läs mer</p>',
    });
    await editor.fill(JSON.stringify(definition, null, 2));
    const removed = page.getByTestId('removed-html');
    await removed.waitFor();
    expect(await removed.textContent()).toContain('<meta http-equiv="refresh"');
    expect(await removed.textContent()).toContain('onclick="steal()" på <p>');
    // The preview shows the text but never follows the refresh.
    await page.getByTestId('template-preview').getByText('Välkommen till enkäten').waitFor();
    await page.waitForTimeout(500);
    expect(page.url()).toContain('/arbetsyta/mallar/');
    await screenshot(page, 'template-editor-4-removed-html');
    await page.getByTestId('save-template').click();
    const saved = page.getByTestId('saved-removed-html');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('<meta http-equiv="refresh"');
    await screenshot(page, 'template-editor-5-saved-removed-html');
    const session = await loginApi(server);
    const id = page.url().split('/').pop()!;
    const stored = await (await fetch(`${server.url}/api/templates/${id}`, { headers: { cookie: session.cookie } })).text();
    expect(stored).not.toContain('http-equiv');
    expect(stored).toContain('Välkommen till enkäten');
    expect(t.external).toEqual([]);
    await t.close();
  });
});
