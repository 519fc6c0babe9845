import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { ADDRESS_POLICY } from './auth.service.js';

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

  const wrong = (username: string, remoteAddress: string) =>
    t.call('POST', '/api/auth/login', { body: { username, password: 'wrong-password' }, remoteAddress });
  const right = (username: string, remoteAddress: string) => t.call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD }, remoteAddress });

  it('locks a name on one address after 5 failures, known or not, and says for how long; the real user elsewhere still signs in', async () => {
    for (const username of ['leader', 'nobody-at-all']) {
      for (let i = 1; i <= 4; i++) {
        const r = await wrong(username, '203.0.113.5');
        expect(r.statusCode).toBe(401);
        expect(r.json().code).toBe('login_failed');
      }
      const fifth = await wrong(username, '203.0.113.5');
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json()).toMatchObject({ code: 'login_locked', message: '连续登录失败次数过多，请 1 分钟后再试' });
      expect(fifth.headers['retry-after']).toBe('60');
    }
    // on that address even the right password waits for the lock to lapse
    const there = await right('leader', '203.0.113.5');
    expect(there.statusCode).toBe(429);
    expect(there.json().code).toBe('login_locked');
    // the real leader, elsewhere, is not locked out by someone else's guessing
    expect((await right('leader', '198.51.100.7')).statusCode).toBe(200);
  });

  it('makes each lock twice as long as the one before, and forgets the name on that address after a success', async () => {
    const ip = '203.0.113.6';
    for (let i = 1; i <= 4; i++) expect((await wrong('head.swj', ip)).statusCode).toBe(401);
    expect((await wrong('head.swj', ip)).headers['retry-after']).toBe('60');
    // the lock lapses (its end is moved into the past instead of waiting for it)
    const lapse = () => t.database.db.execute(sql`update login_attempts set locked_until = now() - interval '1 second' where username = 'head.swj' and ip = ${ip}`);
    await lapse();
    const sixth = await wrong('head.swj', ip);
    expect([sixth.statusCode, sixth.headers['retry-after'], sixth.json().message]).toEqual([429, '120', '连续登录失败次数过多，请 2 分钟后再试']);
    await lapse();
    expect((await wrong('head.swj', ip)).headers['retry-after']).toBe('240');
    await lapse();
    expect((await right('head.swj', ip)).statusCode).toBe(200);
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from login_attempts where username = 'head.swj' and ip = ${ip}`);
    expect(rows[0]!.n).toBe(0);
    expect((await wrong('head.swj', ip)).statusCode).toBe(401);
  });

  it('slows an address that tries many names by its own counter, keeping one row per name it could try', async () => {
    const ip = '203.0.113.9';
    const codes: number[] = [];
    for (let i = 0; i < ADDRESS_POLICY.free + 10; i++) codes.push((await wrong(`guess-${i}`, ip)).statusCode);
    expect(codes.slice(0, ADDRESS_POLICY.free - 1).every((c) => c === 401)).toBe(true);
    expect(codes.slice(ADDRESS_POLICY.free - 1).every((c) => c === 429)).toBe(true);
    // refused names are not counted: the table holds the names tried before the address was locked
    const [names] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from login_attempts where ip = ${ip}`);
    expect(names!.n).toBe(ADDRESS_POLICY.free);
    // a right password from that address waits too; the same account from another address does not
    expect((await right('promoter.gulou', ip)).statusCode).toBe(429);
    expect((await right('promoter.gulou', '198.51.100.8')).statusCode).toBe(200);
    // the address's lock is in the audit log; it names no account, so it is kept without a unit
    const locks = await queryRows<{ entity: string; ip: string; unitId: number | null }>(
      t.database.db,
      sql`select entity, ip, unit_id as "unitId" from audit_log where action = 'login_locked' and entity_id = ${ip}`,
    );
    expect(locks).toEqual([{ entity: 'login_address', ip, unitId: null }]);
  });

  it('forgets failures a day old, unless they still lock', async () => {
    await t.database.db.execute(sql`insert into login_attempts (username, ip, failures, last_failure_at, locked_until) values
      ('old-1', '192.0.2.1', 3, now() - interval '2 days', null),
      ('old-2', '192.0.2.2', 9, now() - interval '25 hours', now() - interval '20 hours'),
      ('still-locked', '192.0.2.3', 30, now() - interval '2 days', now() + interval '1 hour')`);
    await t.database.db.execute(sql`insert into login_address_attempts (ip, failures, last_failure_at) values ('192.0.2.4', 12, now() - interval '3 days')`);
    expect((await wrong('someone', '192.0.2.9')).statusCode).toBe(401);
    const left = await queryRows<{ k: string }>(
      t.database.db,
      sql`select username || '@' || ip as k from login_attempts where ip like '192.0.2.%' union all select '*@' || ip from login_address_attempts where ip like '192.0.2.%' order by 1`,
    );
    expect(left.map((r) => r.k)).toEqual(['*@192.0.2.9', 'someone@192.0.2.9', 'still-locked@192.0.2.3']);
  });

  it('writes each lock to the audit log with the address, where the account’s administrators read it', async () => {
    const ip = '203.0.113.12';
    for (let i = 1; i <= 5; i++) await wrong('fund', ip);
    const admin = await t.login('admin', DEMO_PASSWORD);
    const res = await t.call('GET', '/api/audit?entity=login&entityId=fund', { cookie: admin });
    expect(res.statusCode).toBe(200);
    const [entry] = res.json().items;
    expect(entry).toMatchObject({ action: 'login_locked', entity: 'login', entityId: 'fund', userId: null, ip, after: { username: 'fund', ip, failures: 5, seconds: 60 } });
  });

  it('counts failures sent at the same time exactly (one upsert per failure)', async () => {
    const ip = '203.0.113.14';
    const answers = await Promise.all(Array.from({ length: 12 }, () => wrong('expert', ip)));
    expect(answers.every((a) => a.statusCode === 401 || a.statusCode === 429)).toBe(true);
    const [row] = await queryRows<{ byName: number; byAddress: number }>(
      t.database.db,
      sql`select (select failures from login_attempts where username = 'expert' and ip = ${ip}) as "byName",
                 (select failures from login_address_attempts where ip = ${ip}) as "byAddress"`,
    );
    expect(row).toEqual({ byName: 12, byAddress: 12 });
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
