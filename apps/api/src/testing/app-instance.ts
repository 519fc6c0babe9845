/**
 * One app instance for the two-instance test (two-instances.int.test.ts): the real app (routes,
 * read cache, change feed, scheduler) on the PostgreSQL database given on the command line,
 * behind the test's proxy (TRUST_PROXY=127.0.0.1). Its scheduler runs only the test job, and
 * starts once the test opens the gate (a row in scheduler_test_gate), so both instances tick
 * together. Prints `{"ready":…,"port":…}`; stops on SIGTERM.
 *
 *   node --import tsx app-instance.ts <database url> <instance name> <catch-up periods>
 */
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '@wutong/db';
import { buildApp } from '../app.js';
import { loadConfig } from '../platform/config.js';
import { startWorkers } from '../platform/runtime.js';
import { tick } from '../modules/scheduler/scheduler.js';
import { registerTestJob } from '../modules/scheduler/testing/test-job.js';

const [url, instance, periods] = process.argv.slice(2);
if (!url || !instance || !periods) throw new Error('usage: app-instance <url> <instance> <periods>');

const JOB = 'test.two-instances.day';
registerTestJob(JOB, { period: 'day', covers: 'current', defaultCron: '0 0 * * *' });
const database = await openDatabase({ url, poolSize: 4 });
const app = await buildApp(database, { ...loadConfig({ NODE_ENV: 'test', TRUST_PROXY: '127.0.0.1' }), webDir: '/nonexistent' }, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };
console.log(JSON.stringify({ ready: instance, port }));

for (;;) {
  const [g] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from scheduler_test_gate`);
  if (g && g.n > 0) break;
  await new Promise((r) => setTimeout(r, 20));
}
const background = startWorkers(database, [{ name: 'scheduler.tick', everyMs: 100, firstMs: 0, run: (d) => tick(d, { instance, only: [JOB], maxCatchUp: Number(periods) }) }]);

process.on('SIGTERM', async () => {
  await background.stop();
  await app.close();
  await database.close();
  process.exit(0);
});
