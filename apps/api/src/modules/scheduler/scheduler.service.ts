import type { JobRun, ListRunsQuery, RerunBody, ScheduledJob, UpdateSchedule } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { t } from '@wutong/contracts';
import { parsePeriodKey, SHANGHAI_TZ } from '@wutong/contracts';
import { getJob, parseCron, registeredJobs, type RegisteredJob } from '../../platform/jobs.js';
import { nextRun, periodHasCome, rerun as rerunPeriod, RunInProgress } from './scheduler.js';
import * as repo from './scheduler.repository.js';

/**
 * Scheduled jobs are system jobs of the installation: one schedule per job and one run per
 * (job, period), over every region (a job that works per region loops over regions itself).
 * Admins see and manage them; a run's result keeps only the caller's region's part
 * (`result.regions[regionId]`), so one region's figures do not show to another's admin.
 */
function forRegion(ctx: RequestContext, run: JobRun): JobRun {
  const r = run.result as { regions?: Record<string, unknown> } | null;
  if (!r || typeof r !== 'object' || !r.regions || typeof r.regions !== 'object') return run;
  const mine = r.regions[String(ctx.scope.regionId)];
  return { ...run, result: { ...r, regions: mine === undefined ? {} : { [ctx.scope.regionId]: mine } } };
}

const describe = (ctx: RequestContext, job: RegisteredJob) => (ctx.lang === 'en-US' ? job.description.en : job.description.zh);

export async function listJobs(ctx: RequestContext) {
  const now = new Date();
  const schedules = new Map((await repo.schedules(ctx.db)).map((s) => [s.job, s]));
  const { last, failed } = await repo.lastRuns(ctx.db);
  const items: ScheduledJob[] = registeredJobs().map((job) => {
    const s = schedules.get(job.name);
    const cron = s?.cron ?? job.defaultCron;
    const enabled = s?.enabled ?? job.enabledByDefault;
    let next: ReturnType<typeof nextRun> = null;
    try {
      if (enabled) next = nextRun(job, cron, now);
    } catch {
      /* a schedule croner no longer reads shows no next run */
    }
    const lastRun = last.get(job.name);
    return {
      name: job.name,
      description: describe(ctx, job),
      period: job.period,
      covers: job.covers,
      cron,
      defaultCron: job.defaultCron,
      enabled,
      enabledSince: (s?.enabledSince ?? now).toISOString(),
      nextRunAt: next ? next.at.toISOString() : null,
      nextPeriodKey: next ? next.period.key : null,
      lastRun: lastRun ? forRegion(ctx, lastRun) : null,
      failedRuns: failed.get(job.name) ?? 0,
    };
  });
  return { items, timezone: SHANGHAI_TZ };
}

const CRON_PARTS: Record<string, [string, string, string]> = {
  second: ['秒', 'second', '0–59'],
  minute: ['分钟', 'minute', '0–59'],
  hour: ['小时', 'hour', '0–23'],
  day: ['日期', 'day of month', '1–31'],
  month: ['月份', 'month', '1–12'],
  dayOfWeek: ['星期', 'day of week', '0–7'],
};

/** What is wrong with an expression, in the caller's language (croner speaks English only); null when fine. */
export function cronError(expr: string, lang: 'zh-CN' | 'en-US'): string | null {
  try {
    return parseCron(expr).nextRun() ? null : 'cron_never';
  } catch (e) {
    const msg = String((e as Error).message ?? e).replace(/^CronPattern:\s*/, '');
    const range = /^Invalid value for (\w+)/.exec(msg);
    if (range && CRON_PARTS[range[1]!]) {
      const [pz, pe, r] = CRON_PARTS[range[1]!]!;
      return t(lang, 'cron_out_of_range', { field: lang === 'en-US' ? pe : pz, range: r });
    }
    if (/invalid configuration format/.test(msg)) return t(lang, 'cron_fields');
    const chars = /configuration entry (\d+) \((.*)\) contains illegal characters/.exec(msg);
    if (chars) return t(lang, 'cron_chars', { n: chars[1]!, field: chars[2]! });
    return t(lang, 'cron_syntax', { reason: msg });
  }
}

export async function updateSchedule(ctx: RequestContext, name: string, input: UpdateSchedule) {
  const job = getJob(name);
  if (!job) throw notFound();
  if (input.cron !== undefined) {
    const err = cronError(input.cron, ctx.lang);
    if (err === 'cron_never') throw new AppError(400, 'validation_failed', {}, { cron: 'cron_never' });
    if (err) throw new AppError(400, 'cron_invalid', { reason: err }, { cron: t(ctx.lang, 'cron_invalid', { reason: err }) });
  }
  const now = new Date();
  await repo.ensureSchedules(ctx.db, [{ name: job.name, cron: job.defaultCron, enabled: job.enabledByDefault }], now);
  const before = (await repo.schedule(ctx.db, job.name, true))!;
  // re-enabling starts catch-up afresh: periods missed while disabled are not run
  const enabling = input.enabled === true && !before.enabled;
  await repo.saveSchedule(ctx.db, job.name, { cron: input.cron, enabled: input.enabled, ...(enabling ? { enabledSince: now } : {}) }, now);
  const after = (await repo.schedule(ctx.db, job.name))!;
  await audit(ctx, {
    action: 'update',
    entity: 'job_schedule',
    entityId: job.name,
    unitId: ctx.scope.regionId,
    before: { cron: before.cron, enabled: before.enabled },
    after: { cron: after.cron, enabled: after.enabled },
  });
  return (await listJobs(ctx)).items.find((j) => j.name === job.name)!;
}

export async function listRuns(ctx: RequestContext, q: ListRunsQuery) {
  const page = await repo.listRuns(ctx.db, q);
  return { ...page, items: page.items.map((r) => forRegion(ctx, r)) };
}

const EXAMPLES = { day: '2026-03-05', week: '2026-W10', month: '2026-03', quarter: '2026-Q1', year: '2026' } as const;

/**
 * Re-runs a period by hand: one transaction claims it (a new run, or the existing one with
 * attempts + 1 — refused while it is running) and writes the audit entry; the job then runs in
 * its own transaction, as a scheduled run does. The answer is the run as it ended.
 */
export async function rerun(ctx: RequestContext, input: RerunBody): Promise<JobRun> {
  const job = getJob(input.job);
  if (!job) throw new AppError(400, 'validation_failed', {}, { job: 'job_unknown' });
  const period = parsePeriodKey(job.period, input.period);
  if (!period) throw new AppError(400, 'period_invalid', { example: EXAMPLES[job.period] }, { period: 'period_invalid' });
  const now = new Date();
  if (!periodHasCome(job, period, now)) throw new AppError(400, 'period_future', {}, { period: 'period_future' });
  try {
    await rerunPeriod({ db: ctx.db, kind: ctx.dbKind }, job, period, {
      now: () => new Date(),
      inTransaction: (claim) =>
        ctx.db.transaction(async (tx) => {
          const c = { ...ctx, db: tx as unknown as RequestContext['db'] };
          const claimed = await claim(c.db);
          if (claimed) await audit(c, { action: 'rerun', entity: 'job_run', entityId: claimed.id, unitId: ctx.scope.regionId, after: { job: job.name, period: period.key, attempt: claimed.attempts } });
          return claimed;
        }),
    });
  } catch (e) {
    if (e instanceof RunInProgress) throw new AppError(409, 'run_in_progress');
    throw e;
  }
  const run = await repo.findRunByKey(ctx.db, job.name, period.key);
  return forRegion(ctx, run!);
}
