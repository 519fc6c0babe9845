import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The schedule of each registered job (the code registers jobs; this row is what admins edit).
 * `cron` is read in Asia/Shanghai. `enabled_since` is when the job was (re-)enabled: missed
 * periods are caught up from there, never from before.
 */
export const jobSchedules = pgTable('job_schedules', {
  job: text('job').primaryKey(),
  cron: text('cron').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  enabledSince: timestamp('enabled_since', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per (job, period): the unique key is what makes a run happen once, however many app
 * instances tick. An instance claims a period with INSERT … ON CONFLICT DO NOTHING; a re-run or a
 * retry updates the same row (attempts + 1).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: serial('id').primaryKey(),
    job: text('job').notNull(),
    periodKey: text('period_key').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** running | succeeded | failed */
    status: text('status').notNull(),
    /** schedule | catchup | manual | retry | takeover */
    trigger: text('trigger').notNull(),
    attempts: integer('attempts').notNull().default(1),
    /** the app instance running (or last running) it */
    instance: text('instance').notNull(),
    /** the cron fire time that made the period due (null for a manual run) */
    scheduledFor: timestamp('scheduled_for', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** refreshed while running; a run whose heartbeat is stale is taken over */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    error: text('error'),
    result: jsonb('result'),
  },
  (t) => [
    uniqueIndex('job_runs_job_period_uq').on(t.job, t.periodKey),
    index('job_runs_started_idx').on(t.startedAt),
    index('job_runs_status_idx').on(t.status).where(sql`${t.status} <> 'succeeded'`),
  ],
);
export type JobRunRow = typeof jobRuns.$inferSelect;
