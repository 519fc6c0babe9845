/**
 * The scheduler: a tick computes, for every enabled job, the periods that are due and claims each
 * with INSERT … ON CONFLICT DO NOTHING on job_runs' unique (job, period_key) — so however many app
 * instances tick against one database, one of them runs a period and the others do nothing.
 *
 * Why not pg-boss (DESIGN §3): what we need is exactly "one run per (job, period), catch-up,
 * re-run by hand, visible history"; pg-boss would add its own schema, its own cron leader
 * election and queue semantics, and would still need this table for the per-period key and the
 * admin view. A small engine on our own table, with croner for the expressions, behaves the same
 * on PGlite and on PostgreSQL and is testable with a driven clock.
 *
 * What is due at `now`:
 * - the latest period whose scheduled fire time has passed (so a fresh install runs today's
 *   daily job and last month's monthly job once), and
 * - missed periods: every period with a fire time after the job was (re-)enabled
 *   (`job_schedules.enabled_since`), at most the last `maxCatchUp` periods back.
 * A job `covers: 'previous'` maps a fire to the period before the one it falls in (a bulletin at
 * 08:00 on the 1st covers last month); `covers: 'current'` to the period it falls in.
 *
 * Execution: the job's work and marking the run succeeded are one transaction guarded by
 * (instance, attempt): a run taken over by another instance cannot also commit here.
 * A failed run is retried by later ticks (attempts < maxAttempts, backoff doubling from
 * retryBaseMs); a run left 'running' by a dead instance (heartbeat older than leaseMs) is taken over.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Db, DbKind } from '@wutong/db';
import { nextPeriod, parsePeriodKey, periodAt, periodBounds, previousPeriod, type CalendarPeriod as Period } from '@wutong/contracts';
import { getJob, parseCron, registeredJobs, type JobContext, type RegisteredJob, type RunTrigger } from '../../platform/jobs.js';
import * as repo from './scheduler.repository.js';

export type SchedulerDb = { db: Db; kind: DbKind };

export type SchedulerOptions = {
  /** this app instance's name in job_runs.instance */
  instance?: string;
  /** the clock (tests drive it) */
  now?: () => Date;
  /** how many periods back missed runs are caught up (default 12) */
  maxCatchUp?: number;
  /** a running run whose heartbeat is older than this is taken over (default 5 min) */
  leaseMs?: number;
  /** how often a running run refreshes its heartbeat (default 30 s) */
  heartbeatMs?: number;
  /** automatic attempts of a period before it stays failed (default 3; a manual re-run is always allowed) */
  maxAttempts?: number;
  /** the first retry waits this long, doubling after each failure (default 5 min) */
  retryBaseMs?: number;
  /** only these jobs (tests) */
  only?: string[];
  log?: (msg: string, data?: Record<string, unknown>) => void;
};

type Resolved = Required<Omit<SchedulerOptions, 'only'>> & { only?: string[] };

let defaultInstance: string | undefined;
/** host:pid:random — unique per process */
export function instanceName(): string {
  return (defaultInstance ??= `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`);
}

function resolve(o: SchedulerOptions): Resolved {
  return {
    instance: o.instance ?? instanceName(),
    now: o.now ?? (() => new Date()),
    maxCatchUp: o.maxCatchUp ?? 12,
    leaseMs: o.leaseMs ?? 5 * 60_000,
    heartbeatMs: o.heartbeatMs ?? 30_000,
    maxAttempts: o.maxAttempts ?? 3,
    retryBaseMs: o.retryBaseMs ?? 5 * 60_000,
    only: o.only,
    log: o.log ?? (() => {}),
  };
}

export type DuePeriod = { period: Period; scheduledFor: Date; trigger: RunTrigger };

/** The fire window of a target period: where fires that run it fall. */
function windowOf(job: Pick<RegisteredJob, 'period' | 'covers'>, target: Period): Period {
  return job.covers === 'current' ? target : nextPeriod(target);
}
function targetOf(job: Pick<RegisteredJob, 'period' | 'covers'>, window: Period): Period {
  return job.covers === 'current' ? window : previousPeriod(window);
}

