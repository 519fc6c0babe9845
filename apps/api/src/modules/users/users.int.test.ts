import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

describe('users', () => {
  let t: TestApp;
  let admin: string;
  let unitId: number;
  beforeAll(async () => {
    t = await startTestApp('demo');
    admin = await t.login('admin', DEMO_PASSWORD);
    unitId = (await t.call('GET', '/api/org/units?q=段塘', { cookie: admin })).json().items[0].id;
  });
  afterAll(() => t?.close());

  it('creates a user with roles, refuses a taken username naming the field', async () => {
    const body = { username: 'dt.promoter', displayName: '段塘招商员', unitId, roles: ['promoter'], password: 'Temp-Pass-1' };
    const res = await t.call('POST', '/api/users', { cookie: admin, body });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'dt.promoter', unitName: '段塘街道', roles: ['promoter'], mustChangePassword: true });
    const again = await t.call('POST', '/api/users', { cookie: admin, body });
    expect(again.statusCode).toBe(409);
    expect(again.json().fields).toEqual({ username: expect.any(String) });
  });

  it('updates roles and unit, resets a password, deactivates and signs the user out', async () => {
    const u = (await t.call('GET', '/api/users?q=promoter.gulou', { cookie: admin })).json().items[0];
    const cookie = await t.login('promoter.gulou', DEMO_PASSWORD);
    const upd = await t.call('PATCH', `/api/users/${u.id}`, { cookie: admin, body: { roles: ['promoter', 'unit_head'], unitId } });
    expect(upd.json()).toMatchObject({ roles: ['promoter', 'unit_head'], unitName: '段塘街道' });
    expect((await t.call('POST', `/api/users/${u.id}/reset-password`, { cookie: admin, body: { newPassword: 'Reset-Pass-9' } })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
    await t.login('promoter.gulou', 'Reset-Pass-9');
    const off = await t.call('PATCH', `/api/users/${u.id}`, { cookie: admin, body: { active: false } });
    expect(off.json().active).toBe(false);
    const login = await t.call('POST', '/api/auth/login', { body: { username: 'promoter.gulou', password: 'Reset-Pass-9' } });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('account_inactive');
  });

  it('does not let an admin deactivate or demote themselves', async () => {
    const me = (await t.call('GET', '/api/auth/me', { cookie: admin })).json();
    expect((await t.call('PATCH', `/api/users/${me.id}`, { cookie: admin, body: { active: false } })).statusCode).toBe(409);
    expect((await t.call('PATCH', `/api/users/${me.id}`, { cookie: admin, body: { roles: ['leader'] } })).statusCode).toBe(409);
  });

  it('deletes a user without records, refuses one with records', async () => {
    const fresh = (await t.call('POST', '/api/users', { cookie: admin, body: { username: 'to.delete', displayName: '临时', unitId, roles: ['expert'], password: 'Temp-Pass-1' } })).json();
    expect((await t.call('DELETE', `/api/users/${fresh.id}`, { cookie: admin, body: {} })).statusCode).toBe(200);
    // a promoter who has reported a lead has records
    const promoter = await t.login('promoter.swj', DEMO_PASSWORD);
    const lead = await t.call('POST', '/api/leads', {
      cookie: promoter,
      body: { newEnterprise: { name: '宁波测试删除科技有限公司' }, contactName: '王经理', projectType: 'new', source: 'visit' },
    });
    expect(lead.statusCode).toBe(200);
    const swj = (await t.call('GET', '/api/users?q=promoter.swj', { cookie: admin })).json().items[0];
    const res = await t.call('DELETE', `/api/users/${swj.id}`, { cookie: admin, body: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('user_has_records');
  });

  it('exports exactly the filtered list to Excel', async () => {
    const res = await t.call('GET', '/api/users/export?role=promoter', { cookie: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const listed = (await t.call('GET', '/api/users?role=promoter&limit=200', { cookie: admin })).json();
    expect(ws.rowCount - 1).toBe(listed.total);
    expect(ws.getRow(1).getCell(1).value).toBe('用户名');
  });

  it('filters by role, unit, status and text, with a total', async () => {
    const r = (await t.call('GET', '/api/users?role=unit_head', { cookie: admin })).json();
    expect(r.total).toBe(r.items.length);
    expect(r.items.every((u: { roles: string[] }) => u.roles.includes('unit_head'))).toBe(true);
    const page = (await t.call('GET', '/api/users?limit=2&offset=0', { cookie: admin })).json();
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(2);
  });
});
