import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { queryRows, webhookDeliveries } from '@wutong/db';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { FIXTURE_PASSWORD, seedScopeFixture, type Fixture } from '../../testing/scope-fixture.js';
import { notify } from '../notifications/notify.js';
import { backoffMs, deliverDue, MAX_ATTEMPTS } from './delivery.js';

/**
 * A local receiver plays DingTalk and a generic endpoint: it checks each request's signature the
 * way the other side documents it, and can be told to fail the next N requests.
 */
type Received = { path: string; query: URLSearchParams; headers: IncomingMessage['headers']; raw: string; json: Record<string, unknown>; verified: boolean };

const DING_SECRET = 'SECb5a1d0c2e4f6a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3';
const GENERIC_SECRET = 'generic-secret-for-tests';

function verifyDingTalk(query: URLSearchParams): boolean {
  const ts = query.get('timestamp');
  const sign = query.get('sign');
  if (!ts || !sign) return false;
  const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
  return sign === expected;
}

function verifyGeneric(headers: IncomingMessage['headers'], raw: string): boolean {
  const ts = headers['x-wutong-timestamp'];
  const sig = headers['x-wutong-signature'];
  if (typeof ts !== 'string' || typeof sig !== 'string') return false;
  return sig === `sha256=${createHmac('sha256', GENERIC_SECRET).update(`${ts}.${raw}`).digest('hex')}`;
}

