/**
 * Browser-test harness: the real server as a child process (fresh data
 * directory, demo seed) and real Chromium through playwright-core.
 * No mocks: every request goes to the server under test, and every request
 * to another origin is blocked and recorded so tests can assert there were none.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const screenshotDir = join(repoRoot, '.tmp/e2e');
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Same value as client/respondent/quick-exit.ts; routed to a local stub in tests. */
export const NEUTRAL_SITE_PREFIX = 'https://www.google.com/';

export interface TestServer {
  url: string;
  port: number;
  dataDir: string;
  adminEmail: string;
  adminPassword: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Server environment for tests that seed many open-link answers from one address (the limits are tested in tests/server/security). */
export const NO_OPEN_LINK_LIMITS = { OPEN_LINK_SUBMISSIONS_PER_ADDRESS: '0', OPEN_LINK_SUBMISSIONS_PER_LINK: '0' } as const;

/**
 * Starts the built server as `npm start` does (`node scripts/run.mjs server`,
 * which rebuilds dist/node first if a source changed) on a free port with a fresh DATA_DIR and
 * waits for its `"msg":"listening"` log line and a 200 from /healthz.
 * `env` adds to or overrides the server's environment (e.g. no open-link
 * limits for a test that seeds hundreds of answers from one address).
 * @throws if the server exits or is not ready within `timeoutMs`.
 */
export async function startServer(timeoutMs = 90_000, env: Readonly<Record<string, string>> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kartlaggning-e2e-'));
  const adminEmail = 'admin@example.se';
  const adminPassword = 'e2e-test-password-1234';
  const child = spawn(process.execPath, ['scripts/run.mjs', 'server'], {
    cwd: repoRoot,
    // Own process group, so stop() ends the server and anything it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_EMAIL: adminEmail,
      ADMIN_PASSWORD: adminPassword,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'info',
      DATABASE_URL: '',
      ...env,
    },
  });
  let output = '';
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `server exited (code ${code}, signal ${signal})`;
  });

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server not listening after ${timeoutMs} ms\n${output}`)), timeoutMs);
    let buffered = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.includes('"listening"')) continue;
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === 'listening' && typeof entry.port === 'number') {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          // Not a JSON log line; keep reading.
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${exited}\n${output}`));
    });
  });

  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // Not accepting connections yet.
    }
    if (exited) throw new Error(`${exited}\n${output}`);
    if (Date.now() > deadline) throw new Error(`GET /healthz never returned 200\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, dataDir, adminEmail, adminPassword, output: () => output, stop };
}

/** Launches /usr/bin/chromium. Throws (never skips) when it is missing. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`${CHROMIUM_PATH} is missing: browser tests need Chromium installed there (apt-get install chromium).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Requests to any non-localhost origin (blocked), excluding the quick-exit stub. */
  external: string[];
  /** Navigations to the neutral quick-exit site (served by a local stub). */
  neutralVisits: string[];
  close: () => Promise<void>;
}

function isLocal(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** A fresh context (no shared cookies) and page, with outside requests blocked and recorded. */
export async function newTestPage(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: options.locale ?? 'sv-SE',
  });
  const external: string[] = [];
  const neutralVisits: string[] = [];
  await context.route('**/*', async (route) => {
    const requestUrl = route.request().url();
    let parsed: URL;
    try {
      parsed = new URL(requestUrl);
    } catch {
      return route.continue();
    }
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || isLocal(parsed)) return route.continue();
    if (requestUrl.startsWith(NEUTRAL_SITE_PREFIX) && route.request().isNavigationRequest()) {
      neutralVisits.push(requestUrl);
      return route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><html lang="sv"><head><title>Väder</title></head><body><h1>Neutral stub</h1></body></html>',
      });
    }
    external.push(requestUrl);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  return { context, page, external, neutralVisits, close: () => context.close() };
}

export interface StaffSession {
  cookie: string;
  csrfToken: string;
}

