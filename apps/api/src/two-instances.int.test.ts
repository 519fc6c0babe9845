import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { jobSchedules, openDatabase, queryRows, runMigrations, type Database } from '@wutong/db';
import { loadIndustries } from './seeds/industries.js';
import { DEMO_PASSWORD, seedDemo } from './seeds/demo.js';
import { createEffectsTable } from './modules/scheduler/testing/test-job.js';
import { shanghaiDate, shanghaiMidnight } from '@wutong/contracts';

/**
 * Two app processes on one PostgreSQL database behind a round-robin proxy, as a district runs
 * Wutong for availability: a session made on one instance works on the other, and a sign-out on
 * one holds on the other at once; a write on either drops the list pages both keep in memory; the
 * scheduler of both runs each (job, period) once. Needs the PostgreSQL server.
 */
const url = process.env.TEST_DATABASE_URL;
const why = !url ? 'TEST_DATABASE_URL is not set' : process.env.WUTONG_TEST_DB === 'pglite' ? 'runs in the PostgreSQL pass' : null;
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const INSTANCE = resolve(fileURLToPath(import.meta.url), '../testing/app-instance.ts');
const JOB = 'test.two-instances.day';
const DAYS = 10;
const CLIENT = '198.51.100.77';

type Answer = { status: number; body: unknown; servedBy: string; setCookie: string[] };

