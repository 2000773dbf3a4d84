/**
 * Respondent pages on a slow phone's network (not a test: figures are
 * printed, not asserted).
 *
 *   npx tsx bench/respondent-page.ts [--runs 3]
 *
 * Starts the built server (as `npm start` runs it, with a fresh data folder
 * and a built client), opens the population questionnaire with a personal
 * code and by open link, and loads each page in Debian's Chromium with CDP
 * network emulation: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip, a
 * fresh browser context each run (cold cache). Per run it prints:
 *
 *   - when the information and consent page is visible, and
 *   - when the first question is visible, the respondent having pressed
 *     "Jag vill delta" as soon as it appeared (the target: within 2.5 s of
 *     navigation),
 *   - the bytes transferred before the first question (target ≤ 450 KB),
 *   - how long the next page takes after "Nästa" (later pages: instant).
 */
import { chromium, type Page } from 'playwright-core';
import { CHROMIUM_PATH, startServer } from '../tests/e2e/harness';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

async function api(base: string, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

interface Run {
  consentMs: number;
  questionMs: number;
  bytes: number;
  requests: number;
  nextPageMs: number;
}

async function measure(page: Page, url: string): Promise<Run> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  let bytes = 0;
  let requests = 0;
  let counting = true;
  // BENCH_WATERFALL=1: each request before the first question, with when it started and ended (ms after navigation).
  const started = new Map<string, { url: string; at: number }>();
  const waterfall: string[] = [];
  let navigatedAt = 0;
  cdp.on('Network.requestWillBeSent', (event: { requestId: string; request: { url: string }; timestamp: number }) => {
    if (!navigatedAt) navigatedAt = event.timestamp;
    started.set(event.requestId, { url: event.request.url, at: event.timestamp });
  });
  cdp.on('Network.loadingFinished', (event: { requestId: string; encodedDataLength: number; timestamp: number }) => {
    if (!counting) return;
    bytes += event.encodedDataLength;
    requests++;
    const request = started.get(event.requestId);
    if (request) {
      const path = new URL(request.url).pathname.replace(/^\/(s|o)\/[^/]+/, '/$1/…').replace(/^(\/api\/(respond|open))\/[^/]+/, '$1/…');
      waterfall.push(`    ${String(Math.round((request.at - navigatedAt) * 1000)).padStart(5)}–${String(Math.round((event.timestamp - navigatedAt) * 1000)).padStart(5)} ms ${(event.encodedDataLength / 1024).toFixed(1).padStart(6)} KB ${path}`);
    }
  });
  await page.goto(url, { waitUntil: 'commit' });
  // Times are the page's own (performance.now(): milliseconds since the navigation started).
  const visibleAt = (selector: string) =>
    page.waitForFunction(
      (s) => {
        const element = document.querySelector(s);
        return element && element.getBoundingClientRect().height > 0 ? performance.now() : false;
      },
      selector,
      { polling: 'raf', timeout: 60_000 },
    );
  const consentMs = Math.round((await (await visibleAt('[data-testid="start"]')).jsonValue()) as number);
  await page.getByRole('button', { name: 'Jag vill delta' }).click();
  const questionMs = Math.round((await (await visibleAt('.sd-question')).jsonValue()) as number);
  counting = false;
  const before = Date.now();
  await page.getByRole('button', { name: 'Nästa', exact: true }).click();
  await page.locator('.sd-page').first().waitFor();
  // The next page has its own questions; wait until the page number line changes.
  await page.waitForFunction(() => /Sida 2/.test(document.body.innerText), undefined, { timeout: 10_000 }).catch(() => undefined);
  const nextPageMs = Date.now() - before;
  if (process.env.BENCH_WATERFALL) console.log(waterfall.join('\n'));
  return { consentMs, questionMs, bytes, requests, nextPageMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const server = await startServer();
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.adminEmail, password: server.adminPassword }),
  });
  const token = ((await login.json()) as { token: string }).token;
  const coded = await api(server.url, token, 'POST', '/api/campaigns', { templateId: 'befolkningsenkat', title: 'Bänk, koder' });
  const issued = await api(server.url, token, 'POST', `/api/campaigns/${coded.id}/codes`, {
    strata: [{ stratum: { kon: 'kvinna', aldersgrupp: '30-44' }, count: RUNS + 1, N: 1000 }],
  });
  await api(server.url, token, 'POST', `/api/campaigns/${coded.id}/open`);
  const open = await api(server.url, token, 'POST', '/api/campaigns', { templateId: 'befolkningsenkat', title: 'Bänk, länk', mode: 'open' });
  await api(server.url, token, 'POST', `/api/campaigns/${open.id}/open`);
  const list = (await api(server.url, token, 'GET', '/api/campaigns')) as { id: string; openSlug: string | null }[];
  const slug = list.find((c) => c.id === open.id)!.openSlug!;
  const codes = (issued.codes as { code: string }[]).map((c) => c.code);

  console.log(`respondent pages, population questionnaire, CDP network emulation: 1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, cold cache, ${RUNS} runs each`);
  for (const [label, urlOf] of [
    ['personal code /s/<kod>', (run: number) => `${server.url}/s/${codes[run]}`],
    ['open link /o/<länk>', () => `${server.url}/o/${slug}`],
  ] as const) {
    const runs: Run[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'sv-SE', deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      runs.push(await measure(page, urlOf(run)));
      await context.close();
    }
    const last = runs[runs.length - 1];
    console.log(
      `  ${label.padEnd(24)} consent page ${median(runs.map((r) => r.consentMs))} ms, first question ${median(runs.map((r) => r.questionMs))} ms (target ≤ 2500), ` +
        `${(median(runs.map((r) => r.bytes)) / 1024).toFixed(0)} KB in ${last.requests} requests before it (target ≤ 450 KB), next page ${median(runs.map((r) => r.nextPageMs))} ms ` +
        `[runs: ${runs.map((r) => r.questionMs).join(', ')} ms]`,
    );
  }
} finally {
  await browser.close();
  await server.stop();
}
