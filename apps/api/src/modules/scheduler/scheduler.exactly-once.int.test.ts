import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { jobSchedules, openDatabase, queryRows, runMigrations, type Database } from '@wutong/db';
import { createEffectsTable } from './testing/test-job.js';
import { duePeriods } from './scheduler.js';
import { shanghaiDate, shanghaiMidnight } from '@wutong/contracts';

/**
 * Exactly once with two app instances: two node processes tick against one fresh PostgreSQL
 * database at the same moment (a gate row starts them together), each catching up the same
 * missed periods of two jobs. Every (job, period) must have exactly one run and exactly one
 * side effect, whoever ran it. Needs the PostgreSQL server: skipped without TEST_DATABASE_URL.
 */
const url = process.env.TEST_DATABASE_URL;
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../../../..');
const WORKER = resolve(fileURLToPath(import.meta.url), '../testing/tick-worker.ts');
const DAYS = 30;

type WorkerOut = { instance: string; ran: { job: string; periodKey: string; status: string; trigger: string }[] };

describe.skipIf(!url)('scheduler: exactly once with two processes on one PostgreSQL', () => {
  let database: Database;
  let dbUrl: string;
  const name = `wutong_t_once_${process.pid}_${randomBytes(3).toString('hex')}`;

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
    await createEffectsTable(database.db);
    await database.db.execute(sql`create table scheduler_test_gate (id int)`);
  });
  afterAll(async () => {
    await database?.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  function start(instance: string) {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dbUrl, instance, String(DAYS + 5)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let onReady: () => void;
    const ready = new Promise<void>((r) => (onReady = r));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('"ready"')) onReady();
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    const done = new Promise<WorkerOut>((res, rej) =>
      child.on('exit', (code) => {
        if (code !== 0) return rej(new Error(`${instance} exited ${code}: ${err}`));
        const last = out.trim().split('\n').pop()!;
        res(JSON.parse(last) as WorkerOut);
      }),
    );
    return { ready, done };
  }

  it('runs every missed period of two jobs exactly once between two instances', async () => {
    // both jobs missed the last DAYS days: enabled shortly after a midnight DAYS days ago
    const enabledSince = new Date(shanghaiMidnight(shanghaiDate(new Date(Date.now() - DAYS * 86400_000))).getTime() + 3600_000);
    await database.db.insert(jobSchedules).values([
      { job: 'test.exactly-once.day', cron: '0 0 * * *', enabledSince },
      { job: 'test.exactly-once.week', cron: '0 6 * * 1', enabledSince },
    ]);
    const a = start('A');
    const b = start('B');
    await Promise.all([a.ready, b.ready]);
    await database.db.execute(sql`insert into scheduler_test_gate values (1)`);
    const [outA, outB] = await Promise.all([a.done, b.done]);
    const now = new Date();

    const runs = await queryRows<{ job: string; periodKey: string; status: string; attempts: number; instance: string; effects: number }>(
      database.db,
      sql`select r.job, r.period_key as "periodKey", r.status, r.attempts, r.instance,
                 (select count(*)::int from scheduler_test_effects e where e.job = r.job and e.period_key = r.period_key) as effects
          from job_runs r order by r.job, r.period_key`,
    );
    const expected = [
      ...duePeriods({ period: 'day', covers: 'current' }, { cron: '0 0 * * *', enabled: true, enabledSince }, now, DAYS + 5).map((d) => `test.exactly-once.day ${d.period.key}`),
      ...duePeriods({ period: 'week', covers: 'previous' }, { cron: '0 6 * * 1', enabled: true, enabledSince }, now, DAYS + 5).map((d) => `test.exactly-once.week ${d.period.key}`),
    ].sort();
    expect(runs.filter((r) => r.job.endsWith('.day'))).toHaveLength(DAYS);
    expect(runs.map((r) => `${r.job} ${r.periodKey}`)).toEqual(expected);
    for (const r of runs) expect([r.job, r.periodKey, r.status, r.attempts, r.effects]).toEqual([r.job, r.periodKey, 'succeeded', 1, 1]);
    const [total] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from scheduler_test_effects`);
    expect(total!.n).toBe(runs.length);

    // what the two processes say they ran adds up to the runs, with no period claimed by both
    const claimed = [...outA.ran, ...outB.ran].filter((r) => r.status === 'succeeded').map((r) => `${r.job} ${r.periodKey}`);
    expect(claimed.sort()).toEqual(expected);
    expect(runs.every((r) => (r.instance === 'A' ? outA : outB).ran.some((x) => `${x.job} ${x.periodKey}` === `${r.job} ${r.periodKey}`))).toBe(true);
  });
});
