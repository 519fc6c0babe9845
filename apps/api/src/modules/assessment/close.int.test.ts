import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, userRoles, users } from '@wutong/db';
import type { PeopleRanking, SnapshotDetail, SnapshotSummary, UnitRanking } from '@wutong/contracts';
import { refusal, startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD, insertUnit } from '../../seeds/demo.js';
import { hashPassword } from '../../platform/passwords.js';
import { tick } from '../scheduler/scheduler.js';
import { addDays, periodOfDate, shanghaiDate } from '@wutong/contracts';

/**
 * 定期考核 (assessment close): at the end of a month, quarter or year a region's rankings are
 * frozen into an append-only snapshot carrying the SHA-256 of its canonical JSON; a period is
 * closed once; corrections made later to a closed period appear as adjustment lines of the next
 * period closed, once; only an admin closes by hand, and a region sees its own snapshots only.
 */

const today = shanghaiDate();
const thisMonth = today.slice(0, 7);
const monthBefore = (m: string) => periodOfDate('month', addDays(`${m}-01`, -1)).key;
const lastMonth = monthBefore(thisMonth);
const m2 = monthBefore(lastMonth);
function nextMonth(m: string): string {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`;
}
const lastDayOf = (m: string) => addDays(`${nextMonth(m)}-01`, -1);
/** The moment the monthly close job of month `m` is due: 00:30 on the 1st of the next month, Asia/Shanghai (here 01:00). */
const closeTimeOf = (m: string) => new Date(`${nextMonth(m)}-01T01:00:00+08:00`);

/** Canonical JSON written here, not imported: keys sorted at every level, undefined left out. */
function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function signIn(t: TestApp, usernames: string[], password = DEMO_PASSWORD): Promise<Record<string, string>> {
  const c: Record<string, string> = {};
  for (const u of usernames) c[u] = await t.login(u, password);
  return c;
}

async function snapshots(t: TestApp, cookie: string, query = ''): Promise<SnapshotSummary[]> {
  const res = await t.call('GET', `/api/assessment/snapshots${query}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

async function snapshot(t: TestApp, cookie: string, id: number): Promise<SnapshotDetail> {
  const res = await t.call('GET', `/api/assessment/snapshots/${id}`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** The snapshot row as stored, for the checks that nothing changed it. */
async function storedRow(t: TestApp, id: number): Promise<string> {
  return JSON.stringify(await queryRows(t.database.db, sql`select id, region_id, period, period_kind, period_start, period_end, frozen_by, checksum, data from assessment_snapshots where id = ${id}`));
}

describe('closing a period', () => {
  // Shared, read-only: the demo district with its month before last closed by hand. The cases
  // below read it or try what must be refused; none of them changes it.
  let t: TestApp;
  let c: Record<string, string>;
  let frozen: SnapshotDetail;

  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    c = await signIn(t, ['admin', 'manager', 'leader', 'head.gulou', 'promoter.gulou']);
    const res = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: m2 } });
    expect(res.statusCode, res.body).toBe(200);
    frozen = res.json();
  });
  afterAll(() => t?.close());

  it('freezes the month’s rankings into a snapshot with the SHA-256 of its canonical JSON', async () => {
    expect(frozen).toMatchObject({ period: m2, kind: 'month', periodStart: `${m2}-01`, periodEnd: lastDayOf(m2), frozenBy: '系统管理员', adjustmentCount: 0 });
    expect(frozen.data).toMatchObject({ version: 1, regionName: '海曙区', period: m2, kind: 'month', periodStart: `${m2}-01`, periodEnd: lastDayOf(m2), adjustments: [] });
    expect(frozen.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(frozen.checksum).toBe(sha256(canonical(frozen.data)));
    // the stored checksum is of the stored data (read back from the table, not from the answer)
    const [row] = await queryRows<{ checksum: string; data: unknown }>(t.database.db, sql`select checksum, data from assessment_snapshots where id = ${frozen.id}`);
    expect(row!.checksum).toBe(sha256(canonical(row!.data)));

    // what was frozen is the month's ranking as the live pages show it
    const units = (await t.call('GET', `/api/rankings/units?period=${m2}`, { cookie: c.leader })).json() as UnitRanking;
    expect(frozen.data.unitRanking.groups).toEqual(units.groups);
    expect(frozen.data.unitRanking.groups.flatMap((g) => g.items).some((x) => x.points > 0)).toBe(true);
    const people = (await t.call('GET', `/api/rankings/people?period=${m2}`, { cookie: c.leader })).json() as PeopleRanking;
    expect(frozen.data.peopleRanking.map((p) => [p.rank, p.userId, p.points])).toEqual(people.items.map((p) => [p.rank, p.userId, p.points]));
    expect(frozen.data.completion.map((x) => x.indicator)).toContain('enterprises_introduced');
    for (const ranking of frozen.data.completion) {
      for (const g of ranking.groups) {
        // standard competition ranking within the kind, by completion
        for (const x of g.items) expect(x.rank, `${ranking.indicator} ${x.unitName}`).toBe(1 + g.items.filter((o) => (o.completion ?? -1) > (x.completion ?? -1)).length);
      }
    }

    // published: everyone in the region reads it, in the list and by id
    for (const u of ['promoter.gulou', 'head.gulou', 'manager']) {
      expect((await snapshots(t, c[u]!)).map((s) => [s.id, s.period, s.checksum]), u).toContainEqual([frozen.id, m2, frozen.checksum]);
      expect((await snapshot(t, c[u]!, frozen.id)).data).toEqual(frozen.data);
    }
    expect((await snapshots(t, c.admin!, `?kind=quarter`)).map((s) => s.id)).not.toContain(frozen.id);
  });

  it('closes a period once: a second close by hand is refused, and the scheduled close leaves it as it is', async () => {
    const before = await storedRow(t, frozen.id);
    const again = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: m2 } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'snapshot_exists', fields: { period: expect.any(String) } });
    // the job's own run for that month (its clock set to when it falls due) finds it frozen
    const run = await tick(t.database, { now: () => closeTimeOf(m2), only: ['assessment.close.month'], instance: 'close-test' });
    expect(run.runs.map((r) => [r.periodKey, r.status])).toEqual([[m2, 'succeeded']]);
    expect((await snapshots(t, c.admin!, '?kind=month')).filter((s) => s.period === m2).map((s) => s.id)).toEqual([frozen.id]);
    expect(await storedRow(t, frozen.id)).toBe(before);
  });

  it('refuses what is not an ended period, and anyone but an admin, changing nothing', async () => {
    const count = (await snapshots(t, c.admin!)).length;
    for (const [period, why] of [
      [thisMonth, 'not ended yet'],
      [`${Number(thisMonth.slice(0, 4)) + 1}-01`, 'in the future'],
      ['2026-13', 'no such month'],
      ['2026-Q5', 'no such quarter'],
      ['', 'empty'],
    ] as const) {
      const res = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period } });
      expect(res.statusCode, `${period}: ${why}`).toBe(400);
      expect(res.json().fields, `${period}: ${why}`).toHaveProperty('period');
    }
    expect((await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: lastMonth, extra: 1 } })).statusCode).toBe(400);
    // closing is the admin's: the centre, the lead group and a township head may only read
    for (const u of ['manager', 'leader', 'head.gulou', 'promoter.gulou']) {
      expect((await t.call('POST', '/api/assessment/snapshots', { cookie: c[u], body: { period: lastMonth } })).statusCode, u).toBe(403);
    }
    expect((await t.call('POST', '/api/assessment/snapshots', { body: { period: lastMonth } })).statusCode).toBe(401);
    expect(await snapshots(t, c.admin!)).toHaveLength(count);
  });

  it('the snapshot is append-only: a trigger refuses UPDATE, DELETE and TRUNCATE', async () => {
    const before = await storedRow(t, frozen.id);
    expect(await refusal(t.database.db.execute(sql`update assessment_snapshots set checksum = 'x' where id = ${frozen.id}`))).toMatch(/^P0001: .*append-only/);
    expect(await refusal(t.database.db.execute(sql`update assessment_snapshots set data = jsonb_set(data, '{adjustments}', '[]') where id = ${frozen.id}`))).toMatch(/^P0001: .*append-only/);
    expect(await refusal(t.database.db.execute(sql`delete from assessment_snapshots where id = ${frozen.id}`))).toMatch(/^P0001: .*append-only/);
    // (CASCADE: without it the bulletins' foreign key refuses first, and the trigger is never reached)
    expect(await refusal(t.database.db.execute(sql`truncate assessment_snapshots cascade`))).toMatch(/^P0001: .*append-only/);
    expect(await storedRow(t, frozen.id)).toBe(before);
  });

  it('scope: a region reads its own snapshots only, and closes its periods independently', async () => {
    // a second region (江北区) with a township, its admin and a promoter
    const db = t.database.db;
    const region = await insertUnit(db, null, { name: '江北区', kind: 'region', code: '330205' });
    const township = await insertUnit(db, region, { name: '庄桥街道', kind: 'township', code: '330205001' });
    const password = 'Close-Test-2026';
    const hash = await hashPassword(password);
    for (const [username, unitId, role] of [
      ['jb.admin', region.id, 'admin'],
      ['jb.promoter', township.id, 'promoter'],
    ] as const) {
      const [u] = await db.insert(users).values({ username, displayName: username, unitId, passwordHash: hash }).returning({ id: users.id });
      await db.insert(userRoles).values({ userId: u!.id, role });
    }
    const jb = await signIn(t, ['jb.admin', 'jb.promoter'], password);
    const before = await storedRow(t, frozen.id);

    // the other region sees none of Haishu's snapshots, and Haishu's id answers like a missing one
    expect(await snapshots(t, jb['jb.admin']!)).toEqual([]);
    const outside = await t.call('GET', `/api/assessment/snapshots/${frozen.id}`, { cookie: jb['jb.admin'] });
    const missing = await t.call('GET', '/api/assessment/snapshots/999999999', { cookie: jb['jb.admin'] });
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const answer = (r: typeof outside) => ({ code: r.json().code, message: r.json().message });
    expect(answer(outside)).toEqual(answer(missing));

    // its admin closes the same month for 江北区: Haishu's close does not stand in the way
    const own = await t.call('POST', '/api/assessment/snapshots', { cookie: jb['jb.admin'], body: { period: m2 } });
    expect(own.statusCode, own.body).toBe(200);
    const theirs = own.json() as SnapshotDetail;
    expect(theirs.id).not.toBe(frozen.id);
    expect(theirs.data).toMatchObject({ regionName: '江北区', period: m2 });
    const rankedUnits = theirs.data.unitRanking.groups.flatMap((g) => g.items.map((x) => x.unitName));
    expect(rankedUnits.every((n) => n === '庄桥街道')).toBe(true);
    expect(theirs.data.peopleRanking.every((p) => p.unitName === '庄桥街道' || p.unitName === '江北区')).toBe(true);
    expect((await snapshots(t, jb['jb.promoter']!)).map((s) => s.id)).toEqual([theirs.id]);

    // and Haishu sees neither its list nor its snapshot
    expect((await snapshots(t, c.admin!)).map((s) => s.id)).not.toContain(theirs.id);
    expect((await t.call('GET', `/api/assessment/snapshots/${theirs.id}`, { cookie: c['promoter.gulou'] })).statusCode).toBe(404);
    expect(await storedRow(t, frozen.id)).toBe(before);
  });
});

