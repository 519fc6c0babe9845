/**
 * One "app instance" for the exactly-once test: opens the PostgreSQL database given on the
 * command line, registers the test job, says "ready", waits until the test opens the gate (a row
 * in scheduler_test_gate), then ticks until a tick finds nothing left to run, and prints what it ran.
 *
 *   node --import tsx tick-worker.ts <database url> <instance name> <catch-up periods>
 */
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@wutong/db';
import { tick } from '../scheduler.js';
import { registerTestJob } from './test-job.js';

const [url, instance, periods] = process.argv.slice(2);
if (!url || !instance || !periods) throw new Error('usage: tick-worker <url> <instance> <periods>');

const database = await openDatabase({ url, poolSize: 4 });
const jobs = ['test.exactly-once.day', 'test.exactly-once.week'];
registerTestJob(jobs[0]!, { period: 'day', covers: 'current', defaultCron: '0 0 * * *' });
registerTestJob(jobs[1]!, { period: 'week', covers: 'previous', defaultCron: '0 6 * * 1' });
console.log(JSON.stringify({ ready: instance }));

// the gate: both instances start ticking together
for (;;) {
  const [g] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from scheduler_test_gate`);
  if (g && g.n > 0) break;
  await new Promise((r) => setTimeout(r, 20));
}

const ran: { job: string; periodKey: string; status: string; trigger: string }[] = [];
for (let i = 0; i < 100; i++) {
  const report = await tick(database, { instance, only: jobs, maxCatchUp: Number(periods) });
  ran.push(...report.runs.map((r) => ({ job: r.job, periodKey: r.periodKey, status: r.status, trigger: r.trigger })));
  if (report.runs.length === 0) break;
}
console.log(JSON.stringify({ instance, ran }));
await database.close();
