import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { usccCheckChar } from '@wutong/contracts';
import { apiSignIn, launchBrowser, newPage, PHONE, poll, screenshot, signIn, skipReason, startServer, type ApiCall, type RunningServer } from './harness.js';

const toast = (page: Page) => page.locator('.ant-message-notice').last();
/** An antd InputNumber's <input>, wherever the test id landed (on the input, or on its wrapper). */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** The list's count as the page shows it ("共 N 条" carries the number in data-total). */
const shownTotal = (page: Page) => page.getByTestId('projects-total').getAttribute('data-total');

async function apiTotal(api: ApiCall, query: string): Promise<number> {
  const res = await api('GET', `/api/projects?limit=1&${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number }).total;
}

/** A valid unified social credit code: 17 characters and their check character. */
const uscc = (n: number) => {
  const first17 = `91330203MA2WT${String(n).padStart(4, '0')}`;
  return `${first17}${usccCheckChar(first17)!}`;
};
/** The same code with a wrong check character. */
const badUscc = (n: number) => {
  const good = uscc(n);
  return `${good.slice(0, 17)}${good[17] === '1' ? '2' : '1'}`;
};

async function readSheet(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe.skipIf(!!skipReason)('projects, enterprises, trips and light rules', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiCall;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiSignIn(server.baseUrl, 'manager');
    dir = mkdtempSync(join(tmpdir(), 'wutong-e2e-files-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('manager filters projects by stage and light, opens the board, exports exactly the filtered list, searches by pinyin initials', async () => {
    const { context, page, errors } = await newPage(browser);
    const all = await apiTotal(api, '');
    const leads = await apiTotal(api, 'stage=lead');
    const redLeads = await apiTotal(api, 'stage=lead&light=red');
    expect(all).toBeGreaterThan(300);
    expect(redLeads).toBeGreaterThan(0);
    expect(redLeads).toBeLessThan(leads);

    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-projects').click();
    await poll(() => shownTotal(page)).toBe(String(all));
    await expect(page.getByTestId('projects-total').textContent()).resolves.toBe(`共 ${all.toLocaleString('zh-CN')} 条`);
    await page.getByTestId('project-row-name').first().waitFor();
    await screenshot(page, 'projects-01-list');

    // stage, then light: the count follows, and the address carries the filters
    await page.getByTestId('stage-chip-lead').click();
    await poll(() => shownTotal(page)).toBe(String(leads));
    await page.getByTestId('light-chip-red').click();
    await poll(() => shownTotal(page)).toBe(String(redLeads));
    expect(new URL(page.url()).searchParams.get('stage')).toBe('lead');
    expect(new URL(page.url()).searchParams.get('light')).toBe('red');
    const lights = await page.getByTestId('projects-table').getByTestId('light-dot').evaluateAll((els) => els.map((e) => e.getAttribute('data-light')));
    expect(lights.length).toBeGreaterThan(0);
    expect(new Set(lights)).toEqual(new Set(['red']));
    // the reason is there for whoever hovers (and for screen readers)
    await expect(page.getByTestId('projects-table').getByTestId('light-dot').first().getAttribute('aria-label')).resolves.toMatch(/^红灯：.+/);
    await page.getByTestId('projects-table').getByTestId('light-dot').first().hover();
    await page.locator('.ant-tooltip:visible').first().waitFor();
    await screenshot(page, 'projects-02-filtered');

    // a filtered view survives a reload (and can be shared as a link)
    await page.reload();
    await poll(() => shownTotal(page)).toBe(String(redLeads));

    // the export is exactly the filtered list
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('projects-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const exported = join(dir, 'projects.xlsx');
    await download.saveAs(exported);
    const sheet = await readSheet(exported);
    expect(sheet.length).toBe(redLeads + 1);
    expect(sheet[0]).toContain('项目名称');
    expect(new Set(sheet.slice(1).map((r) => r[2]))).toEqual(new Set(['线索']));

    // the board: with the stage filter only that column, without it every stage with its total
    await page.getByTestId('projects-view-board').click();
    await page.getByTestId('board-column-lead').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBe('board');
    await poll(() => page.getByTestId('board-column-lead').getByTestId('board-column-total').textContent()).toBe(`${redLeads} 个`);
    await page.getByTestId('stage-chip-lead').click();
    await page.getByTestId('board-column-production').waitFor();
    await poll(() => page.getByTestId('projects-board').getByTestId('board-column-total').count()).toBe(7);
    await poll(() => shownTotal(page)).toBe(String(await apiTotal(api, 'light=red')));
    await screenshot(page, 'projects-03-board');
    await page.getByTestId('projects-view-table').click();
    await page.getByTestId('projects-table').waitFor();
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();

    // search by pinyin initials: 江苏中设 → jszs
    await page.getByTestId('projects-reset').first().click();
    await poll(() => shownTotal(page)).toBe(String(all));
    await page.getByTestId('projects-q').locator('input').fill('jszs');
    await poll(() => shownTotal(page)).toBe(String(await apiTotal(api, 'q=jszs')));
    await expect(page.getByTestId('project-row-name').first().textContent()).resolves.toContain('江苏中设');
    await screenshot(page, 'projects-04-pinyin-search');

    // sorting by a column header goes to the server and into the address
    await page.getByTestId('projects-q').locator('input').fill('');
    await poll(() => shownTotal(page)).toBe(String(all));
    await page.getByTestId('projects-table').locator('th', { hasText: '投资额' }).first().click();
    await poll(() => new URL(page.url()).searchParams.get('sort')).toBe('investment');

    // keyset paging: "load more" appends the next page
    const before = await page.getByTestId('project-row-name').count();
    await page.getByTestId('projects-load-more').click();
    await poll(() => page.getByTestId('project-row-name').count()).toBeGreaterThan(before);

    expect(errors).toEqual([]);
    await context.close();
  });

  test('the project list at phone width shows cards and a filter sheet', async () => {
    const { context, page, errors } = await newPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}/projects`);
    await page.getByTestId('project-card').first().waitFor();
    // the cards fit the screen: nothing scrolls sideways
    // (a string: the e2e code is compiled without the DOM library)
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'projects-05-phone');
    await page.getByTestId('projects-more-filters').click();
    await page.getByTestId('projects-mine-filter').waitFor();
    await screenshot(page, 'projects-06-phone-filters');
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('manager imports enterprises from Excel: progress to the end, one row rejected and downloadable; the same file again changes nothing', async () => {
    const { context, page, errors } = await newPage(browser);
    const file = join(dir, '企业导入.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('企业');
    ws.addRow(['企业名称', '统一社会信用代码', '法定代表人', '注册资本(万元)', '币种', '成立日期', '行业代码', '来源类型', '标签', '曾用名']);
    ws.addRow(['宁波梧桐测试新材料有限公司', uscc(1), '王一', 5000, '人民币', '2019-03-01', '3976', '本地', '新材料', '宁波梧桐测试材料厂']);
    ws.addRow(['宁波凤鸣测试智能科技有限公司', uscc(2), '李二', 1200.5, '美元', '2021-07-15', '6513', '外资', '软件', '']);
    ws.addRow(['宁波栖梧测试贸易有限公司', '', '张三', '', '', '', '', '市外内资', '', '']);
    ws.addRow(['宁波错码测试有限公司', badUscc(3), '赵四', 300, '人民币', '2020-01-01', '', '本地', '', '']);
    await wb.xlsx.writeFile(file);

    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-enterprises').click();
    await page.getByTestId('enterprise-row-name').first().waitFor();
    await screenshot(page, 'enterprises-01-list');
    const [registry] = await Promise.all([page.waitForEvent('download'), page.getByTestId('enterprises-export').click()]);
    expect(registry.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.getByTestId('enterprises-import').click();
    await page.getByTestId('import-template').waitFor();

    // the template downloads with its Chinese headers
    const [template] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()]);
    const templatePath = join(dir, 'template.xlsx');
    await template.saveAs(templatePath);
    expect((await readSheet(templatePath))[0]).toContain('统一社会信用代码');
    await screenshot(page, 'enterprises-02-import');

    const runImport = async () => {
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-job').waitFor();
      await poll(() => page.getByTestId('import-job').getAttribute('data-status')).toBe('done');
      // the bar reached the end
      await expect(page.getByTestId('import-progress').getAttribute('aria-valuenow')).resolves.toBe('100');
      const stat = (k: string) => page.getByTestId(`import-${k}`).getAttribute('data-value');
      return { total: await stat('total'), inserted: await stat('inserted'), updated: await stat('updated'), unchanged: await stat('unchanged'), rejected: await stat('rejected') };
    };

    expect(await runImport()).toEqual({ total: '4', inserted: '3', updated: '0', unchanged: '0', rejected: '1' });
    await screenshot(page, 'enterprises-03-import-done');

    // the rejected row, with its reason, as Excel
    const [rejects] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-rejects').click()]);
    expect(rejects.suggestedFilename()).toMatch(/未导入\.xlsx$/);
    const rejectsPath = join(dir, 'rejects.xlsx');
    await rejects.saveAs(rejectsPath);
    const rejected = await readSheet(rejectsPath);
    expect(rejected.length).toBe(2);
    expect(rejected[0]![0]).toBe('原因');
    expect(rejected[1]!.join('|')).toContain('宁波错码测试有限公司');
    expect(rejected[1]![0]).toMatch(/统一社会信用代码/);

    // the same file again: nothing inserted, nothing updated
    await page.getByTestId('import-again').click();
    expect(await runImport()).toEqual({ total: '4', inserted: '0', updated: '0', unchanged: '3', rejected: '1' });
    await screenshot(page, 'enterprises-04-import-again');

    // the imported enterprise is in the registry, found under its former name too
    await page.goto(`${server.baseUrl}/enterprises`);
    await page.getByTestId('enterprises-q').locator('input').fill('宁波梧桐测试材料厂');
    await poll(() => page.getByTestId('enterprises-total').textContent()).toBe('共 1 条');
    await page.getByTestId('enterprise-row-name').first().click();
    await poll(() => page.getByTestId('enterprise-detail-name').textContent()).toBe('宁波梧桐测试新材料有限公司');
    await expect(page.getByTestId('enterprise-former').textContent()).resolves.toContain('宁波梧桐测试材料厂');
    await page.getByTestId('enterprise-projects').getByText('0 个项目').waitFor();
    await screenshot(page, 'enterprises-05-detail');
    await page.keyboard.press('Escape');
    await page.getByTestId('enterprise-drawer').waitFor({ state: 'hidden' });

    // registering: the USCC is checked as it is typed, duplicates are hinted under the name
    await page.getByTestId('enterprises-create').click();
    await page.getByTestId('enterprise-name').fill('宁波梧桐测试新材料');
    await page.getByTestId('enterprise-hints').getByText('宁波梧桐测试新材料有限公司').waitFor();
    await page.getByTestId('enterprise-uscc').fill(badUscc(9));
    await page.getByText('校验位不符，请核对代码是否抄错').waitFor();
    await page.getByTestId('enterprise-uscc').fill(uscc(9).toLowerCase());
    await poll(() => page.getByTestId('enterprise-uscc').inputValue()).toBe(uscc(9));
    await poll(() => page.getByText('校验位不符，请核对代码是否抄错').count()).toBe(0);
    await screenshot(page, 'enterprises-06-form');
    await page.getByTestId('enterprise-name').fill('宁波梧桐测试登记有限公司');
    await page.getByTestId('enterprise-form-submit').click();
    await poll(() => page.getByTestId('enterprise-detail-name').textContent()).toBe('宁波梧桐测试登记有限公司');
    await expect(toast(page).textContent()).resolves.toContain('已登记');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('a trip: planned, a visit on an existing project, a visit filing a new lead', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-trips').click();
    await page.getByTestId('trip-row-destination').first().waitFor();
    await screenshot(page, 'trips-01-list');

    await page.getByTestId('trips-create').click();
    await page.getByTestId('trip-destination').fill('苏州');
    await page.getByTestId('trip-leader').fill('区政府分管副区长');
    await page.getByTestId('trip-delegation').fill('区招商中心、鼓楼街道');
    await page.getByTestId('trip-form-submit').click();
    await page.getByTestId('trip-summary').waitFor();
    await poll(() => page.getByTestId('trip-destination-value').textContent()).toBe('苏州');

    // a visit on a project already in the system, found by pinyin initials
    await page.getByTestId('trip-add-visit').click();
    await page.getByTestId('visit-project').click();
    await page.getByTestId('visit-project').locator('input').fill('jszs');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '江苏中设' }).first().click();
    await page.getByTestId('visit-notes').fill('与企业高层座谈，了解长三角布局需求');
    await screenshot(page, 'trips-02-visit-project');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-drawer').waitFor({ state: 'hidden' });
    await poll(() => page.getByTestId('trip-visit-count').textContent()).toBe('1');
    await page.getByTestId('trip-visit-project').filter({ hasText: '江苏中设' }).waitFor();

    // a visit on an enterprise met there for the first time: filed as a lead
    await page.getByTestId('trip-add-visit').click();
    await page.getByTestId('visit-target-lead').click();
    await page.getByTestId('visit-enterprise').fill('苏州梧桐测试精密机械有限公司');
    await page.getByTestId('visit-contact').fill('周经理');
    await page.getByTestId('visit-notes').fill('有意在宁波设立华东生产基地');
    await screenshot(page, 'trips-03-visit-lead');
    await page.getByTestId('visit-submit').click();
    await page.getByTestId('visit-drawer').waitFor({ state: 'hidden' });
    await poll(() => page.getByTestId('trip-visit-count').textContent()).toBe('2');
    await page.getByTestId('trip-visit-project').filter({ hasText: '苏州梧桐测试精密机械有限公司项目' }).waitFor();
    await screenshot(page, 'trips-04-detail');

    // the lead is a project now, reported from the trip
    const res = await api('GET', `/api/projects?q=${encodeURIComponent('苏州梧桐测试精密机械')}&limit=5`);
    const found = (await res.json()) as { items: { name: string; stage: string }[] };
    expect(found.items.map((p) => p.name)).toContain('苏州梧桐测试精密机械有限公司项目');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('light rules: the thresholds in words, saved after confirmation', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-sla').click();
    await poll(() => page.getByTestId('sla-lead_uncontacted-sentence').textContent()).toBe('新线索上报后超过 1 个工作日未联系为黄灯，超过 3 个工作日为红灯。');
    await expect(page.getByTestId('sla-next_step_overdue-sentence').textContent()).resolves.toBe('下一步计划日期一过为黄灯，不亮红灯。');

    await numberInput(page, 'sla-no_activity-yellow').fill('10');
    await poll(() => page.getByTestId('sla-no_activity-sentence').textContent()).toBe('项目超过 10 天没有跟进记录为黄灯，超过 30 天为红灯。');
    // a yellow threshold above the red one is refused before anything is sent
    await numberInput(page, 'sla-no_activity-yellow').fill('40');
    await poll(() => page.getByTestId('sla-no_activity-sentence').textContent()).toBe('黄灯天数应小于红灯天数');
    await expect(page.getByTestId('sla-save').isDisabled()).resolves.toBe(true);
    await numberInput(page, 'sla-no_activity-yellow').fill('10');
    await poll(() => page.getByTestId('sla-save').isDisabled()).toBe(false);
    await screenshot(page, 'sla-01-rules');

    await page.getByTestId('sla-save').click();
    await page.getByTestId('sla-confirm').waitFor();
    await screenshot(page, 'sla-02-confirm');
    await page.getByTestId('sla-confirm-ok').click();
    await expect(toast(page).textContent()).resolves.toContain('亮灯规则已保存');
    const res = await api('GET', '/api/sla-rules');
    const rules = ((await res.json()) as { items: { rule: string; yellowDays: number | null; redDays: number | null }[] }).items;
    expect(rules.find((r) => r.rule === 'no_activity')).toEqual({ rule: 'no_activity', yellowDays: 10, redDays: 30 });

    expect(errors).toEqual([]);
    await context.close();
  });
});
