import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { shanghaiDate } from '@wutong/contracts';
import { coordinationSummary, listOverdueItems, notifyOverdue, rebuiltState } from './coordination.service.js';

const DAY = 86400_000;
const plus = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('coordination items', () => {
  let t: TestApp;
  const cookie: Record<string, string> = {};
  const unit: Record<string, number> = {};
  let projectId = 0;
  let otherProjectId = 0;
  const today = shanghaiDate();

  const call = async (who: string, method: string, url: string, body?: unknown) => t.call(method, url, { cookie: cookie[who], body });
  const ok = async (who: string, method: string, url: string, body?: unknown) => {
    const res = await call(who, method, url, body);
    expect(res.statusCode, `${method} ${url} as ${who}: ${res.body}`).toBe(200);
    return res.json();
  };
  const raise = (who: string, body: Record<string, unknown> = {}) =>
    ok(who, 'POST', '/api/coordination/items', { projectId, category: 'land', title: '新增工业用地指标', description: '二期厂房需新增用地 50 亩，需纳入年度供地计划', neededBy: plus(today, 30), ...body });

  beforeAll(async () => {
    t = await startTestApp('demo');
    for (const u of ['promoter.gulou', 'head.gulou', 'manager', 'leader', 'admin', 'promoter.swj', 'head.swj', 'expert', 'enterprise']) cookie[u] = await t.login(u, DEMO_PASSWORD);
    for (const u of (await ok('manager', 'GET', '/api/org/units')).items as { id: number; name: string }[]) unit[u.name] = u.id;
    const owner = (await ok('manager', 'GET', '/api/users?q=promoter.gulou')).items[0].id;
    for (const name of ['宁波寰采星科技有限公司', '宁波澜海新材料有限公司']) {
      const r = await ok('promoter.gulou', 'POST', '/api/leads', { newEnterprise: { name }, contactName: '程经理', projectType: 'new', source: 'visit' });
      await ok('manager', 'POST', `/api/projects/${r.projectId}/accept`, { unitId: unit['鼓楼街道'], ownerUserId: owner });
      if (!projectId) projectId = r.projectId;
      else otherProjectId = r.projectId;
    }
  });
  afterAll(() => t?.close());

  it('walks raise → escalate → meeting outcome → progress → resolve → confirm → reopen, each an event, the row its cache', async () => {
    const raised = await raise('promoter.gulou');
    expect(raised).toMatchObject({ status: 'open', level: 'unit', projectId, projectUnitName: '鼓楼街道', raisedByName: '张晓', category: 'land', leadUnit: null, light: 'green' });
    // the owner may raise, not escalate (that is the unit head's)
    expect(raised.actions).toEqual([]);
    const id = raised.id;

    expect((await call('promoter.gulou', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'department', note: 'x' })).statusCode).toBe(403);
    const head = await ok('head.gulou', 'GET', `/api/coordination/items/${id}`);
    expect(head.actions).toEqual(expect.arrayContaining(['escalate', 'assign']));
    const dept = await ok('head.gulou', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'department', note: '街道无法协调用地指标，提请部门支持' });
    expect(dept.level).toBe('department');
    // at department level a unit head no longer assigns: that is the centre's
    expect(dept.actions).not.toContain('assign');
    const lg = await ok('manager', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'lead_group', note: '涉及年度供地计划调整，提请领导小组协调' });
    expect(lg).toMatchObject({ level: 'lead_group', status: 'open' });
    expect(lg.actions).toContain('meeting');

    // the lead group's agenda lists it with the reason it was escalated
    const agenda = await ok('leader', 'GET', `/api/coordination/meeting?meetingDate=${today}`);
    expect(agenda.items.map((i: { id: number }) => i.id)).toContain(id);
    expect(agenda.items.find((i: { id: number }) => i.id === id).escalationNote).toBe('涉及年度供地计划调整，提请领导小组协调');

    const decided = await ok('leader', 'POST', `/api/coordination/items/${id}/meeting-outcome`, {
      meetingDate: today,
      decision: '由区商务局牵头，区发改局配合，纳入下季度供地计划',
      leadUnitId: unit['区商务局'],
      cooperatingUnitIds: [unit['区发展和改革局']],
      deadline: plus(today, 20),
    });
    expect(decided).toMatchObject({ status: 'assigned', level: 'lead_group', leadUnit: { id: unit['区商务局'], name: '区商务局' }, cooperatingUnits: [{ name: '区发展和改革局' }], deadline: plus(today, 20) });
    const after = await ok('leader', 'GET', '/api/coordination/meeting');
    expect(after.items.map((i: { id: number }) => i.id)).not.toContain(id);
    expect(after.decided.map((i: { id: number }) => i.id)).toContain(id);

    // the lead unit now sees the item (it did not before it was assigned to it) and works on it
    const swj = await ok('promoter.swj', 'GET', `/api/coordination/items/${id}`);
    expect(swj.actions).toEqual(expect.arrayContaining(['progress', 'resolve']));
    await ok('promoter.swj', 'POST', `/api/coordination/items/${id}/progress`, { note: '已与自然资源分局对接，拟调剂指标' });
    // the project side may not resolve its own request
    expect((await call('promoter.gulou', 'POST', `/api/coordination/items/${id}/resolve`, { note: '已解决' })).json().code).toBe('coordination_not_allowed');
    const resolved = await ok('promoter.swj', 'POST', `/api/coordination/items/${id}/resolve`, { note: '已调剂 50 亩用地指标' });
    expect(resolved).toMatchObject({ status: 'resolved', resolutionNote: '已调剂 50 亩用地指标', light: 'green' });

    // only the project's owner confirms; the resolving unit cannot close its own item
    for (const who of ['promoter.swj', 'head.gulou', 'manager']) {
      const r = await call(who, 'POST', `/api/coordination/items/${id}/confirm`, {});
      expect(r.statusCode, who).toBe(403);
    }
    const closed = await ok('promoter.gulou', 'POST', `/api/coordination/items/${id}/confirm`, { contactName: '程经理', note: '企业确认用地已落实' });
    expect(closed).toMatchObject({ status: 'closed', confirmedByName: '张晓', confirmedContact: '程经理' });
    expect(closed.actions).toEqual(['reopen']);

    const reopened = await ok('promoter.gulou', 'POST', `/api/coordination/items/${id}/reopen`, { reason: '企业反映指标调剂后仍缺 10 亩' });
    expect(reopened).toMatchObject({ status: 'assigned', resolutionNote: null, confirmedContact: null, closedAt: null });
    expect(reopened.events.map((e: { kind: string }) => e.kind)).toEqual(['raise', 'escalate', 'escalate', 'meeting', 'progress', 'resolve', 'confirm', 'reopen']);
    expect(reopened.events[0]).toMatchObject({ byName: '张晓', byUnitName: '鼓楼街道' });
    expect(reopened.events[3]).toMatchObject({ byName: '王区长', note: '由区商务局牵头，区发改局配合，纳入下季度供地计划', data: { leadUnitName: '区商务局', deadline: plus(today, 20) } });
    expect(reopened.events[6].data).toMatchObject({ contactName: '程经理', recordedBy: 'owner_for_contact' });
    // a reopened lead-group item is back on the agenda
    expect((await ok('leader', 'GET', '/api/coordination/meeting')).items.map((i: { id: number }) => i.id)).toContain(id);

    // the cache equals the state rebuilt from the history
    const [row] = await queryRows<Record<string, unknown>>(t.database.db, sql`select status, level, lead_unit_id, to_char(deadline, 'YYYY-MM-DD') as deadline from coordination_items where id = ${id}`);
    const rebuilt = await rebuiltState(t.database.db, id);
    expect(row).toEqual({ status: rebuilt!.status, level: rebuilt!.level, lead_unit_id: rebuilt!.leadUnitId, deadline: rebuilt!.deadline });
    expect(rebuilt!.cooperatingUnitIds).toEqual([unit['区发展和改革局']]);
    // every command is in the audit log
    const audited = await queryRows<{ action: string }>(t.database.db, sql`select action from audit_log where entity = 'coordination_item' and entity_id = ${String(id)} order by id`);
    expect(audited.map((a) => a.action)).toEqual(['coordination_raise', 'coordination_escalate', 'coordination_escalate', 'coordination_meeting', 'coordination_progress', 'coordination_resolve', 'coordination_confirm', 'coordination_reopen']);
    // the lead unit's head heard of the assignment
    const notes = await queryRows<{ username: string; kind: string }>(
      t.database.db,
      sql`select u.username, n.kind from notifications n join users u on u.id = n.user_id where n.entity = 'coordination_item' and n.entity_id = ${id}`,
    );
    expect(notes).toEqual([{ username: 'head.swj', kind: 'assignment' }]);
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from coordination_items`))[0]!.n;
    const before = await count();
    const bad = async (body: Record<string, unknown>, field: string, status = 400) => {
      const res = await call('promoter.gulou', 'POST', '/api/coordination/items', { projectId, category: 'land', title: '用地', description: '说明', neededBy: plus(today, 5), ...body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(Object.keys(res.json().fields ?? {}), JSON.stringify(body)).toContain(field);
    };
    await bad({ title: '  ' }, 'title');
    await bad({ title: undefined }, 'title');
    await bad({ category: 'water' }, 'category');
    await bad({ neededBy: '2026-13-45x' }, 'neededBy');
    await bad({ neededBy: plus(today, -1) }, 'neededBy');
    await bad({ description: 'x'.repeat(2001) }, 'description');
    await bad({ title: 'a\u0000b' }, 'title');
    await bad({ surprise: 1 }, 'surprise');
    await bad({ projectId: 999999 }, 'projectId', 404);
    expect(await count()).toBe(before);

    const id = (await raise('promoter.gulou', { title: '电力增容' })).id;
    const esc = await call('head.gulou', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'unit', note: '降级' });
    expect(esc.statusCode).toBe(400);
    expect(esc.json().fields).toHaveProperty('to');
    expect((await call('head.gulou', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'department' })).json().fields).toHaveProperty('note');
    await ok('head.gulou', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'department', note: '需供电公司增容' });
    const same = await call('manager', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'department', note: '再提' });
    expect(same.statusCode).toBe(409);
    expect(same.json().fields).toHaveProperty('to');

    const assign = async (body: Record<string, unknown>) => call('manager', 'POST', `/api/coordination/items/${id}/assign`, { leadUnitId: unit['区商务局'], deadline: plus(today, 10), ...body });
    expect((await assign({ cooperatingUnitIds: [unit['区商务局']] })).json().fields).toHaveProperty('cooperatingUnitIds');
    expect((await assign({ cooperatingUnitIds: [unit['区财政局'], unit['区财政局']] })).json().fields).toHaveProperty('cooperatingUnitIds');
    expect((await assign({ deadline: plus(today, -3) })).json().fields).toHaveProperty('deadline');
    expect((await assign({ leadUnitId: 999999 })).json().fields).toHaveProperty('leadUnitId');
    expect((await assign({ deadline: undefined })).json().fields).toHaveProperty('deadline');
    const events = async () => (await ok('manager', 'GET', `/api/coordination/items/${id}`)).events.length;
    expect(await events()).toBe(2);
    // the meeting is for lead-group items; its deadline cannot precede it
    const meeting = await call('manager', 'POST', `/api/coordination/items/${id}/meeting-outcome`, { meetingDate: today, decision: '议定', leadUnitId: unit['区商务局'], deadline: plus(today, -1) });
    expect(meeting.statusCode).toBe(400);
    expect(meeting.json().fields).toHaveProperty('deadline');
    expect((await call('manager', 'POST', `/api/coordination/items/${id}/meeting-outcome`, { meetingDate: today, decision: '议定', leadUnitId: unit['区商务局'], deadline: plus(today, 9) })).statusCode).toBe(403);
    expect(await events()).toBe(2);
  });

  it('lets each side do its part and nothing more; out of scope is 404', async () => {
    const item = await raise('promoter.gulou', { title: '人才公寓', category: 'talent' });
    const id = item.id;
    // before assignment the 商务局 does not see the item at all
    for (const who of ['promoter.swj', 'head.swj', 'expert', 'enterprise']) expect((await call(who, 'GET', `/api/coordination/items/${id}`)).statusCode, who).toBe(404);
    expect((await call('promoter.swj', 'POST', `/api/coordination/items/${id}/progress`, { note: '试探' })).statusCode).toBe(404);
    // the district's roles see it
    for (const who of ['manager', 'leader', 'admin']) expect((await call(who, 'GET', `/api/coordination/items/${id}`)).statusCode, who).toBe(200);
    // roles that only read or only own records are refused by role
    expect((await call('expert', 'POST', '/api/coordination/items', { projectId, category: 'land', title: 'x', description: 'y', neededBy: plus(today, 3) })).statusCode).toBe(403);
    expect((await call('enterprise', 'POST', `/api/coordination/items/${id}/confirm`, {})).statusCode).toBe(403);

    // a unit head assigns within the unit's own subtree only: a department is out of reach (404 naming the field)
    const far = await call('head.gulou', 'POST', `/api/coordination/items/${id}/assign`, { leadUnitId: unit['区商务局'], deadline: plus(today, 7) });
    expect(far.statusCode).toBe(404);
    expect(far.json().fields).toHaveProperty('leadUnitId');
    const own = await ok('head.gulou', 'POST', `/api/coordination/items/${id}/assign`, { leadUnitId: unit['鼓楼街道'], deadline: plus(today, 7), note: '街道自行协调' });
    expect(own).toMatchObject({ status: 'assigned', leadUnit: { name: '鼓楼街道' } });
    // the promoter of the lead unit resolves it; the leader may report progress but not resolve
    await ok('leader', 'POST', `/api/coordination/items/${id}/progress`, { note: '请街道加快' });
    expect((await call('leader', 'POST', `/api/coordination/items/${id}/resolve`, { note: '完成' })).statusCode).toBe(403);
    await ok('promoter.gulou', 'POST', `/api/coordination/items/${id}/resolve`, { note: '已协调人才公寓 5 套' });
    // a resolved item cannot be resolved again or get progress
    expect((await call('promoter.gulou', 'POST', `/api/coordination/items/${id}/resolve`, { note: '再来' })).statusCode).toBe(409);
    expect((await call('manager', 'POST', `/api/coordination/items/${id}/progress`, { note: '再来' })).json().code).toBe('coordination_bad_state');

    // lists stay within scope: the 商务局 sees only what it leads or cooperates on
    const mine = await ok('promoter.swj', 'GET', '/api/coordination/items?limit=200');
    for (const i of mine.items as { leadUnit: { name: string } | null; cooperatingUnits: { name: string }[] }[]) {
      expect(i.leadUnit?.name === '区商务局' || i.cooperatingUnits.some((u) => u.name === '区商务局')).toBe(true);
    }
    expect((await ok('enterprise', 'GET', '/api/coordination/items')).total).toBe(0);
  });

  it('keeps the history append-only', async () => {
    const id = (await raise('promoter.gulou', { title: '融资对接' })).id;
    await expect(t.database.db.execute(sql`update coordination_events set note = 'changed' where item_id = ${id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from coordination_events where item_id = ${id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate coordination_events cascade`)).rejects.toThrow();
    expect((await ok('manager', 'GET', `/api/coordination/items/${id}`)).events).toHaveLength(1);
  });

  it('lights overdue items red and items due within three days yellow, with the reason; filters and counts agree', async () => {
    // a separate project keeps these apart from the other tests' items
    const soon = await raise('promoter.gulou', { projectId: otherProjectId, title: '能耗指标', category: 'energy', neededBy: plus(today, 2) });
    expect(soon).toMatchObject({ light: 'yellow', lightReasons: ['需求日期2天后到期'], overdueDays: 0 });
    const late = await raise('promoter.gulou', { projectId: otherProjectId, title: '施工许可', category: 'approval', neededBy: plus(today, 20) });
    await ok('head.gulou', 'POST', `/api/coordination/items/${late.id}/assign`, { leadUnitId: unit['鼓楼街道'], deadline: plus(today, 1) });
    // the deadline passes: move it back in the cache and in time (a fixture, not a command)
    await t.database.db.execute(sql`update coordination_items set deadline = ${plus(today, -4)}::date where id = ${late.id}`);
    const red = await ok('manager', 'GET', `/api/coordination/items/${late.id}`);
    expect(red).toMatchObject({ light: 'red', lightReasons: ['办结时限已超期4天'], overdueDays: 4 });
    const en = await t.call('GET', `/api/coordination/items/${late.id}`, { cookie: cookie.manager, headers: { 'accept-language': 'en-US' } });
    expect(en.json().lightReasons).toEqual(['Deadline passed 4 days ago']);

    const list = async (q: string) => ok('manager', 'GET', `/api/coordination/items?projectId=${otherProjectId}&${q}`);
    expect((await list('light=red')).items.map((i: { id: number }) => i.id)).toEqual([late.id]);
    expect((await list('overdue=true')).items.map((i: { id: number }) => i.id)).toEqual([late.id]);
    expect((await list('light=yellow')).items.map((i: { id: number }) => i.id)).toEqual([soon.id]);
    const all = await list('');
    expect(all.counts).toMatchObject({ red: 1, yellow: 1 });
    expect(all.items.map((i: { id: number }) => i.id)).toEqual([late.id, soon.id]);
    // status counts ignore the status filter (the tabs show what each holds)
    const onlyOpen = await list('status=open');
    expect(onlyOpen.total).toBe(1);
    expect(onlyOpen.counts.byStatus).toMatchObject({ open: 1, assigned: 1 });
    expect((await list('q=施工')).items.map((i: { id: number }) => i.id)).toEqual([late.id]);
    expect((await list('category=energy,talent')).total).toBe(1);

    // for bulletins: what was overdue on a date, read from the history (the assigned deadline, not the moved cache)
    const reader = { db: t.database.db, regionId: unit['海曙区']! };
    const inTen = await listOverdueItems(reader, plus(today, 10));
    const lateThen = inTen.find((i) => i.id === late.id)!;
    expect(lateThen).toMatchObject({ title: '施工许可', leadUnitName: '鼓楼街道', deadline: plus(today, 1), dueDate: plus(today, 1), overdueDays: 9, status: 'assigned' });
    expect(inTen.find((i) => i.id === soon.id)).toMatchObject({ dueDate: plus(today, 2), overdueDays: 8, leadUnitName: null });
    expect((await listOverdueItems(reader, plus(today, -1))).map((i) => i.id)).not.toContain(late.id);
    const summary = await coordinationSummary(reader, { from: today, to: plus(today, 10) });
    expect(summary.overdue).toBeGreaterThanOrEqual(2);
    expect(summary.raised).toBeGreaterThanOrEqual(2);
    expect(summary.activeByCategory.approval).toBeGreaterThanOrEqual(1);

    // the daily job tells the lead unit's heads and the owner once per item and due date
    const first = await notifyOverdue({ db: t.database.db }, plus(today, 10));
    const again = await notifyOverdue({ db: t.database.db }, plus(today, 11));
    const region = first.regions[unit['海曙区']!]!;
    expect(region.overdue).toBeGreaterThanOrEqual(2);
    expect(region.notified).toBeGreaterThan(0);
    expect(again.regions[unit['海曙区']!]!.notified).toBe(0);
    const told = await queryRows<{ username: string }>(
      t.database.db,
      sql`select u.username from notifications n join users u on u.id = n.user_id where n.kind = 'overdue' and n.entity_id = ${late.id} order by u.username`,
    );
    expect(told.map((x) => x.username)).toEqual(['head.gulou', 'promoter.gulou']);
  });

  it('exports the lead group agenda as a Word document holding the items, in the official fonts', async () => {
    const id = (await raise('promoter.gulou', { title: '园区配套道路', category: 'infrastructure', description: '园区北侧道路未贯通，影响物流车辆进出' })).id;
    await ok('manager', 'POST', `/api/coordination/items/${id}/escalate`, { to: 'lead_group', note: '跨部门事项，提请领导小组' });
    const res = await t.call('GET', `/api/coordination/meeting/agenda.docx?meetingDate=${today}`, { cookie: cookie.leader });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('海曙区优商招商工作领导小组协调会议题');
    expect(text).toContain('园区配套道路');
    expect(text).toContain('园区北侧道路未贯通，影响物流车辆进出');
    expect(text).toContain('宁波寰采星科技有限公司');
    expect(text).toContain('事项类别：配套');
    expect(text).toContain('提出单位：鼓楼街道 张晓');
    expect(text).toContain('提请事由：跨部门事项，提请领导小组');
    expect(text).toMatch(/需求时间：\d{4}年\d{1,2}月\d{1,2}日/);
    expect(text).toContain('牵头单位：待会议明确');
    // every agenda item of the page is in the document, numbered 一、二、…
    const agenda = await ok('leader', 'GET', '/api/coordination/meeting');
    for (const i of agenda.items as { title: string }[]) expect(text).toContain(i.title);
    expect(text).toContain(`${['一', '二', '三', '四', '五'][agenda.items.length - 1]}、`);
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
  });

  it('exports exactly the filtered list as Excel, and lists a project’s items', async () => {
    const res = await t.call('GET', `/api/coordination/items/export?projectId=${projectId}&status=open,assigned`, { cookie: cookie.manager });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('项目');
    const listed = await ok('manager', 'GET', `/api/coordination/items?projectId=${projectId}&status=open,assigned`);
    expect(ws.rowCount - 1).toBe(listed.total);
    expect(new Set(Array.from({ length: ws.rowCount - 1 }, (_, i) => ws.getRow(i + 2).getCell(1).value))).toEqual(new Set(listed.items.map((i: { id: number }) => i.id)));
    const project = await ok('promoter.gulou', 'GET', `/api/coordination/items?projectId=${projectId}`);
    expect(project.items.every((i: { projectId: number }) => i.projectId === projectId)).toBe(true);
  });
});
