/**
 * Scheduled jobs: named service functions with a cron in Asia/Shanghai. A module lists its jobs in
 * its manifest (`jobs: [defineJob({…})]`); `modules.ts` registers them; the scheduler module runs
 * them. Each run is keyed by (job name, period key) with a unique constraint, so a period runs
 * once however many app instances tick.
 *
 * ```ts
 * export const bulletinMonthly = defineJob({
 *   name: 'bulletin.monthly',            // [a-z0-9._-], unique
 *   defaultCron: '0 8 1 * *',            // Asia/Shanghai; admins may change it (job_schedules)
 *   period: 'month',                     // 'day' | 'week' | 'month' | 'quarter' | 'year'
 *   covers: 'previous',                  // default: a fire at 2026-04-01 08:00 runs period 2026-03;
 *                                        // 'current': it runs the period containing the fire time
 *   description: { zh: '月度通报', en: 'Monthly bulletin' },
 *   run: async (ctx, period) => {        // period = { kind: 'month', key: '2026-03', start: '2026-03-01', end: '2026-03-31' }
 *     // ctx.db is the run's transaction: write with it; notify(ctx, …) works with it.
 *     return { bulletinId: 12 };         // JSON result, shown to admins
 *   },
 * });
 * ```
 *
 * - `run` executes in ONE transaction together with marking the run succeeded: if it throws, nothing
 *   it wrote stays, and the run is recorded as failed (with the error) in a separate statement.
 *   A run is therefore exactly-once for what it writes to the database.
 * - `ctx` carries no user: jobs act for the system and are not scoped; a job that works per
 *   region loops over regions itself.
 * - A job's result may hold `{ regions: { [regionId]: … } }`: admins then see only their own
 *   region's entry (runs are global system jobs; their per-region details are region-bound).
 * - Periods are Shanghai calendar periods (`@wutong/contracts` calendar); week = ISO week, Monday first.
 */
import type { Db, DbKind } from '@wutong/db';
import { Cron } from 'croner';
import { SHANGHAI_TZ, type CalendarKind, type CalendarPeriod, type Lang } from '@wutong/contracts';

export type RunTrigger = 'schedule' | 'catchup' | 'manual' | 'retry' | 'takeover';

/** What a job's `run` gets. Shaped like a request context without a user (audit() and notify() accept it). */
export type JobContext = {
  /** the run's transaction */
  db: Db;
  dbKind: DbKind;
  lang: Lang;
  /** `job:<name>:<period>#<attempt>` — lands in the audit log's request id */
  requestId: string;
  ip: string;
  user?: undefined;
  scope?: undefined;
  /** the scheduler's clock (tests drive it) */
  now: Date;
  job: string;
  runId: number;
  attempt: number;
  instance: string;
  trigger: RunTrigger;
  log: (msg: string, data?: Record<string, unknown>) => void;
};

export type JobDefinition = {
  name: string;
  defaultCron: string;
  period: CalendarKind;
  covers?: 'previous' | 'current';
  description: { zh: string; en: string };
  /** disabled until an admin enables it (default: enabled) */
  enabledByDefault?: boolean;
  run: (ctx: JobContext, period: CalendarPeriod) => Promise<unknown>;
};

export type RegisteredJob = Required<Omit<JobDefinition, 'run'>> & Pick<JobDefinition, 'run'>;

const registry = new Map<string, RegisteredJob>();

export const JOB_NAME = /^[a-z][a-z0-9_.-]{1,63}$/;

/** A cron expression croner accepts (5 or 6 fields), read in Asia/Shanghai; throws on a bad one. */
export function parseCron(expr: string): Cron {
  return new Cron(expr, { timezone: SHANGHAI_TZ, paused: true });
}

/** A job as a manifest lists it (checked when it is registered). */
export const defineJob = (def: JobDefinition): JobDefinition => def;

/** Registers a job; registering the same name again replaces it (the app is built again in tests). */
export function registerJob(def: JobDefinition): RegisteredJob {
  if (!JOB_NAME.test(def.name)) throw new Error(`job name ${def.name}: use [a-z0-9._-]`);
  parseCron(def.defaultCron);
  const job: RegisteredJob = { covers: 'previous', enabledByDefault: true, ...def };
  registry.set(def.name, job);
  return job;
}

/** Removes a job (tests). */
export function unregisterJob(name: string): void {
  registry.delete(name);
}

export function getJob(name: string): RegisteredJob | undefined {
  return registry.get(name);
}

export function registeredJobs(): RegisteredJob[] {
  return [...registry.values()].sort((a, b) => a.name.localeCompare(b.name));
}
