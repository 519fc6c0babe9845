import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { DEFAULT_SCORING_RULES, usccCheckChar, type PointEntry, type ScoringRules, type UnitRanking } from '@wutong/contracts';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import * as repo from './points.repository.js';
import { loadScoredFacts, syncLedger } from './points.service.js';
import { scoreProject } from './scoring.js';

const uscc = (body: string) => `${body}${usccCheckChar(body)}`;
const SIGNED = { contractDate: '2026-03-01', agreedInvestmentMinor: 20_000 * 1_000_000, agreedInvestmentCurrency: 'CNY', parties: '海曙区人民政府；投资方' };
const REGISTERED = { uscc: uscc('91330203000000012'), regCapitalMinor: 5_000 * 1_000_000, regCapitalCurrency: 'CNY', registeredOn: '2026-04-01' };

type Net = Map<string, number>;
const key = (r: { projectId: number; eventKey: string; unitId: number; userId: number | null; onDate: string }) => `${r.projectId}|${r.eventKey}|${r.unitId}|${r.userId ?? 0}|${r.onDate}`;

/** The stored net ledger of a region: points per (project, event, unit, person, day). */
async function storedNet(t: TestApp, regionId: number): Promise<Net> {
  return new Map((await repo.netLedger({ db: t.database.db }, { regionId })).map((r) => [key(r), r.points]));
}

/** The ledger computed from scratch, in memory, from the records alone. */
async function scratchNet(t: TestApp, regionId: number): Promise<Net> {
  const h = { db: t.database.db };
  const versions = await repo.ruleVersions(h, regionId);
  const out: Net = new Map();
  for (const p of await loadScoredFacts(h, { regionId })) for (const e of scoreProject(p, versions)) out.set(key({ ...e, projectId: p.id }), e.points);
  return out;
}