/** The periods due at `now`, oldest first (pure: cron, enablement and the clock decide). */
export function duePeriods(
  job: Pick<RegisteredJob, 'period' | 'covers'>,
  schedule: { cron: string; enabled: boolean; enabledSince: Date },
  now: Date,
  maxCatchUp = 12,
): DuePeriod[] {
  if (!schedule.enabled) return [];
  const cron = parseCron(schedule.cron);
  const out: DuePeriod[] = [];
  let window = periodAt(job.period, now);
  let latestSeen = false;
  for (let i = 0; i < maxCatchUp + 1 && out.length < maxCatchUp; i++) {
    const { from, to } = periodBounds(window);
    if (latestSeen && to.getTime() <= schedule.enabledSince.getTime()) break;
    const first = cron.nextRun(new Date(from.getTime() - 1));
    const passed = !!first && first < to && first <= now;
    const sinceEnabled = cron.nextRun(new Date(Math.max(from.getTime() - 1, schedule.enabledSince.getTime())));
    const missed = !!sinceEnabled && sinceEnabled < to && sinceEnabled <= now;
    if (missed) out.push({ period: targetOf(job, window), scheduledFor: sinceEnabled!, trigger: latestSeen ? 'catchup' : 'schedule' });
    else if (passed && !latestSeen) out.push({ period: targetOf(job, window), scheduledFor: first!, trigger: 'schedule' });
    if (passed) latestSeen = true;
    window = previousPeriod(window);
  }
  return out.reverse();
}

/** The next fire time after `now` and the period it will run. */
export function nextRun(job: Pick<RegisteredJob, 'period' | 'covers'>, cronExpr: string, now: Date): { at: Date; period: Period } | null {
  const at = parseCron(cronExpr).nextRun(now);
  return at ? { at, period: targetOf(job, periodAt(job.period, at)) } : null;
}

/** The earliest a period may run by hand: once its fire window has begun (previous: once it is over). */
export function periodHasCome(job: Pick<RegisteredJob, 'period' | 'covers'>, p: Period, now: Date): boolean {
  return periodBounds(windowOf(job, p)).from.getTime() <= now.getTime();
}

export type RunOutcome = { runId: number; job: string; periodKey: string; trigger: RunTrigger; status: 'succeeded' | 'failed' | 'lost'; error?: string };

class LostClaim extends Error {}

function describeError(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  // drizzle's "Failed query: <sql>" is long; the cause says what went wrong
  const head = e.message.startsWith('Failed query:') ? 'Failed query' : e.message;
  const stack = (e.stack ?? '').split('\n').slice(1, 6).join('\n');
  return `${head}${cause}${stack ? `\n${stack}` : ''}`.slice(0, 4000);
}

function toJson(v: unknown): unknown {
  if (v === undefined) return null;
  return JSON.parse(JSON.stringify(v));
}

/** Runs a claimed period: the job's writes and the success mark commit together, or the failure is recorded. */
export async function executeRun(database: SchedulerDb, job: RegisteredJob, run: repo.ClaimedRun, o: Resolved): Promise<RunOutcome> {
  const period = parsePeriodKey(job.period, run.periodKey);
  const base = { runId: run.id, job: job.name, periodKey: run.periodKey, trigger: run.trigger };
  const beat = setInterval(() => {
    repo.heartbeat(database.db, run, o.now()).catch(() => {});
  }, o.heartbeatMs);
  beat.unref();
  try {
    if (!period) throw new Error(`period ${run.periodKey} is not a ${job.period}`);
    await database.db.transaction(async (tx) => {
      const ctx: JobContext = {
        db: tx as unknown as Db,
        dbKind: database.kind,
        lang: 'zh-CN',
        requestId: `job:${job.name}:${run.periodKey}#${run.attempts}`,
        ip: 'scheduler',
        now: o.now(),
        job: job.name,
        runId: run.id,
        attempt: run.attempts,
        instance: run.instance,
        trigger: run.trigger,
        log: (msg, data) => o.log(`[${job.name} ${run.periodKey}] ${msg}`, data),
      };
      const result = toJson(await job.run(ctx, period));
      if (!(await repo.finishRun(ctx.db, run, { status: 'succeeded', result }, o.now()))) throw new LostClaim();
    });
    o.log(`job ${job.name} ${run.periodKey} succeeded`, { runId: run.id, trigger: run.trigger });
    return { ...base, status: 'succeeded' };
  } catch (e) {
    if (e instanceof LostClaim) {
      o.log(`job ${job.name} ${run.periodKey}: taken over by another instance, rolled back`, { runId: run.id });
      return { ...base, status: 'lost' };
    }
    const error = describeError(e);
    const recorded = await repo.finishRun(database.db, run, { status: 'failed', error }, o.now());
    o.log(`job ${job.name} ${run.periodKey} failed`, { runId: run.id, error: error.split('\n')[0] });
    return { ...base, status: recorded ? 'failed' : 'lost', error };
  } finally {
    clearInterval(beat);
  }
}

