import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

describe('org tree', () => {
  let t: TestApp;
  let admin: string;
  const unitByName = async (name: string) =>
    ((await t.call('GET', `/api/org/units?includeInactive=true&q=${encodeURIComponent(name)}`, { cookie: admin })).json().items as { id: number; name: string; path: string; depth: number; active: boolean }[]).find(
      (u) => u.name === name,
    )!;
  const audit = async (entityId: number) =>
    (await t.call('GET', `/api/audit?entity=org_unit&entityId=${entityId}`, { cookie: admin })).json().items as { action: string; before: unknown; after: unknown }[];

  beforeAll(async () => {
    t = await startTestApp('demo');
    admin = await t.login('admin', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('ships the Haishu tree: district, lead group, departments, 17 townships, parks', async () => {
    const items = (await t.call('GET', '/api/org/units', { cookie: admin })).json().items as { kind: string; name: string; code: string }[];
    expect(items.find((u) => u.kind === 'region')).toMatchObject({ name: '海曙区', code: '330203' });
    expect(items.filter((u) => u.kind === 'township')).toHaveLength(17);
    expect(items.some((u) => u.kind === 'lead_group' && u.name === '优商招商工作领导小组')).toBe(true);
    for (const n of ['区招商中心', '区商务局', '区发展和改革局', '区经济和信息化局', '区科学技术局', '区财政局', '市自然资源和规划局海曙分局', '市市场监督管理局海曙分局', '海曙区国有资本投资经营集团']) {
      expect(items.some((u) => u.name === n), n).toBe(true);
    }
    expect(items.filter((u) => u.kind === 'park').length).toBeGreaterThanOrEqual(2);
  });

  it('adds, renames, moves with the subtree, and audits before and after', async () => {
    const district = await unitByName('海曙区');
    const a = (await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: district.id, name: '测试部门', kind: 'department' } })).json();
    const child = (await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: a.id, name: '测试科室', kind: 'other' } })).json();
    expect(child.path).toBe(`${a.path}${child.id}/`);
    const renamed = await t.call('PATCH', `/api/org/units/${a.id}`, { cookie: admin, body: { name: '测试部门（新）' } });
    expect(renamed.json().name).toBe('测试部门（新）');
    const gulou = await unitByName('鼓楼街道');
    const moved = await t.call('POST', `/api/org/units/${a.id}/move`, { cookie: admin, body: { parentId: gulou.id } });
    expect(moved.statusCode).toBe(200);
    const childAfter = (await t.call('GET', `/api/org/units/${child.id}`, { cookie: admin })).json();
    expect(childAfter.path).toBe(`${gulou.path}${a.id}/${child.id}/`);
    expect(childAfter.depth).toBe(gulou.depth + 2);
    const log = await audit(a.id);
    expect(log.map((e) => e.action)).toEqual(['move', 'update', 'create']);
    expect(log[1]!.before).toMatchObject({ name: '测试部门' });
    expect(log[1]!.after).toMatchObject({ name: '测试部门（新）' });
    // the unit head of 鼓楼 now reaches the moved subtree
    const head = await t.login('head.gulou', DEMO_PASSWORD);
    expect((await t.call('GET', `/api/org/units/${child.id}`, { cookie: head })).statusCode).toBe(200);
  });

  it('refuses to move a unit under its own descendant with 409 and changes nothing', async () => {
    const district = await unitByName('海曙区');
    const p = (await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: district.id, name: '环A', kind: 'other' } })).json();
    const c = (await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: p.id, name: '环B', kind: 'other' } })).json();
    for (const target of [c.id, p.id]) {
      const res = await t.call('POST', `/api/org/units/${p.id}/move`, { cookie: admin, body: { parentId: target } });
      expect(res.statusCode).toBe(409);
      expect(res.json().fields).toHaveProperty('parentId');
    }
    expect((await t.call('GET', `/api/org/units/${p.id}`, { cookie: admin })).json().path).toBe(p.path);
  });

  it('never deletes a unit with records; deactivates it instead', async () => {
    const gulou = await unitByName('鼓楼街道');
    const res = await t.call('DELETE', `/api/org/units/${gulou.id}`, { cookie: admin, body: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('unit_has_records');
    expect(res.json().message).toContain('用户');
    const off = await t.call('PATCH', `/api/org/units/${gulou.id}`, { cookie: admin, body: { active: false } });
    expect(off.json().active).toBe(false);
    expect((await t.call('GET', '/api/org/units', { cookie: admin })).json().items.some((u: { id: number }) => u.id === gulou.id)).toBe(false);
    await t.call('PATCH', `/api/org/units/${gulou.id}`, { cookie: admin, body: { active: true } });
    const district = await unitByName('海曙区');
    const empty = (await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: district.id, name: '空单位', kind: 'other' } })).json();
    expect((await t.call('DELETE', `/api/org/units/${empty.id}`, { cookie: admin, body: {} })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/org/units/${empty.id}`, { cookie: admin })).statusCode).toBe(404);
  });

  it('keeps the region root in place', async () => {
    const district = await unitByName('海曙区');
    const res = await t.call('PATCH', `/api/org/units/${district.id}`, { cookie: admin, body: { active: false } });
    expect(res.statusCode).toBe(409);
    expect((await t.call('DELETE', `/api/org/units/${district.id}`, { cookie: admin, body: {} })).statusCode).toBe(409);
  });

  it('lets only admins change the tree', async () => {
    const leader = await t.login('leader', DEMO_PASSWORD);
    const district = await unitByName('海曙区');
    const res = await t.call('POST', '/api/org/units', { cookie: leader, body: { parentId: district.id, name: 'x', kind: 'other' } });
    expect(res.statusCode).toBe(403);
  });
});
