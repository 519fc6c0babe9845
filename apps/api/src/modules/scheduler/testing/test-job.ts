import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@wutong/db';
import { registerJob, type JobDefinition, type RegisteredJob } from '../../../platform/jobs.js';

/**
 * A job for tests: each run inserts one row into `scheduler_test_effects` (a plain table without
 * any unique key, so a second execution of a period would show as a second row). It can fail its
 * first `failTimes` attempts of every period, or call `during` inside its transaction.
 */
export async function createEffectsTable(db: Db): Promise<void> {
  await db.execute(sql`create table if not exists scheduler_test_effects (
    id serial primary key, job text not null, period_key text not null, instance text not null, attempt int not null)`);
}

export async function effects(db: Db, job: string): Promise<{ periodKey: string; instance: string; attempt: number }[]> {
  return queryRows(db, sql`select period_key as "periodKey", instance, attempt from scheduler_test_effects where job = ${job} order by period_key, id`);
}

export function registerTestJob(
  name: string,
  opts: Partial<Pick<JobDefinition, 'defaultCron' | 'period' | 'covers' | 'enabledByDefault'>> & {
    failTimes?: number;
    during?: (db: Db, ctx: { runId: number }) => Promise<void>;
  } = {},
): RegisteredJob {
  return registerJob({
    name,
    defaultCron: opts.defaultCron ?? '0 0 * * *',
    period: opts.period ?? 'day',
    covers: opts.covers ?? 'current',
    enabledByDefault: opts.enabledByDefault ?? true,
    description: { zh: '测试任务', en: 'Test job' },
    run: async (ctx, period) => {
      await ctx.db.execute(
        sql`insert into scheduler_test_effects (job, period_key, instance, attempt) values (${name}, ${period.key}, ${ctx.instance}, ${ctx.attempt})`,
      );
      if (opts.during) await opts.during(ctx.db, { runId: ctx.runId });
      if (ctx.attempt <= (opts.failTimes ?? 0)) throw new Error(`planned failure of attempt ${ctx.attempt}`);
      return { period: period.key, attempt: ctx.attempt };
    },
  });
}
