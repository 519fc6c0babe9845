import { periodAt, previousPeriod, type ScheduledJob } from '@wutong/contracts';

export const PERIOD_EXAMPLES: Record<ScheduledJob['period'], string> = { day: '2026-03-05', week: '2026-W10', month: '2026-03', quarter: '2026-Q1', year: '2026' };

/** The period a re-run most likely wants: the one the job last covered (the previous one for bulletins). */
export function suggestedPeriod(job: ScheduledJob, now = new Date()): string {
  if (job.lastRun) return job.lastRun.periodKey;
  const current = periodAt(job.period, now);
  return (job.covers === 'current' ? current : previousPeriod(current)).key;
}
