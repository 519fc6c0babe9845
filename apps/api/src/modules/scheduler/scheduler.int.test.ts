import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { jobRuns, jobSchedules, notifications, queryRows, webhookDeliveries } from '@wutong/db';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { FIXTURE_PASSWORD, seedScopeFixture, type Fixture } from '../../testing/scope-fixture.js';
import { tick, executeRun, rerun } from './scheduler.js';
import { getJob } from '../../platform/jobs.js';
import { createEffectsTable, effects, registerTestJob } from './testing/test-job.js';
import { parsePeriodKey, shanghaiDate } from '@wutong/contracts';

const NOW = new Date('2026-03-10T04:00:00Z'); // 12:00 in Shanghai
const at = (ms: number) => () => new Date(NOW.getTime() + ms);
const MIN = 60_000;

describe('scheduler', () => {
  let t: TestApp;
  let fx: Fixture;
  let admin: string;
  let r2admin: string;
  let promoter: string;
  const db = () => t.database.db;
  const database = () => ({ db: t.database.db, kind: t.database.kind });

  async function setSchedule(job: string, cron: string, enabledSince: Date, enabled = true) {
    await db()
      .insert(jobSchedules)
      .values({ job, cron, enabled, enabledSince })
      .onConflictDoUpdate({ target: jobSchedules.job, set: { cron, enabled, enabledSince } });
  }
  const runsOf = (job: string) => db().select().from(jobRuns).where(eq(jobRuns.job, job)).orderBy(jobRuns.periodKey);

  beforeAll(async () => {
    t = await startTestApp(async (d) => {
      fx = await seedScopeFixture(d);
    });
    await createEffectsTable(db());
    admin = await t.login('r1_admin', FIXTURE_PASSWORD);
    r2admin = await t.login('r2_admin', FIXTURE_PASSWORD);
    promoter = await t.login('t1_promoter', FIXTURE_PASSWORD);
  });
  afterAll(() => t?.close());

  it('catches up missed periods once, oldest first, and a second tick does nothing', async () => {
    registerTestJob('test.catchup');
    await setSchedule('test.catchup', '0 0 * * *', new Date('2026-03-05T02:00:00Z'));
    const first = await tick(database(), { only: ['test.catchup'], now: at(0), instance: 'A' });
    expect(first.runs.map((r) => [r.periodKey, r.status, r.trigger])).toEqual([
      ['2026-03-06', 'succeeded', 'catchup'],
      ['2026-03-07', 'succeeded', 'catchup'],
      ['2026-03-08', 'succeeded', 'catchup'],
      ['2026-03-09', 'succeeded', 'catchup'],
      ['2026-03-10', 'succeeded', 'schedule'],
    ]);
    const second = await tick(database(), { only: ['test.catchup'], now: at(MIN), instance: 'B' });
    expect(second.runs).toEqual([]);
    const runs = await runsOf('test.catchup');
    expect(runs.map((r) => [r.periodKey, r.status, r.attempts, r.instance])).toEqual(
      ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10'].map((k) => [k, 'succeeded', 1, 'A']),
    );
    expect(runs[4]!.result).toEqual({ period: '2026-03-10', attempt: 1 });
    expect((await effects(db(), 'test.catchup')).map((e) => e.periodKey)).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    // the next day's midnight makes the next period due
    const next = await tick(database(), { only: ['test.catchup'], now: () => new Date('2026-03-10T16:00:01Z'), instance: 'A' });
    expect(next.runs.map((r) => r.periodKey)).toEqual(['2026-03-11']);
  });

  it('records a failure with its error, rolls back what the run wrote, and retries after the backoff', async () => {
    registerTestJob('test.flaky', { failTimes: 1 });
    await setSchedule('test.flaky', '0 0 * * *', NOW);
    const first = await tick(database(), { only: ['test.flaky'], now: at(0), instance: 'A' });
    expect(first.runs.map((r) => [r.periodKey, r.status])).toEqual([['2026-03-10', 'failed']]);
    let [run] = await runsOf('test.flaky');
    expect(run!.status).toBe('failed');
    expect(run!.error).toMatch(/^planned failure of attempt 1/);
    expect(run!.finishedAt).not.toBeNull();
    expect(await effects(db(), 'test.flaky')).toEqual([]);

    // before the first backoff (5 min) nothing happens
    expect((await tick(database(), { only: ['test.flaky'], now: at(4 * MIN), instance: 'A' })).runs).toEqual([]);
    const retry = await tick(database(), { only: ['test.flaky'], now: at(6 * MIN), instance: 'B' });
    expect(retry.runs.map((r) => [r.status, r.trigger])).toEqual([['succeeded', 'retry']]);
    [run] = await runsOf('test.flaky');
    expect([run!.status, run!.attempts, run!.instance, run!.error]).toEqual(['succeeded', 2, 'B', null]);
    expect(await effects(db(), 'test.flaky')).toEqual([{ periodKey: '2026-03-10', instance: 'B', attempt: 2 }]);
  });

  it('stops retrying after maxAttempts, and the failure shows in the admin lists', async () => {
    registerTestJob('test.broken', { failTimes: 99 });
    await setSchedule('test.broken', '0 0 * * *', NOW);
    for (const m of [0, 10, 30, 60, 120]) await tick(database(), { only: ['test.broken'], now: at(m * MIN), instance: 'A', maxAttempts: 3 });
    const [run] = await runsOf('test.broken');
    expect([run!.status, run!.attempts]).toEqual(['failed', 3]);

    const failed = (await t.call('GET', '/api/scheduler/runs?status=failed', { cookie: admin })).json();
    expect(failed.items.map((r: { job: string }) => r.job)).toContain('test.broken');
    expect(failed.items.every((r: { status: string }) => r.status === 'failed')).toBe(true);
    const jobs = (await t.call('GET', '/api/scheduler/jobs', { cookie: admin })).json();
    const broken = jobs.items.find((j: { name: string }) => j.name === 'test.broken');
    expect(broken.failedRuns).toBe(1);
    expect(broken.lastRun.error).toMatch(/planned failure of attempt 3/);
    expect(jobs.timezone).toBe('Asia/Shanghai');
  });

  it('re-runs a period by hand through the API: one claim, attempts + 1, audited', async () => {
    registerTestJob('test.manual', { failTimes: 1 });
    await setSchedule('test.manual', '0 0 * * *', NOW);
    await tick(database(), { only: ['test.manual'], now: at(0), instance: 'A' });
    expect((await runsOf('test.manual'))[0]!.status).toBe('failed');

    const res = await t.call('POST', '/api/scheduler/runs/rerun', { cookie: admin, body: { job: 'test.manual', period: '2026-03-10' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ job: 'test.manual', periodKey: '2026-03-10', status: 'succeeded', attempts: 2, trigger: 'manual', error: null });
    expect(await effects(db(), 'test.manual')).toHaveLength(1);
    // a period that never ran is run by hand too
    const fresh = await t.call('POST', '/api/scheduler/runs/rerun', { cookie: admin, body: { job: 'test.manual', period: '2026-02-01' } });
    expect(fresh.json()).toMatchObject({ periodKey: '2026-02-01', attempts: 1, status: 'failed' });
    expect(fresh.json().error).toMatch(/planned failure/);

    const [audit] = await queryRows<{ action: string; after: { job: string; period: string; attempt: number } }>(
      db(),
      sql`select action, after from audit_log where entity = 'job_run' order by id limit 1`,
    );
    expect(audit).toEqual({ action: 'rerun', after: { job: 'test.manual', period: '2026-03-10', attempt: 2 } });
  });

  it('refuses bad re-runs with the field named, and non-admins', async () => {
    const bad = async (body: unknown) => (await t.call('POST', '/api/scheduler/runs/rerun', { cookie: admin, body })).json();
    expect((await bad({ job: 'test.manual', period: '2026-3-1' })).fields).toHaveProperty('period');
    expect((await bad({ job: 'test.manual', period: '2026-03' })).fields).toHaveProperty('period');
    expect((await bad({ job: 'no.such.job', period: '2026-03-01' })).fields).toHaveProperty('job');
    const future = await t.call('POST', '/api/scheduler/runs/rerun', { cookie: admin, body: { job: 'test.manual', period: '2099-01-01' } });
    expect(future.statusCode).toBe(400);
    expect(future.json().fields).toHaveProperty('period');
    expect((await t.call('POST', '/api/scheduler/runs/rerun', { cookie: promoter, body: { job: 'test.manual', period: '2026-03-10' } })).statusCode).toBe(403);
    expect((await t.call('GET', '/api/scheduler/runs', { cookie: promoter })).statusCode).toBe(403);
  });

  it('takes over a run whose instance died, and leaves a live one alone', async () => {
    registerTestJob('test.takeover');
    await setSchedule('test.takeover', '0 0 * * *', NOW, false);
    const base = { job: 'test.takeover', status: 'running', trigger: 'schedule', instance: 'dead' };
    await db()
      .insert(jobRuns)
      .values([
        { ...base, periodKey: '2026-03-08', periodStart: '2026-03-08', periodEnd: '2026-03-08', startedAt: new Date(NOW.getTime() - 60 * MIN), heartbeatAt: new Date(NOW.getTime() - 30 * MIN) },
        { ...base, instance: 'alive', periodKey: '2026-03-09', periodStart: '2026-03-09', periodEnd: '2026-03-09', startedAt: new Date(NOW.getTime() - 60 * MIN), heartbeatAt: new Date(NOW.getTime() - MIN) },
      ]);
    // a disabled job is not taken over either
    expect((await tick(database(), { only: ['test.takeover'], now: at(0), instance: 'B' })).runs).toEqual([]);
    await db().update(jobSchedules).set({ enabled: true }).where(eq(jobSchedules.job, 'test.takeover'));
    const report = await tick(database(), { only: ['test.takeover'], now: at(0), instance: 'B' });
    // 2026-03-10 is due by the schedule; 03-08 is taken over; 03-09 keeps its live owner
    expect(report.runs.map((r) => [r.periodKey, r.status, r.trigger]).sort()).toEqual([
      ['2026-03-08', 'succeeded', 'takeover'],
      ['2026-03-10', 'succeeded', 'schedule'],
    ]);
    const runs = await runsOf('test.takeover');
    expect(runs.map((r) => [r.periodKey, r.status, r.attempts, r.instance])).toEqual([
      ['2026-03-08', 'succeeded', 2, 'B'],
      ['2026-03-09', 'running', 1, 'alive'],
      ['2026-03-10', 'succeeded', 1, 'B'],
    ]);
  });

  it('rolls a run back when another instance took it over meanwhile', async () => {
    // the job itself plays the other instance: it moves the claim away inside the run
    const job = registerTestJob('test.lost', {
      during: async (tx, { runId }) => {
        await tx.update(jobRuns).set({ instance: 'intruder', attempts: 2 }).where(eq(jobRuns.id, runId));
      },
    });
    const [claimed] = await db()
      .insert(jobRuns)
      .values({ job: 'test.lost', periodKey: '2026-03-10', periodStart: '2026-03-10', periodEnd: '2026-03-10', status: 'running', trigger: 'schedule', instance: 'A', startedAt: NOW, heartbeatAt: NOW })
      .returning();
    const outcome = await executeRun(database(), job, { id: claimed!.id, job: 'test.lost', periodKey: '2026-03-10', attempts: 1, trigger: 'schedule', instance: 'A' }, {
      instance: 'A',
      now: at(0),
      maxCatchUp: 12,
      leaseMs: 5 * MIN,
      heartbeatMs: 30_000,
      maxAttempts: 3,
      retryBaseMs: 5 * MIN,
      log: () => {},
    });
    expect(outcome.status).toBe('lost');
    expect(await effects(db(), 'test.lost')).toEqual([]);
    const [run] = await runsOf('test.lost');
    expect([run!.status, run!.instance, run!.attempts]).toEqual(['running', 'A', 1]);
  });

  it('edits schedules: croner validates the expression, disabling stops runs, re-enabling starts catch-up afresh', async () => {
    registerTestJob('test.edit');
    const bad = await t.call('PUT', '/api/scheduler/jobs/test.edit', { cookie: admin, body: { cron: '61 * * * *' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.cron).toBe('定时表达式不正确：分钟超出取值范围（0–59）');
    const badEn = await t.call('PUT', '/api/scheduler/jobs/test.edit', { cookie: admin, body: { cron: '* * *' }, headers: { 'accept-language': 'en-US' } });
    expect(badEn.json().fields.cron).toMatch(/^Invalid cron expression: use 5 space-separated fields/);
    const never = await t.call('PUT', '/api/scheduler/jobs/test.edit', { cookie: admin, body: { cron: '0 0 31 2 *' } });
    expect(never.statusCode).toBe(400);
    expect(never.json().fields).toHaveProperty('cron');
    expect((await t.call('PUT', '/api/scheduler/jobs/no.such', { cookie: admin, body: { enabled: false } })).statusCode).toBe(404);
    expect((await t.call('PUT', '/api/scheduler/jobs/test.edit', { cookie: promoter, body: { enabled: false } })).statusCode).toBe(403);

    const off = await t.call('PUT', '/api/scheduler/jobs/test.edit', { cookie: admin, body: { cron: '30 7 * * 1-5', enabled: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ name: 'test.edit', cron: '30 7 * * 1-5', enabled: false, nextRunAt: null });
    expect((await tick(database(), { only: ['test.edit'], now: at(0) })).runs).toEqual([]);
    await db().update(jobSchedules).set({ enabledSince: new Date('2026-01-01T00:00:00Z') }).where(eq(jobSchedules.job, 'test.edit'));
    const on = await t.call('PUT', '/api/scheduler/jobs/test.edit', { cookie: admin, body: { enabled: true } });
    expect(on.json().enabled).toBe(true);
    expect(Date.parse(on.json().enabledSince)).toBeGreaterThan(Date.parse('2026-01-02T00:00:00Z'));
    expect(on.json().nextRunAt).toMatch(/T23:30:00\.000Z$/); // 07:30 Shanghai
    const [audit] = await queryRows<{ before: unknown; after: unknown }>(db(), sql`select before, after from audit_log where entity = 'job_schedule' order by id desc limit 1`);
    expect(audit).toEqual({ before: { cron: '30 7 * * 1-5', enabled: false }, after: { cron: '30 7 * * 1-5', enabled: true } });
  });

  it('lights.daily: red-light projects notify their owner and unit heads once per project per day; webhooks get one digest per region', async () => {
    // sixty days on, every open fixture project has had no activity for 30 days: red
    const later = new Date(Date.now() + 60 * 86400_000);
    const key = shanghaiDate(later);
    await setSchedule('lights.daily', '0 0 * * *', new Date(later.getTime() - 3600_000));
    const report = await tick(database(), { only: ['lights.daily'], now: () => later, instance: 'A' });
    expect(report.runs.map((r) => [r.periodKey, r.status])).toEqual([[key, 'succeeded']]);

    const got = await queryRows<{ username: string; title: string; link: string }>(
      db(),
      sql`select u.username, n.title, n.link from notifications n join users u on u.id = n.user_id where n.kind = 'red_light' order by u.username, n.id`,
    );
    const titles = (username: string) => got.filter((g) => g.username === username).map((g) => g.title);
    // the owner of T1's project, and T1's head; T1C's project goes to T1C's head
    expect(titles('member_t1')).toContain('红灯预警：项目«T1»');
    expect(titles('t1_head')).toContain('红灯预警：项目«T1»');
    expect(titles('t1_head')).not.toContain('红灯预警：项目«T1C»');
    expect(titles('t1c_head_promoter')).toContain('红灯预警：项目«T1C»');
    const r2tProject = fx.records.get('project')!.find((p) => p.unit === 'R2T')!.id;
    expect(got.filter((g) => g.username === 'member_r2t').map((g) => g.link)).toContain(`/projects/${r2tProject}`);
    // neither owner nor head: nothing
    expect(titles('r1_admin')).toEqual([]);
    expect(titles('t1_promoter')).toEqual([]);

    // one digest per region went to the region's webhook queue, nothing per project
    const open = async (region: string) =>
      (
        await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from projects where region_id = ${fx.unitIds.get(region)!} and intake in ('pending', 'accepted')
              and stage in ('lead', 'negotiating', 'signed', 'registered', 'construction')`,
        )
      )[0]!.n;
    const queued = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.status, 'pending'));
    expect(queued.map((d) => (d.payload as { title: string }).title).sort()).toEqual([
      `单位«R1» ${key} 红灯项目 ${await open('R1')} 个`,
      `单位«R2» ${key} 红灯项目 ${await open('R2')} 个`,
    ]);

    // re-running the day adds nothing: once per project per day, one digest per day
    const count = async () => (await db().select({ id: notifications.id }).from(notifications)).length;
    const before = [await count(), (await db().select().from(webhookDeliveries)).length];
    const again = await rerun(database(), getJob('lights.daily')!, parsePeriodKey('day', key)!, { now: () => later, instance: 'B' });
    expect(again.status).toBe('succeeded');
    expect([await count(), (await db().select().from(webhookDeliveries)).length]).toEqual(before);
    expect((await runsOf('lights.daily')).filter((r) => r.periodKey === key).map((r) => [r.periodKey, r.attempts, r.trigger])).toEqual([[key, 2, 'manual']]);
    // the next day notifies again
    const nextDay = new Date(later.getTime() + 86400_000);
    await tick(database(), { only: ['lights.daily'], now: () => nextDay, instance: 'A' });
    expect(titles('member_t1').length).toBeGreaterThan(0);
    expect(await count()).toBeGreaterThan(before[0]!);

    // each admin sees only their own region's part of the result
    const r1 = (await t.call('GET', '/api/scheduler/runs?job=lights.daily', { cookie: admin })).json().items;
    const r2 = (await t.call('GET', '/api/scheduler/runs?job=lights.daily', { cookie: r2admin })).json().items;
    const regionsOf = (items: { periodKey: string; result: { regions: Record<string, unknown> } }[]) => items.find((r) => r.periodKey === key)!.result.regions;
    const R1 = String(fx.unitIds.get('R1'));
    expect(Object.keys(regionsOf(r1))).toEqual([R1]);
    // the result is the re-run's: the same red lights, nobody notified twice
    expect(regionsOf(r1)[R1]).toEqual({ red: await open('R1'), notified: 0, queued: 0 });
    expect(Object.keys(regionsOf(r2))).toEqual([String(fx.unitIds.get('R2'))]);
  });
});
