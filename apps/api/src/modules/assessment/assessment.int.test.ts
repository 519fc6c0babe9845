import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { INDICATOR_BY_CODE, INDICATOR_CODES, STAGES, usccCheckChar, type Cockpit, type FactList, type IndicatorCode } from '@wutong/contracts';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { shanghaiYear as currentYear } from '@wutong/contracts';
import { DISPLAY_FACTOR } from './progress.js';

const uscc = (serial: string) => {
  const first17 = `91330203${serial.padStart(9, '0')}`;
  return first17 + usccCheckChar(first17)!;
};

async function rollupSnapshot(t: TestApp) {
  const rows = await queryRows<Record<string, unknown>>(
    t.database.db,
    sql`select region_id, to_char(period, 'YYYY-MM-DD') as period, dim, unit_id, indicator, key, value::text, value_cny::text, n from assessment_rollups where n <> 0 or value <> 0
        order by region_id, period, dim, unit_id, indicator, key`,
  );
  return JSON.stringify(rows);
}

async function facts(t: TestApp, cookie: string, q: Record<string, string | number>) {
  const qs = new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]));
  const res = await t.call('GET', `/api/cockpit/facts?${qs}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as FactList;
}

/** The sessions of the users these cases act as, in one test app (signed in once per app: scrypt is slow on purpose). */
const sessions = new WeakMap<TestApp, Promise<{ gulou: string; manager: string; admin: string }>>();
function signInAll(t: TestApp) {
  if (!sessions.has(t)) {
    sessions.set(t, (async () => ({ gulou: await t.login('promoter.gulou', DEMO_PASSWORD), manager: await t.login('manager', DEMO_PASSWORD), admin: await t.login('admin', DEMO_PASSWORD) }))());
  }
  return sessions.get(t)!;
}

/** A lead of a new enterprise reported by the 鼓楼街道 promoter and accepted for them: the project id. */
async function acceptedProject(t: TestApp, name: string): Promise<number> {
  const { gulou, manager } = await signInAll(t);
  const gulouUnitId = (await t.call('GET', '/api/auth/me', { cookie: gulou })).json().unitId;
  const r = await t.call('POST', '/api/leads', {
    cookie: gulou,
    body: { newEnterprise: { name }, contactName: '程经理', industryCode: 'C3985', projectType: 'foreign', source: 'visit' },
  });
  expect(r.statusCode, r.body).toBe(200);
  const projectId = r.json().projectId as number;
  const owner = (await t.call('GET', '/api/users?q=promoter.gulou', { cookie: manager })).json().items[0];
  expect((await t.call('POST', `/api/projects/${projectId}/accept`, { cookie: manager, body: { unitId: gulouUnitId, ownerUserId: owner.id } })).statusCode).toBe(200);
  return projectId;
}

describe('facts follow the project commands', () => {
  // Each case drives a project of its own and reads the facts of that project; the case that
  // reads region-wide figures (the cockpit) has a database of its own.
  let t: TestApp;
  const year = 2026;
  const USD_SIGNING = { contractDate: '2026-03-01', agreedInvestmentMinor: 10_000_000_00, agreedInvestmentCurrency: 'USD', parties: '海曙区人民政府；投资方' };

  beforeAll(async () => {
    t = await startTestApp('demo');
  });
  afterAll(() => t?.close());

  const move = async (app: TestApp, projectId: number, to: string, evidence?: Record<string, unknown>, reason?: string) => {
    const { gulou } = await signInAll(app);
    const res = await app.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body: { to, evidence, reason } });
    expect(res.statusCode, res.body).toBe(200);
  };
  /** The facts of one project for an indicator in the year. */
  const factsOf = async (app: TestApp, projectId: number, indicator: IndicatorCode) => {
    const { manager } = await signInAll(app);
    const items = (await facts(app, manager, { indicator, year, limit: 200 })).items.filter((i) => i.projectId === projectId);
    return { items, sum: items.reduce((s, i) => s + i.value, 0) };
  };
  const sign = async (app: TestApp, projectId: number) => {
    await move(app, projectId, 'negotiating');
    await move(app, projectId, 'signed', USD_SIGNING);
  };
  /** Everything the second case does step by step, without looking: for the cases that read the result. */
  const throughProduction = async (app: TestApp, projectId: number, serial: string) => {
    const { gulou } = await signInAll(app);
    await sign(app, projectId);
    await move(app, projectId, 'registered', { uscc: uscc(serial), regCapitalMinor: 50_000_000_00, regCapitalCurrency: 'CNY', registeredOn: '2026-04-01' });
    await app.call('POST', `/api/projects/${projectId}/capital`, { cookie: gulou, body: { category: 'foreign_usd', amountMinor: 500_000_00, recordedOn: '2026-05-10' } });
    const dom = await app.call('POST', `/api/projects/${projectId}/capital`, { cookie: gulou, body: { category: 'domestic_out_of_city', amountMinor: 2_000_000_00, recordedOn: '2026-05-11' } });
    const rec = dom.json().items.find((c: { category: string }) => c.category === 'domestic_out_of_city');
    expect((await app.call('POST', `/api/projects/${projectId}/capital/${rec.id}/reverse`, { cookie: gulou, body: { reason: '录入错误' } })).statusCode).toBe(200);
    expect((await app.call('PATCH', `/api/projects/${projectId}`, { cookie: gulou, body: { talents: 5, annualGenerationKwh: 1_200_000, co2AvoidedT: 12.5 } })).statusCode).toBe(200);
    await move(app, projectId, 'construction', { startedOn: '2026-06-01', landOrCarrier: '望春工业园区' });
    await move(app, projectId, 'production', { producedOn: '2026-09-01', firstOutput: '首批产品' });
  };

  it('a signing in USD counts once, converted at the dated rate, and says so', async () => {
    const projectId = await acceptedProject(t, '宁波驾驶舱签约测试新材料有限公司');
    await sign(t, projectId);
    const f = await factsOf(t, projectId, 'signed_investment');
    expect(f.items).toHaveLength(1);
    // the latest USD rate on or before 2026-03-01 is the 2025-12-31 one (7.03)
    expect(f.sum).toBe(7_030_000_000);
    expect(f.items[0]).toMatchObject({ projectId, source: 'stage_event', onDate: '2026-03-01', original: { amount: 1_000_000_000, currency: 'USD', rate: 7.03, rateDate: '2025-12-31' } });
    expect((await factsOf(t, projectId, 'signed_projects')).sum).toBe(1);
  });

  it('registration, capital and its reversal, attributes: each becomes facts in the command’s transaction', async () => {
    const projectId = await acceptedProject(t, '宁波驾驶舱登记测试新材料有限公司');
    const { gulou } = await signInAll(t);
    await sign(t, projectId);
    await move(t, projectId, 'registered', { uscc: uscc('MA2J7K8L'), regCapitalMinor: 50_000_000_00, regCapitalCurrency: 'CNY', registeredOn: '2026-04-01' });
    expect((await factsOf(t, projectId, 'enterprises_introduced')).sum).toBe(1);
    expect((await factsOf(t, projectId, 'registered_capital')).sum).toBe(50_000_000_00);

    await t.call('POST', `/api/projects/${projectId}/capital`, { cookie: gulou, body: { category: 'foreign_usd', amountMinor: 500_000_00, recordedOn: '2026-05-10' } });
    const dom = await t.call('POST', `/api/projects/${projectId}/capital`, { cookie: gulou, body: { category: 'domestic_out_of_city', amountMinor: 2_000_000_00, recordedOn: '2026-05-11' } });
    const rec = dom.json().items.find((c: { category: string }) => c.category === 'domestic_out_of_city');
    expect((await factsOf(t, projectId, 'domestic_capital_in_place')).sum).toBe(2_000_000_00);
    await t.call('POST', `/api/projects/${projectId}/capital/${rec.id}/reverse`, { cookie: gulou, body: { reason: '录入错误' } });
    const after = await factsOf(t, projectId, 'domestic_capital_in_place');
    expect(after.items).toHaveLength(2);
    expect(after.sum).toBe(0);
    expect(after.items.map((i) => i.value).sort()).toEqual([-2_000_000_00, 2_000_000_00].sort());
    expect((await factsOf(t, projectId, 'foreign_capital_used')).sum).toBe(500_000_00);

    const upd = await t.call('PATCH', `/api/projects/${projectId}`, { cookie: gulou, body: { talents: 5, annualGenerationKwh: 1_200_000, co2AvoidedT: 12.5 } });
    expect(upd.statusCode, upd.body).toBe(200);
    // talents count from registration; generation and CO₂ only once the project produces
    expect((await factsOf(t, projectId, 'talents')).items).toEqual([expect.objectContaining({ value: 5, source: 'project', onDate: '2026-04-01' })]);
    expect((await factsOf(t, projectId, 'annual_generation')).items).toHaveLength(0);
    await move(t, projectId, 'construction', { startedOn: '2026-06-01', landOrCarrier: '望春工业园区' });
    await move(t, projectId, 'dropped', undefined, '企业暂缓');
    await move(t, projectId, 'construction', undefined, '企业恢复');
    await move(t, projectId, 'production', { producedOn: '2026-09-01', firstOutput: '首批产品' });
    expect((await factsOf(t, projectId, 'annual_generation')).sum).toBe(1_200_000);
    expect((await factsOf(t, projectId, 'co2_avoided')).sum).toBe(12_500);
    // a reopen is not a second start
    expect((await factsOf(t, projectId, 'construction_projects')).items).toHaveLength(1);
    expect((await factsOf(t, projectId, 'production_projects')).items).toHaveLength(1);
  });

  it('the cockpit reads the same figures; the funnel counts current stages', async () => {
    // region-wide figures: a database holding this project only
    const own = await startTestApp('demo');
    try {
      const projectId = await acceptedProject(own, '宁波驾驶舱读数测试新材料有限公司');
      await throughProduction(own, projectId, 'MA2J7K9M');
      const { manager } = await signInAll(own);
      const c = (await own.call('GET', `/api/cockpit?year=${year}`, { cookie: manager })).json() as Cockpit;
      const v = Object.fromEntries(c.headline.map((h) => [h.indicator, h.value]));
      expect(v).toMatchObject({ signed_investment: 7_030_000_000, registered_capital: 50_000_000_00, foreign_capital_used: 500_000_00, domestic_capital_in_place: 0, talents: 5, co2_avoided: 12_500 });
      expect(c.funnel.find((f) => f.stage === 'production')!.count).toBe(1);
      // 500,000.00 USD at 7.03 + 0 CNY
      expect(c.capitalInPlaceCny).toEqual({ value: 3_515_000_00, fx: [{ currency: 'USD', rate: 7.03, onDate: '2025-12-31' }] });
      expect(c.trend.find((m) => m.month === '2026-03')!.values.signed_projects).toBe(1);
    } finally {
      await own.close();
    }
  });

  it('is idempotent: a rebuild from scratch finds nothing to change and equal rollups', async () => {
    const projectId = await acceptedProject(t, '宁波驾驶舱重建测试新材料有限公司');
    await throughProduction(t, projectId, 'MA2J7K0N');
    const { admin, manager } = await signInAll(t);
    expect((await factsOf(t, projectId, 'production_projects')).items).toHaveLength(1);
    const before = await rollupSnapshot(t);
    const r = await t.call('POST', '/api/assessment/rebuild', { cookie: admin, body: {} });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ factsChanged: 0, entriesAppended: 0 });
    expect(await rollupSnapshot(t)).toBe(before);
    expect((await t.call('POST', '/api/assessment/rebuild', { cookie: manager, body: {} })).statusCode).toBe(403);
  });

  it('a new FX rate re-converts at once; an enterprise’s new origin moves its facts', async () => {
    const projectId = await acceptedProject(t, '宁波驾驶舱汇率测试新材料有限公司');
    const { gulou, manager, admin } = await signInAll(t);
    // signed in August: a rate dated July applies to this signing only (the other cases sign in March)
    await move(t, projectId, 'negotiating');
    await move(t, projectId, 'signed', { ...USD_SIGNING, contractDate: '2026-08-01' });
    await move(t, projectId, 'registered', { uscc: uscc('MA2J7K1P'), regCapitalMinor: 50_000_000_00, regCapitalCurrency: 'CNY', registeredOn: '2026-08-10' });
    expect((await factsOf(t, projectId, 'signed_investment')).sum).toBe(7_030_000_000);
    const put = await t.call('PUT', '/api/fx-rates', { cookie: manager, body: { currency: 'USD', onDate: '2026-07-01', rate: 7.1, source: '测试' } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await factsOf(t, projectId, 'signed_investment')).sum).toBe(7_100_000_000);
    expect((await t.call('PUT', '/api/fx-rates', { cookie: gulou, body: { currency: 'USD', onDate: '2026-07-01', rate: 1 } })).statusCode).toBe(403);
    const bad = await t.call('PUT', '/api/fx-rates', { cookie: manager, body: { currency: 'XXX', onDate: '2026-02-30x', rate: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['currency', 'onDate', 'rate']);

    const mine = async (q: Record<string, string | number>) => (await facts(t, manager, { year, limit: 200, ...q })).items.filter((i) => i.projectId === projectId);
    const all = await mine({});
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(await mine({ origin: 'zhejiang_returning' })).toEqual([]);
    const p = (await t.call('GET', `/api/projects/${projectId}`, { cookie: manager })).json();
    const e = await t.call('PATCH', `/api/enterprises/${p.enterprise.id}`, { cookie: manager, body: { origin: 'zhejiang_returning' } });
    expect(e.statusCode, e.body).toBe(200);
    expect((await mine({ origin: 'zhejiang_returning' })).map((f) => f.id).sort()).toEqual(all.map((f) => f.id).sort());
    const before = await rollupSnapshot(t);
    expect((await t.call('POST', '/api/assessment/rebuild', { cookie: admin, body: {} })).json().factsChanged).toBe(0);
    expect(await rollupSnapshot(t)).toBe(before);
  });
});

describe('data truth: on generated data every cockpit figure equals the sum of its drill-down', () => {
  let t: TestApp;
  let admin: string;
  let head: string;
  let manager: string;
  const year = currentYear();

  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    admin = await t.login('admin', DEMO_PASSWORD);
    head = await t.login('head.gulou', DEMO_PASSWORD);
    manager = await t.login('manager', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  async function checkAll(cookie: string, unitId?: number) {
    const c = (await t.call('GET', `/api/cockpit?year=${year}${unitId ? `&unitId=${unitId}` : ''}`, { cookie })).json() as Cockpit;
    const base: Record<string, string | number> = { year, limit: 1, ...(unitId ? { unitId } : {}) };
    let checked = 0;
    let nonZero = 0;
    for (const ind of INDICATOR_CODES) {
      const expectSum = async (figure: number, q: Record<string, string | number>, where: string) => {
        const f = await facts(t, cookie, { ...base, indicator: ind, ...q });
        expect(f.sum, `${ind} ${where}`).toBe(figure);
        checked++;
        if (figure !== 0) nonZero++;
      };
      await expectSum(c.headline.find((h) => h.indicator === ind)!.value, {}, 'headline');
      for (const m of c.trend) await expectSum(m.values[ind], { month: Number(m.month.slice(5)) }, m.month);
      for (const u of c.byUnit) await expectSum(u.values[ind], u.unitId === c.scope.unitId ? { unitId: u.unitId, unitOnly: 'true' } : { unitId: u.unitId }, u.unitName);
      for (const s of c.byIndustry) await expectSum(s.values[ind], { section: s.section ?? 'none' }, s.name);
      for (const b of c.byBlock) await expectSum(b.values[ind], { keyBlockId: b.keyBlockId ?? 0 }, b.name);
      for (const o of c.byOrigin) await expectSum(o.values[ind], { origin: o.origin ?? 'none' }, String(o.origin));
      // the splits add up to the headline
      const head = c.headline.find((h) => h.indicator === ind)!.value;
      expect(c.byUnit.reduce((s, u) => s + u.values[ind], 0)).toBe(head);
      expect(c.byIndustry.reduce((s, u) => s + u.values[ind], 0)).toBe(head);
      expect(c.trend.reduce((s, u) => s + u.values[ind], 0)).toBe(head);
    }
    return { c, checked, nonZero };
  }

  it('for every indicator: headline, each month, each unit, section, block and origin (region-wide)', async () => {
    const { c, checked, nonZero } = await checkAll(admin);
    expect(c.scope.regionWide).toBe(true);
    expect(checked).toBeGreaterThan(500);
    expect(nonZero).toBeGreaterThan(100);
    // the seeded targets are alive: completion rates spread around the time progress
    const withTarget = c.headline.filter((h) => h.target !== null && h.completion !== null);
    expect(withTarget.length).toBe(INDICATOR_CODES.length);
    // the funnel is the projects list's count per stage
    for (const stage of STAGES) {
      const n = (await t.call('GET', `/api/projects?stage=${stage}&limit=1`, { cookie: admin })).json().total;
      expect(c.funnel.find((f) => f.stage === stage)!.count, stage).toBe(n);
    }
  });

  it('the same for a township head, within the township', async () => {
    const { c } = await checkAll(head);
    expect(c.scope).toMatchObject({ unitName: '鼓楼街道', regionWide: false });
    expect(c.headline.find((h) => h.indicator === 'enterprises_introduced')!.rank).toMatchObject({ kind: 'township', of: 17 });
  });

  it('a narrowed view (one township picked by a region role) adds up too', async () => {
    const units = (await t.call('GET', '/api/org/units', { cookie: admin })).json().items as { id: number; name: string; kind: string }[];
    const zhenming = units.find((u) => u.kind === 'township' && u.name !== '鼓楼街道')!;
    const { c } = await checkAll(manager, zhenming.id);
    expect(c.scope).toMatchObject({ unitId: zhenming.id, regionWide: false });
  });

  it('scope: a township head sees the region’s completion ranking but never another township’s records', async () => {
    const units = (await t.call('GET', '/api/org/units', { cookie: admin })).json().items as { id: number; name: string; kind: string }[];
    const other = units.find((u) => u.kind === 'township' && u.name !== '鼓楼街道')!;
    const all = await facts(t, head, { year, limit: 200 });
    expect(all.total).toBeGreaterThan(0);
    let cursor: string | null = null;
    let seen = 0;
    do {
      const page: FactList = await facts(t, head, { year, limit: 200, ...(cursor ? { cursor } : {}) });
      for (const f of page.items) expect(f.unitName).toBe('鼓楼街道');
      seen += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toBe(all.total);
    expect((await t.call('GET', `/api/cockpit/facts?unitId=${other.id}`, { cookie: head })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/cockpit?unitId=${other.id}`, { cookie: head })).statusCode).toBe(404);
    const ranking = (await t.call('GET', `/api/rankings/completion?year=${year}&indicator=registered_capital`, { cookie: head })).json();
    const townships = ranking.groups.find((g: { kind: string }) => g.kind === 'township').items;
    expect(townships.length).toBe(17);
    expect(townships.map((x: { unitName: string }) => x.unitName)).toContain(other.name);
    // standard competition ranking within the kind
    for (const x of townships) expect(x.rank).toBe(1 + townships.filter((o: { completion: number }) => o.completion > x.completion).length);
    // listed best first
    const ranks = townships.map((x: { rank: number }) => x.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect((await t.call('GET', '/api/cockpit', { cookie: await t.login('expert', DEMO_PASSWORD) })).statusCode).toBe(403);
  });

  it('targets: parts must add up, named by field; editors only; delete by key', async () => {
    const units = (await t.call('GET', '/api/org/units', { cookie: admin })).json().items as { id: number; name: string; kind: string }[];
    const swj = units.find((u) => u.name === '区商务局')!;
    const base = { unitId: swj.id, indicator: 'talents', year: 2027, annual: 100 };
    let r = await t.call('PUT', '/api/targets', { cookie: manager, body: { ...base, split: 'quarter', parts: [25, 25, 25] } });
    expect(r.statusCode).toBe(400);
    expect(r.json().fields).toEqual({ parts: '按季度分解须填写 4 个季度的目标' });
    r = await t.call('PUT', '/api/targets', { cookie: manager, body: { ...base, split: 'quarter', parts: [25, 25, 25, 24] } });
    expect(r.json().fields).toEqual({ parts: '各期目标之和须等于年度目标' });
    r = await t.call('PUT', '/api/targets', { cookie: manager, body: { ...base, annual: -1, split: 'none', indicator: 'nope' } });
    expect(Object.keys(r.json().fields).sort()).toEqual(['annual', 'indicator']);
    expect((await t.call('PUT', '/api/targets', { cookie: head, body: { ...base, split: 'none' } })).statusCode).toBe(403);
    r = await t.call('PUT', '/api/targets', { cookie: manager, body: { ...base, split: 'quarter', parts: [10, 20, 30, 40] } });
    expect(r.statusCode, r.body).toBe(200);
    // a future year: nothing is due yet
    expect(r.json()).toMatchObject({ unitName: '区商务局', annual: 100, split: 'quarter', parts: [10, 20, 30, 40], actual: 0, completion: 0, timeProgress: 0 });
    const list = (await t.call('GET', `/api/targets?year=2027&unitId=${swj.id}`, { cookie: manager })).json().items;
    expect(list).toHaveLength(1);
    expect((await t.call('DELETE', '/api/targets', { cookie: manager, body: { unitId: swj.id, indicator: 'talents', year: 2027 } })).json()).toEqual({ ok: true });
    expect((await t.call('DELETE', '/api/targets', { cookie: manager, body: { unitId: swj.id, indicator: 'talents', year: 2027 } })).statusCode).toBe(404);
    // this year's seeded targets, with 序时进度 and completion
    const mine = (await t.call('GET', '/api/targets', { cookie: head })).json().items as { unitName: string; completion: number; timeProgress: number }[];
    expect(mine.length).toBe(INDICATOR_CODES.length);
    expect(new Set(mine.map((x) => x.unitName))).toEqual(new Set(['鼓楼街道']));
    for (const x of mine) expect(x.timeProgress).toBeGreaterThan(0);
  });

  it('Excel: export, re-import changes nothing; edits are imported, bad rows come back with reasons', async () => {
    const exp = await t.call('GET', `/api/targets/export?year=${year}`, { cookie: manager });
    expect(exp.statusCode).toBe(200);
    const file = exp.rawPayload;
    const n = (await t.call('GET', `/api/targets?year=${year}`, { cookie: manager })).json().items.length;
    const again = await t.call('POST', '/api/targets/import', { cookie: manager, body: { filename: 'targets.xlsx', contentBase64: file.toString('base64') } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ imported: 0, unchanged: n, rejected: [] });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const row2 = ws.getRow(2);
    const unitName = String(row2.getCell(1).value);
    const indicatorName = String(row2.getCell(2).value);
    row2.getCell(4).value = 123_456; // annual, in the sheet's unit
    for (let c = 7; c <= 22; c++) row2.getCell(c).value = null;
    row2.getCell(6).value = '不分解';
    ws.addRow(['不存在的单位', '引进企业数', year, 10, '家', '不分解']);
    ws.addRow(['鼓楼街道', '注册资金', year, 100, '万元', '按季度', 10, 20, 30, 39]);
    ws.addRow(['鼓楼街道', '没有的指标', year, 1]);
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await t.call('POST', '/api/targets/import', { cookie: manager, body: { filename: 'targets.xlsx', contentBase64: edited.toString('base64') } });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out.imported).toBe(1);
    expect(out.unchanged).toBe(n - 1);
    expect(out.rejected.map((x: { row: number }) => x.row)).toEqual([n + 2, n + 3, n + 4]);
    expect(out.rejected[0].reason).toContain('不存在的单位');
    expect(out.rejected[1].reason).toBe('各期目标之和须等于年度目标');
    expect(out.rejected[2].reason).toContain('没有的指标');
    // the edited row now holds the imported value: the annual target in the indicator's base unit, not split
    const indicator = INDICATOR_CODES.find((code) => INDICATOR_BY_CODE[code].zh === indicatorName)!;
    expect(indicator, indicatorName).toBeDefined();
    const changed = (await t.call('GET', `/api/targets?year=${year}`, { cookie: manager })).json().items.filter(
      (x: { unitName: string; indicator: IndicatorCode }) => x.unitName === unitName && x.indicator === indicator,
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ annual: 123_456 * DISPLAY_FACTOR[INDICATOR_BY_CODE[indicator].unit], split: 'none' });
    const second = await t.call('POST', '/api/targets/import', { cookie: manager, body: { filename: 'targets.xlsx', contentBase64: edited.toString('base64') } });
    expect(second.json()).toMatchObject({ imported: 0, unchanged: n });
    const tpl = await t.call('GET', '/api/targets/template', { cookie: manager });
    expect(tpl.statusCode).toBe(200);
    const fromTpl = await t.call('POST', '/api/targets/import', { cookie: manager, body: { filename: 'tpl.xlsx', contentBase64: tpl.rawPayload.toString('base64') } });
    expect(fromTpl.json().rejected).toEqual([]);
    const notExcel = await t.call('POST', '/api/targets/import', { cookie: manager, body: { filename: 'x.pdf', contentBase64: 'aGVsbG8=' } });
    expect(notExcel.statusCode).toBe(400);
    expect(notExcel.json().fields).toHaveProperty('filename');
    const facts = await t.call('GET', `/api/cockpit/facts/export?year=${year}&indicator=registered_capital`, { cookie: head });
    expect(facts.statusCode).toBe(200);
  });
});

