import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { jobRuns, jobSchedules, queryRows, type Db } from '@wutong/db';
import type { JobRun, ListRunsQuery } from '@wutong/contracts';
import type { RunTrigger } from '../../platform/jobs.js';

/**
 * Job schedules and runs are system records: one schedule per job and one run per (job, period)
 * for the whole installation. Admins of any region read and manage them (see scheduler.service.ts);
 * a run's per-region result is cut down to the caller's region there.
 */

export type ScheduleRow = typeof jobSchedules.$inferSelect;

/** Creates the schedule of each job that has none yet (enabled_since = now: catch-up starts here). */
export async function ensureSchedules(db: Db, jobs: { name: string; cron: string; enabled: boolean }[], now: Date): Promise<void> {
  if (!jobs.length) return;
  await db
    .insert(jobSchedules)
    .values(jobs.map((j) => ({ job: j.name, cron: j.cron, enabled: j.enabled, enabledSince: now, updatedAt: now })))
    .onConflictDoNothing();
}

export async function schedules(db: Db): Promise<ScheduleRow[]> {
  return db.select().from(jobSchedules);
}

export async function schedule(db: Db, job: string, forUpdate = false): Promise<ScheduleRow | undefined> {
  const q = db.select().from(jobSchedules).where(eq(jobSchedules.job, job));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}

export async function saveSchedule(db: Db, job: string, patch: { cron?: string; enabled?: boolean; enabledSince?: Date }, now: Date): Promise<void> {
  await db
    .update(jobSchedules)
    .set({ ...patch, updatedAt: now })
    .where(eq(jobSchedules.job, job));
}

/** The period keys of a job that already have a run. */
export async function existingRuns(db: Db, job: string, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .select({ key: jobRuns.periodKey })
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), inArray(jobRuns.periodKey, keys)));
  return new Set(rows.map((r) => r.key));
}

export type ClaimedRun = { id: number; job: string; periodKey: string; attempts: number; trigger: RunTrigger; instance: string };

const claimedColumns = sql`id, job, period_key as "periodKey", attempts, trigger, instance`;

/**
 * Claims a period: the unique (job, period_key) makes exactly one INSERT win, whichever instance
 * tries first; the others get nothing back and move on.
 */
export async function claimNew(
  db: Db,
  r: { job: string; periodKey: string; periodStart: string; periodEnd: string; trigger: RunTrigger; instance: string; scheduledFor: Date | null; now: Date },
): Promise<ClaimedRun | undefined> {
  const now = r.now.toISOString();
  const [row] = await queryRows<ClaimedRun>(
    db,
    sql`insert into job_runs (job, period_key, period_start, period_end, status, trigger, attempts, instance, scheduled_for, started_at, heartbeat_at)
        values (${r.job}, ${r.periodKey}, ${r.periodStart}, ${r.periodEnd}, 'running', ${r.trigger}, 1, ${r.instance},
                ${r.scheduledFor ? r.scheduledFor.toISOString() : null}::timestamptz, ${now}::timestamptz, ${now}::timestamptz)
        on conflict (job, period_key) do nothing
        returning ${claimedColumns}`,
  );
  return row;
}

/**
 * Claims a period by hand (an admin's re-run): a new row, or the existing one with attempts + 1 —
 * unless it is running under a live heartbeat, then nothing (the caller says so).
 */
export async function claimManual(
  db: Db,
  r: { job: string; periodKey: string; periodStart: string; periodEnd: string; instance: string; now: Date; staleBefore: Date },
): Promise<ClaimedRun | undefined> {
  const now = r.now.toISOString();
  const [row] = await queryRows<ClaimedRun>(
    db,
    sql`insert into job_runs (job, period_key, period_start, period_end, status, trigger, attempts, instance, started_at, heartbeat_at)
        values (${r.job}, ${r.periodKey}, ${r.periodStart}, ${r.periodEnd}, 'running', 'manual', 1, ${r.instance}, ${now}::timestamptz, ${now}::timestamptz)
        on conflict (job, period_key) do update
          set status = 'running', trigger = 'manual', attempts = job_runs.attempts + 1, instance = excluded.instance,
              started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, finished_at = null, error = null
          where job_runs.status <> 'running' or job_runs.heartbeat_at < ${r.staleBefore.toISOString()}::timestamptz
        returning ${claimedColumns}`,
  );
  return row;
}

