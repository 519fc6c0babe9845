/**
 * The job registry: modules declare their scheduled jobs here; the scheduler (scheduler.ts) runs
 * them. Each run is keyed by (job name, period key) with a unique constraint, so a period runs
 * once however many app instances tick.
 *
 * ```ts
 * import { registerJob } from '../scheduler/jobs.js';
 *
 * registerJob({
 *   name: 'bulletin.monthly',            // [a-z0-9._-], unique
 *   defaultCron: '0 8 1 * *',            // Asia/Shanghai; admins may change it (job_schedules)
 *   period: 'month',                     // 'day' | 'week' | 'month' | 'quarter' | 'year'
 *   covers: 'previous',                  // default: a fire at 2026-04-01 08:00 runs period 2026-03;
 *                                        // 'current': it runs the period containing the fire time
 *   description: { zh: '月度通报', en: 'Monthly bulletin' },
 *   run: async (ctx, period) => {        // period = { key: '2026-03', start: '2026-03-01', end: '2026-03-31' }
 *     // ctx.db is the run's transaction: write with it; notify(ctx, …) works with it.
 *     return { bulletinId: 12 };         // JSON result, shown to admins
 *   },
 * });
 * ```
 *
 * - The registering module is imported by `app.ts` (e.g. `import './modules/bulletins/bulletins.jobs.js'`)
 *   so the job exists wherever the app is built.
 * - `run` executes in ONE transaction together with marking the run succeeded: if it throws, nothing
 *   it wrote stays, and the run is recorded as failed (with the error) in a separate statement.
 *   A run is therefore exactly-once for what it writes to the database.
 * - `ctx` carries no user: jobs act for the system and are not scoped; a job that works per
 *   region loops over regions itself (see `allRegions()` in scheduler.repository.ts).
 * - A job's result may hold `{ regions: { [regionId]: … } }`: admins then see only their own
 *   region's entry (runs are global system jobs; their per-region details are region-bound).
 * - Periods are Shanghai calendar periods (periods.ts); week = ISO week, Monday first.
 */
import type { Db, DbKind } from '@wutong/db';
import type { Lang } from '@wutong/contracts';
import { Cron } from 'croner';
import type { Period, PeriodKind } from './periods.js';

export type { Period, PeriodKind } from './periods.js';

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
  period: PeriodKind;
  covers?: 'previous' | 'current';
  description: { zh: string; en: string };
  /** disabled until an admin enables it (default: enabled) */
  enabledByDefault?: boolean;
  run: (ctx: JobContext, period: Period) => Promise<unknown>;
};

export type RegisteredJob = Required<Omit<JobDefinition, 'run'>> & Pick<JobDefinition, 'run'>;

const registry = new Map<string, RegisteredJob>();

export const JOB_NAME = /^[a-z][a-z0-9_.-]{1,63}$/;
export const SHANGHAI_TZ = 'Asia/Shanghai';

/** A cron expression croner accepts (5 or 6 fields), read in Asia/Shanghai; throws on a bad one. */
export function parseCron(expr: string): Cron {
  return new Cron(expr, { timezone: SHANGHAI_TZ, paused: true });
}

/** Registers a job; registering the same name again replaces it (module reloads in tests). */
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