/** Logs in through the API (not the UI), for tests that need staff data. */
export async function loginApi(server: TestServer): Promise<StaffSession> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: server.adminEmail, password: server.adminPassword }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('login set no cookie');
  return { cookie, csrfToken: body.csrfToken };
}

export interface CampaignRow {
  id: string;
  title: string;
  isDemo: boolean;
  mode: 'codes' | 'open';
  openSlug: string | null;
  status: string;
}

/** The demo campaign's open-link slug, found via GET /api/campaigns as admin. */
export async function findDemoOpenSlug(server: TestServer): Promise<string> {
  const session = await loginApi(server);
  const response = await fetch(`${server.url}/api/campaigns`, { headers: { cookie: session.cookie } });
  if (!response.ok) throw new Error(`GET /api/campaigns: ${response.status} ${await response.text()}`);
  const campaigns = (await response.json()) as CampaignRow[];
  const demo = campaigns.find((c) => c.isDemo && c.mode === 'open' && c.openSlug);
  if (!demo?.openSlug) throw new Error(`no demo open-link campaign in ${JSON.stringify(campaigns)}`);
  return demo.openSlug;
}

let axeSource: string | undefined;

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules, and `landmark-unique`) on the current page. axe is
 * evaluated through the DevTools protocol, which the page's CSP does not
 * restrict, so the server's real CSP stays on.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(join(repoRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!hasAxe) await page.evaluate(`${axeSource}\n;void 0;`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    // Two landmarks with the same name (a section and its table region, say) leave a screen-reader user guessing.
    const landmarks = await axe.run(document, { runOnly: { type: 'rule', values: ['landmark-unique'] } });
    return [...result.violations, ...landmarks.violations].map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations;
}

