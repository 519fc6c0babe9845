import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { notifications, queryRows, users, webhookDeliveries } from '@wutong/db';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { FIXTURE_PASSWORD, seedScopeFixture, type Fixture } from '../../testing/scope-fixture.js';
import { notify } from './notify.js';

describe('notifications', () => {
  let t: TestApp;
  let fx: Fixture;
  const db = () => t.database.db;
  const uid = (username: string) => fx.users.find((u) => u.username === username)!.id;
  const cookies = new Map<string, string>();
  const as = async (username: string) => {
    if (!cookies.has(username)) cookies.set(username, await t.login(username, FIXTURE_PASSWORD));
    return cookies.get(username)!;
  };

  beforeAll(async () => {
    t = await startTestApp(async (d) => {
      fx = await seedScopeFixture(d);
    });
  });
  afterAll(() => t?.close());

  it('accepting a lead with an owner notifies that owner, in the same transaction, and queues the webhook', async () => {
    const lead = fx.records.get('project')!.find((p) => p.unit === 'T1')!.id;
    const before = (await t.call('GET', '/api/notifications', { cookie: await as('t1_promoter') })).json();
    const res = await t.call('POST', `/api/projects/${lead}/accept`, {
      cookie: await as('r1_manager'),
      body: { unitId: fx.unitIds.get('T1'), ownerUserId: uid('t1_promoter'), note: '请本周内首次拜访' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = (await t.call('GET', '/api/notifications', { cookie: await as('t1_promoter') })).json();
    expect(after.unread).toBe(before.unread + 1);
    expect(after.items[0]).toMatchObject({
      kind: 'assignment',
      title: '新项目指派：项目«T1»',
      link: `/projects/${lead}`,
      entity: 'project',
      entityId: lead,
      readAt: null,
    });
    expect(after.items[0].body).toContain('请本周内首次拜访');
    // the R1 fixture webhook subscribes to assignments: one delivery queued with the event
    const queued = await queryRows<{ title: string }>(db(), sql`select payload->>'title' as title from webhook_deliveries where event = 'assignment' and status = 'pending'`);
    expect(queued).toEqual([{ title: '新项目指派：项目«T1»' }]);

    // a refused command leaves no notification behind
    const count = (await db().select().from(notifications)).length;
    const refused = await t.call('POST', `/api/projects/${lead}/accept`, { cookie: await as('r1_manager'), body: { unitId: fx.unitIds.get('T1'), ownerUserId: uid('t1_promoter') } });
    expect(refused.statusCode).toBe(409);
    expect((await db().select().from(notifications)).length).toBe(count);
  });

  it('lists only my own, with the unread count, newest first, in keyset pages', async () => {
    const me = uid('t2_promoter');
    const region = fx.unitIds.get('R1')!;
    for (let i = 1; i <= 5; i++) {
      await notify({ db: db() }, { kind: i % 2 ? 'overdue' : 'red_light', regionId: region, userIds: [me], title: `第${i}条`, body: '', webhook: false });
    }
    const cookie = await as('t2_promoter');
    const p1 = (await t.call('GET', '/api/notifications?limit=2', { cookie })).json();
    expect(p1.items.map((n: { title: string }) => n.title)).toEqual(['第5条', '第4条']);
    expect(p1.unread).toBe(6); // five plus the fixture's
    const p2 = (await t.call('GET', `/api/notifications?limit=2&before=${p1.nextBefore}`, { cookie })).json();
    expect(p2.items.map((n: { title: string }) => n.title)).toEqual(['第3条', '第2条']);
    const p3 = (await t.call('GET', `/api/notifications?limit=2&before=${p2.nextBefore}`, { cookie })).json();
    expect(p3.items.map((n: { title: string }) => n.title)).toEqual(['第1条', '通知«T2»‹t2_promoter›']);
    expect(p3.nextBefore).toBeNull();
    const overdue = (await t.call('GET', '/api/notifications?kind=overdue', { cookie })).json();
    expect(overdue.items.map((n: { title: string }) => n.title)).toEqual(['第5条', '第3条', '第1条']);
    // nobody else's shows, not even to a region-wide admin
    const adminList = (await t.call('GET', '/api/notifications?limit=100', { cookie: await as('r1_admin') })).json();
    expect(adminList.items.map((n: { title: string }) => n.title)).toEqual(['通知«R1»‹r1_admin›']);
    expect((await t.call('GET', '/api/notifications?limit=0', { cookie })).json().fields).toHaveProperty('limit');
  });

  it('marks one or all read — only my own; another user’s is 404 and stays unread', async () => {
    const cookie = await as('t2_promoter');
    const list = (await t.call('GET', '/api/notifications', { cookie })).json();
    const first = list.items[0];
    const read = await t.call('POST', `/api/notifications/${first.id}/read`, { cookie });
    expect(read.json()).toEqual({ unread: list.unread - 1 });
    // reading twice keeps the first read time
    const [row1] = await db().select().from(notifications).where(eq(notifications.id, first.id));
    await t.call('POST', `/api/notifications/${first.id}/read`, { cookie });
    const [row2] = await db().select().from(notifications).where(eq(notifications.id, first.id));
    expect(row2!.readAt).toEqual(row1!.readAt);

    // the same unit's other promoter's, and an admin's: refused like a missing one
    const other = (await db().select().from(notifications).where(eq(notifications.userId, uid('member_t2'))))[0]!;
    for (const who of ['t2_promoter', 'r1_admin']) {
      const res = await t.call('POST', `/api/notifications/${other.id}/read`, { cookie: await as(who) });
      expect(res.statusCode).toBe(404);
    }
    expect((await t.call('POST', '/api/notifications/99999999/read', { cookie })).statusCode).toBe(404);
    expect((await db().select().from(notifications).where(eq(notifications.id, other.id)))[0]!.readAt).toBeNull();

    expect((await t.call('POST', '/api/notifications/read-all', { cookie })).json()).toEqual({ unread: 0 });
    expect((await t.call('GET', '/api/notifications/unread', { cookie })).json()).toEqual({ unread: 0 });
    expect((await t.call('GET', '/api/notifications?unread=1', { cookie })).json().items).toEqual([]);
    // someone else's unread are untouched
    expect((await t.call('GET', '/api/notifications/unread', { cookie: await as('t1_promoter') })).json().unread).toBeGreaterThan(0);
  });

  it('notify skips users outside the region and inactive ones, and a dedupe key holds per user', async () => {
    const region = fx.unitIds.get('R1')!;
    await db().update(users).set({ active: false }).where(eq(users.id, uid('member_t1c')));
    const e = { kind: 'red_light' as const, regionId: region, title: '红灯', body: '', dedupeKey: 'test:dedupe:1', webhook: false };
    const r = await notify({ db: db() }, { ...e, userIds: [uid('member_t1'), uid('member_t1'), uid('member_r2t'), uid('member_t1c')] });
    expect(r).toEqual({ notified: 1, queued: 0 });
    const again = await notify({ db: db() }, { ...e, userIds: [uid('member_t1'), uid('member_t2')] });
    expect(again).toEqual({ notified: 1, queued: 0 });
    const rows = await db().select({ userId: notifications.userId }).from(notifications).where(eq(notifications.dedupeKey, 'test:dedupe:1'));
    expect(rows.map((x) => x.userId).sort()).toEqual([uid('member_t1'), uid('member_t2')].sort());
    // the webhook side dedupes by the same key
    const w = await notify({ db: db() }, { kind: 'overdue', regionId: region, userIds: [], title: 'x', body: '', dedupeKey: 'test:dedupe:2' });
    const w2 = await notify({ db: db() }, { kind: 'overdue', regionId: region, userIds: [], title: 'x', body: '', dedupeKey: 'test:dedupe:2' });
    expect([w.queued, w2.queued]).toEqual([1, 0]);
    expect((await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.dedupeKey, 'test:dedupe:2'))).length).toBe(1);
  });
});
