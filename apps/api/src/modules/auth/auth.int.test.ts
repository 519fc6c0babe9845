import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('demo');
  });
  afterAll(() => t?.close());

  it('signs in with an httpOnly SameSite=Strict cookie and signs out', async () => {
    const res = await t.call('POST', '/api/auth/login', { body: { username: 'manager', password: DEMO_PASSWORD } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ username: 'manager', roles: ['manager'], unitName: '区招商中心', regionName: '海曙区' });
    const c = res.cookies.find((x) => x.name === 'wutong_session')!;
    expect(c.httpOnly).toBe(true);
    expect(c.sameSite).toBe('Strict');
    const cookie = `wutong_session=${c.value}`;
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/logout', { cookie, body: {} })).statusCode).toBe(200);
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(401);
  });

  it('answers without a session with 401 in the request language', async () => {
    const zh = await t.call('GET', '/api/org/units');
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'unauthenticated', message: '请先登录' });
    const en = await t.call('GET', '/api/org/units', { headers: { cookie: 'wutong_lang=en-US' } });
    expect(en.json().message).toBe('Please sign in');
  });

  it('locks a username after 5 failures, known or not, and says for how long', async () => {
    for (const username of ['promoter.swj', 'nobody-at-all']) {
      for (let i = 1; i <= 4; i++) {
        const r = await t.call('POST', '/api/auth/login', { body: { username, password: 'wrong-password' } });
        expect(r.statusCode).toBe(401);
        expect(r.json().code).toBe('login_failed');
      }
      const fifth = await t.call('POST', '/api/auth/login', { body: { username, password: 'wrong-password' } });
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json().message).toContain('15');
    }
    // even the right password waits for the lock to lapse
    const right = await t.call('POST', '/api/auth/login', { body: { username: 'promoter.swj', password: DEMO_PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('login_locked');
  });

  it('changes a password: the old one stops working, and the same password again is refused', async () => {
    const cookie = await t.login('expert', DEMO_PASSWORD);
    const wrong = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'nope-nope', newPassword: 'A-new-pass-1' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toHaveProperty('currentPassword');
    const same = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD } });
    expect(same.statusCode).toBe(400);
    expect(same.json().fields).toHaveProperty('newPassword');
    const ok = await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: DEMO_PASSWORD, newPassword: 'A-new-pass-1' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.call('POST', '/api/auth/login', { body: { username: 'expert', password: DEMO_PASSWORD } })).statusCode).toBe(401);
    await t.login('expert', 'A-new-pass-1');
  });

  it('keeps a user with an initial password to changing it', async () => {
    const admin = await t.login('admin', DEMO_PASSWORD);
    const units = (await t.call('GET', '/api/org/units?q=鼓楼', { cookie: admin })).json().items;
    const created = await t.call('POST', '/api/users', {
      cookie: admin,
      body: { username: 'newcomer', displayName: '新人', unitId: units[0].id, roles: ['promoter'], password: 'Initial-123' },
    });
    expect(created.statusCode).toBe(200);
    const cookie = await t.login('newcomer', 'Initial-123');
    expect((await t.call('GET', '/api/auth/me', { cookie })).json().mustChangePassword).toBe(true);
    const blocked = await t.call('GET', '/api/org/units', { cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_must_change');
    await t.call('POST', '/api/auth/password', { cookie, body: { currentPassword: 'Initial-123', newPassword: 'Chosen-4567' } });
    expect((await t.call('GET', '/api/org/units', { cookie })).statusCode).toBe(200);
  });

  it('refuses state changes that are not JSON or come cross-site (the CSRF defence)', async () => {
    const cookie = await t.login('admin', DEMO_PASSWORD);
    const form = await t.call('POST', '/api/auth/logout', { cookie, body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBe(415);
    expect(form.json().code).toBe('json_required');
    const cross = await t.call('POST', '/api/auth/logout', { cookie, body: {}, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.statusCode).toBe(403);
    expect((await t.call('GET', '/api/auth/me', { cookie })).statusCode).toBe(200);
  });

  it('hashes passwords with scrypt and writes a request id on every answer', async () => {
    const res = await t.call('GET', '/api/health');
    expect(res.headers['x-request-id']).toBeTruthy();
    const rows = await t.database.db.execute('select password_hash from users limit 1' as never);
    expect(JSON.stringify(rows)).toContain('scrypt$');
  });
});