describe('the article: Haishu 2022', () => {
  let t: TestApp;
  let admin: string;

  // 4952 enterprises introduced, registered capital 379.75亿元, foreign capital actually used
  // 2.57亿美元, out-of-city domestic capital in place 179.42亿元, 浙商回归 capital 99.72亿元
  const ENTERPRISES = 4952;
  const REG_CAPITAL = 379_7500_0000_00; // 分
  const FOREIGN = 2_5700_0000_00; // US cents
  const DOMESTIC = 179_4200_0000_00;
  const ZHEJIANG = 99_7200_0000_00;

  beforeAll(async () => {
    t = await startTestApp('demo', async (d) => {
      const db = d.db;
      const [{ region, units }] = (await queryRows<{ region: number; units: number[] }>(
        db,
        sql`select (select id from org_units where kind = 'region') as region,
                   (select array_agg(id order by id) from org_units where kind in ('township', 'department', 'park')) as units`,
      )) as [{ region: number; units: number[] }];
      // one enterprise registered 1,000,000.00 USD: 6.9646 × 100,000,000 cents = 696,460,000 分
      const usd = 100_000_000;
      const usdInCny = 696_460_000;
      const cnyEach = Math.floor((REG_CAPITAL - usdInCny) / (ENTERPRISES - 1));
      const cnyFirst = REG_CAPITAL - usdInCny - cnyEach * (ENTERPRISES - 2);
      // the enterprises of 2022, and a few outside the year on either side
      await db.execute(sql`
        insert into enterprises (region_id, name, name_norm, trade_name, origin)
        select ${region}, '海曙文章企业' || g || '有限公司', '海曙文章企业' || g, '文章' || g,
               (array['local','domestic_out_of_city','foreign','zhejiang_returning'])[1 + g % 4]
        from generate_series(1, ${ENTERPRISES + 20}) g`);
      await db.execute(sql`
        insert into projects (region_id, unit_id, enterprise_id, name, stage, intake, project_type, source)
        select ${region}, (${sql.raw(`array[${units.join(',')}]`)})[1 + e.id % ${units.length}], e.id, e.name || '项目', 'registered', 'accepted', 'new', 'visit'
        from enterprises e where e.name like '海曙文章企业%'`);
      await db.execute(sql`
        insert into project_stage_events (project_id, from_stage, to_stage, at, evidence)
        select p.id, 'signed', 'registered', timestamptz '2022-06-01 10:00+08',
               jsonb_build_object('uscc', '', 'registeredOn',
                 case when rn <= ${ENTERPRISES}::int then to_char(date '2022-01-01' + (rn % 365)::int, 'YYYY-MM-DD')
                      when rn % 2 = 0 then '2021-12-31' else '2023-01-01' end,
                 'regCapitalMinor', case when rn = 1 then ${usd}::bigint when rn = 2 then ${cnyFirst}::bigint else ${cnyEach}::bigint end,
                 'regCapitalCurrency', case when rn = 1 then 'USD' else 'CNY' end)
        from (select id, row_number() over (order by id) rn from projects where name like '海曙文章企业%') p`);
      // project 3 was dropped in 2022 and reopened: its registration counts once
      await db.execute(sql`
        insert into project_stage_events (project_id, from_stage, to_stage, at, evidence)
        select id, s.f, s.t, timestamptz '2022-09-01 10:00+08', s.e::jsonb
        from (select id from projects where name like '海曙文章企业%' order by id offset 2 limit 1) p,
             (values ('registered', 'dropped', '{}'), ('dropped', 'registered', '{}')) s (f, t, e)`);
      // capital in place: split over months and projects, a reversal in the foreign figures, and records outside 2022
      const capital = async (category: string, currency: string, total: number) => {
        const parts = 40;
        const each = Math.floor(total / parts);
        await db.execute(sql`
          insert into capital_records (project_id, unit_id, category, amount_minor, currency, recorded_on, note)
          select p.id, p.unit_id, ${category}, case when g = 1 then ${total - each * (parts - 1)}::bigint else ${each}::bigint end, ${currency},
                 date '2022-01-15' + (g * 8)::int, '文章数据'
          from generate_series(1, ${parts}::int) g
          join lateral (select id, unit_id from projects where name like '海曙文章企业%' order by id offset g * 37 limit 1) p on true`);
        await db.execute(sql`
          insert into capital_records (project_id, unit_id, category, amount_minor, currency, recorded_on, note)
          select id, unit_id, ${category}, 1234500, ${currency}, d, '年外' from (select id, unit_id from projects where name like '海曙文章企业%' order by id limit 1) p,
                 (values (date '2021-12-31'), (date '2023-01-01')) v (d)`);
      };
      await capital('foreign_usd', 'USD', FOREIGN + 777_00);
      await db.execute(sql`
        insert into capital_records (project_id, unit_id, category, amount_minor, currency, recorded_on, note, reverses_id)
        select project_id, unit_id, category, -77700, currency, date '2022-11-30', '冲销多录部分', null
        from capital_records where category = 'foreign_usd' and recorded_on = date '2022-01-23'`);
      await capital('domestic_out_of_city', 'CNY', DOMESTIC);
      await capital('zhejiang_returning', 'CNY', ZHEJIANG);
    });
    admin = await t.login('admin', DEMO_PASSWORD);
    const r = await t.call('POST', '/api/assessment/rebuild', { cookie: admin, body: {} });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().projects).toBe(ENTERPRISES + 20);
  });
  afterAll(() => t?.close());

  it('GET /api/cockpit?year=2022 shows exactly the article’s figures', async () => {
    const c = (await t.call('GET', '/api/cockpit?year=2022', { cookie: admin })).json() as Cockpit;
    const v = Object.fromEntries(c.headline.map((h) => [h.indicator, h.value])) as Record<IndicatorCode, number>;
    expect(v.enterprises_introduced).toBe(4952);
    expect(v.registered_capital).toBe(REG_CAPITAL);
    expect(v.registered_capital / 1e10).toBe(379.75);
    expect(v.foreign_capital_used / 1e10).toBe(2.57);
    expect(v.domestic_capital_in_place / 1e10).toBe(179.42);
    expect(v.zhejiang_capital_in_place / 1e10).toBe(99.72);
    for (const ind of ['enterprises_introduced', 'registered_capital', 'foreign_capital_used', 'domestic_capital_in_place', 'zhejiang_capital_in_place']) {
      expect((await facts(t, admin, { year: 2022, indicator: ind, limit: 1 })).sum).toBe(v[ind as IndicatorCode]);
    }
    const usdFact = (await facts(t, admin, { year: 2022, indicator: 'registered_capital', limit: 200 })).items;
    expect(usdFact.length).toBe(200);
  });
});
