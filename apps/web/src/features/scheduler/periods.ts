import dayjs from 'dayjs';
import type { ScheduledJob } from '@wutong/contracts';

export const PERIOD_EXAMPLES: Record<ScheduledJob['period'], string> = { day: '2026-03-05', week: '2026-W10', month: '2026-03', quarter: '2026-Q1', year: '2026' };

/** Shanghai calendar day of an instant. */
const shanghai = (d: Date) => dayjs(new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10));

function isoWeekKey(day: dayjs.Dayjs): string {
  const dow = (day.day() + 6) % 7;
  const thursday = day.subtract(dow, 'day').add(3, 'day');
  const jan4 = dayjs(`${thursday.year()}-01-04`);
  const week1Monday = jan4.subtract((jan4.day() + 6) % 7, 'day');
  const week = Math.round(day.subtract(dow, 'day').diff(week1Monday, 'day') / 7) + 1;
  return `${thursday.year()}-W${String(week).padStart(2, '0')}`;
}

function keyOf(kind: ScheduledJob['period'], day: dayjs.Dayjs): string {
  switch (kind) {
    case 'day':
      return day.format('YYYY-MM-DD');
    case 'week':
      return isoWeekKey(day);
    case 'month':
      return day.format('YYYY-MM');
    case 'quarter':
      return `${day.year()}-Q${Math.floor(day.month() / 3) + 1}`;
    case 'year':
      return String(day.year());
  }
}

/** The period a re-run most likely wants: the one the job last covered (the previous one for bulletins). */
export function suggestedPeriod(job: ScheduledJob, now = new Date()): string {
  if (job.lastRun) return job.lastRun.periodKey;
  const day = shanghai(now);
  if (job.covers === 'current') return keyOf(job.period, day);
  const back = { day: 'day', week: 'week', month: 'month', quarter: 'month', year: 'year' } as const;
  return keyOf(job.period, job.period === 'quarter' ? day.subtract(3, 'month') : day.subtract(1, back[job.period]));
}

/** Periods in display form: 2026年11月, 2026年第4季度, 2026年第10周. */
export function periodLabel(kind: ScheduledJob['period'], key: string, lang: string): string {
  if (lang.startsWith('en')) return key;
  const [y, a] = key.split(/-W|-Q|-/);
  switch (kind) {
    case 'week':
      return `${y}年第${Number(a)}周`;
    case 'month':
      return `${y}年${Number(a)}月`;
    case 'quarter':
      return `${y}年第${a}季度`;
    case 'year':
      return `${y}年`;
    default:
      return key;
  }
}