export type TickReport = { runs: RunOutcome[] };

/** One pass: create missing schedules, run due periods (oldest first), retry failures, take over stale runs. */
export async function tick(database: SchedulerDb, options: SchedulerOptions = {}): Promise<TickReport> {
  const o = resolve(options);
  const jobs = registeredJobs().filter((j) => !o.only || o.only.includes(j.name));
  const runs: RunOutcome[] = [];
  const now = o.now();
  await repo.ensureSchedules(
    database.db,
    jobs.map((j) => ({ name: j.name, cron: j.defaultCron, enabled: j.enabledByDefault })),
    now,
  );
  const schedules = new Map((await repo.schedules(database.db)).map((s) => [s.job, s]));

  for (const job of jobs) {
    const s = schedules.get(job.name);
    if (!s) continue;
    let due: DuePeriod[];
    try {
      due = duePeriods(job, s, now, o.maxCatchUp);
    } catch (e) {
      o.log(`job ${job.name}: bad schedule ${s.cron}`, { error: String(e) });
      continue;
    }
    const have = await repo.existingRuns(
      database.db,
      job.name,
      due.map((d) => d.period.key),
    );
    for (const d of due) {
      if (have.has(d.period.key)) continue;
      const claimed = await repo.claimNew(database.db, {
        job: job.name,
        periodKey: d.period.key,
        periodStart: d.period.start,
        periodEnd: d.period.end,
        trigger: d.trigger,
        instance: o.instance,
        scheduledFor: d.scheduledFor,
        now: o.now(),
      });
      if (claimed) runs.push(await executeRun(database, job, claimed, o));
    }
  }

  // retries of failed runs and takeovers of runs whose instance died
  const staleBefore = new Date(now.getTime() - o.leaseMs);
  const enabled = jobs.filter((j) => schedules.get(j.name)?.enabled).map((j) => j.name);
  for (const r of await repo.reclaimable(database.db, enabled, now, staleBefore, o.maxAttempts)) {
    const job = getJob(r.job)!;
    if (r.status === 'failed') {
      const wait = o.retryBaseMs * 2 ** (r.attempts - 1);
      if (!r.finishedAt || Date.parse(r.finishedAt) + wait > now.getTime()) continue;
    }
    const claimed = await repo.claimAgain(database.db, r.id, r, r.status === 'failed' ? 'retry' : 'takeover', o.instance, o.now(), staleBefore);
    if (claimed) runs.push(await executeRun(database, job, claimed, o));
  }
  return { runs };
}

export class RunInProgress extends Error {}

/**
 * Claims a period by hand and runs it now. `claim` lets the caller do the claim inside its own
 * transaction (the admin command audits it there); the job then runs in its own transaction.
 */
export async function rerun(
  database: SchedulerDb,
  job: RegisteredJob,
  period: Period,
  options: SchedulerOptions & { inTransaction?: (claim: (db: Db) => Promise<repo.ClaimedRun | undefined>) => Promise<repo.ClaimedRun | undefined> } = {},
): Promise<RunOutcome> {
  const o = resolve(options);
  const now = o.now();
  const claim = (db: Db) =>
    repo.claimManual(db, {
      job: job.name,
      periodKey: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      instance: o.instance,
      now,
      staleBefore: new Date(now.getTime() - o.leaseMs),
    });
  const claimed = options.inTransaction ? await options.inTransaction(claim) : await claim(database.db);
  if (!claimed) throw new RunInProgress();
  return executeRun(database, job, claimed, o);
}