async function regionIdOf(t: TestApp): Promise<number> {
  const [r] = await queryRows<{ id: number }>(t.database.db, sql`select id from org_units where kind = 'region' order by id limit 1`);
  return r!.id;
}
async function unitIdByName(t: TestApp, name: string): Promise<number> {
  const [r] = await queryRows<{ id: number }>(t.database.db, sql`select id from org_units where name = ${name}`);
  return r!.id;
}
async function userIdOf(t: TestApp, username: string): Promise<number> {
  const [r] = await queryRows<{ id: number }>(t.database.db, sql`select id from users where username = ${username}`);
  return r!.id;
}
async function ledgerCount(t: TestApp): Promise<number> {
  const [r] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from points_ledger`);
  return r!.n;
}

/**
 * The same commands, run against any app: a lead from 鼓楼 that goes through the gates with a
 * co-promoter (商务局) joining, capital and a reversal, a drop and reopen, a key block set later;
 * and a second lead whose first-report credit moves to 商务局 by arbitration after acceptance.
 */
async function runScript(t: TestApp) {
  const gulou = await t.login('promoter.gulou', DEMO_PASSWORD);
  const swj = await t.login('promoter.swj', DEMO_PASSWORD);
  const manager = await t.login('manager', DEMO_PASSWORD);
  const ok = async (method: string, url: string, cookie: string, body?: unknown) => {
    const res = await t.call(method, url, { cookie, body });
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const gulouUnit = await unitIdByName(t, '鼓楼街道');
  const swjUnit = await unitIdByName(t, '区商务局');
  const a = await ok('POST', '/api/leads', gulou, { newEnterprise: { name: '宁波积分测试电子材料有限公司' }, contactName: '程经理', industryCode: 'C3985', investmentMinor: 20_000 * 1_000_000, projectType: 'new', source: 'visit' });
  const A = a.projectId as number;
  await ok('POST', `/api/projects/${A}/accept`, manager, { unitId: gulouUnit, ownerUserId: await userIdOf(t, 'promoter.gulou') });
  await ok('POST', `/api/projects/${A}/transition`, gulou, { to: 'negotiating' });
  await ok('POST', `/api/projects/${A}/transition`, gulou, { to: 'signed', evidence: SIGNED });
  await ok('POST', '/api/leads', swj, { enterpriseId: (await ok('GET', `/api/projects/${A}`, gulou)).enterprise.id, contactName: '程经理', projectType: 'new', source: 'visit', duplicateAction: 'join' });
  await ok('PUT', `/api/projects/${A}/co-promoters`, manager, { units: [{ unitId: gulouUnit, shareBp: 7000 }, { unitId: swjUnit, shareBp: 3000 }] });
  // dropped and reopened where it stopped: the signing does not score again
  await ok('POST', `/api/projects/${A}/transition`, gulou, { to: 'dropped', reason: '企业暂缓' });
  await ok('POST', `/api/projects/${A}/transition`, gulou, { to: 'signed', reason: '企业恢复' });
  await ok('POST', `/api/projects/${A}/transition`, gulou, { to: 'registered', evidence: REGISTERED });
  await ok('POST', `/api/projects/${A}/capital`, gulou, { category: 'domestic_out_of_city', amountMinor: 5_000 * 1_000_000, recordedOn: '2026-05-10' });
  const cap = await ok('POST', `/api/projects/${A}/capital`, gulou, { category: 'foreign_usd', amountMinor: 100 * 1_000_000, recordedOn: '2026-06-30' });
  const foreign = cap.items.find((c: { category: string }) => c.category === 'foreign_usd');
  await ok('POST', `/api/projects/${A}/capital/${foreign.id}/reverse`, gulou, { reason: '录入重复' });
  // the demo without its pipeline has no key blocks: one for this test
  await t.database.db.execute(sql`insert into key_blocks (region_id, name) select id, '积分测试区块' from org_units where kind = 'region'`);
  const block = (await ok('GET', '/api/key-blocks', manager)).items[0];
  await ok('PATCH', `/api/projects/${A}`, manager, { keyBlockId: block.id });

  const b = await ok('POST', '/api/leads', gulou, { newEnterprise: { name: '宁波积分测试仲裁有限公司' }, contactName: '王总', projectType: 'new', source: 'visit' });
  const B = b.projectId as number;
  await ok('POST', `/api/projects/${B}/accept`, manager, { unitId: gulouUnit, ownerUserId: await userIdOf(t, 'promoter.gulou') });
  const bEnterprise = (await ok('GET', `/api/projects/${B}`, gulou)).enterprise.id;
  await ok('POST', '/api/leads', swj, { enterpriseId: bEnterprise, contactName: '王总', projectType: 'new', source: 'visit', duplicateAction: 'claim', claimReason: '商务局先接洽' });
  const arb = (await ok('GET', '/api/arbitrations', manager)).items.find((x: { status: string }) => x.status === 'open');
  await ok('POST', `/api/arbitrations/${arb.id}/decide`, manager, { decision: 'upheld', note: '有记录为证' });
  return { A, B, gulouUnit, swjUnit, blockId: block.id as number };
}

describe('the points ledger, written from project events', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof runScript>>;
  let regionId: number;
  let admin: string;
  let gulou: string;
  let swj: string;
  let expert: string;

  beforeAll(async () => {
    t = await startTestApp('demo');
    regionId = await regionIdOf(t);
    ids = await runScript(t);
    admin = await t.login('admin', DEMO_PASSWORD);
    gulou = await t.login('promoter.gulou', DEMO_PASSWORD);
    swj = await t.login('promoter.swj', DEMO_PASSWORD);
    expert = await t.login('expert', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  const live = async (projectId: number) => (await repo.liveEntries({ db: t.database.db }, { regionId, projectIds: [projectId] })).map((e) => ({ ...e, points: e.points / 100 }));

  it('scores each event once, split by share, with every multiplier explained', async () => {
    const entries = await live(ids.A);
    const gulouUser = await userIdOf(t, 'promoter.gulou');
    const by = (event: string, unitId: number) => entries.filter((e) => e.explanation.event === event && e.unitId === unitId);
    // the lead: 100% to the reporter; 1 × size 1.2 × priority (C3985) 1.2 × key block 1.2
    expect(by('lead_accepted', ids.gulouUnit).map((e) => [e.userId, e.points, e.shareBp])).toEqual([[gulouUser, 1.73, 10000]]);
    expect(by('lead_accepted', ids.swjUnit)).toEqual([]);
    // signed on the contract date: 5 × 1.728 split 70/30; the owner's share names the owner
    // (once, though the project was dropped and reopened to 签约)
    expect(by('signed', ids.gulouUnit).map((e) => [e.userId, e.onDate, e.points])).toEqual([[gulouUser, '2026-03-01', 6.05]]);
    expect(by('signed', ids.swjUnit).map((e) => [e.userId, e.onDate, e.points])).toEqual([[null, '2026-03-01', 2.59]]);
    // registered by its evidence date
    expect(by('registered', ids.gulouUnit).map((e) => [e.onDate, e.points])).toEqual([['2026-04-01', 12.1]]);
    // capital: 5000万元 × 0.001 × priority 1.2 × key block 1.2 (no size factor) × 70%; the USD record and its reversal cancel
    const capital = by('capital', ids.gulouUnit);
    expect(capital.filter((e) => e.onDate === '2026-05-10').map((e) => e.points)).toEqual([5.04]);
    const usd = capital.filter((e) => e.explanation.capital?.category === 'foreign_usd');
    expect(usd.map((e) => e.points).sort()).toEqual([-0.71, 0.71]);
    const [signed] = by('signed', ids.gulouUnit);
    expect(signed!.explanation).toEqual({
      ruleVersion: 1,
      event: 'signed',
      base: 5,
      capital: null,
      multipliers: [
        { kind: 'size', factor: 1.2 },
        { kind: 'priority_industry', factor: 1.2 },
        { kind: 'key_block', factor: 1.2 },
      ],
      shareBp: 7000,
    });
  });

  it('follows corrections by reversal: the share change and the key block reversed the earlier entries', async () => {
    const rows = await queryRows<{ n: number; reversals: number }>(
      t.database.db,
      sql`select count(*)::int as n, count(reverses_id)::int as reversals from points_ledger where project_id = ${ids.A} and event_key like 'stage:%'`,
    );
    // signed: 100% → (99.99/0.01 join) → 70/30 → key block; each step reversed and re-entered
    expect(rows[0]!.reversals).toBeGreaterThan(0);
    const [net] = await queryRows<{ s: string }>(t.database.db, sql`select sum(points)::text as s from points_ledger where project_id = ${ids.A} and event_key like 'stage:%'`);
    const liveSum = (await live(ids.A)).filter((e) => e.eventKey.startsWith('stage:')).reduce((s, e) => s + Math.round(e.points * 100), 0);
    expect(Number(net!.s)).toBe(liveSum);
  });

  it('moves the first-report credit after an upheld arbitration (reversal + new entry)', async () => {
    const swjUser = await userIdOf(t, 'promoter.swj');
    const rows = await queryRows<{ unitId: number; userId: number; points: string; reversesId: string | null }>(
      t.database.db,
      sql`select unit_id as "unitId", user_id as "userId", points::text as points, reverses_id::text as "reversesId" from points_ledger where event_key = ${`lead:${ids.B}`} order by id`,
    );
    expect(rows.map((r) => [r.unitId, Number(r.points), r.reversesId !== null])).toEqual([
      [ids.gulouUnit, 100, false],
      [ids.gulouUnit, -100, true],
      [ids.swjUnit, 100, false],
    ]);
    expect(rows[2]!.userId).toBe(swjUser);
  });

  it('is idempotent: the same change again appends nothing', async () => {
    const before = await ledgerCount(t);
    const manager = await t.login('manager', DEMO_PASSWORD);
    const share = { units: [{ unitId: ids.gulouUnit, shareBp: 7000 }, { unitId: ids.swjUnit, shareBp: 3000 }] };
    expect((await t.call('PUT', `/api/projects/${ids.A}/co-promoters`, { cookie: manager, body: share })).statusCode).toBe(200);
    expect((await t.call('PATCH', `/api/projects/${ids.A}`, { cookie: manager, body: { keyBlockId: ids.blockId } })).statusCode).toBe(200);
    const again = await syncLedger({ db: t.database.db }, { regionId, projectIds: [ids.A] });
    expect(again).toMatchObject({ changedKeys: 0, appended: 0 });
    expect(await ledgerCount(t)).toBe(before);
  });

  it('equals the ledger computed from scratch, and a rebuild appends nothing', async () => {
    const stored = await storedNet(t, regionId);
    expect(stored.size).toBeGreaterThan(5);
    expect(stored).toEqual(await scratchNet(t, regionId));
    const res = await t.call('POST', '/api/points/rebuild', { cookie: admin, body: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ factsChanged: 0, entriesAppended: 0 });
    expect(res.json().projects).toBeGreaterThanOrEqual(2);
  });

  it('the rollup equals the raw ledger, by unit and by person, month by month', async () => {
    const raw = await queryRows<{ k: string; s: string }>(
      t.database.db,
      sql`select concat_ws('|', to_char(on_date, 'YYYY-MM'), unit_id, 0) as k, sum(points)::text as s from points_ledger group by 1
          union all
          select concat_ws('|', to_char(on_date, 'YYYY-MM'), unit_id, user_id), sum(points)::text from points_ledger where user_id is not null group by 1`,
    );
    const roll = await queryRows<{ k: string; s: string }>(t.database.db, sql`select concat_ws('|', to_char(month, 'YYYY-MM'), unit_id, user_id) as k, points::text as s from points_rollups`);
    const nz = (rows: { k: string; s: string }[]) => new Map(rows.filter((r) => Number(r.s) !== 0).map((r) => [r.k, Number(r.s)]));
    expect(nz(roll)).toEqual(nz(raw));
  });

  it('a rebuild repairs a ledger that lost an entry, by appending only the correction', async () => {
    // simulate drift: the ledger says less than the records (an entry reversed by hand)
    const [victim] = await live(ids.A);
    await repo.appendEntries({ db: t.database.db }, regionId, [{ ...victim!, points: Math.round(victim!.points * 100) }], []);
    expect(await storedNet(t, regionId)).not.toEqual(await scratchNet(t, regionId));
    const res = (await t.call('POST', '/api/points/rebuild', { cookie: admin, body: {} })).json();
    expect(res).toMatchObject({ factsChanged: 1, entriesAppended: 1 });
    expect(await storedNet(t, regionId)).toEqual(await scratchNet(t, regionId));
    expect((await t.call('POST', '/api/points/rebuild', { cookie: gulou, body: {} })).statusCode).toBe(403);
  });

  it('keeps the ledger and the rule versions append-only', async () => {
    await expect(t.database.db.execute(sql`update points_ledger set points = 0`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from points_ledger`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`update scoring_rules set note = 'x'`)).rejects.toThrow();
  });

  it('the same events in a second database give the same ledger', async () => {
    const t2 = await startTestApp('demo');
    try {
      const ids2 = await runScript(t2);
      expect(ids2).toEqual(ids);
      expect(await storedNet(t2, await regionIdOf(t2))).toEqual(await scratchNet(t, regionId));
    } finally {
      await t2.close();
    }
  });

  it('lists points in scope, each with its explanation; sum over every match', async () => {
    const me = await userIdOf(t, 'promoter.gulou');
    const mine = (await t.call('GET', '/api/points?limit=200', { cookie: gulou })).json();
    expect(mine.total).toBeGreaterThan(0);
    for (const e of mine.items as PointEntry[]) expect(e.unitId === ids.gulouUnit || e.userId === me).toBe(true);
    expect(Math.round(mine.items.reduce((s: number, e: PointEntry) => s + e.points * 100, 0))).toBe(Math.round(mine.sum * 100));
    const theirs = (await t.call('GET', '/api/points?limit=200', { cookie: swj })).json();
    expect(theirs.items.some((e: PointEntry) => e.unitId === ids.swjUnit && e.projectId === ids.A)).toBe(true);
    expect(theirs.items.every((e: PointEntry) => e.unitId !== ids.gulouUnit)).toBe(true);
    // a filter on another unit finds nothing for a promoter
    expect((await t.call('GET', `/api/points?unitId=${ids.gulouUnit}`, { cookie: swj })).json().total).toBe(0);
    expect((await t.call('GET', '/api/points', { cookie: expert })).json()).toMatchObject({ total: 0, sum: 0, items: [] });
    // paging: every entry once
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: PointEntry[]; nextCursor: string | null } = (await t.call('GET', `/api/points?limit=3${cursor ? `&cursor=${cursor}` : ''}`, { cookie: gulou })).json();
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(mine.items.map((e: PointEntry) => e.id));
    const march = (await t.call('GET', `/api/points?period=2026-03&projectId=${ids.A}`, { cookie: gulou })).json();
    expect(march.items.every((e: PointEntry) => e.onDate.startsWith('2026-03'))).toBe(true);
    expect(march.total).toBeGreaterThan(0);
    const bad = await t.call('GET', '/api/points?period=2026-13', { cookie: gulou });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('period');
    expect((await t.call('GET', '/api/points?cursor=nonsense', { cookie: gulou })).json().fields).toHaveProperty('cursor');
    const xlsx = await t.call('GET', '/api/points/export', { cookie: gulou });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.rowCount).toBe(mine.total + 1);
  });

  it('a rule change with a past effective date re-scores only later events, and is recorded', async () => {
    const manager = await t.login('manager', DEMO_PASSWORD);
    const before = await repo.liveEntries({ db: t.database.db }, { regionId });
    const doubled: ScoringRules = {
      ...DEFAULT_SCORING_RULES,
      events: { lead_accepted: 2, signed: 10, registered: 20, construction: 10, production: 20 },
    };
    expect((await t.call('POST', '/api/scoring-rules', { cookie: gulou, body: { effectiveFrom: '2026-04-01', rules: doubled, note: 'x' } })).statusCode).toBe(403);
    const bad = await t.call('POST', '/api/scoring-rules', { cookie: manager, body: { effectiveFrom: '2026-02-30', rules: doubled, note: '翻倍' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('effectiveFrom');
    const badRules = await t.call('POST', '/api/scoring-rules', { cookie: manager, body: { effectiveFrom: '2026-04-01', rules: { ...doubled, events: { ...doubled.events, signed: -1 } }, note: '翻倍' } });
    expect(badRules.json().fields).toHaveProperty('rules.events.signed');
    expect((await t.call('GET', '/api/scoring-rules', { cookie: gulou })).json().items).toHaveLength(1);

    const res = await t.call('POST', '/api/scoring-rules', { cookie: manager, body: { effectiveFrom: '2026-04-01', rules: doubled, note: '二季度起翻倍' } });
    expect(res.statusCode).toBe(200);
    const later = before.filter((e) => e.onDate >= '2026-04-01');
    expect(res.json()).toEqual({ version: 2, rescoredEntries: later.length });
    const after = await repo.liveEntries({ db: t.database.db }, { regionId });
    // earlier events keep their entries (the same rows); later ones are re-entered under version 2
    const earlierIds = (l: typeof before) => l.filter((e) => e.onDate < '2026-04-01').map((e) => e.id);
    expect(earlierIds(after)).toEqual(earlierIds(before));
    expect(after.filter((e) => e.onDate < '2026-04-01').every((e) => e.ruleVersion === 1)).toBe(true);
    expect(after.filter((e) => e.onDate >= '2026-04-01').every((e) => e.ruleVersion === 2)).toBe(true);
    const registered = after.find((e) => e.explanation.event === 'registered' && e.unitId === ids.gulouUnit)!;
    expect(registered.points).toBe(2419); // 20 × 1.728 × 70% = 24.192
    // recorded: the version list and the audit log
    const versions = (await t.call('GET', '/api/scoring-rules', { cookie: gulou })).json().items;
    expect(versions.map((v: { version: number; effectiveFrom: string; createdBy: string | null }) => [v.version, v.effectiveFrom, v.createdBy])).toEqual([
      [2, '2026-04-01', '李主任'],
      [1, '2020-01-01', null],
    ]);
    const [logged] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where entity = 'scoring_rules' and action = 'create' and entity_id = '2'`);
    expect(logged!.n).toBe(1);
    expect(await storedNet(t, regionId)).toEqual(await scratchNet(t, regionId));
  });
});

describe('rankings', () => {
  let t: TestApp;
  let cookie: string;
  const units = new Map<string, number>();

  beforeAll(async () => {
    t = await startTestApp('demo');
    cookie = await t.login('promoter.gulou', DEMO_PASSWORD);
    const regionId = await regionIdOf(t);
    for (const name of ['鼓楼街道', '南门街道', '江厦街道', '区商务局', '区招商中心']) units.set(name, await unitIdByName(t, name));
    // a project to hang the entries on (a pending lead scores nothing by itself)
    const lead = await t.call('POST', '/api/leads', { cookie, body: { newEnterprise: { name: '宁波排名测试有限公司' }, contactName: '李', projectType: 'new', source: 'visit' } });
    const projectId = lead.json().projectId as number;
    const gulouUser = await userIdOf(t, 'promoter.gulou');
    const swjUser = await userIdOf(t, 'promoter.swj');
    const entry = (unit: string, userId: number | null, points: number, onDate: string, n: number) => ({
      projectId,
      unitId: units.get(unit)!,
      userId,
      eventKey: `stage:test-${n}`,
      onDate,
      points,
      ruleVersion: 1,
      shareBp: 10000,
      explanation: { ruleVersion: 1, event: 'signed' as const, base: points / 100, capital: null, multipliers: [], shareBp: 10000 },
    });
    await repo.appendEntries({ db: t.database.db }, regionId, [], [
      // April 2024: 江厦 20, 鼓楼 10, 南门 0
      entry('江厦街道', null, 2000, '2024-04-10', 1),
      entry('鼓楼街道', gulouUser, 1000, '2024-04-11', 2),
      // May 2024: 鼓楼 10 and 南门 10 tie, 江厦 5
      entry('鼓楼街道', gulouUser, 1000, '2024-05-03', 3),
      entry('南门街道', null, 600, '2024-05-04', 4),
      entry('南门街道', null, 400, '2024-05-31', 5),
      entry('江厦街道', null, 500, '2024-05-20', 6),
      // a department in May: ranked among departments only
      entry('区商务局', swjUser, 300, '2024-05-15', 7),
    ]);
  });
  afterAll(() => t?.close());

  const group = (r: UnitRanking, kind: string) => r.groups.find((g) => g.kind === kind)!.items;

  it('ranks units within their kind with ties (1, 1, 3) and the change since the previous period', async () => {
    const r: UnitRanking = (await t.call('GET', '/api/rankings/units?period=2024-05', { cookie })).json();
    expect(r).toMatchObject({ period: '2024-05', previous: '2024-04' });
    const towns = group(r, 'township');
    const pick = (name: string) => towns.find((x) => x.unitName === name)!;
    expect(pick('鼓楼街道')).toMatchObject({ points: 10, rank: 1, previousRank: 2, change: 1 });
    expect(pick('南门街道')).toMatchObject({ points: 10, rank: 1 });
    expect(pick('江厦街道')).toMatchObject({ points: 5, rank: 3, previousRank: 1, change: -2 });
    // every township is listed; those with nothing share the last rank
    const zero = towns.filter((x) => x.points === 0);
    expect(zero.length).toBeGreaterThan(10);
    expect(new Set(zero.map((x) => x.rank))).toEqual(new Set([4]));
    expect(pick('南门街道').previousRank).toBe(zero[0]!.previousRank);
    const depts = group(r, 'department');
    expect(depts[0]).toMatchObject({ unitName: '区商务局', points: 3, rank: 1, previousRank: null, change: null });
    expect(depts.find((x) => x.unitName === '区招商中心')).toMatchObject({ points: 0, rank: 2 });
    expect(r.groups.map((g) => g.kind)).toEqual(['department', 'township', 'park', 'state_company']);
  });

  it('a quarter and a year add their months; kind narrows to one group', async () => {
    const q = (await t.call('GET', '/api/rankings/units?period=2024-Q2&kind=township', { cookie })).json() as UnitRanking;
    expect(q.previous).toBe('2024-Q1');
    expect(q.groups.map((g) => g.kind)).toEqual(['township']);
    expect(group(q, 'township').slice(0, 3).map((x) => [x.unitName, x.points, x.rank])).toEqual([
      ['江厦街道', 25, 1],
      ['鼓楼街道', 20, 2],
      ['南门街道', 10, 3],
    ]);
    const y = (await t.call('GET', '/api/rankings/units?period=2024', { cookie })).json() as UnitRanking;
    expect(y.previous).toBe('2023');
    expect(group(y, 'township')[0]).toMatchObject({ unitName: '江厦街道', points: 25, previousRank: null });
  });

  it('ranks people with points in the period', async () => {
    const r = (await t.call('GET', '/api/rankings/people?period=2024-05', { cookie })).json();
    expect(r.items.map((x: { displayName: string; unitName: string; points: number; rank: number; previousRank: number | null }) => [x.displayName, x.unitName, x.points, x.rank, x.previousRank])).toEqual([
      ['张晓', '鼓楼街道', 10, 1, 1],
      ['刘洋', '区商务局', 3, 2, null],
    ]);
  });

  it('defaults to the current month, refuses what is not a period, and exports', async () => {
    const now = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    expect((await t.call('GET', '/api/rankings/units', { cookie })).json().period).toBe(now);
    expect((await t.call('GET', '/api/rankings/people', { cookie })).json().period).toBe(now);
    const bad = await t.call('GET', '/api/rankings/units?period=1999', { cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('period');
    expect((await t.call('GET', '/api/rankings/units?period=2024-5', { cookie })).json().fields).toHaveProperty('period');
    const x = await t.call('GET', '/api/rankings/units/export?period=2024-05', { cookie });
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['部门', '镇街', '园区', '国有企业']);
    expect(['鼓楼街道', '南门街道']).toContain(wb.getWorksheet('镇街')!.getRow(2).getCell(2).value);
    expect((await t.call('GET', '/api/rankings/people/export?period=2024-05', { cookie })).statusCode).toBe(200);
  });
});

describe('the demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
  });
  afterAll(() => t?.close());

  it('builds the ledger of the seeded projects; it equals a rebuild from scratch and the rankings are alive', async () => {
    const regionId = await regionIdOf(t);
    expect(await ledgerCount(t)).toBeGreaterThan(300);
    expect(await storedNet(t, regionId)).toEqual(await scratchNet(t, regionId));
    const admin = await t.login('admin', DEMO_PASSWORD);
    expect((await t.call('POST', '/api/points/rebuild', { cookie: admin, body: {} })).json()).toMatchObject({ factsChanged: 0, entriesAppended: 0 });
    const year = String(new Date().getUTCFullYear());
    const r = (await t.call('GET', `/api/rankings/units?period=${year}`, { cookie: admin })).json() as UnitRanking;
    expect(group(r, 'township')[0]!.points).toBeGreaterThan(0);
    const people = (await t.call('GET', `/api/rankings/people?period=${year}`, { cookie: admin })).json();
    expect(people.items.length).toBeGreaterThan(0);
    const rules = (await t.call('GET', '/api/scoring-rules', { cookie: admin })).json().items;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ version: 1, effectiveFrom: '2020-01-01', rules: DEFAULT_SCORING_RULES });
  });

  const group = (r: UnitRanking, kind: string) => r.groups.find((g) => g.kind === kind)!.items;
});
