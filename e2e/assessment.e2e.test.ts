import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import type { CompletionRanking, OrgUnit, PeopleRanking, PointList, RuleVersion, TargetRow, UnitRanking } from '@wutong/contracts';
import { apiSignIn, launchBrowser, newPage, pickOption, poll, screenshot, signIn, skipReason, startServer, type ApiCall, type RunningServer } from './harness.js';

/** An antd InputNumber's <input>, wherever the test id landed (on the input, or on its wrapper). */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
/** The same for an antd DatePicker. */
const dateInput = numberInput;
const toast = (page: Page) => page.locator('.ant-message-notice').last();

/** Signs in through the form and waits for the signed-in shell, so that the next navigation does not cut the sign-in short. */
async function enter(page: Page, baseUrl: string, username: string) {
  // the first load of the app pays for its chunks: on a busy machine it gets longer than one step
  if (!page.url().includes('/login')) await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').waitFor({ timeout: 60_000 });
  await signIn(page, baseUrl, username);
  await page.getByTestId('header-user').waitFor({ timeout: 60_000 });
}

async function get<T>(api: ApiCall, path: string): Promise<T> {
  const res = await api('GET', path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

/** What a ranking table shows: [rank, name, points] per row, from the data the page renders. */
async function shownRanking(page: Page, container: string) {
  const rows = page.getByTestId(container).getByTestId('ranking-row');
  return rows.evaluateAll((els) =>
    els.map((el) => [
      Number(el.querySelector('[data-testid="rank"]')?.getAttribute('data-rank')),
      el.querySelector('[data-testid="ranking-name"]')?.textContent ?? '',
      Number(el.querySelector('[data-testid="ranking-points"]')?.getAttribute('data-value')),
    ]),
  );
}

describe.skipIf(!!skipReason)('assessment: targets, rankings, points, scoring rules', () => {
  let server: RunningServer;
  let browser: Browser;
  let api: ApiCall;
  let dir: string;
  let gulou: OrgUnit;
  let year: number;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    api = await apiSignIn(server.baseUrl, 'manager');
    dir = mkdtempSync(join(tmpdir(), 'wutong-e2e-assessment-'));
    const units = await get<{ items: OrgUnit[] }>(api, '/api/org/units');
    gulou = units.items.find((u) => u.name === '鼓楼街道')!;
    expect(gulou).toBeDefined();
    year = (await get<{ items: TargetRow[] }>(api, '/api/targets')).items[0]!.year;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('manager sets a target with a monthly split in 万元 and sees its completion against 序时进度', async () => {
    const { context, page, errors } = await newPage(browser);
    await enter(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-targets').click();
    // the overview: units × indicators, each cell the completion rate
    await page.getByTestId('matrix-cell').first().waitFor();
    const all = await get<{ items: TargetRow[] }>(api, '/api/targets');
    await expect(page.getByTestId('targets-summary').textContent()).resolves.toContain(`目标 ${all.items.length} 项`);
    const ahead = all.items.filter((r) => r.completion !== null && r.completion >= r.timeProgress).length;
    await expect(page.getByTestId('targets-ahead').getAttribute('data-value')).resolves.toBe(String(ahead));
    await screenshot(page, 'assessment-01-targets-overview');

    // 鼓楼街道 × 签约投资额: delete the seeded target (after confirming), then set it again by month
    const key = `unitId=${gulou.id}&indicator=signed_investment`;
    const seeded = (await get<{ items: TargetRow[] }>(api, `/api/targets?${key}`)).items[0]!;
    // a round annual in 万元 near the seeded one, so that a month is a whole number of 万元
    const annualWan = Math.max(1200, Math.ceil(seeded.annual / 1_000_000 / 1200) * 1200);
    const monthWan = annualWan / 12;
    const shift = annualWan / 24;
    const wan = (n: number) => `${n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 万元`;
    await page.goto(`${server.baseUrl}/targets?view=list&${key}`);
    await page.getByTestId('target-row-unit').first().waitFor();
    await page.getByTestId('target-delete').click();
    await page.getByTestId('target-delete-ok').click();
    await poll(() => page.getByTestId('targets-count').getAttribute('data-value')).toBe('0');
    expect((await get<{ items: TargetRow[] }>(api, `/api/targets?${key}`)).items).toEqual([]);

    await page.getByTestId('targets-create').click();
    await numberInput(page, 'target-annual').waitFor();
    await numberInput(page, 'target-annual').fill(String(annualWan));
    await page.getByTestId('target-split-month').click();
    // an even split by default, checked as the user types
    await expect(numberInput(page, 'target-part-1').inputValue()).resolves.toBe(monthWan.toLocaleString('zh-CN', { minimumFractionDigits: 2 }));
    await expect(numberInput(page, 'target-part-12').inputValue()).resolves.toBe(monthWan.toLocaleString('zh-CN', { minimumFractionDigits: 2 }));
    await expect(page.getByTestId('target-parts-check').getAttribute('data-ok')).resolves.toBe('1');
    await numberInput(page, 'target-part-1').fill(String(monthWan + shift));
    await poll(() => page.getByTestId('target-parts-check').textContent()).toContain(`多 ${wan(shift)}`);
    await expect(page.getByTestId('target-save').isDisabled()).resolves.toBe(true);
    await page.mouse.move(0, 0); // no hover left over from the modal's opening motion in the picture
    await screenshot(page, 'assessment-02-target-split-invalid');
    await numberInput(page, 'target-part-12').fill(String(monthWan - shift));
    await poll(() => page.getByTestId('target-parts-check').getAttribute('data-ok')).toBe('1');
    await screenshot(page, 'assessment-03-target-split-valid');
    await page.getByTestId('target-save').click();
    await toast(page).waitFor();

    // stored in 分, split by month exactly as typed
    const saved = (await get<{ items: TargetRow[] }>(api, `/api/targets?${key}`)).items;
    expect(saved).toHaveLength(1);
    const row = saved[0]!;
    expect(row.annual).toBe(annualWan * 1_000_000);
    expect(row.split).toBe('month');
    expect(row.parts).toEqual([monthWan + shift, ...Array<number>(10).fill(monthWan), monthWan - shift].map((w) => w * 1_000_000));

    // the row shows the completion the API computes, against the split's 序时进度
    await poll(() => page.getByTestId('targets-count').getAttribute('data-value')).toBe('1');
    const completion = page.getByTestId('target-row-completion').first();
    await expect(completion.getAttribute('data-completion')).resolves.toBe(row.completion!.toFixed(4));
    await expect(completion.getAttribute('data-ahead')).resolves.toBe(row.completion! >= row.timeProgress ? '1' : '0');
    await expect(completion.textContent()).resolves.toContain(`${(row.completion! * 100).toFixed(1)}%`);
    await expect(completion.textContent()).resolves.toContain(`序时进度 ${(row.timeProgress * 100).toFixed(1)}%`);
    await expect(page.getByTestId('target-row-annual').first().textContent()).resolves.toBe(wan(annualWan));
    await expect(page.getByTestId('target-row-split').first().getAttribute('data-split')).resolves.toBe('month');
    await screenshot(page, 'assessment-04-target-row');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('targets go out to Excel and come back: a changed row is imported, the same rows unchanged, a bad row rejected with its reason', async () => {
    const { context, page, errors } = await newPage(browser);
    await enter(page, server.baseUrl, 'manager');
    await page.goto(`${server.baseUrl}/targets?view=list&unitId=${gulou.id}`);
    await page.getByTestId('target-row-unit').first().waitFor();
    const before = (await get<{ items: TargetRow[] }>(api, `/api/targets?unitId=${gulou.id}`)).items;
    expect(before.length).toBeGreaterThan(2);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('targets-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(dir, 'targets.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const col = (name: string) => header.indexOf(name);
    expect(ws.rowCount).toBe(before.length + 1);
    // 开工项目数 goes to 99; a unit nobody has
    let changed = 0;
    ws.eachRow((r, n) => {
      if (n > 1 && r.getCell(col('指标')).value === '开工项目数') {
        r.getCell(col('年度目标')).value = 99;
        r.getCell(col('分解方式')).value = '不分解';
        for (let i = col('一季度'); i <= col('12月'); i++) r.getCell(i).value = null;
        changed++;
      }
    });
    expect(changed).toBe(1);
    const bad = ws.addRow([]);
    bad.getCell(col('单位')).value = '不存在的街道';
    bad.getCell(col('指标')).value = '引进企业数';
    bad.getCell(col('年度')).value = year;
    bad.getCell(col('年度目标')).value = 5;
    await wb.xlsx.writeFile(file);

    await page.getByTestId('targets-import').click();
    await page.getByText('点击或拖入 Excel 文件（.xlsx）').waitFor();
    await screenshot(page, 'assessment-05-target-import-upload');
    await page.locator('input[type=file][data-testid="target-import-upload"]').setInputFiles(file);
    await page.getByTestId('target-import-result').waitFor();
    await expect(page.getByTestId('target-import-imported').getAttribute('data-value')).resolves.toBe('1');
    await expect(page.getByTestId('target-import-unchanged').getAttribute('data-value')).resolves.toBe(String(before.length - 1));
    await expect(page.getByTestId('target-import-rejected').getAttribute('data-value')).resolves.toBe('1');
    await expect(page.getByTestId('target-import-rejects').textContent()).resolves.toContain('不存在的街道');
    await screenshot(page, 'assessment-06-target-import-result');
    const after = (await get<{ items: TargetRow[] }>(api, `/api/targets?unitId=${gulou.id}&indicator=construction_projects`)).items[0]!;
    expect(after.annual).toBe(99);
    expect(after.split).toBe('none');
    await page.getByTestId('target-import-close').click();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('rankings of units, people and completion rates equal the API; a unit opens its explained points', async () => {
    const { context, page, errors } = await newPage(browser);
    await enter(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-rankings').click();
    await page.getByTestId('rankings-group-township').waitFor();
    const units = await get<UnitRanking>(api, '/api/rankings/units');
    await expect(page.getByTestId('rankings-units').getAttribute('data-period')).resolves.toBe(units.period);
    for (const g of units.groups) {
      await expect(shownRanking(page, `rankings-group-${g.kind}`)).resolves.toEqual(g.items.map((x) => [x.rank, x.unitName, x.points]));
    }
    // the change since the previous period, as the API says it
    const changes = await page.getByTestId('rankings-group-township').getByTestId('rank-change').evaluateAll((els) => els.map((e) => e.getAttribute('data-change')));
    expect(changes).toEqual(units.groups.find((g) => g.kind === 'township')!.items.map((x) => (x.previousRank === null ? 'new' : String(x.change))));
    await screenshot(page, 'assessment-07-rankings-units');

    // a quarter: the picker writes the period, the page follows the API for it
    await page.getByTestId('rankings-period-kind-quarter').click();
    const quarter = `${units.period.slice(0, 4)}-Q${Math.ceil(Number(units.period.slice(5, 7)) / 3)}`;
    await poll(() => new URL(page.url()).searchParams.get('period')).toBe(quarter);
    await poll(() => page.getByTestId('rankings-units').getAttribute('data-period')).toBe(quarter);
    await expect(dateInput(page, 'rankings-period-picker').inputValue()).resolves.toBe(`${quarter.slice(0, 4)}年第${quarter.slice(-1)}季度`);
    const q = await get<UnitRanking>(api, `/api/rankings/units?period=${quarter}`);
    const township = q.groups.find((g) => g.kind === 'township')!;
    await poll(() => shownRanking(page, 'rankings-group-township')).toEqual(township.items.map((x) => [x.rank, x.unitName, x.points]));

    // 鼓楼街道's points in that quarter, each explained, adding up to its ranking points
    await page.getByTestId('rankings-group-township').getByTestId('ranking-name').filter({ hasText: '鼓楼街道' }).click();
    await page.getByTestId('points-drawer').waitFor();
    const ledger = await get<PointList>(api, `/api/points?unitId=${gulou.id}&period=${quarter}`);
    expect(ledger.total).toBeGreaterThan(0);
    await poll(() => page.getByTestId('points-drawer').getByTestId('points-total').getAttribute('data-total')).toBe(String(ledger.total));
    await expect(page.getByTestId('points-drawer').getByTestId('points-sum').getAttribute('data-value')).resolves.toBe(String(ledger.sum));
    expect(ledger.sum).toBeCloseTo(township.items.find((x) => x.unitId === gulou.id)!.points, 2);
    const explanation = await page.getByTestId('points-drawer').getByTestId('point-explanation').first().textContent();
    expect(explanation).toMatch(/^(冲销 #\d+：−1 × )?\S+ .+ × 份额 \d+(\.\d+)?% = −?[\d,]+\.\d\d 分，规则第\d+版$/);
    await screenshot(page, 'assessment-08-unit-points-drawer');
    await page.locator('.ant-drawer-close').click();

    // people
    await page.getByTestId('rankings-tab-people').click();
    const people = await get<PeopleRanking>(api, `/api/rankings/people?period=${quarter}`);
    expect(people.items.length).toBeGreaterThan(0);
    await poll(() => shownRanking(page, 'rankings-people')).toEqual(people.items.map((x) => [x.rank, x.displayName, x.points]));
    await screenshot(page, 'assessment-09-rankings-people');

    // completion rates for 签约项目数: ties share a rank
    await page.getByTestId('rankings-tab-completion').click();
    await pickOption(page, 'rankings-indicator', '签约项目数');
    await poll(() => new URL(page.url()).searchParams.get('indicator')).toBe('signed_projects');
    const completion = await get<CompletionRanking>(api, '/api/rankings/completion?indicator=signed_projects');
    for (const g of completion.groups) {
      const shown = page.getByTestId(`rankings-completion-group-${g.kind}`).getByTestId('ranking-row');
      await poll(() =>
        shown.evaluateAll((els) => els.map((el) => [Number(el.querySelector('[data-testid="rank"]')?.getAttribute('data-rank')), el.querySelector('[data-testid="ranking-name"]')?.textContent])),
      ).toEqual(g.items.map((x) => [x.rank, x.unitName]));
      const rates = await shown.evaluateAll((els) => els.map((el) => el.querySelector('[data-testid="ranking-completion"]')?.getAttribute('data-completion') ?? ''));
      expect(rates).toEqual(g.items.map((x) => (x.completion === null ? '' : x.completion.toFixed(4))));
    }
    await screenshot(page, 'assessment-10-rankings-completion');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the points ledger: filters, explanations, the sum, keyset load-more', async () => {
    const { context, page, errors } = await newPage(browser);
    await enter(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-points').click();
    await page.getByTestId('point-row').first().waitFor();
    const all = await get<PointList>(api, '/api/points?limit=50');
    await expect(page.getByTestId('points-total').getAttribute('data-total')).resolves.toBe(String(all.total));
    await expect(page.getByTestId('points-sum').getAttribute('data-value')).resolves.toBe(String(all.sum));
    expect(all.total).toBeGreaterThan(50);
    await expect(page.getByTestId('point-row').count()).resolves.toBe(50);
    await page.getByTestId('points-more').click();
    await poll(() => page.getByTestId('point-row').count()).toBe(Math.min(100, all.total));
    const ids = await page.getByTestId('point-row').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-id'))));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 50)).toEqual(all.items.map((e) => e.id));
    await screenshot(page, 'assessment-11-points');

    // filtered to a unit and this month through the address; the count and sum follow
    const period = (await get<UnitRanking>(api, '/api/rankings/units')).period;
    await page.goto(`${server.baseUrl}/points?unitId=${gulou.id}&period=${period}`);
    const unit = await get<PointList>(api, `/api/points?unitId=${gulou.id}&period=${period}`);
    await poll(() => page.getByTestId('points-total').getAttribute('data-total')).toBe(String(unit.total));
    await expect(page.getByTestId('points-sum').getAttribute('data-value')).resolves.toBe(String(unit.sum));
    expect(errors).toEqual([]);
    await context.close();
  });

  test('manager creates a scoring rule version, confirms the re-scoring and sees how many entries were re-scored', async () => {
    const { context, page, errors } = await newPage(browser);
    await enter(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-scoring-rules').click();
    const versions = (await get<{ items: RuleVersion[] }>(api, '/api/scoring-rules')).items;
    const latest = Math.max(...versions.map((v) => v.version));
    await page.getByTestId('rules-current').waitFor();
    await screenshot(page, 'assessment-12-rules');

    await page.getByTestId('rules-create').click();
    await page.getByTestId('rules-drawer').waitFor();
    // prefilled from the version in force
    const current = versions.find((v) => v.version === latest)!;
    await expect(numberInput(page, 'rules-event-signed').inputValue()).resolves.toBe(String(current.rules.events.signed));
    await numberInput(page, 'rules-event-signed').fill(String(current.rules.events.signed + 1));
    const effective = `${year}-01-01`;
    const date = dateInput(page, 'rules-effective-from');
    await date.click();
    await date.fill(effective);
    await date.press('Enter');
    await page.getByTestId('rules-note').fill('签约分值加 1（e2e）');
    await screenshot(page, 'assessment-13-rules-form');
    await page.getByTestId('rules-save').click();
    await page.getByTestId('rules-confirm').waitFor();
    await expect(page.getByTestId('rules-confirm').textContent()).resolves.toContain(`${effective} 及以后发生的项目事件将按新规则重新计分`);
    await screenshot(page, 'assessment-14-rules-confirm');
    await page.getByTestId('rules-confirm-ok').click();
    await page.getByTestId('rules-rescored').waitFor();
    const rescored = Number(await page.getByTestId('rules-rescored').getAttribute('data-value'));
    expect(rescored).toBeGreaterThan(0);
    await expect(page.getByTestId('rules-rescored').textContent()).resolves.toContain(`重新计分 ${rescored} 条积分`);
    await poll(() => page.getByTestId('rules-current').getAttribute('data-version')).toBe(String(latest + 1));
    await screenshot(page, 'assessment-15-rules-rescored');

    const after = (await get<{ items: RuleVersion[] }>(api, '/api/scoring-rules')).items.find((v) => v.version === latest + 1)!;
    expect(after.effectiveFrom).toBe(effective);
    expect(after.rules.events.signed).toBe(current.rules.events.signed + 1);
    expect(after.rules.multipliers).toEqual(current.rules.multipliers);

    // the re-scoring shows in the ledger as reversals, each explained
    let reversal: PointList['items'][number] | undefined;
    let cursor: string | null = null;
    do {
      const page1: PointList = await get<PointList>(api, `/api/points?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      reversal = page1.items.find((e) => e.reversesId !== null && e.explanation.event === 'signed');
      cursor = page1.nextCursor;
    } while (!reversal && cursor);
    expect(reversal).toBeDefined();
    await page.goto(`${server.baseUrl}/points?projectId=${reversal!.projectId}`);
    const row = page.locator(`[data-testid="point-row"][data-id="${reversal!.id}"]`);
    await row.waitFor();
    await expect(row.getByTestId('point-reversal').count()).resolves.toBe(1);
    await expect(row.getByTestId('point-explanation').textContent()).resolves.toMatch(new RegExp(`^冲销 #${reversal!.reversesId}：−1 × 签约 `));
    await expect(page.locator('[data-testid="point-row"]').getByTestId('point-explanation').filter({ hasText: `规则第${latest + 1}版` }).count()).resolves.toBeGreaterThan(0);
    await screenshot(page, 'assessment-16-points-reversal');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('manager adds a dated FX rate and sees it in force', async () => {
    const { context, page, errors } = await newPage(browser);
    await enter(page, server.baseUrl, 'manager');
    // the menu offers it (at the bottom of a long menu, so the test goes by address)
    await expect(page.getByTestId('menu-fx-rates').count()).resolves.toBe(1);
    await page.goto(`${server.baseUrl}/settings/fx-rates`);
    await page.getByTestId('fx-row').first().waitFor();
    const onDate = `${year}-01-02`;
    const date = dateInput(page, 'fx-date');
    await date.click();
    await date.fill(onDate);
    await date.press('Enter');
    await numberInput(page, 'fx-rate').fill('7.1234');
    await page.getByTestId('fx-source').fill('中国人民银行中间价（e2e）');
    await page.getByTestId('fx-save').click();
    await toast(page).waitFor();
    const rates = (await get<{ items: { currency: string; onDate: string; rate: number; source?: string }[] }>(api, '/api/fx-rates')).items;
    expect(rates.find((r) => r.currency === 'USD' && r.onDate === onDate)).toMatchObject({ rate: 7.1234, source: '中国人民银行中间价（e2e）' });
    const row = page.locator(`[data-testid="fx-row"][data-key="USD:${onDate}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('1 USD = 7.1234 CNY');
    await screenshot(page, 'assessment-17-fx-rates');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a promoter sees the rankings and their own points but cannot edit targets', async () => {
    const { context, page, errors } = await newPage(browser);
    const promoter = await apiSignIn(server.baseUrl, 'promoter.gulou');
    await enter(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('menu-rankings').click();
    await page.getByTestId('rankings-group-township').waitFor();
    const units = await get<UnitRanking>(promoter, '/api/rankings/units');
    await expect(shownRanking(page, 'rankings-group-township')).resolves.toEqual(units.groups.find((g) => g.kind === 'township')!.items.map((x) => [x.rank, x.unitName, x.points]));
    // the whole region is ranked, but only their own township is itemised for them: it alone is a link
    const links = await page
      .getByTestId('rankings-group-township')
      .getByTestId('ranking-row')
      .evaluateAll((els) => els.map((el) => [Number(el.getAttribute('data-unit-id')), el.querySelector('[data-testid="ranking-name"]')?.tagName]));
    expect(links.filter(([, tag]) => tag === 'A').map(([id]) => id)).toEqual([gulou.id]);
    await page.getByTestId('rankings-group-township').locator(`[data-unit-id="${gulou.id}"]`).click();
    await poll(() => page.getByTestId('points-drawer-title').textContent()).toBe('鼓楼街道的积分');
    await page.locator('.ant-drawer-close').click();

    // targets: read only
    await page.getByTestId('menu-targets').click();
    await page.getByTestId('targets-summary').waitFor();
    await page.getByTestId('targets-view-list').click();
    await page.getByTestId('target-row-unit').first().waitFor();
    for (const id of ['targets-create', 'targets-import', 'targets-template', 'target-edit', 'target-delete']) await expect(page.getByTestId(id).count()).resolves.toBe(0);
    await expect(page.getByTestId('targets-export').count()).resolves.toBe(1);
    await screenshot(page, 'assessment-18-promoter-targets');
    // and the server agrees
    const put = await promoter('POST', '/api/targets/import', { filename: 'x.xlsx', contentBase64: 'AA==' });
    expect(put.status).toBe(403);

    // 我的积分
    await page.getByTestId('menu-points').click();
    await page.getByTestId('points-mine').click();
    const me = (await (await promoter('GET', '/api/auth/me')).json()) as { id: number };
    await poll(() => new URL(page.url()).searchParams.get('userId')).toBe(String(me.id));
    const mine = await get<PointList>(promoter, `/api/points?userId=${me.id}`);
    await poll(() => page.getByTestId('points-total').getAttribute('data-total')).toBe(String(mine.total));
    await screenshot(page, 'assessment-19-promoter-my-points');
    expect(errors).toEqual([]);
    await context.close();
  });
});
