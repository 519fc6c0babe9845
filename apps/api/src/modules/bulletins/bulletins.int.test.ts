import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { BulletinDetail, Cockpit, SnapshotDetail, UnitRanking } from '@wutong/contracts';
import { refusal, startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { addDays, periodOfDate, shanghaiDate } from '@wutong/contracts';
import { lastEndedBulletinPeriod } from './periods.js';

/** The tables of a .docx as rows of cell texts, read back from word/document.xml. */
async function docxTables(file: Buffer): Promise<string[][][]> {
  const xml = await (await JSZip.loadAsync(file)).file('word/document.xml')!.async('string');
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const text = (x: string) => [...x.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescape(m[1]!)).join('');
  return [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => [...t[1]!.matchAll(/<w:tr(?: [^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => text(c[1]!))));
}
const num = (s: string) => Number(s.replace(/[,%]/g, ''));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const today = shanghaiDate();
const lastMonth = periodOfDate('month', addDays(`${today.slice(0, 7)}-01`, -1)).key;
const monthBefore = (m: string) => periodOfDate('month', addDays(`${m}-01`, -1)).key;

describe('bulletins on the demo data', () => {
  // Shared, read-only: the demo district and the draft monthly bulletin of last month (which froze
  // last month's rankings). Cases that review, publish or close periods have a database of their own.
  let t: TestApp;
  const c: Record<string, string> = {};
  let bulletin: BulletinDetail;

  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    for (const u of ['admin', 'manager', 'leader', 'head.gulou', 'promoter.gulou', 'expert']) c[u] = await t.login(u, DEMO_PASSWORD);
    const b = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: lastMonth } });
    expect(b.statusCode, b.body).toBe(200);
    bulletin = b.json();
  });
  afterAll(() => t?.close());

  /** A database of its own for a case that changes what the others read. */
  async function ownApp(): Promise<{ app: TestApp; cookies: Record<string, string> }> {
    const app = await startTestApp('demo-pipeline');
    const cookies: Record<string, string> = {};
    for (const u of ['admin', 'manager', 'leader', 'head.gulou', 'promoter.gulou']) cookies[u] = await app.login(u, DEMO_PASSWORD);
    return { app, cookies };
  }

  it('a monthly bulletin cites the snapshot of its month and lists its adjustments, in the page and in Word', async () => {
    const { app, cookies } = await ownApp();
    try {
      const m2 = monthBefore(lastMonth);
      const closed = await app.call('POST', '/api/assessment/snapshots', { cookie: cookies.admin, body: { period: m2 } });
      expect(closed.statusCode, closed.body).toBe(200);
      const before = closed.json() as SnapshotDetail;
      // a late capital record of a township project, dated in the closed month
      const unit = before.data.completion.find((x) => x.indicator === 'domestic_capital_in_place')!.groups.find((g) => g.kind === 'township')!.items[0]!;
      const project = (await app.call('GET', `/api/projects?unitId=${unit.unitId}&stage=registered,construction,production&limit=20`, { cookie: cookies.manager }))
        .json()
        .items.find((p: { unitId: number }) => p.unitId === unit.unitId);
      expect(project).toBeDefined();
      const late = await app.call('POST', `/api/projects/${project.id}/capital`, {
        cookie: cookies.manager,
        body: { category: 'domestic_out_of_city', amountMinor: 3_000_000_000, recordedOn: `${m2}-15`, note: '补录：上月到位资金' },
      });
      expect(late.statusCode, late.body).toBe(200);

      // generating the bulletin of the next month freezes that month, with the correction as an adjustment
      const b = await app.call('POST', '/api/bulletins', { cookie: cookies.manager, body: { kind: 'monthly', period: lastMonth } });
      expect(b.statusCode, b.body).toBe(200);
      const detail = b.json() as BulletinDetail;
      const list = (await app.call('GET', '/api/assessment/snapshots?kind=month', { cookie: cookies.admin })).json().items as { id: number; period: string }[];
      const sid = list.find((x) => x.period === lastMonth)!.id;
      const s = (await app.call('GET', `/api/assessment/snapshots/${sid}`, { cookie: cookies.admin })).json() as SnapshotDetail;
      expect(s.data.adjustments.some((a) => a.measure === 'indicator' && a.unitId === unit.unitId && a.againstPeriod === m2 && a.delta === 3_000_000_000)).toBe(true);
      expect(detail.snapshotId).toBe(s.id);
      expect(detail.content.snapshot).toMatchObject({ id: s.id, checksum: s.checksum });
      expect(detail.content.adjustments).toEqual(s.data.adjustments);
      const docx = await app.call('GET', `/api/bulletins/${detail.id}/docx`, { cookie: cookies.manager });
      const tables = await docxTables(docx.rawPayload);
      const adj = tables.find((tb) => tb[0]!.includes('冻结值'))!;
      expect(adj).toBeDefined();
      expect(adj.some((r) => r[0] === m2 && r[1] === unit.unitName)).toBe(true);
      expect(adj.length - 1).toBe(s.data.adjustments.length);
    } finally {
      await app.close();
    }
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
      // what the cockpit counts after the period completes the year so far
      const after = cockpit.trend.filter((x) => Number(x.month.slice(5, 7)) > m).reduce((s, x) => s + x.values[i.indicator]!, 0);
      expect(i.actual + after, i.indicator).toBeCloseTo(h.value, 6);
      // completion is the year-to-date actual over the year's target; none without a target
      expect({ completion: i.completion !== null, value: i.completion ?? 0 }, i.indicator).toEqual({
        completion: !!i.target,
        value: expect.closeTo(i.target ? i.actual / i.target : 0, 10),
      });
    }
    // the demo's targets are alive: most indicators have one
    expect(c0.overall.indicators.filter((i) => i.target).length).toBeGreaterThanOrEqual(5);
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
    const { app, cookies: k } = await ownApp();
    try {
      const created = await app.call('POST', '/api/bulletins', { cookie: k.manager, body: { kind: 'monthly', period: lastMonth } });
      expect(created.statusCode, created.body).toBe(200);
      const id = (created.json() as BulletinDetail).id;
      // who sees drafts
      expect((await app.call('GET', `/api/bulletins/${id}`, { cookie: k['head.gulou'] })).statusCode).toBe(404);
      expect((await app.call('GET', '/api/bulletins', { cookie: k['promoter.gulou'] })).statusCode).toBe(403);
      expect((await app.call('GET', `/api/bulletins/${id}`, { cookie: k.leader })).statusCode).toBe(200);
      // notes while draft
      const noted = await app.call('PATCH', `/api/bulletins/${id}`, { cookie: k.manager, body: { notes: '请各单位对照目标，查漏补缺。' } });
      expect(noted.statusCode).toBe(200);
      expect(noted.json().content.notes).toBe('请各单位对照目标，查漏补缺。');
      expect((await app.call('PATCH', `/api/bulletins/${id}`, { cookie: k.leader, body: { notes: 'x' } })).statusCode).toBe(403);
      // publishing needs a review first, and the right role
      expect((await app.call('POST', `/api/bulletins/${id}/publish`, { cookie: k.leader })).json().code).toBe('bulletin_not_reviewed');
      const reviewed = await app.call('POST', `/api/bulletins/${id}/review`, { cookie: k.manager });
      expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewed: { name: '李主任' } });
      expect((await app.call('PATCH', `/api/bulletins/${id}`, { cookie: k.manager, body: { notes: 'x' } })).json().code).toBe('bulletin_not_draft');
      expect((await app.call('POST', `/api/bulletins/${id}/publish`, { cookie: k.manager })).statusCode).toBe(403);
      // sent back and reviewed again
      expect((await app.call('POST', `/api/bulletins/${id}/reopen`, { cookie: k.leader })).json().status).toBe('draft');
      expect((await app.call('POST', `/api/bulletins/${id}/review`, { cookie: k.leader })).json()).toMatchObject({ status: 'reviewed', reviewed: { name: '王区长' } });
      const pub = await app.call('POST', `/api/bulletins/${id}/publish`, { cookie: k.leader });
      expect(pub.statusCode, pub.body).toBe(200);
      const p = pub.json() as BulletinDetail;
      expect(p).toMatchObject({ status: 'published', issueNo: 1, published: { name: '王区长' } });
      expect(p.content).toMatchObject({ issueNo: 1, date: today, notes: '请各单位对照目标，查漏补缺。' });
      expect(p.files.map((f) => f.format)).toEqual(['docx', 'xlsx']);
      expect(p.can).toEqual({ edit: false, review: false, publish: false, reopen: false, discard: false });

      // unit heads read it now, and were notified with leaders and managers
      expect((await app.call('GET', `/api/bulletins/${id}`, { cookie: k['head.gulou'] })).statusCode).toBe(200);
      for (const u of ['head.gulou', 'leader', 'manager']) {
        const n = (await app.call('GET', '/api/notifications?kind=bulletin_published', { cookie: k[u] })).json().items;
        expect(n.some((x: { link: string }) => x.link === `/bulletins/${id}`), u).toBe(true);
      }
      expect((await app.call('GET', '/api/notifications?kind=bulletin_published', { cookie: k['promoter.gulou'] })).json().items).toHaveLength(0);

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
        const r = await app.call(method, url, { cookie: k.admin, body });
        expect(r.statusCode, `${method} ${url}`).toBe(409);
        expect(r.json().code).toBe('bulletin_published');
      }
      expect(await refusal(app.database.db.execute(sql`update bulletins set title = 'x' where id = ${id}`))).toMatch(/^P0001: .*published/);
      expect(await refusal(app.database.db.execute(sql`delete from bulletins where id = ${id}`))).toMatch(/^P0001: .*published/);
      expect(await refusal(app.database.db.execute(sql`update bulletin_files set sha256 = 'x' where bulletin_id = ${id}`))).toMatch(/^P0001: .*append-only/);
      expect(await refusal(app.database.db.execute(sql`delete from bulletin_files where bulletin_id = ${id}`))).toMatch(/^P0001: .*append-only/);

      // downloads are the archived files
      const docx = await app.call('GET', `/api/bulletins/${id}/docx`, { cookie: k['head.gulou'] });
      expect(docx.statusCode).toBe(200);
      expect(sha(docx.rawPayload)).toBe(p.files.find((f) => f.format === 'docx')!.sha256);
      expect(decodeURIComponent(docx.headers['content-disposition'] as string)).toContain('第1期');
      const xlsx = await app.call('GET', `/api/bulletins/${id}/xlsx`, { cookie: k.leader });
      expect(sha(xlsx.rawPayload)).toBe(p.files.find((f) => f.format === 'xlsx')!.sha256);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const names = wb.worksheets.map((w) => w.name);
      expect(names).toEqual(expect.arrayContaining(['说明', '主要指标', '积分排名-单位', '新签约项目', '新落地项目', '红灯项目', '超期协调事项', '考核更正']));
      expect(wb.getWorksheet('新签约项目')!.rowCount - 1).toBe(p.content.signings.count);
      expect(wb.getWorksheet('红灯项目')!.rowCount - 1).toBe(p.content.redLights.count);
    } finally {
      await app.close();
    }
  });

  it('validates what it is given, naming the field, and changes nothing', async () => {
    const count = async () => (await t.call('GET', '/api/bulletins', { cookie: c.manager })).json().items.length;
    const before = await count();
    const bad = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'weekly', period: '2026-04' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('period');
    const typo = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: '2026-13' } });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().fields).toHaveProperty('period');
    const notEnded = await t.call('POST', '/api/bulletins', { cookie: c.manager, body: { kind: 'monthly', period: today.slice(0, 7) } });
    expect(notEnded.statusCode).toBe(400);
    expect(notEnded.json().fields).toHaveProperty('period');
    // settings: the title pattern must hold the period
    const s = await t.call('PUT', '/api/bulletins/settings', {
      cookie: c.admin,
      body: { weeklyEnabled: true, monthlyEnabled: true, issuingBody: '海曙区优商招商工作领导小组办公室', masthead: '海曙区招商引资工作通报', titlePattern: '全区招商引资工作情况' },
    });
    expect(s.statusCode).toBe(400);
    expect(s.json().fields).toHaveProperty('titlePattern');
    expect(await count()).toBe(before);
  });

  it('the next issue number follows the published one; regenerating keeps the notes; discarding removes a draft', async () => {
    const { app, cookies: k } = await ownApp();
    try {
      const m2 = monthBefore(lastMonth);
      // one monthly issue published: last month's
      const first = (await app.call('POST', '/api/bulletins', { cookie: k.manager, body: { kind: 'monthly', period: lastMonth } })).json() as BulletinDetail;
      expect((await app.call('POST', `/api/bulletins/${first.id}/review`, { cookie: k.manager })).statusCode).toBe(200);
      const published = await app.call('POST', `/api/bulletins/${first.id}/publish`, { cookie: k.leader });
      expect(published.json()).toMatchObject({ status: 'published', issueNo: 1 });
      const draft = await app.call('POST', '/api/bulletins', { cookie: k.manager, body: { kind: 'monthly', period: m2 } });
      expect(draft.statusCode, draft.body).toBe(200);
      const d = draft.json() as BulletinDetail;
      // one issue of this kind and year is published already (when both months fall in one year)
      expect(d.issueNo).toBe(m2.slice(0, 4) === lastMonth.slice(0, 4) ? 2 : 1);
      // regenerating keeps the notes; discarding removes a draft
      expect((await app.call('PATCH', `/api/bulletins/${d.id}`, { cookie: k.manager, body: { notes: '保留的备注' } })).statusCode).toBe(200);
      const again = await app.call('POST', `/api/bulletins/${d.id}/regenerate`, { cookie: k.manager });
      expect(again.json().content.notes).toBe('保留的备注');
      expect((await app.call('DELETE', `/api/bulletins/${d.id}`, { cookie: k.manager })).statusCode).toBe(200);
      expect((await app.call('GET', `/api/bulletins/${d.id}`, { cookie: k.manager })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('a weekly bulletin covers an ISO week: its figures are the facts of those days', async () => {
    const lastWeek = lastEndedBulletinPeriod('weekly', today);
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