describe.skipIf(!!why)(`two app instances on one PostgreSQL behind a round-robin${why ? ` (skipped: ${why})` : ''}`, () => {
  const name = `wutong_t_two_${process.pid}_${randomBytes(3).toString('hex')}`;
  let dbUrl: string;
  let database: Database;
  const children: ChildProcess[] = [];
  const ports: Record<string, number> = {};
  let proxy: Server;
  let proxyPort: number;

  function startInstance(instance: string): Promise<number> {
    const child = spawn(process.execPath, ['--import', 'tsx', INSTANCE, dbUrl, instance, String(DAYS + 2)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    let err = '';
    child.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    return new Promise((res, rej) => {
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /"ready":"\w+","port":(\d+)/.exec(out);
        if (m) res(Number(m[1]));
      });
      child.on('exit', (code) => rej(new Error(`${instance} exited ${code}: ${err}`)));
    });
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();
    const u = new URL(url!);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    database = await openDatabase({ url: dbUrl, poolSize: 3 });
    await runMigrations(database);
    await loadIndustries(database.db);
    await seedDemo(database.db, undefined, true);
    await createEffectsTable(database.db);
    await database.db.execute(sql`create table scheduler_test_gate (id int)`);
    // the job missed its last DAYS days: enabled shortly after a midnight DAYS days ago
    const enabledSince = new Date(shanghaiMidnight(shanghaiDate(new Date(Date.now() - DAYS * 86400_000))).getTime() + 3600_000);
    await database.db.insert(jobSchedules).values({ job: JOB, cron: '0 0 * * *', enabledSince });

    [ports.A, ports.B] = await Promise.all([startInstance('A'), startInstance('B')]);
    // the round-robin: A, B, A, B…; it names the client like a reverse proxy does, and says who answered
    let turn = 0;
    proxy = createServer((req, res) => {
      const to = turn++ % 2 === 0 ? 'A' : 'B';
      const up = request(
        { host: '127.0.0.1', port: ports[to], method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': CLIENT, 'x-forwarded-proto': 'https' } },
        (r) => {
          res.writeHead(r.statusCode!, { ...r.headers, 'x-served-by': to });
          r.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    proxyPort = (proxy.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.on('exit', r)) : null)));
    proxy?.close();
    await database?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  async function call(to: 'proxy' | 'A' | 'B', method: string, path: string, opts: { cookie?: string; body?: unknown } = {}): Promise<Answer> {
    const port = to === 'proxy' ? proxyPort : ports[to];
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}) },
      ...(method !== 'GET' ? { body: JSON.stringify(opts.body ?? {}) } : {}),
    });
    return { status: res.status, body: await res.json(), servedBy: res.headers.get('x-served-by') ?? to, setCookie: res.headers.getSetCookie() };
  }

  /** A change another instance announced arrives within moments: ask again a bounded number of times. */
  async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
    let v = await read();
    for (let i = 0; i < 100 && !ok(v); i++) {
      await new Promise((r) => setTimeout(r, 20));
      v = await read();
    }
    return v;
  }

  it('shares sessions, drops kept pages on both after a write on either, and runs each (job, period) once', async () => {
    // ── sessions: made on A, honoured on B; a sign-out on B holds on A
    const login = await call('proxy', 'POST', '/api/auth/login', { body: { username: 'manager', password: DEMO_PASSWORD } });
    expect([login.status, login.servedBy]).toEqual([200, 'A']);
    const session = login.setCookie.find((c) => c.startsWith('wutong_session='))!;
    expect(session).toMatch(/; Secure/i); // https, as the trusted proxy says
    const cookie = session.split(';')[0]!;
    const me = [await call('proxy', 'GET', '/api/auth/me', { cookie }), await call('proxy', 'GET', '/api/auth/me', { cookie })];
    expect(me.map((m) => [m.status, m.servedBy])).toEqual([
      [200, 'B'],
      [200, 'A'],
    ]);
    const [row] = await queryRows<{ ip: string }>(database.db, sql`select ip from sessions s join users u on u.id = s.user_id where u.username = 'manager'`);
    expect(row!.ip).toBe(CLIENT);
    const out = await call('proxy', 'POST', '/api/auth/logout', { cookie });
    expect([out.status, out.servedBy]).toEqual([200, 'B']);
    // A had this caller in memory a moment ago: the sign-out on B reaches it through the change feed
    expect((await eventually(() => call('A', 'GET', '/api/auth/me', { cookie }), (a) => a.status === 401)).status).toBe(401);

    // ── the read cache: both keep the page; a write on either drops it on both
    const manager = (await call('proxy', 'POST', '/api/auth/login', { body: { username: 'manager', password: DEMO_PASSWORD } })).setCookie[0]!.split(';')[0]!;
    const LIST = '/api/projects?sort=reportedAt&dir=desc&limit=5';
    const first = async (to: 'A' | 'B') => ((await call(to, 'GET', LIST, { cookie: manager })).body as { items: { id: number; name: string }[] }).items[0]!;
    const p = await first('A');
    expect((await first('B')).name).toBe(p.name);
    // a write that announces nothing: both still answer from memory, which proves both keep the page
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update projects set name = ${`${p.name}·静默`} where id = ${p.id}`);
    });
    expect([(await first('A')).name, (await first('B')).name]).toEqual([p.name, p.name]);
    // a command on A: A reads its own write at once, B as soon as the announcement arrives
    expect((await call('A', 'PATCH', `/api/projects/${p.id}`, { cookie: manager, body: { name: `${p.name}·甲` } })).status).toBe(200);
    expect((await first('A')).name).toBe(`${p.name}·甲`);
    expect((await eventually(() => first('B'), (x) => x.name === `${p.name}·甲`)).name).toBe(`${p.name}·甲`);
    // and the other way round
    expect((await call('B', 'PATCH', `/api/projects/${p.id}`, { cookie: manager, body: { name: `${p.name}·乙` } })).status).toBe(200);
    expect((await first('B')).name).toBe(`${p.name}·乙`);
    expect((await eventually(() => first('A'), (x) => x.name === `${p.name}·乙`)).name).toBe(`${p.name}·乙`);

    // ── the scheduler: both instances start ticking together; every missed day runs once
    await database.db.execute(sql`insert into scheduler_test_gate values (1)`);
    const done = async () =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from job_runs where job = ${JOB} and status = 'succeeded'`))[0]!.n;
    let succeeded = await done();
    for (let i = 0; i < 600 && succeeded < DAYS; i++) {
      await new Promise((r) => setTimeout(r, 100));
      succeeded = await done();
    }
    const runs = await queryRows<{ periodKey: string; status: string; instance: string; effects: number }>(
      database.db,
      sql`select r.period_key as "periodKey", r.status, r.instance,
                 (select count(*)::int from scheduler_test_effects e where e.job = r.job and e.period_key = r.period_key) as effects
          from job_runs r where r.job = ${JOB} order by r.period_key`,
    );
    expect(runs).toHaveLength(DAYS);
    for (const r of runs) expect([r.periodKey, r.status, r.effects, ['A', 'B'].includes(r.instance)]).toEqual([r.periodKey, 'succeeded', 1, true]);
    const [effects] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from scheduler_test_effects where job = ${JOB}`);
    expect(effects!.n).toBe(DAYS);
  }, 180_000);
});
