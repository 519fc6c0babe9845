import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { BulletinDetail, Cockpit, SnapshotDetail, UnitRanking } from '@wutong/contracts';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { canonicalJson } from '../assessment-close/close.service.js';
import { addDays, assessmentPeriodOf, shanghaiDate } from './periods.js';

/** The tables of a .docx as rows of cell texts, read back from word/document.xml. */
async function docxTables(file: Buffer): Promise<string[][][]> {
  const xml = await (await JSZip.loadAsync(file)).file('word/document.xml')!.async('string');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const text = (x: string) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join('');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!))));
}
/** The PostgreSQL error a direct statement ends with (drizzle wraps it): its code and message. */
async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (e) {
    const cause = ((e as { cause?: unknown }).cause ?? e) as { code?: string; message?: string };
    return `${cause.code}: ${cause.message}`;
  }
  return 'not refused';
}
const num = (s: string) => Number(s.replace(/[,%]/g, ''));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const today = shanghaiDate();
const lastMonth = assessmentPeriodOf('month', addDays(`${today.slice(0, 7)}-01`, -1));
const monthBefore = (m: string) => assessmentPeriodOf('month', addDays(`${m}-01`, -1));

describe('bulletins and the assessment close on the demo data', () => {
  let t: TestApp;
  const c: Record<string, string> = {};
  let bulletin: BulletinDetail;

  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    for (const u of ['admin', 'manager', 'leader', 'head.gulou', 'promoter.gulou', 'expert']) c[u] = await t.login(u, DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('closes a month by hand: rankings frozen once, with a checksum; the snapshot is append-only', async () => {
    const m2 = monthBefore(lastMonth);
    expect((await t.call('POST', '/api/assessment/snapshots', { cookie: c.manager, body: { period: m2 } })).statusCode).toBe(403);
    const future = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: today.slice(0, 7) } });
    expect(future.statusCode).toBe(400);
    expect(future.json().fields).toHaveProperty('period');
    const res = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: m2 } });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as SnapshotDetail;
    expect(s).toMatchObject({ period: m2, kind: 'month', adjustmentCount: 0 });
    expect(s.checksum).toBe(createHash('sha256').update(canonicalJson(s.data)).digest('hex'));
    // the frozen points ranking is the ranking of that month
    const live = (await t.call('GET', `/api/rankings/units?period=${m2}`, { cookie: c.leader })).json() as UnitRanking;
    expect(s.data.unitRanking.groups).toEqual(live.groups);
    expect(s.data.completion.length).toBeGreaterThan(0);
    expect((await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: m2 } })).statusCode).toBe(409);
    // everyone reads published rankings
    expect((await t.call('GET', '/api/assessment/snapshots', { cookie: c['promoter.gulou'] })).json().items.map((x: { period: string }) => x.period)).toContain(m2);
    expect(await refusal(t.database.db.execute(sql`update assessment_snapshots set checksum = 'x' where id = ${s.id}`))).toMatch(/^P0001: .*append-only/);
    expect(await refusal(t.database.db.execute(sql`delete from assessment_snapshots where id = ${s.id}`))).toMatch(/^P0001: .*append-only/);
  });

  it('a late capital record dated in a closed month appears as an adjustment of the next month closed (and in its bulletin)', async () => {
    const m2 = monthBefore(lastMonth);
    const m1 = lastMonth;
    const frozen = (await t.call('GET', '/api/assessment/snapshots', { cookie: c.admin })).json().items.find((x: { period: string }) => x.period === m2);
    const before = (await t.call('GET', `/api/assessment/snapshots/${frozen.id}`, { cookie: c.admin })).json() as SnapshotDetail;
    // a project of a township with a target for out-of-city capital
    const ranked = before.data.completion.find((x) => x.indicator === 'domestic_capital_in_place')!;
    const unit = ranked.groups.find((g) => g.kind === 'township')!.items[0]!;
    const projects = (await t.call('GET', `/api/projects?unitId=${unit.unitId}&stage=registered,construction,production&limit=5`, { cookie: c.manager })).json().items;
    expect(projects.length).toBeGreaterThan(0);
    const project = projects.find((p: { unitId: number }) => p.unitId === unit.unitId)!;
    const late = await t.call('POST', `/api/projects/${project.id}/capital`, {
      cookie: c.manager,
      body: { category: 'domestic_out_of_city', amountMinor: 3_000_000_000, recordedOn: `${m2}-15`, note: '补录：上月到位资金' },
    });
    expect(late.statusCode, late.body).toBe(200);
    // the frozen snapshot did not move
    expect(((await t.call('GET', `/api/assessment/snapshots/${frozen.id}`, { cookie: c.admin })).json() as SnapshotDetail).data).toEqual(before.data);

    const next = await t.call('POST', '/api/assessment/snapshots', { cookie: c.admin, body: { period: m1 } });
    expect(next.statusCode, next.body).toBe(200);
    const s = next.json() as SnapshotDetail;
    const ind = s.data.adjustments.find((a) => a.measure === 'indicator' && a.indicator === 'domestic_capital_in_place' && a.unitId === unit.unitId);
    expect(ind).toMatchObject({ againstPeriod: m2, againstSnapshotId: frozen.id, delta: 3_000_000_000, frozen: unit.actual, live: unit.actual + 3_000_000_000 });
    const pts = s.data.adjustments.find((a) => a.measure === 'points' && a.unitId === project.unitId);
    expect(pts).toBeDefined();
    expect(pts!.againstPeriod).toBe(m2);
    const liveM2 = (await t.call('GET', `/api/rankings/units?period=${m2}`, { cookie: c.leader })).json() as UnitRanking;
    const livePoints = liveM2.groups.flatMap((g) => g.items).find((x) => x.unitId === project.unitId)!.points;
    expect(pts!.delta).toBeCloseTo(livePoints - pts!.frozen, 2);
    expect(pts!.delta).toBeGreaterThan(0);
    expect(s.adjustmentCount).toBe(s.data.adjustments.length);

    // the bulletin of m1 cites that snapshot and shows the adjustments, in the page and in Word
    const b = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: m1 } });
    expect(b.statusCode, b.body).toBe(200);
    const detail = b.json() as BulletinDetail;
    expect(detail.snapshotId).toBe(s.id);
    expect(detail.content.snapshot).toMatchObject({ id: s.id, checksum: s.checksum });
    expect(detail.content.adjustments).toEqual(s.data.adjustments);
    const docx = await t.call('GET', `/api/bulletins/${detail.id}/docx`, { cookie: c.manager });
    const tables = await docxTables(docx.rawPayload);
    const adj = tables.find((tb) => tb[0]!.includes('冻结值'))!;
    expect(adj.some((r) => r[0] === m2 && r[1] === unit.unitName)).toBe(true);
    bulletin = detail;
  });

  it('a correction counts once: the close after that (the scheduled job, its clock driven) records nothing more against it', async () => {
    const { tick } = await import('../scheduler/scheduler.js');
    const thisMonth = today.slice(0, 7);
    const [y, m] = thisMonth.split('-').map(Number) as [number, number];
    const firstOfNext = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const run = await tick(t.database, { now: () => new Date(`${firstOfNext}T01:00:00+08:00`), only: ['assessment.close.month'], instance: 'test' });
    expect(run.runs.map((r) => [r.periodKey, r.status])).toEqual([[thisMonth, 'succeeded']]);
    const list = (await t.call('GET', '/api/assessment/snapshots?kind=month', { cookie: c.admin })).json().items as { id: number; period: string }[];
    const s = (await t.call('GET', `/api/assessment/snapshots/${list.find((x) => x.period === thisMonth)!.id}`, { cookie: c.admin })).json() as SnapshotDetail;
    expect(s.frozenBy).toBeNull();
    expect(s.data.adjustments).toEqual([]);
  });

  it("a monthly bulletin's figures equal the cockpit's for its period", async () => {
    const year = Number(lastMonth.slice(0, 4));
    const m = Number(lastMonth.slice(5, 7));
    const cockpit = (await t.call('GET', `/api/cockpit?year=${year}`, { cookie: c.manager })).json() as Cockpit;
    const c0 = bulletin.content;
    expect(c0.periodEnd.slice(0, 7)).toBe(lastMonth);
    expect(c0.overall.indicators.length).toBeGreaterThanOrEqual(5);
    for (const i of c0.overall.indicators) {
      const ytd = cockpit.trend.filter((x) => Number(x.month.slice(5, 7)) <= m).reduce((s, x) => s + x.values[i.indicator]!, 0);
      const month = cockpit.trend.find((x) => x.month === lastMonth)!.values[i.indicator];
      const h = cockpit.headline.find((x) => x.indicator === i.indicator)!;
      expect(i.actual, i.indicator).toBeCloseTo(ytd, 6);
      expect(i.inPeriod, i.indicator).toBeCloseTo(month!, 6);
      expect(i.target, i.indicator).toBe(h.target);
      if (m === 12) expect(i.actual).toBeCloseTo(h.value, 6);
      if (i.target) expect(i.completion).toBeCloseTo(i.actual / i.target, 10);
    }
    // the lists are the facts of the month
    const facts = async (indicator: string) => (await t.call('GET', `/api/cockpit/facts?indicator=${indicator}&year=${year}&month=${m}&limit=1`, { cookie: c.manager })).json();
    const signed = await facts('signed_projects');
    const signedMoney = await facts('signed_investment');
    const landed = await facts('enterprises_introduced');
    expect(c0.signings.count).toBe(signed.total);
    expect(c0.signings.totalCny).toBe(signedMoney.sum);
    expect(c0.landings.count).toBe(landed.total);
    expect(c0.signings.count + c0.landings.count).toBeGreaterThan(0);
    // the points ranking is the frozen month's, which is the ranking of that month
    const live = (await t.call('GET', `/api/rankings/units?period=${lastMonth}`, { cookie: c.leader })).json() as UnitRanking;
    expect(c0.pointsRanking.period).toBe(lastMonth);
    expect(c0.pointsRanking.groups.map((g) => g.items.map((x) => x.unitId))).toEqual(live.groups.map((g) => g.items.map((x) => x.unitId)));
  });

  it('the Word document, parsed back, holds the ranking tables with the right units and numbers', async () => {
    const res = await t.call('GET', `/api/bulletins/${bulletin.id}/docx`, { cookie: c.leader });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const tables = await docxTables(res.rawPayload);
    const township = bulletin.content.pointsRanking.groups.find((g) => g.kind === 'township')!;
    const pointsTable = tables.find((tb) => tb[0]!.join('|') === '排名|单位|本期积分|上期排名|名次变化' && tb.slice(1).some((r) => r[1] === township.items[0]!.unitName))!;
    expect(pointsTable).toBeDefined();
    expect(pointsTable.length - 1).toBe(township.items.length);
    for (const [k, item] of township.items.entries()) {
      const row = pointsTable[k + 1]!;
      expect(num(row[0]!)).toBe(item.rank);
      expect(row[1]).toBe(item.unitName);
      expect(num(row[2]!)).toBeCloseTo(item.points, 2);
    }
    // the completion ranking of townships, by the lead indicator
    const lead = bulletin.content.completionRankings.find((r) => r.indicator === 'enterprises_introduced')!;
    const towns = lead.groups.find((g) => g.kind === 'township')!;
    const completion = tables.find((tb) => tb[0]![0] === '排名' && tb[0]!.some((h) => h.startsWith('引进企业数（')) && tb[1]?.[1] === towns.items[0]!.unitName)!;
    expect(completion.length - 1).toBe(towns.items.length);
    for (const [k, item] of towns.items.entries()) {
      expect(completion[k + 1]![1]).toBe(item.unitName);
      expect(num(completion[k + 1]![2]!)).toBe(item.actual);
      expect(completion[k + 1]![4]).toBe(item.completion === null ? '—' : `${(item.completion * 100).toFixed(1)}%`);
    }
    // the headline table
    const headline = tables.find((tb) => tb[0]!.join('|') === '指标|单位|本月|年度累计|年度目标|完成率|序时进度')!;
    const firms = headline.find((r) => r[0] === '引进企业数')!;
    expect(num(firms[3]!)).toBe(bulletin.content.overall.indicators.find((i) => i.indicator === 'enterprises_introduced')!.actual);
  });

  it('lifecycle: draft → reviewed → published, each step by its roles, recorded; then immutable', async () => {
    const id = bulletin.id;
    // who sees drafts
    expect((await t.call('GET', `/api/bulletins/${id}`, { cookie: c['head.gulou'] })).statusCode).toBe(404);
    expect((await t.call('GET', '/api/bulletins', { cookie: c['promoter.gulou'] })).statusCode).toBe(403);
    expect((await t.call('GET', `/api/bulletins/${id}`, { cookie: c.leader })).statusCode).toBe(200);
    // notes while draft
    const noted = await t.call('PATCH', `/api/bulletins/${id}`, { cookie: c.manager, body: { notes: '请各单位对照目标，查漏补缺。' } });
    expect(noted.statusCode).toBe(200);
    expect(noted.json().content.notes).toBe('请各单位对照目标，查漏补缺。');
    expect((await t.call('PATCH', `/api/bulletins/${id}`, { cookie: c.leader, body: { notes: 'x' } })).statusCode).toBe(403);
    // publishing needs a review first, and the right role
    expect((await t.call('POST', `/api/bulletins/${id}/publish`, { cookie: c.leader })).json().code).toBe('bulletin_not_reviewed');
    const reviewed = await t.call('POST', `/api/bulletins/${id}/review`, { cookie: c.manager });
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewed: { name: '李主任' } });
    expect((await t.call('PATCH', `/api/bulletins/${id}`, { cookie: c.manager, body: { notes: 'x' } })).json().code).toBe('bulletin_not_draft');
    expect((await t.call('POST', `/api/bulletins/${id}/publish`, { cookie: c.manager })).statusCode).toBe(403);
    // sent back and reviewed again
    expect((await t.call('POST', `/api/bulletins/${id}/reopen`, { cookie: c.leader })).json().status).toBe('draft');
    expect((await t.call('POST', `/api/bulletins/${id}/review`, { cookie: c.leader })).json()).toMatchObject({ status: 'reviewed', reviewed: { name: '王区长' } });
    const pub = await t.call('POST', `/api/bulletins/${id}/publish`, { cookie: c.leader });
    expect(pub.statusCode, pub.body).toBe(200);
    const p = pub.json() as BulletinDetail;
    expect(p).toMatchObject({ status: 'published', issueNo: 1, published: { name: '王区长' } });
    expect(p.content).toMatchObject({ issueNo: 1, date: today, notes: '请各单位对照目标，查漏补缺。' });
    expect(p.files.map((f) => f.format)).toEqual(['docx', 'xlsx']);
    expect(p.can).toEqual({ edit: false, review: false, publish: false, reopen: false, discard: false });

    // unit heads read it now, and were notified with leaders and managers
    expect((await t.call('GET', `/api/bulletins/${id}`, { cookie: c['head.gulou'] })).statusCode).toBe(200);
    for (const u of ['head.gulou', 'leader', 'manager']) {
      const n = (await t.call('GET', '/api/notifications?kind=bulletin_published', { cookie: c[u] })).json().items;
      expect(n.some((x: { link: string }) => x.link === `/bulletins/${id}`), u).toBe(true);
    }
    expect((await t.call('GET', '/api/notifications?kind=bulletin_published', { cookie: c['promoter.gulou'] })).json().items).toHaveLength(0);

    // immutable: every command is refused with 409, and so is a direct UPDATE or DELETE
    for (const [method, url, body] of [
      ['PATCH', `/api/bulletins/${id}`, { notes: '改' }],
      ['POST', `/api/bulletins/${id}/review`, {}],
      ['POST', `/api/bulletins/${id}/reopen`, {}],
      ['POST', `/api/bulletins/${id}/publish`, {}],
      ['POST', `/api/bulletins/${id}/regenerate`, {}],
      ['DELETE', `/api/bulletins/${id}`, {}],
      ['POST', '/api/bulletins', { kind: 'monthly', period: lastMonth }],
    ] as const) {
      const r = await t.call(method, url, { cookie: c.admin, body });
      expect(r.statusCode, `${method} ${url}`).toBe(409);
      expect(r.json().code).toBe('bulletin_published');
    }
    expect(await refusal(t.database.db.execute(sql`update bulletins set title = 'x' where id = ${id}`))).toMatch(/^P0001: .*published/);
    expect(await refusal(t.database.db.execute(sql`delete from bulletins where id = ${id}`))).toMatch(/^P0001: .*published/);
    expect(await refusal(t.database.db.execute(sql`update bulletin_files set sha256 = 'x' where bulletin_id = ${id}`))).toMatch(/^P0001: .*append-only/);
    expect(await refusal(t.database.db.execute(sql`delete from bulletin_files where bulletin_id = ${id}`))).toMatch(/^P0001: .*append-only/);

    // downloads are the archived files
    const docx = await t.call('GET', `/api/bulletins/${id}/docx`, { cookie: c['head.gulou'] });
    expect(docx.statusCode).toBe(200);
    expect(sha(docx.rawPayload)).toBe(p.files.find((f) => f.format === 'docx')!.sha256);
    expect(decodeURIComponent(docx.headers['content-disposition'] as string)).toContain('第1期');
    const xlsx = await t.call('GET', `/api/bulletins/${id}/xlsx`, { cookie: c.leader });
    expect(sha(xlsx.rawPayload)).toBe(p.files.find((f) => f.format === 'xlsx')!.sha256);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['说明', '主要指标', '积分排名-单位', '新签约项目', '新落地项目', '红灯项目', '超期协调事项', '考核更正']));
    expect(wb.getWorksheet('新签约项目')!.rowCount - 1).toBe(p.content.signings.count);
    expect(wb.getWorksheet('红灯项目')!.rowCount - 1).toBe(p.content.redLights.count);
  });

  it('validates what it is given, and the next issue number follows the published one', async () => {
    const bad = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'weekly', period: '2026-04' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('period');
    const typo = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: '2026-13' } });
    expect(typo.json().fields).toHaveProperty('period');
    const notEnded = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: today.slice(0, 7) } });
    expect(notEnded.statusCode).toBe(400);
    const m2 = monthBefore(lastMonth);
    const draft = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: m2 } });
    expect(draft.statusCode, draft.body).toBe(200);
    const d = draft.json() as BulletinDetail;
    // one issue of this kind and year is published already (when both months fall in one year)
    expect(d.issueNo).toBe(m2.slice(0, 4) === lastMonth.slice(0, 4) ? 2 : 1);
    // regenerating keeps the notes; discarding removes a draft
    await t.call('PATCH', `/api/bulletins/${d.id}`, { cookie: c.manager, body: { notes: '保留的备注' } });
    const again = await t.call('POST', `/api/bulletins/${d.id}/regenerate`, { cookie: c.manager });
    expect(again.json().content.notes).toBe('保留的备注');
    expect((await t.call('DELETE', `/api/bulletins/${d.id}`, { cookie: c.manager })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/bulletins/${d.id}`, { cookie: c.manager })).statusCode).toBe(404);
    // settings: the title pattern must hold the period
    const s = await t.call('PUT', '/api/bulletins/settings', {
      cookie: c.admin,
      body: { weeklyEnabled: true, monthlyEnabled: true, issuingBody: '海曙区优商招商工作领导小组办公室', masthead: '海曙区招商引资工作通报', titlePattern: '全区招商引资工作情况' },
    });
    expect(s.statusCode).toBe(400);
    expect(s.json().fields).toHaveProperty('titlePattern');
  });

  it('a weekly bulletin covers an ISO week: its figures are the facts of those days', async () => {
    const lastWeek = (await import('./periods.js')).lastEndedBulletinPeriod('weekly', today);
    const res = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'weekly', period: lastWeek.period } });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json() as BulletinDetail;
    expect(w.content).toMatchObject({ kind: 'weekly', periodStart: lastWeek.start, periodEnd: lastWeek.end, snapshot: null });
    expect(w.content.signings.items.every((x) => x.onDate >= lastWeek.start && x.onDate <= lastWeek.end)).toBe(true);
    expect(w.content.title).toContain('周');
  });
});

describe('the scheduled jobs: the month is closed and its bulletin drafted once per region', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('demo');
  });
  afterAll(() => t?.close());

  it('bulletin.monthly drafts last month (freezing it when the close has not run), bulletin.weekly is off by default, and a second tick does nothing', async () => {
    const { tick } = await import('../scheduler/scheduler.js');
    const now = new Date();
    const only = ['bulletin.monthly', 'bulletin.weekly', 'assessment.close.month'];
    const first = await tick(t.database, { now: () => now, only, instance: 'a' });
    const byJob = new Map(first.runs.map((r) => [r.job, r]));
    expect(byJob.get('bulletin.monthly')).toMatchObject({ periodKey: lastMonth, status: 'succeeded' });
    expect(byJob.get('assessment.close.month')).toMatchObject({ periodKey: lastMonth, status: 'succeeded' });
    expect(byJob.get('bulletin.weekly')?.status).toBe('succeeded');
    const second = await tick(t.database, { now: () => now, only, instance: 'b' });
    expect(second.runs.filter((r) => only.includes(r.job) && r.trigger !== 'retry')).toEqual([]);

    const admin = await t.login('admin', DEMO_PASSWORD);
    const list = (await t.call('GET', '/api/bulletins', { cookie: admin })).json().items as BulletinDetail[];
    expect(list.map((b) => [b.kind, b.period, b.status])).toEqual([['monthly', lastMonth, 'draft']]);
    expect(list[0]!.generated).toMatchObject({ userId: 0, name: '系统（定时任务）' });
    const snaps = (await t.call('GET', '/api/assessment/snapshots?kind=month', { cookie: admin })).json().items;
    expect(snaps.map((s: { period: string }) => s.period)).toEqual([lastMonth]);
    expect(list[0]!.snapshotId).toBe(snaps[0].id);
  });
});