describe('webhooks', () => {
  let t: TestApp;
  let fx: Fixture;
  let admin: string;
  let r2admin: string;
  let server: Server;
  let base: string;
  const received: Received[] = [];
  let failNext = 0;
  const db = () => t.database.db;

  beforeAll(async () => {
    t = await startTestApp(async (d) => {
      fx = await seedScopeFixture(d);
    });
    admin = await t.login('r1_admin', FIXTURE_PASSWORD);
    r2admin = await t.login('r2_admin', FIXTURE_PASSWORD);
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const u = new URL(req.url!, 'http://x');
        const isDing = u.pathname.startsWith('/robot');
        const verified = isDing ? verifyDingTalk(u.searchParams) : verifyGeneric(req.headers, raw);
        received.push({ path: u.pathname, query: u.searchParams, headers: req.headers, raw, json: JSON.parse(raw || '{}'), verified });
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end('busy');
        } else if (isDing) {
          // DingTalk answers 200 either way; a bad signature is errcode 310000
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(verified ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }));
        } else {
          res.writeHead(verified ? 204 : 401).end();
        }
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    await t?.close();
  });
  beforeEach(async () => {
    received.length = 0;
    failNext = 0;
    // each test subscribes webhooks of its own: earlier ones (and the fixture's) are switched off
    await db().execute(sql`update webhooks set enabled = false`);
    await db().execute(sql`delete from webhook_deliveries where status = 'pending'`);
  });

  const create = (body: Record<string, unknown>, cookie = admin) => t.call('POST', '/api/webhooks', { cookie, body });

  it('manages webhooks per region; the secret never comes back; bad input names the field', async () => {
    const res = await create({ name: '招商群机器人', url: `${base}/robot/send?access_token=abc`, format: 'dingtalk', secret: DING_SECRET, events: ['bulletin_published', 'red_light'] });
    expect(res.statusCode, res.body).toBe(200);
    const w = res.json();
    expect(w).toMatchObject({ name: '招商群机器人', format: 'dingtalk', events: ['bulletin_published', 'red_light'], enabled: true, hasSecret: true, secretHint: DING_SECRET.slice(-4) });
    expect(res.body).not.toContain(DING_SECRET);
    const list = (await t.call('GET', '/api/webhooks', { cookie: admin })).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(w.id);
    expect(JSON.stringify(list)).not.toContain(DING_SECRET);
    // another region's admin neither sees nor touches it
    expect((await t.call('GET', '/api/webhooks', { cookie: r2admin })).json().items.map((x: { id: number }) => x.id)).not.toContain(w.id);
    expect((await t.call('PATCH', `/api/webhooks/${w.id}`, { cookie: r2admin, body: { enabled: false } })).statusCode).toBe(404);
    expect((await t.call('GET', `/api/webhooks/${w.id}`, { cookie: r2admin })).statusCode).toBe(404);

    for (const [body, field] of [
      [{ name: 'x', url: 'ftp://example.com/x', format: 'generic', events: ['overdue'] }, 'url'],
      [{ name: 'x', url: 'not a url', format: 'generic', events: ['overdue'] }, 'url'],
      [{ name: 'x', url: 'https://example.com/x', format: 'generic', events: [] }, 'events'],
      [{ name: 'x', url: 'https://example.com/x', format: 'wechat', events: ['overdue'] }, 'format'],
      [{ name: 'x', url: 'https://example.com/x', format: 'generic', events: ['lunch'] }, 'events.0'],
      [{ name: '', url: 'https://example.com/x', format: 'generic', events: ['overdue'] }, 'name'],
      [{ name: 'x', url: 'https://example.com/x', format: 'generic', events: ['overdue'], secret: '密钥' }, 'secret'],
    ] as const) {
      const bad = await create(body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(bad.json().fields), JSON.stringify(body)).toContain(field);
    }

    const patched = await t.call('PATCH', `/api/webhooks/${w.id}`, { cookie: admin, body: { name: '招商群', events: ['overdue'] } });
    expect(patched.json()).toMatchObject({ name: '招商群', events: ['overdue'], hasSecret: true });
    const [audit] = await queryRows<{ after: Record<string, unknown> }>(db(), sql`select after from audit_log where entity = 'webhook' and action = 'update' order by id desc limit 1`);
    expect(JSON.stringify(audit)).not.toContain(DING_SECRET);
    expect((await t.call('DELETE', `/api/webhooks/${w.id}`, { cookie: admin })).statusCode).toBe(200);
    expect((await t.call('GET', `/api/webhooks/${w.id}`, { cookie: admin })).statusCode).toBe(404);
    expect((await create({ name: 'x', url: 'https://example.com/x', format: 'generic', events: ['overdue'] }, await t.login('r1_manager', FIXTURE_PASSWORD))).statusCode).toBe(403);
  });

  it('queues an event for the region’s subscribed webhooks in the raising transaction, and delivers both formats signed', async () => {
    const ding = (await create({ name: '钉钉', url: `${base}/robot/send?access_token=abc`, format: 'dingtalk', secret: DING_SECRET, events: ['bulletin_published'] })).json();
    const generic = (await create({ name: '通用', url: `${base}/hook`, format: 'generic', secret: GENERIC_SECRET, events: ['bulletin_published', 'overdue'] })).json();
    const other = (await create({ name: '只收红灯', url: `${base}/hook`, format: 'generic', secret: GENERIC_SECRET, events: ['red_light'] })).json();
    const r2 = (await create({ name: 'R2', url: `${base}/hook`, format: 'generic', secret: GENERIC_SECRET, events: ['bulletin_published'] }, r2admin)).json();

    const regionId = fx.unitIds.get('R1')!;
    // a rolled-back transaction leaves no event behind
    await expect(
      db().transaction(async (tx) => {
        await notify({ db: tx as never }, { kind: 'bulletin_published', regionId, userIds: [], title: 'x', body: 'y' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'))).toEqual([]);

    const r = await db().transaction((tx) =>
      notify({ db: tx as never }, { kind: 'bulletin_published', regionId, userIds: [], title: '2026年11月招商通报', body: '第11期\n签约 12 个', link: '/bulletins/7', entity: 'bulletin', entityId: 7 }),
    );
    expect(r.queued).toBe(2);
    const pending = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    expect(pending.map((d) => d.webhookId).sort()).toEqual([ding.id, generic.id].sort());
    expect(pending.map((d) => d.webhookId)).not.toContain(other.id);
    expect(pending.map((d) => d.webhookId)).not.toContain(r2.id);

    const report = await deliverDue(db(), { publicUrl: 'https://wutong.example.gov.cn' });
    expect(report).toEqual({ attempted: 2, delivered: 2, retrying: 0, failed: 0 });
    expect(received).toHaveLength(2);
    expect(received.every((x) => x.verified)).toBe(true);

    const dt = received.find((x) => x.path === '/robot/send')!;
    expect(dt.query.get('access_token')).toBe('abc');
    expect(dt.json).toEqual({
      msgtype: 'markdown',
      markdown: { title: '2026年11月招商通报', text: expect.stringContaining('[查看详情](https://wutong.example.gov.cn/bulletins/7)') },
    });
    expect((dt.json.markdown as { text: string }).text).toContain('【通报发布】2026年11月招商通报');

    const g = received.find((x) => x.path === '/hook')!;
    expect(g.headers['x-wutong-event']).toBe('bulletin_published');
    expect(g.json).toMatchObject({ event: 'bulletin_published', title: '2026年11月招商通报', body: '第11期\n签约 12 个', link: 'https://wutong.example.gov.cn/bulletins/7', entity: 'bulletin', entityId: 7, regionId });
    expect(typeof g.json.occurredAt).toBe('string');

    const deliveries = (await t.call('GET', `/api/webhooks/deliveries?webhookId=${generic.id}`, { cookie: admin })).json();
    expect(deliveries.items[0]).toMatchObject({ webhookId: generic.id, event: 'bulletin_published', title: '2026年11月招商通报', status: 'delivered', attempts: 1, lastStatusCode: 204 });
    // nothing more is due
    expect(await deliverDue(db())).toEqual({ attempted: 0, delivered: 0, retrying: 0, failed: 0 });
  });

  it('a receiver that catches a wrong signature refuses it, and the delivery records why', async () => {
    const w = (await create({ name: '错密钥', url: `${base}/robot/send?access_token=x`, format: 'dingtalk', secret: 'SECwrong', events: ['overdue'] })).json();
    const g = (await create({ name: '错密钥通用', url: `${base}/hook`, format: 'generic', secret: 'wrong', events: ['overdue'] })).json();
    await notify({ db: db() }, { kind: 'overdue', regionId: fx.unitIds.get('R1')!, userIds: [], title: '逾期', body: '协调事项逾期' });
    // a millisecond on: the queued row's next_attempt_at has microseconds, Date only milliseconds
    const t0 = new Date(Date.now() + 1);
    expect(await deliverDue(db(), { now: () => t0 })).toMatchObject({ attempted: 2, delivered: 0, retrying: 2 });
    expect(received.map((x) => x.verified)).toEqual([false, false]);
    const list = (await t.call('GET', '/api/webhooks/deliveries', { cookie: admin })).json().items;
    expect(list.find((d: { webhookId: number }) => d.webhookId === w.id)).toMatchObject({ status: 'pending', lastStatusCode: 200, lastError: 'errcode 310000: sign not match' });
    expect(list.find((d: { webhookId: number }) => d.webhookId === g.id)).toMatchObject({ status: 'pending', lastStatusCode: 401, lastError: 'HTTP 401' });
  });

  it('retries with exponential backoff on the worker’s clock, and gives up after the last attempt', async () => {
    const w = (await create({ name: '忙碌接收端', url: `${base}/hook`, format: 'generic', secret: GENERIC_SECRET, events: ['assignment'] })).json();
    await notify({ db: db() }, { kind: 'assignment', regionId: fx.unitIds.get('R1')!, userIds: [], title: '指派', body: '新项目' });
    failNext = 2;
    // a millisecond on: the queued row's next_attempt_at has microseconds, Date only milliseconds
    const t0 = new Date(Date.now() + 1);
    const at = (ms: number) => () => new Date(t0.getTime() + ms);
    const row = async () => (await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, w.id)))[0]!;

    expect(await deliverDue(db(), { now: at(0) })).toMatchObject({ attempted: 1, retrying: 1 });
    expect((await row()).nextAttemptAt).toEqual(new Date(t0.getTime() + 30_000));
    expect((await row()).lastError).toBe('HTTP 503: busy');
    // not due before its time
    expect((await deliverDue(db(), { now: at(29_000) })).attempted).toBe(0);
    expect(await deliverDue(db(), { now: at(30_000) })).toMatchObject({ attempted: 1, retrying: 1 });
    expect((await row()).nextAttemptAt).toEqual(new Date(t0.getTime() + 30_000 + 60_000));
    expect((await deliverDue(db(), { now: at(89_000) })).attempted).toBe(0);
    expect(await deliverDue(db(), { now: at(90_000) })).toMatchObject({ attempted: 1, delivered: 1 });
    const done = await row();
    expect([done.status, done.attempts, done.lastStatusCode, done.lastError]).toEqual(['delivered', 3, 204, null]);
    expect(done.deliveredAt).toEqual(new Date(t0.getTime() + 90_000));
    expect(received).toHaveLength(3);
    expect(received.every((x) => x.verified)).toBe(true);
    expect([1, 2, 3, 4, 8].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3_840_000]);

    // a receiver that never recovers: MAX_ATTEMPTS attempts, then failed for good
    await notify({ db: db() }, { kind: 'assignment', regionId: fx.unitIds.get('R1')!, userIds: [], title: '指派2', body: '新项目' });
    failNext = 1000;
    let clock = t0.getTime() + 100_000;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const rep = await deliverDue(db(), { now: () => new Date(clock) });
      expect(rep.attempted).toBe(1);
      clock += backoffMs(i + 1);
    }
    const [last] = await db().select().from(webhookDeliveries).where(sql`${webhookDeliveries.payload}->>'title' = '指派2'`);
    expect([last!.status, last!.attempts]).toEqual(['failed', MAX_ATTEMPTS]);
    expect((await deliverDue(db(), { now: () => new Date(clock + 86400_000) })).attempted).toBe(0);

    // an admin puts it back in the queue
    failNext = 0;
    const retried = await t.call('POST', `/api/webhooks/deliveries/${last!.id}/retry`, { cookie: admin });
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    expect(await deliverDue(db())).toMatchObject({ delivered: 1 });
    expect((await t.call('POST', `/api/webhooks/deliveries/${last!.id}/retry`, { cookie: admin })).statusCode).toBe(409);
  });

  it('two workers draining one queue post each delivery once (FOR UPDATE SKIP LOCKED)', async () => {
    await create({ name: '并发', url: `${base}/hook`, format: 'generic', secret: GENERIC_SECRET, events: ['overdue'] });
    for (let i = 0; i < 12; i++) await notify({ db: db() }, { kind: 'overdue', regionId: fx.unitIds.get('R1')!, userIds: [], title: `并发${i}`, body: '' });
    const reports = await Promise.all([deliverDue(db(), { limit: 5 }), deliverDue(db(), { limit: 5 }), deliverDue(db(), { limit: 5 })]);
    const again = await deliverDue(db(), { limit: 20 });
    expect(reports.reduce((n, r) => n + r.delivered, 0) + again.delivered).toBe(12);
    const ids = received.map((r) => r.headers['x-wutong-delivery']);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
  });

  it('a request that hangs times out and counts as a failed attempt', async () => {
    const hang = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => hang.listen(0, '127.0.0.1', r));
    try {
      await create({ name: '无响应', url: `http://127.0.0.1:${(hang.address() as AddressInfo).port}/x`, format: 'generic', events: ['overdue'] });
      await notify({ db: db() }, { kind: 'overdue', regionId: fx.unitIds.get('R1')!, userIds: [], title: '超时', body: '' });
      expect(await deliverDue(db(), { timeoutMs: 200 })).toMatchObject({ attempted: 1, retrying: 1 });
      const [d] = await db().select().from(webhookDeliveries).where(sql`${webhookDeliveries.payload}->>'title' = '超时'`);
      expect(d!.lastError).toBe('timeout after 200 ms');
    } finally {
      hang.closeAllConnections();
      await new Promise((r) => hang.close(r));
    }
  });

  it('"send test" posts at once and answers with the delivery; out-of-region ids are 404', async () => {
    const w = (await create({ name: '测试', url: `${base}/robot/send?access_token=t`, format: 'dingtalk', secret: DING_SECRET, events: ['overdue'] })).json();
    const res = await t.call('POST', `/api/webhooks/${w.id}/test`, { cookie: admin });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().delivery).toMatchObject({ webhookId: w.id, event: 'test', status: 'delivered', attempts: 1, lastStatusCode: 200 });
    expect(received).toHaveLength(1);
    expect(received[0]!.verified).toBe(true);
    expect((received[0]!.json.markdown as { text: string }).text).toContain('【测试消息】');
    // a failing test is reported, not retried
    failNext = 1;
    const failed = await t.call('POST', `/api/webhooks/${w.id}/test`, { cookie: admin });
    expect(failed.json().delivery).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 503 });
    const r2hook = fx.records.get('webhook')!.find((r) => r.unit === 'R2')!.id;
    expect((await t.call('POST', `/api/webhooks/${r2hook}/test`, { cookie: admin })).statusCode).toBe(404);
  });
});
