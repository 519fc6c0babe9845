import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { startTestApp, type TestApp } from '../testing/app.js';
import { DEMO_PASSWORD } from '../seeds/demo.js';

/** What the client claims in X-Forwarded-* counts only when a configured proxy passes it on. */
const claims = { 'x-forwarded-for': '6.6.6.6', 'x-forwarded-proto': 'https' };

async function signIn(t: TestApp, username: string, remoteAddress: string, headers: Record<string, string>) {
  const res = await t.call('POST', '/api/auth/login', { body: { username, password: DEMO_PASSWORD }, remoteAddress, headers });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'wutong_session')!;
  const [session] = await queryRows<{ ip: string }>(t.database.db, sql`select s.ip from sessions s join users u on u.id = s.user_id where u.username = ${username} order by s.created_at desc limit 1`);
  const [audit] = await queryRows<{ ip: string; forwardedFor: string | null }>(
    t.database.db,
    sql`select ip, forwarded_for as "forwardedFor" from audit_log where action = 'login' and username = ${username} order by id desc limit 1`,
  );
  return { secure: cookie.secure === true, sessionIp: session!.ip, audit: audit!, cookie: `wutong_session=${cookie.value}` };
}

describe('forwarded headers without TRUST_PROXY (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('demo');
  });
  afterAll(() => t?.close());

  it('keeps the peer’s address and scheme: a client cannot set its own address or turn on Secure', async () => {
    const s = await signIn(t, 'manager', '203.0.113.20', claims);
    expect(s.sessionIp).toBe('203.0.113.20');
    expect(s.secure).toBe(false);
    // the audit log shows the address as received, and the claim beside it
    expect(s.audit).toEqual({ ip: '203.0.113.20', forwardedFor: '6.6.6.6' });
    const admin = await t.login('admin', DEMO_PASSWORD);
    const entries = (await t.call('GET', '/api/audit?entity=session', { cookie: admin })).json().items as { username: string; ip: string; forwardedFor: string | null }[];
    expect(entries.find((e) => e.username === 'manager')).toMatchObject({ ip: '203.0.113.20', forwardedFor: '6.6.6.6' });
  });

  it('counts failed sign-ins against the peer’s address, whatever the client claims', async () => {
    for (let i = 0; i < 5; i++) {
      await t.call('POST', '/api/auth/login', { body: { username: 'leader', password: 'wrong-password' }, remoteAddress: '203.0.113.21', headers: { 'x-forwarded-for': `10.9.9.${i}` } });
    }
    const rows = await queryRows<{ ip: string; failures: number }>(t.database.db, sql`select ip, failures from login_attempts where username = 'leader'`);
    expect(rows).toEqual([{ ip: '203.0.113.21', failures: 5 }]);
  });
});

describe('forwarded headers with TRUST_PROXY=127.0.0.1,10.0.0.0/8', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('demo', undefined, { trustProxy: ['127.0.0.1', '10.0.0.0/8'] });
  });
  afterAll(() => t?.close());

  it('believes a configured proxy: the client’s address and https come from its headers', async () => {
    const s = await signIn(t, 'manager', '127.0.0.1', { 'x-forwarded-for': '198.51.100.30, 10.1.2.3', 'x-forwarded-proto': 'https' });
    // both hops are proxies: the client is the first untrusted address from the right
    expect(s.sessionIp).toBe('198.51.100.30');
    expect(s.secure).toBe(true);
    expect(s.audit).toEqual({ ip: '198.51.100.30', forwardedFor: '198.51.100.30, 10.1.2.3' });
  });

  it('still ignores the same headers from an address that is not a configured proxy', async () => {
    const s = await signIn(t, 'leader', '203.0.113.22', claims);
    expect(s.sessionIp).toBe('203.0.113.22');
    expect(s.secure).toBe(false);
  });
});
