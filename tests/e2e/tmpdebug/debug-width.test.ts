import { it } from 'vitest';
import { launchBrowser, newTestPage, startServer, loginApi } from '../harness';
it('debug', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  const { page } = await newTestPage(browser, { viewport: { width: 390, height: 844 } });
  await page.goto(`${server.url}/arbetsyta/`);
  await page.getByLabel('E-postadress').fill(server.adminEmail);
  await page.getByLabel('Lösenord').fill(server.adminPassword);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByTestId('campaign-table').waitFor();
  const href = await page.locator('.campaign-title').first().getAttribute('href');
  for (const step of process.env.STEPS!.split(',')) {
    await page.goto(`${server.url}${href}/${step}`);
    await page.waitForTimeout(1500);
    const out = await page.evaluate(() => {
      const a = document.querySelector('[data-testid=unused-codes]')!;
      const cs = getComputedStyle(a);
      const b = a.getBoundingClientRect();
      const p = a.parentElement!.getBoundingClientRect();
      return JSON.stringify({ ws: cs.whiteSpace, d: cs.display, w: b.width, r: b.right, pw: p.width, mw: cs.maxWidth, minw: cs.minWidth, flex: cs.flex, ww: cs.overflowWrap, wb: cs.wordBreak, tw: cs.textWrap });
    });
    console.log(step, out);
  }
  await browser.close();
  await server.stop();
}, 120000);
