import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, launchBrowser, newPage, pickOption, pickTreeOption, poll, screenshot, signIn, signOut, skipReason, startServer, type RunningServer } from './harness.js';

const toast = (page: Page) => page.locator('.ant-message-notice').last();
const DAY = 86400_000;
const shanghaiDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * DAY).toISOString().slice(0, 10);

/** Runs one of the item page's commands through its dialog. */
async function command(page: Page, action: string, fill: () => Promise<void>) {
  await page.getByTestId(`coordination-action-${action}`).click();
  await page.getByTestId(`coordination-form-${action}`).waitFor();
  await fill();
  await page.getByTestId('coordination-action-submit').click();
  await page.getByTestId(`coordination-form-${action}`).waitFor({ state: 'detached' });
}

const status = (page: Page) => page.getByTestId('coordination-summary').getAttribute('data-status');
const level = (page: Page) => page.getByTestId('coordination-summary').getAttribute('data-level');

// One item from a project to its closure, each step by the user whose part it is: one server, the steps in order.
describe.skipIf(!!skipReason)('coordination: raise an item from a project, escalate it, decide and assign it, resolve it, confirm it', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let projectId = 0;
  let projectName = '';
  let itemUrl = '';
  const title = '二期厂房新增用地指标（e2e）';
  const dir = mkdtempSync(join(tmpdir(), 'wutong-coordination-'));

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const gulou = await apiSignIn(server.baseUrl, 'promoter.gulou');
    const mine = (await (await gulou('GET', '/api/projects?mine=owner&stage=negotiating&limit=5')).json()) as { items: { id: number; name: string }[] };
    projectId = mine.items[0]!.id;
    projectName = mine.items[0]!.name;
    ({ page, errors } = await newPage(browser));
  });
  // a failed step leaves a picture of where it stood
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await screenshot(page, 'coordination-failed');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the project owner raises an item from the project page', async () => {
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}/projects/${projectId}`);
    await page.getByTestId('project-coordination').waitFor();
    await page.getByTestId('coordination-raise').click();
    await page.getByTestId('coordination-raise-form').waitFor();
    // the form names what is missing before anything is sent
    await page.getByTestId('coordination-raise-submit').click();
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toEqual(expect.arrayContaining(['请选择类别', '请填写事项', '请填写问题描述']));
    await pickOption(page, 'coordination-raise-category', '用地');
    await page.getByTestId('coordination-raise-title').fill(title);
    await page.getByTestId('coordination-raise-description').fill('二期扩产需新增工业用地约50亩，需纳入年度供地计划，企业希望两个月内明确');
    await screenshot(page, 'coordination-01-raise');
    await page.getByTestId('coordination-raise-submit').click();
    await poll(() => toast(page).textContent()).toContain('已提出');
    const row = page.getByTestId('project-coordination-item').filter({ hasText: title });
    await row.waitFor();
    await screenshot(page, 'coordination-02-project-card');
    await row.click();
    await page.getByTestId('coordination-summary').waitFor();
    itemUrl = new URL(page.url()).pathname;
    expect(itemUrl).toMatch(/^\/coordination\/\d+$/);
    expect(await status(page)).toBe('open');
    expect(await level(page)).toBe('unit');
    expect(await page.getByTestId('page-title').textContent()).toBe(title);
    expect(await page.getByTestId('coordination-project').textContent()).toBe(projectName);
    expect(await page.getByTestId('coordination-needed-by').textContent()).toBe(shanghaiDay(14));
    // the owner raises; escalating is the unit head's part
    expect(await page.getByTestId('coordination-actions').locator('button').count()).toBe(0);
    await signOut(page);
  });

  test('the township head escalates it to the departments, the centre to the lead group', async () => {
    await signIn(page, server.baseUrl, 'head.gulou');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}${itemUrl}`);
    await page.getByTestId('coordination-summary').waitFor();
    await command(page, 'escalate', async () => {
      await page.getByTestId('coordination-escalate-to').getByText('部门').click();
      await page.getByTestId('coordination-note').fill('街道层面无法调剂用地指标，提请自然资源部门支持');
      await screenshot(page, 'coordination-03-escalate');
    });
    await poll(() => level(page)).toBe('department');
    // at department level the township head no longer assigns
    await expect(page.getByTestId('coordination-action-assign').count()).resolves.toBe(0);
    await signOut(page);

    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}${itemUrl}`);
    await page.getByTestId('coordination-summary').waitFor();
    await command(page, 'escalate', async () => {
      await page.getByTestId('coordination-escalate-to').getByText('领导小组').click();
      await page.getByTestId('coordination-note').fill('涉及年度供地计划调整，提请领导小组协调');
    });
    await poll(() => level(page)).toBe('lead_group');
    await poll(() => page.getByTestId('coordination-event').count()).toBe(3);
    await screenshot(page, 'coordination-04-lead-group');
  });

  test('the centre exports the Word agenda and records the lead group’s decision, assigning 区商务局', async () => {
    await page.getByTestId('menu-coordination-meeting').click();
    await page.getByTestId('meeting-agenda').waitFor();
    const row = page.getByTestId('meeting-agenda-row').filter({ hasText: title });
    await row.waitFor();
    await screenshot(page, 'coordination-05-meeting');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('meeting-export').click()]);
    expect(download.suggestedFilename()).toBe(`协调会议题-${shanghaiDay()}.docx`);
    const file = join(dir, 'agenda.docx');
    await download.saveAs(file);
    const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('协调会议题');
    expect(text).toContain(title);
    expect(text).toContain(projectName);
    expect(text).toContain('提请事由：涉及年度供地计划调整，提请领导小组协调');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');

    await row.getByTestId('meeting-record').click();
    await page.getByTestId('coordination-form-meeting').waitFor();
    await page.getByTestId('coordination-decision').fill('由区商务局牵头，市自然资源和规划局海曙分局配合，纳入下季度供地计划');
    await pickTreeOption(page, 'coordination-lead-unit', '区商务局');
    await pickTreeOption(page, 'coordination-coop-units', '市自然资源和规划局海曙分局');
    // close the multiple select's dropdown without Escape (which would close the dialog)
    await page.locator('.ant-modal-title').click();
    const deadline = page.locator('input[data-testid="coordination-deadline"], [data-testid="coordination-deadline"] input').first();
    await deadline.click();
    await deadline.fill(shanghaiDay(20));
    await deadline.press('Enter');
    await screenshot(page, 'coordination-06-meeting-decision');
    await page.getByTestId('coordination-action-submit').click();
    await poll(() => toast(page).textContent()).toContain('已记录会议议定');
    await page.getByTestId('meeting-decided-row').filter({ hasText: title }).waitFor();
    await expect(page.getByTestId('meeting-agenda-row').filter({ hasText: title }).count()).resolves.toBe(0);
    await screenshot(page, 'coordination-07-meeting-decided');

    // the list: filters above, counts, the export of exactly what is filtered
    await page.getByTestId('menu-coordination').click();
    await page.getByTestId('coordination-table').waitFor();
    await poll(async () => Number(await page.getByTestId('coordination-total').getAttribute('data-total'))).toBeGreaterThan(20);
    await page.getByTestId('coordination-overdue-filter').click();
    await poll(() => page.url()).toContain('overdue=true');
    await poll(async () => (await page.getByTestId('coordination-row-light').evaluateAll((els) => els.map((e) => e.getAttribute('data-light')))).every((l) => l === 'red')).toBe(true);
    const overdue = Number(await page.getByTestId('coordination-total').getAttribute('data-total'));
    expect(overdue).toBeGreaterThan(0);
    await screenshot(page, 'coordination-08-list-overdue');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('coordination-export').click()]);
    expect(xlsx.suggestedFilename()).toBe('协调事项.xlsx');
    await xlsx.saveAs(join(dir, 'items.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'items.xlsx'));
    expect(wb.worksheets[0]!.rowCount - 1).toBe(overdue);
    await signOut(page);
  });

  test('the Commerce Bureau reports progress and resolves it', async () => {
    await signIn(page, server.baseUrl, 'promoter.swj');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}${itemUrl}`);
    await page.getByTestId('coordination-summary').waitFor();
    expect(await page.getByTestId('coordination-lead').textContent()).toBe('区商务局');
    expect(await page.getByTestId('coordination-deadline-value').textContent()).toBe(shanghaiDay(20));
    await command(page, 'progress', async () => {
      await page.getByTestId('coordination-note').fill('已与自然资源分局对接，拟从存量指标中调剂');
    });
    await poll(() => page.getByTestId('coordination-event').count()).toBe(5);
    await command(page, 'resolve', async () => {
      await page.getByTestId('coordination-note').fill('已调剂50亩用地指标，企业可按程序申请供地');
      await screenshot(page, 'coordination-09-resolve');
    });
    await poll(() => status(page)).toBe('resolved');
    // the resolving unit does not close its own item
    await expect(page.getByTestId('coordination-action-confirm').count()).resolves.toBe(0);
    await screenshot(page, 'coordination-10-resolved');
    await signOut(page);
  });

  test('the project owner confirms it for the enterprise contact, and the item is closed', async () => {
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}${itemUrl}`);
    await page.getByTestId('coordination-summary').waitFor();
    await command(page, 'confirm', async () => {
      await page.getByTestId('coordination-confirm-by').getByText('企业联系人确认').click();
      await page.getByTestId('coordination-contact-name').fill('程经理');
      await page.getByTestId('coordination-note').fill('企业确认用地指标已落实');
      await screenshot(page, 'coordination-11-confirm');
    });
    await poll(() => status(page)).toBe('closed');
    expect(await page.getByTestId('coordination-confirmed').textContent()).toBe('张晓 代企业联系人 程经理 确认');
    const kinds = await page.getByTestId('coordination-event').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual(['confirm', 'resolve', 'progress', 'meeting', 'escalate', 'escalate', 'raise']);
    expect(await page.getByTestId('coordination-light').getAttribute('data-light')).toBe('green');
    await screenshot(page, 'coordination-12-closed');
    // the project page lists it as closed
    await page.getByTestId('coordination-project').click();
    await page.getByTestId('project-coordination').waitFor();
    await poll(() => page.getByTestId('project-coordination-item').filter({ hasText: title }).getByTestId('coordination-status').getAttribute('data-status')).toBe('closed');
    expect(errors).toEqual([]);
  });
});
