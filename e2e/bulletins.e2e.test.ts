import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { ROOT, artifactDir, launchBrowser, newPage, poll, screenshot, signIn, skipReason, startServer, type RunningServer } from './harness.js';

const ARTIFACTS = artifactDir('bulletin');

/** Last month in Asia/Shanghai, as the generate dialog offers it by default. */
function lastMonth(): string {
  const today = new Date(Date.now() + 8 * 3600_000);
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth(); // 0-based: this is last month's number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

/**
 * The .docx as PDF and PNG pages under artifacts/bulletin/, when LibreOffice and poppler are on this
 * machine (`apt-get install libreoffice-writer-nogui poppler-utils`): an artifact to look at, not a
 * check — without them the test says so and goes on.
 */
function renderArtifact(docx: string): void {
  const has = (cmd: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (!has('libreoffice') || !has('pdftoppm')) {
    console.warn('[bulletins] LibreOffice or pdftoppm not found: the .docx is kept, no PDF/PNG rendered');
    return;
  }
  const env = { ...process.env, FONTCONFIG_FILE: join(ROOT, 'e2e', 'bulletin-fonts.conf'), HOME: join(ARTIFACTS, '.lo-home') };
  execFileSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', ARTIFACTS, docx], { env, stdio: 'ignore', timeout: 120_000 });
  rmSync(env.HOME, { recursive: true, force: true });
  const pdf = docx.replace(/\.docx$/, '.pdf');
  for (const f of readdirSync(ARTIFACTS)) if (/^monthly-bulletin-page-\d+\.png$/.test(f)) rmSync(join(ARTIFACTS, f));
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(ARTIFACTS, 'monthly-bulletin-page')], { stdio: 'ignore', timeout: 120_000 });
  expect(existsSync(pdf)).toBe(true);
}

/** The bulletin's page is loaded (generous: the server's scheduler may be freezing periods at the same time). */
const documentShown = (page: Page) => page.getByTestId('bulletin-document').waitFor({ timeout: 60_000 });
/** Waits for the status tag to read `status`. */
const statusIs = (page: Page, status: string) => expect.poll(() => statusOf(page), { timeout: 60_000, interval: 200 }).toBe(status);

const statusOf = (page: Page) => page.getByTestId('page-title').getByTestId('bulletin-status').getAttribute('data-status');

// One server, the steps in order: a manager drafts and reviews, a leader publishes, a unit head reads.
describe.skipIf(!!skipReason)('bulletins: generate a monthly bulletin on the demo data, review, publish, read, download', () => {
  let server: RunningServer;
  let browser: Browser;
  let bulletinUrl = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('the manager generates last month’s bulletin, adds a note and reviews it', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-bulletins').click();
    await page.getByTestId('bulletins-table').waitFor();
    await page.getByTestId('bulletins-generate').click();
    // the dialog offers last month by default
    await page.getByTestId('generate-submit').click();
    await page.waitForURL(/\/bulletins\/\d+$/, { timeout: 90_000 });
    bulletinUrl = new URL(page.url()).pathname;
    await documentShown(page);
    expect(await statusOf(page)).toBe('draft');
    const [y, m] = lastMonth().split('-');
    await expect.poll(() => page.getByTestId('bulletin-title').textContent()).toContain(`${y}年${Number(m)}月`);
    expect(await page.getByTestId('bulletin-masthead').textContent()).toBe('海曙区招商引资工作通报');
    // the five sections and the tables the demo data fills
    for (const s of ['一、总体进展', '二、完成率排名和积分排名', '三、新签约和新落地项目', '四、红灯项目和超期协调事项', '五、备注']) await page.getByRole('heading', { name: s }).waitFor();
    expect(await page.getByTestId('bulletin-headline').locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await page.getByTestId('bulletin-points-township').locator('tbody tr').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('bulletin-completion-township').locator('tbody tr').count()).toBeGreaterThan(10);

    await page.getByTestId('bulletin-edit-notes').click();
    await page.getByTestId('notes-input').fill('请各单位对照年度目标查漏补缺，红灯项目责任单位于本月15日前报送推进情况。');
    await page.getByTestId('notes-save').click();
    await page.getByTestId('bulletin-notes').filter({ hasText: '红灯项目责任单位' }).waitFor();
    await page.getByTestId('bulletin-review').click();
    await statusIs(page, 'reviewed');
    await screenshot(page, 'bulletins-01-reviewed');
    // a manager does not publish
    expect(await page.getByTestId('bulletin-publish').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a leader publishes it: the files are archived and readers are notified', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'leader');
    await page.getByTestId('menu-bulletins').click();
    await page.getByTestId('bulletin-row-title').first().click();
    await documentShown(page);
    expect(new URL(page.url()).pathname).toBe(bulletinUrl);
    await page.getByTestId('bulletin-publish').click();
    await page.getByTestId('bulletin-publish-confirm').click();
    await statusIs(page, 'published');
    await page.getByTestId('bulletin-archived').waitFor();
    expect(await page.locator('.bulletin-paper .issue').textContent()).toBe('第1期');
    // published: no more commands offered
    for (const id of ['bulletin-review', 'bulletin-publish', 'bulletin-edit-notes', 'bulletin-discard', 'bulletin-regenerate']) expect(await page.getByTestId(id).count(), id).toBe(0);
    await page.setViewportSize({ width: 1440, height: 1800 });
    await screenshot(page, 'bulletins-02-published');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a unit head is notified, opens the bulletin, downloads the .docx and prints it', async () => {
    const { context, page, errors } = await newPage(browser, { viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await signIn(page, server.baseUrl, 'head.gulou');
    await page.getByTestId('menu-bulletins').waitFor();
    await page.goto(`${server.baseUrl}/notifications`);
    const item = page.locator('.ant-list-item', { hasText: '海曙区招商引资工作通报（第1期）已印发' }).first();
    await item.waitFor();
    await item.getByText('查看', { exact: true }).click();
    await page.waitForURL(new RegExp(`${bulletinUrl}$`));
    await documentShown(page);
    expect(await statusOf(page)).toBe('published');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bulletin-docx').click()]);
    expect(download.suggestedFilename()).toMatch(/第1期.*\.docx$/);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'monthly-bulletin.docx');
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    expect(xml).toContain('海曙区招商引资工作通报');
    expect(xml).toContain('第1期');
    expect(xml).toContain('红灯项目责任单位于本月15日前报送推进情况');
    renderArtifact(file);

    // printing shows the sheet alone
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin-docx').isVisible()).toBe(false);
    expect(await page.getByTestId('bulletin-document').isVisible()).toBe(true);
    await screenshot(page, 'bulletins-03-print');
    await page.emulateMedia({ media: 'screen' });

    // the list shows what a unit head may read: the published bulletin, no drafts, no generate button
    await page.getByTestId('menu-bulletins').click();
    await page.getByTestId('bulletins-table').waitFor();
    await poll(() => page.getByTestId('bulletin-row-status').count()).toBe(1);
    expect(await page.getByTestId('bulletins-generate').count()).toBe(0);
    // the frozen rankings are there too
    await page.getByTestId('tab-snapshots').click();
    await page.getByTestId('snapshot-row').first().click();
    await page.getByTestId('snapshot-drawer').waitFor();
    await screenshot(page, 'bulletins-04-snapshot');
    expect(errors).toEqual([]);
    await context.close();
  });
});