/** Human-readable axe output for assertion messages. */
export function formatViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`)
    .join('\n');
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}

/**
 * Identifiers in snake_case (`vet_inte`, `fysiskt_vald`) in the text a user
 * reads on the page: everything rendered, including SVG text and tooltips
 * (title attributes), except what is deliberately code (`code`, `pre`,
 * `kbd`, text fields) or marked `data-technical`. Each value a user sees
 * should have a label instead.
 */
export async function findRawIdentifiers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = 'code, pre, kbd, samp, textarea, input, select, script, style, [data-technical]';
    const found = new Set<string>();
    // Lower case, as identifiers are written: a random token such as "ffg3NufmtzqhT_iTg4xk" is none.
    const pattern = /(?<![\w/.@#:-])[a-zåäö][a-zåäö0-9]*(?:_[a-zåäö0-9]+)+(?![\w/.@-])/gu;
    const scan = (text: string | null | undefined) => {
      for (const match of (text ?? '').matchAll(pattern)) found.add(match[0]);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      const style = getComputedStyle(parent);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      scan(node.textContent);
    }
    for (const el of document.body.querySelectorAll('[title], [aria-label], [alt]')) {
      if (el.closest(skip)) continue;
      scan(el.getAttribute('title'));
      scan(el.getAttribute('aria-label'));
      scan(el.getAttribute('alt'));
    }
    return [...found].sort();
  });
}

/** Phone, tablet and desktop widths that every walk-through page is photographed at. */
export const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'desktop', width: 1366, height: 900 },
] as const;

/**
 * Screenshots the page at phone, tablet and desktop width
 * (`<name>-phone.png`, …), then restores the viewport. Also checks that
 * nothing is wider than the window at any width (no sideways scrolling of
 * the whole page; wide tables scroll inside their own region) and that the
 * page shows no raw identifier (`findRawIdentifiers`), and returns the paths.
 * @throws naming the identifiers, or the width and the element when the page overflows.
 */
export async function screenshotWidths(
  page: Page,
  name: string,
  options: { fullPage?: boolean; allowOverflow?: boolean; allowIdentifiers?: readonly string[] } = {},
): Promise<string[]> {
  const identifiers = (await findRawIdentifiers(page)).filter((id) => !options.allowIdentifiers?.includes(id));
  if (identifiers.length > 0) throw new Error(`${name} shows raw identifiers to the user: ${identifiers.join(', ')}`);
  const original = page.viewportSize();
  const paths: string[] = [];
  const overflows: string[] = [];
  try {
    for (const { name: width, ...size } of WIDTHS) {
      await page.setViewportSize(size);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        const limit = doc.clientWidth + 1;
        if (doc.scrollWidth <= limit) return undefined;
        const widthWithout = (el: HTMLElement) => {
          const before = el.style.display;
          el.style.display = 'none';
          const width = doc.scrollWidth;
          el.style.display = before;
          return width;
        };
        // Down the tree to the innermost element whose removal ends the overflow.
        let culprit: HTMLElement | undefined;
        let level: Element | null = document.body;
        while (level) {
          const next: Element | undefined = [...level.children].find((child) => child instanceof HTMLElement && widthWithout(child) <= limit);
          if (!next) break;
          culprit = next as HTMLElement;
          level = next;
        }
        const chain: string[] = [];
        for (let up: HTMLElement | null = culprit ?? null; up && up !== document.body; up = up.parentElement) {
          chain.push(`${up.tagName.toLowerCase()}${up.className ? `.${String(up.className).split(' ').join('.')}` : ''}(${Math.round(up.getBoundingClientRect().width)})`);
        }
        // A positioned element escapes the clipping of a scrolling table region unless the region is its containing block.
        const positioned: string[] = [];
        for (const el of document.body.querySelectorAll('*')) {
          const position = getComputedStyle(el).position;
          if ((position === 'absolute' || position === 'fixed') && el instanceof HTMLElement && widthWithout(el) <= limit) positioned.push(el.outerHTML.slice(0, 120));
        }
        if (positioned.length > 0) return `${doc.scrollWidth} > ${doc.clientWidth} px; because of the positioned ${positioned.slice(0, 3).join(', ')}`;
        return `${doc.scrollWidth} > ${doc.clientWidth} px; because of: ${culprit?.outerHTML.slice(0, 160) ?? 'several elements'}; inside ${chain.slice(1).join(' < ')}`;
      });
      if (overflow) overflows.push(`${width} (${size.width} px): ${overflow}`);
      // After the check: a full-page screenshot lays the page out again at its full size.
      paths.push(await screenshot(page, `${name}-${width}`, options.fullPage ?? true));
    }
  } finally {
    if (original) await page.setViewportSize(original);
  }
  if (overflows.length > 0 && !options.allowOverflow) throw new Error(`${name} is wider than the window at ${overflows.join('\n')}`);
  return paths;
}

/**
 * Compressed transfer of everything the page loaded: the sum of encoded body
 * sizes from the Resource Timing entries (same origin, so they are exposed).
 */
export async function encodedTransferBytes(page: Page): Promise<{ total: number; entries: { name: string; encoded: number; decoded: number }[] }> {
  return page.evaluate(() => {
    const entries = [
      ...performance.getEntriesByType('navigation'),
      ...performance.getEntriesByType('resource'),
    ] as PerformanceResourceTiming[];
    const list = entries.map((e) => ({ name: new URL(e.name).pathname, encoded: e.encodedBodySize, decoded: e.decodedBodySize }));
    return { total: list.reduce((sum, e) => sum + e.encoded, 0), entries: list };
  });
}

/** Presses Tab until `predicate` holds for the focused element. @throws after `maxTabs`. */
export async function tabUntil(page: Page, description: string, predicate: string, maxTabs = 40): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const ok = await page.evaluate(`(() => { const el = document.activeElement; return !!el && (${predicate}); })()`);
    if (ok) return;
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(`keyboard: did not reach ${description} within ${maxTabs} Tab presses (focus on ${focused})`);
}
