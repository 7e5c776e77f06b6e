/**
 * The e2e harness: a real Straumur (PGlite, port 0) and Debian's Chromium driven by
 * playwright-core. Pages are served with the Content-Security-Policy the server will send
 * (no inline scripts, same-origin only), and any CSP violation or page error fails the test.
 * Screenshots go to test/e2e/screenshots/ (git-ignored).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ADMIN, startServer, type StartOptions, type TestServer } from '../helpers/app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = fileURLToPath(new URL('./screenshots/', import.meta.url));
const webDist = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

export const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

export interface Console {
  server: TestServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Problems the page reported (CSP violations, uncaught errors). */
  problems: string[];
  screenshot(name: string): Promise<string>;
  signIn(email?: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

/** The browser's window: a desktop by default; the driver portal is tested as a phone. */
export interface ViewOptions {
  viewport?: { width: number; height: number };
  mobile?: boolean;
  /** The browser's own time zone (the page must still show the operator's). */
  timezoneId?: string;
}

export async function startConsole(opts: StartOptions = {}, view: ViewOptions = {}): Promise<Console> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  if (!existsSync(webDist)) throw new Error('The web console is not built: npm run build:web');
  const server = await startServer('pglite', { ...opts, env: { TIME_ZONE: 'Atlantic/Reykjavik', BILLING_CURRENCY: 'ISK', ...opts.env } });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    viewport: view.viewport ?? { width: 1280, height: 860 },
    ...(view.mobile ? { isMobile: true, hasTouch: true } : {}),
    ...(view.timezoneId ? { timezoneId: view.timezoneId } : {}),
    locale: 'en-GB',
    acceptDownloads: true,
  });
  const problems: string[] = [];
  // The CSP the server's security headers will send, so the app is proven to run under it.
  await context.route('**/*', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const res = await route.fetch();
    return route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': CSP } });
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  await mkdir(screenshotDir, { recursive: true });

  return {
    server,
    browser,
    context,
    page,
    problems,
    async screenshot(name) {
      const file = path.join(screenshotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async signIn(email = ADMIN.email, password = ADMIN.password) {
      await page.goto('/');
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