describe('corrections after a close', () => {
  // This case closes months and writes a late record: a database of its own.
  let t: TestApp;
  let c: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    c = await signIn(t, ['admin', 'manager', 'leader']);
  });
  afterAll(() => t?.close());

  it('a late capital record dated in a closed month appears as an adjustment of the next month closed, and only once', async () => {
    const closed = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: m2 } });
    expect(closed.statusCode, closed.body).toBe(200);
    const before = closed.json() as SnapshotDetail;
    const beforeRow = await storedRow(t, before.id);

    // a township with a target for out-of-city capital, and one of its projects that has landed
    const ranked = before.data.completion.find((x) => x.indicator === 'domestic_capital_in_place')!;
    const unit = ranked.groups.find((g) => g.kind === 'township')!.items[0]!;
    const projects = (await t.call('GET', `/api/projects?unitId=${unit.unitId}&stage=registered,construction,production&limit=20`, { cookie: c.manager })).json().items as {
      id: number;
      unitId: number;
    }[];
    const project = projects.find((p) => p.unitId === unit.unitId)!;
    expect(project).toBeDefined();
    const late = await t.call('POST', `/api/projects/${project.id}/capital`, {
      cookie: c.manager,
      body: { category: 'domestic_out_of_city', amountMinor: 3_000_000_000, recordedOn: `${m2}-15`, note: '补录：上月到位资金' },
    });
    expect(late.statusCode, late.body).toBe(200);
    // the closed month does not move
    expect(await storedRow(t, before.id)).toBe(beforeRow);
    expect((await snapshot(t, c.admin!, before.id)).data).toEqual(before.data);

    // the next month closed carries the difference, against the snapshot it corrects
    const next = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: lastMonth } });
    expect(next.statusCode, next.body).toBe(200);
    const s = next.json() as SnapshotDetail;
    expect(s.checksum).toBe(sha256(canonical(s.data)));
    const ind = s.data.adjustments.filter((a) => a.measure === 'indicator' && a.indicator === 'domestic_capital_in_place');
    expect(ind).toEqual([
      expect.objectContaining({ againstPeriod: m2, againstSnapshotId: before.id, unitId: unit.unitId, delta: 3_000_000_000, frozen: unit.actual, live: unit.actual + 3_000_000_000 }),
    ]);
    const pts = s.data.adjustments.filter((a) => a.measure === 'points');
    expect(pts.map((a) => a.unitId)).toContain(project.unitId);
    const p = pts.find((a) => a.unitId === project.unitId)!;
    expect(p).toMatchObject({ againstPeriod: m2, againstSnapshotId: before.id });
    const liveM2 = (await t.call('GET', `/api/rankings/units?period=${m2}`, { cookie: c.leader })).json() as UnitRanking;
    const livePoints = liveM2.groups.flatMap((g) => g.items).find((x) => x.unitId === project.unitId)!.points;
    expect(p.live).toBeCloseTo(livePoints, 2);
    expect(p.delta).toBeCloseTo(livePoints - p.frozen, 2);
    expect(p.delta).toBeGreaterThan(0);
    expect(s.adjustmentCount).toBe(s.data.adjustments.length);
    // the capital record was the only correction: nothing else is adjusted
    expect(s.data.adjustments.every((a) => a.againstPeriod === m2 && (a.measure === 'points' || a.indicator === 'domestic_capital_in_place'))).toBe(true);

    // the close after that (the scheduled job, its clock driven) records nothing more against it
    const run = await tick(t.database, { now: () => closeTimeOf(thisMonth), only: ['assessment.close.month'], instance: 'close-test' });
    expect(run.runs.map((r) => [r.periodKey, r.status])).toEqual([[thisMonth, 'succeeded']]);
    const list = await snapshots(t, c.admin!, '?kind=month');
    expect(list.map((x) => x.period)).toEqual([thisMonth, lastMonth, m2]);
    const third = await snapshot(t, c.admin!, list[0]!.id);
    expect(third.frozenBy).toBeNull();
    expect(third.data.adjustments).toEqual([]);
    expect(third.checksum).toBe(sha256(canonical(third.data)));
  });
});
