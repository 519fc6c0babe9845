import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The database the app under test runs on: the embedded one by default; with
 * WUTONG_E2E_DB=postgres and TEST_DATABASE_URL, a fresh database on that server per suite.
 */
export const E2E_DB: 'pglite' | 'postgres' = process.env.WUTONG_E2E_DB === 'postgres' ? 'postgres' : 'pglite';
if (E2E_DB === 'postgres' && !process.env.TEST_DATABASE_URL) throw new Error('WUTONG_E2E_DB=postgres needs TEST_DATABASE_URL');
/** artifacts/<name>, or artifacts/<name>-postgres for the run on the server */
export const artifactDir = (name: string) => join(ROOT, 'artifacts', E2E_DB === 'postgres' ? `${name}-postgres` : name);
export const SCREENSHOT_DIR = artifactDir('screenshots');
export const DEMO_PASSWORD = 'Wutong@2026';
const WEB_INDEX = join(ROOT, 'apps', 'web', 'dist', 'index.html');

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
  return candidates.find((p): p is string => !!p && existsSync(p));
}

export const chromiumPath = findChromium();
/** Why the browser suites cannot run here, if they cannot: `describe.skipIf(!!skipReason)`. */
export const skipReason = chromiumPath
  ? undefined
  : `no Chromium found (looked at $CHROMIUM_PATH=${process.env.CHROMIUM_PATH ?? '(unset)'}, /usr/bin/chromium, /usr/bin/chromium-browser, /usr/bin/google-chrome)`;
if (skipReason) console.warn(`[e2e] skipping browser tests: ${skipReason}`);

export type RunningServer = { baseUrl: string; dataDir: string; output: () => string; stop: () => Promise<void> };

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => ok(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the API server exited with code ${child.exitCode} before it was healthy:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the API server was not healthy within ${timeoutMs} ms:\n${output()}`);
}

/**
 * The real server on a free port with a database of its own holding the demo data, serving the
 * built web app. Each suite gets its own, so suites never see each other's data. The database is
 * a copy of the run's prepared demo database (e2e/global-setup.ts: migrated and seeded once, as a
 * first start does); without one (a run outside the project's vitest config) the server
 * migrates and seeds an empty one itself.
 */
export async function startServer(): Promise<RunningServer> {
  // another process may take the free port before the server binds it: one more try on a new port
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce();
    } catch (e) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(e))) throw e;
    }
  }
}

async function startServerOnce(): Promise<RunningServer> {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`the web app is not built (${WEB_INDEX} is missing): run \`npm run build -w @wutong/web\` before the e2e tests`);
  }
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wutong-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, WUTONG_DEMO: '1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.WEB_DIR;
  const template = process.env.WUTONG_E2E_TEMPLATE;
  const server = E2E_DB === 'postgres' ? await createServerDatabase(template) : undefined;
  if (server) env.DATABASE_URL = server.url;
  else if (template) cpSync(join(template, 'pg'), join(dataDir, 'pg'), { recursive: true });
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await server?.drop();
  };
  try {
    await waitForHealth(baseUrl, child, () => log, 90_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, dataDir, output: () => log, stop };
}

/** A UTF-8 database on the TEST_DATABASE_URL server (a copy of `template` when given), dropped after the suite. */
async function createServerDatabase(template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL!;
  const name = `wutong_e2e_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(skipReason);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const DESKTOP = { viewport: { width: 1440, height: 900 } };
export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** A fresh context (no cookies) whose page fails the test on any uncaught error in the app. */
export async function newPage(browser: Browser, options: Parameters<Browser['newContext']>[0] = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

/** expect.poll with room for a busy machine (its default gives up after one second). */
export const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000, interval: 100 });

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // let antd's motion settle, so the picture shows what a user sees rather than a half-open drawer
  await page.waitForTimeout(350);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  if (!page.url().includes('/login')) await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await page.getByTestId('login-username').waitFor();
}

/** Picks a node in an antd TreeSelect by typing part of its title. */
export async function pickTreeOption(page: Page, testId: string, title: string) {
  const select = page.getByTestId(testId);
  await select.click();
  await select.locator('input').fill(title);
  await page.locator('.ant-select-dropdown:visible').last().locator('.ant-select-tree-node-content-wrapper', { hasText: title }).first().click();
}

/** Picks an option in an antd Select (single or multiple) by its label. */
export async function pickOption(page: Page, testId: string, label: string) {
  const select = page.getByTestId(testId);
  await select.click();
  // the select's own popup (its listbox id is in aria-controls), not one still fading out from another select
  const listId = await select.locator('input').first().getAttribute('aria-controls');
  const popup = listId ? page.locator(`.ant-select-dropdown:has([id="${listId}"])`) : page.locator('.ant-select-dropdown:visible').last();
  await popup.locator('.ant-select-item-option', { hasText: label }).first().click();
}

export type ApiCall = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<Response>;

/** Signs in over HTTP (for preparing data a test needs) and returns a caller carrying the session. */
export async function apiSignIn(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<ApiCall> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return (method, path, body) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: method === 'GET' ? { cookie } : { cookie, 'content-type': 'application/json' },
      ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
    });
}