/** Runs that may be taken again: failed ones due for a retry, and running ones whose heartbeat stopped. */
export async function reclaimable(db: Db, jobs: string[], now: Date, staleBefore: Date, maxAttempts: number) {
  if (!jobs.length) return [];
  return queryRows<{ id: number; job: string; status: string; attempts: number; finishedAt: string | null }>(
    db,
    sql`select id, job, status, attempts, finished_at as "finishedAt" from job_runs
        where job in (${sql.join(jobs.map((j) => sql`${j}`), sql`, `)})
          and ((status = 'failed' and attempts < ${maxAttempts} and trigger <> 'manual')
            or (status = 'running' and heartbeat_at < ${staleBefore.toISOString()}::timestamptz))
        order by id
        limit 50`,
  );
}

/** Takes a run over (retry or takeover) if it is still as seen: attempts + 1, this instance. */
export async function claimAgain(db: Db, id: number, seen: { status: string; attempts: number }, trigger: RunTrigger, instance: string, now: Date, staleBefore: Date) {
  const [row] = await queryRows<ClaimedRun>(
    db,
    sql`update job_runs
        set status = 'running', trigger = ${trigger}, attempts = attempts + 1, instance = ${instance},
            started_at = ${now.toISOString()}::timestamptz, heartbeat_at = ${now.toISOString()}::timestamptz, finished_at = null
        where id = ${id} and status = ${seen.status} and attempts = ${seen.attempts}
          and (status = 'failed' or heartbeat_at < ${staleBefore.toISOString()}::timestamptz)
        returning ${claimedColumns}`,
  );
  return row;
}

export async function heartbeat(db: Db, run: ClaimedRun, now: Date): Promise<void> {
  await db
    .update(jobRuns)
    .set({ heartbeatAt: now })
    .where(and(eq(jobRuns.id, run.id), eq(jobRuns.instance, run.instance), eq(jobRuns.attempts, run.attempts), eq(jobRuns.status, 'running')));
}

/** Marks the run done — only if this instance still holds this attempt. Returns whether it did. */
export async function finishRun(db: Db, run: ClaimedRun, outcome: { status: 'succeeded' | 'failed'; result?: unknown; error?: string }, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobRuns)
    .set({
      status: outcome.status,
      finishedAt: now,
      heartbeatAt: now,
      result: outcome.result === undefined ? null : (outcome.result as object),
      error: outcome.error ?? null,
    })
    .where(and(eq(jobRuns.id, run.id), eq(jobRuns.instance, run.instance), eq(jobRuns.attempts, run.attempts), eq(jobRuns.status, 'running')))
    .returning({ id: jobRuns.id });
  return rows.length > 0;
}

// ── reads for the admin pages ──

const runColumns = sql`id, job, period_key as "periodKey", to_char(period_start, 'YYYY-MM-DD') as "periodStart",
  to_char(period_end, 'YYYY-MM-DD') as "periodEnd", status, trigger, attempts, instance,
  to_char(scheduled_for at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "scheduledFor",
  to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "startedAt",
  to_char(finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "finishedAt",
  (extract(epoch from (finished_at - started_at)) * 1000)::int as "durationMs", error, result`;

export async function listRuns(db: Db, q: ListRunsQuery): Promise<{ items: JobRun[]; nextBefore: number | null }> {
  const limit = q.limit ?? 50;
  const where = and(
    q.job ? eq(jobRuns.job, q.job) : undefined,
    q.status ? eq(jobRuns.status, q.status) : undefined,
    q.before ? lt(jobRuns.id, q.before) : undefined,
  );
  const rows = await queryRows<JobRun>(
    db,
    sql`select ${runColumns} from job_runs ${where ? sql`where ${where}` : sql``} order by id desc limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function findRun(db: Db, id: number): Promise<JobRun | undefined> {
  const [r] = await queryRows<JobRun>(db, sql`select ${runColumns} from job_runs where id = ${id}`);
  return r;
}

export async function findRunByKey(db: Db, job: string, periodKey: string): Promise<JobRun | undefined> {
  const [r] = await queryRows<JobRun>(db, sql`select ${runColumns} from job_runs where job = ${job} and period_key = ${periodKey}`);
  return r;
}

/** The newest run of each job, and how many of its runs are failed. */
export async function lastRuns(db: Db): Promise<{ last: Map<string, JobRun>; failed: Map<string, number> }> {
  const rows = await queryRows<JobRun>(
    db,
    sql`select distinct on (job) ${runColumns} from job_runs order by job, started_at desc, id desc`,
  );
  const failed = await queryRows<{ job: string; n: number }>(db, sql`select job, count(*)::int as n from job_runs where status = 'failed' group by job`);
  return { last: new Map(rows.map((r) => [r.job, r])), failed: new Map(failed.map((f) => [f.job, f.n])) };
}

/** Every region (org units of kind 'region'): jobs that work per region loop over these. */
