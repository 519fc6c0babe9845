import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { INDICATOR_BY_CODE, type Cockpit, type CompletionRanking, type FactList, type IndicatorCode, type UnitRanking } from '@wutong/contracts';
import { apiSignIn, launchBrowser, newPage, poll, screenshot, signIn, skipReason, startServer, type ApiCall, type RunningServer } from './harness.js';

const HEADLINES = ['enterprises_introduced', 'registered_capital', 'foreign_capital_used', 'domestic_capital_in_place', 'zhejiang_capital_in_place'] as const;

async function get<T>(api: ApiCall, path: string): Promise<T> {
  const res = await api('GET', path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

// The cockpit's number rules, written out independently of the web code: counts with separators,
// money in 亿 with two decimals, percentages with one decimal.
const sep = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
function shown(code: IndicatorCode, value: number): { number: string; unit: string } {
  const unit = INDICATOR_BY_CODE[code].unit;
  if (unit === 'cny') return { number: sep(value / 1e10, 2), unit: '亿元' };
  if (unit === 'usd') return { number: sep(value / 1e10, 2), unit: '亿美元' };
  if (unit === 'kwh') return { number: sep(value / 1e4, 2), unit: '万kWh' };
  if (unit === 'co2_t') return { number: sep(value / 1e3, 2), unit: '吨' };
  return { number: sep(value, 0), unit: { enterprise: '家', project: '个', person: '人' }[unit] };
}
const pct = (r: number) => `${(r * 100).toFixed(1)}%`;

const headline = (c: Cockpit, code: IndicatorCode) => c.headline.find((h) => h.indicator === code)!;

/** The figure a card shows: its number, unit and raw value. */
async function figure(page: Page, testId: string) {
  const card = page.getByTestId(testId);
  const value = card.getByTestId('figure-value');
  return { text: (await value.textContent())?.trim(), raw: Number(await value.getAttribute('data-value')), unit: (await card.locator('.ck-unit').first().textContent())?.trim() };
}

/** The open drawer's count and sum (raw, from the data the page renders). */
async function drawerTotals(page: Page) {
  const sum = page.getByTestId('drill-sum');
  await sum.waitFor();
  await poll(async () => (await page.getByTestId('drill-total').getAttribute('data-total')) !== '').toBe(true);
  return { total: Number(await page.getByTestId('drill-total').getAttribute('data-total')), sum: Number(await sum.getAttribute('data-sum')), sumText: (await sum.textContent())?.trim() };
}

async function closeDrawer(page: Page) {
  await page.keyboard.press('Escape');
  await poll(() => page.getByTestId('drill-title').count()).toBe(0);
  // the mask fades after the content has gone; a click meant for the page must not land on it
  await poll(() => page.locator('.ant-drawer-mask:visible').count()).toBe(0);
}

async function readSheet(path: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const qs = (p: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(p).flatMap(([k, v]): [string, string][] => (v === undefined ? [] : [[k, String(v)]]))).toString();

describe.skipIf(!!skipReason)('cockpit (驾驶舱) and the big screen', () => {
  let server: RunningServer;
  let browser: Browser;
  let leader: ApiCall;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    leader = await apiSignIn(server.baseUrl, 'leader');
    dir = mkdtempSync(join(tmpdir(), 'wutong-e2e-cockpit-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('leader: the headline figures are the API’s, and every figure clicked drills into records that add up to it', async () => {
    const cockpit = await get<Cockpit>(leader, '/api/cockpit');
    const year = cockpit.year;
    expect(cockpit.scope.regionWide).toBe(true);
    expect(headline(cockpit, 'enterprises_introduced').value).toBeGreaterThan(0);

    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'leader');
    await page.getByTestId('menu-cockpit').click();
    await page.getByTestId('headline-enterprises_introduced').waitFor();
    await expect(page.getByTestId('cockpit-scope').textContent()).resolves.toContain('海曙区');

    // the article's headline figures: number, unit, completion and 序时进度 as the API has them
    for (const code of HEADLINES) {
      const h = headline(cockpit, code);
      const f = await figure(page, `headline-${code}`);
      expect(f.raw, code).toBe(h.value);
      expect(f.text, code).toBe(shown(code, h.value).number);
      expect(f.unit, code).toBe(shown(code, h.value).unit);
      const card = page.getByTestId(`headline-${code}`);
      if (h.target !== null) {
        await expect(card.getByTestId('completion').textContent()).resolves.toBe(pct(h.completion!));
        await expect(card.getByTestId('time-progress').textContent()).resolves.toBe(`序时进度 ${pct(h.timeProgress)}`);
        // ahead or behind by the one decimal of percentage points shown: "0.0" is on pace
        const pts = Math.round((h.completion! - h.timeProgress) * 1000) / 10;
        await expect(card.getByTestId('pace').getAttribute('data-tone')).resolves.toBe(pts > 0 ? 'ahead' : pts < 0 ? 'behind' : 'even');
      }
    }
    // 到位资金合计 in 亿元, saying which rate converted the US dollars
    const total = await figure(page, 'headline-capital_total');
    expect(total.raw).toBe(cockpit.capitalInPlaceCny.value);
    expect(total.text).toBe(sep(cockpit.capitalInPlaceCny.value / 1e10, 2));
    for (const fx of cockpit.capitalInPlaceCny.fx) {
      await expect(page.getByTestId('headline-capital_total').getByTestId('fx-note').textContent()).resolves.toContain(`${fx.onDate} ${fx.currency} 汇率 ${fx.rate.toFixed(4)}`);
    }
    // C11: talents, generation in 万kWh, CO₂ in tonnes
    for (const code of ['talents', 'annual_generation', 'co2_avoided'] as const) {
      const f = await figure(page, `stat-${code}`);
      expect(f.raw, code).toBe(headline(cockpit, code).value);
      expect(`${f.text} ${f.unit}`, code).toBe(`${shown(code, f.raw).number} ${shown(code, f.raw).unit}`);
    }
    await page.getByTestId('trend-chart').and(page.locator('[data-ready="1"]')).waitFor();
    await page.getByTestId('funnel-chart').and(page.locator('[data-ready="1"]')).waitFor();
    await page.getByTestId('completion-ranking').waitFor();
    await page.getByTestId('points-ranking').waitFor();
    await screenshot(page, 'cockpit-01-leader');

    // a headline figure → its records; their sum is the figure, and the export holds exactly them
    await page.getByTestId('headline-registered_capital').click();
    await expect(page.getByTestId('drill-title').textContent()).resolves.toBe('注册资金 · 明细');
    const capital = headline(cockpit, 'registered_capital');
    const reg = await drawerTotals(page);
    expect(reg.sum).toBe(capital.value);
    expect(reg.sumText).toBe(shown('registered_capital', capital.value).number);
    await page.getByTestId('drill-matches').waitFor();
    const regFacts = await get<FactList>(leader, `/api/cockpit/facts?${qs({ indicator: 'registered_capital', year })}`);
    expect(reg.total).toBe(regFacts.total);
    await page.getByTestId('drill-project-link').first().waitFor();
    await screenshot(page, 'cockpit-02-drill');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('drill-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = join(dir, 'registered-capital.xlsx');
    await download.saveAs(file);
    const sheet = await readSheet(file);
    expect(sheet.length - 1).toBe(reg.total);
    // the value column is in 万元: its sum is the figure (in 分, exact to the cent of each row)
    const wanSum = sheet.slice(1).reduce((s, r) => s + Math.round(Number(r[2]) * 1_000_000), 0);
    expect(wanSum).toBe(capital.value);
    await closeDrawer(page);

    // keyset "load more" over a larger set: 引进企业数, 50 at a time, until all are shown
    const ent = headline(cockpit, 'enterprises_introduced');
    await page.getByTestId('headline-enterprises_introduced').click();
    const entTotals = await drawerTotals(page);
    expect(entTotals.sum).toBe(ent.value);
    expect(entTotals.total).toBe(ent.value);
    for (let shownRows = 50; shownRows < entTotals.total; shownRows += 50) {
      await poll(() => page.getByTestId('drill-table').locator('tbody tr.ant-table-row').count()).toBe(shownRows);
      await page.getByTestId('drill-load-more').click();
    }
    await poll(() => page.getByTestId('drill-table').locator('tbody tr.ant-table-row').count()).toBe(entTotals.total);
    await expect(page.getByTestId('drill-shown').textContent()).resolves.toBe(`已显示 ${entTotals.total} / ${entTotals.total} 条`);
    await closeDrawer(page);

    // a bar of the trend (the busiest month) → that month's records
    const trendValues = cockpit.trend.map((m) => m.values.enterprises_introduced ?? 0);
    const busiest = trendValues.indexOf(Math.max(...trendValues));
    await page.getByTestId('trend-chart').scrollIntoViewIfNeeded();
    const box = (await page.getByTestId('trend-chart').boundingBox())!;
    // the chart's fixed margins (TREND_GRID: left 64, right 20 with one series, bottom 32): the bar's foot
    const band = (box.width - 64 - 20) / 12;
    await page.mouse.click(box.x + 64 + (busiest + 0.5) * band, box.y + box.height - 32 - 4);
    const month = await drawerTotals(page);
    expect(month.sum).toBe(trendValues[busiest]);
    await expect(page.getByTestId('drill-chips').textContent()).resolves.toContain(`${year}年${busiest + 1}月`);
    await closeDrawer(page);

    // a row of the completion ranking → that unit's records of the indicator, adding up to its actual
    const completion = await get<CompletionRanking>(leader, `/api/rankings/completion?${qs({ year, indicator: 'enterprises_introduced' })}`);
    const townships = completion.groups.find((g) => g.kind === 'township')!;
    const firstRow = page.getByTestId('completion-ranking').getByTestId('rank-row').first();
    await expect(firstRow.locator('.ck-rank-label').textContent()).resolves.toBe(townships.items[0]!.unitName);
    await firstRow.click();
    const unitTotals = await drawerTotals(page);
    expect(unitTotals.sum).toBe(townships.items[0]!.actual);
    await closeDrawer(page);

    // a row of the points ranking → that unit's ledger entries in the year, adding up to its points
    const points = await get<UnitRanking>(leader, `/api/rankings/units?period=${year}`);
    const pointsTownships = points.groups.find((g) => g.kind === 'township')!;
    const pointsRow = page.getByTestId('points-ranking').getByTestId('rank-row').first();
    await expect(pointsRow.locator('.ck-rank-label').textContent()).resolves.toBe(pointsTownships.items[0]!.unitName);
    await pointsRow.click();
    const ledger = await drawerTotals(page);
    expect(ledger.sum).toBeCloseTo(pointsTownships.items[0]!.points, 2);
    await page.getByTestId('drill-matches').waitFor();
    await closeDrawer(page);

    // the big-screen button opens the wall in a new tab
    const [popup] = await Promise.all([context.waitForEvent('page'), page.getByTestId('cockpit-bigscreen').click()]);
    await popup.waitForURL(/\/bigscreen\?year=\d{4}/);
    await popup.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  test('big screen at 1920×1080: dark, the same figures, no scrolling, refreshing itself', async () => {
    const cockpit = await get<Cockpit>(leader, '/api/cockpit');
    const { context, page, errors } = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
    // a fake clock, so that a minute passes without the test waiting for it
    await page.clock.install();
    await signIn(page, server.baseUrl, 'leader');
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.goto(`${server.baseUrl}/bigscreen?year=${cockpit.year}`);
    await page.getByTestId('bigscreen-title').waitFor();
    await expect(page.getByTestId('bigscreen-title').textContent()).resolves.toBe('海曙区招商引资驾驶舱');
    // outside the admin shell
    await expect(page.getByTestId('user-menu').count()).resolves.toBe(0);
    for (const code of HEADLINES) {
      const f = await figure(page, `headline-${code}`);
      expect(f.raw, code).toBe(headline(cockpit, code).value);
      expect(f.text, code).toBe(shown(code, headline(cockpit, code).value).number);
    }
    await page.getByTestId('trend-chart').and(page.locator('[data-ready="1"]')).waitFor();
    await page.getByTestId('funnel-chart').and(page.locator('[data-ready="1"]')).waitFor();
    await page.getByTestId('points-ranking').waitFor();
    await page.getByTestId('completion-ranking').waitFor();

    // everything on the wall, nothing to scroll
    const scroll = await page.locator('html').evaluate((el) => ({ w: el.scrollWidth, h: el.scrollHeight }));
    expect(scroll).toEqual({ w: 1920, h: 1080 });
    const boxes = await page.locator('.bs-panel, .ck-figure, .ck-stat, .bs-header').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    expect(boxes.length).toBeGreaterThan(15);
    expect(boxes.filter((r) => r.left < 0 || r.top < 0 || r.right > 1920 || r.bottom > 1080)).toEqual([]);
    const background = await page.locator('.bs-viewport').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(4, 13, 31)');
    await screenshot(page, 'cockpit-03-bigscreen');

    // a minute later it has asked again by itself
    const before = Number(await page.getByTestId('bigscreen-refreshed').getAttribute('data-refreshed-at'));
    const refetched = page.waitForResponse((r) => r.url().includes('/api/cockpit?') && r.status() === 200);
    await page.clock.fastForward(61_000);
    await refetched;
    await poll(async () => Number(await page.getByTestId('bigscreen-refreshed').getAttribute('data-refreshed-at'))).toBeGreaterThan(before);

    // figures drill down here too
    await page.getByTestId('headline-foreign_capital_used').click();
    const fx = await drawerTotals(page);
    expect(fx.sum).toBe(headline(cockpit, 'foreign_capital_used').value);
    await screenshot(page, 'cockpit-04-bigscreen-drill');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('a township head sees their own township’s cockpit, ranked among townships, and the region’s ranking', async () => {
    const head = await apiSignIn(server.baseUrl, 'head.gulou');
    const cockpit = await get<Cockpit>(head, '/api/cockpit');
    expect(cockpit.scope).toMatchObject({ unitName: '鼓楼街道', regionWide: false });
    const ent = headline(cockpit, 'enterprises_introduced');
    expect(ent.rank?.kind).toBe('township');

    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'head.gulou');
    await page.getByTestId('menu-cockpit').click();
    await page.getByTestId('headline-enterprises_introduced').waitFor();
    await expect(page.getByTestId('cockpit-scope').textContent()).resolves.toContain('鼓楼街道');
    for (const code of HEADLINES) {
      const f = await figure(page, `headline-${code}`);
      expect(f.raw, code).toBe(headline(cockpit, code).value);
      expect(f.text, code).toBe(shown(code, headline(cockpit, code).value).number);
    }
    await expect(page.getByTestId('headline-enterprises_introduced').getByTestId('rank').textContent()).resolves.toBe(`镇乡街道第 ${ent.rank!.rank}/${ent.rank!.of} 名`);

    // the records behind the township's figure are the township's
    await page.getByTestId('headline-enterprises_introduced').click();
    const own = await drawerTotals(page);
    expect(own.sum).toBe(ent.value);
    const units = await page.getByTestId('drill-table').locator('tbody tr.ant-table-row td:nth-child(2)').allTextContents();
    expect(units.length).toBeGreaterThan(0);
    expect(new Set(units)).toEqual(new Set(['鼓楼街道']));
    await closeDrawer(page);

    // the ranking is the region's: other townships are on it, this one marked
    await page.getByTestId('completion-ranking').waitFor();
    const names = await page.getByTestId('completion-ranking').locator('.ck-rank-label').allTextContents();
    expect(names.length).toBeGreaterThan(1);
    expect(names).toContain('鼓楼街道');
    await expect(page.getByTestId('completion-ranking').locator('.ck-rankrow.mine .ck-rank-label').textContent()).resolves.toBe('鼓楼街道');
    await page.getByTestId('points-ranking').waitFor();
    await page.getByTestId('page-title').scrollIntoViewIfNeeded();
    await screenshot(page, 'cockpit-05-township');
    await page.getByTestId('cockpit-completion').scrollIntoViewIfNeeded();
    await screenshot(page, 'cockpit-06-township-rankings');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('roles without the cockpit get no menu entry and a clear refusal', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.baseUrl, 'expert');
    await page.getByTestId('menu-home').waitFor();
    await expect(page.getByTestId('menu-cockpit').count()).resolves.toBe(0);
    await page.goto(`${server.baseUrl}/cockpit`);
    await page.locator('.ant-result-403').waitFor();
    await context.close();
  });
});
