import { monthsOf, parsePeriodKeyAmong, periodAt, type CalendarPeriod } from '@wutong/contracts';

/**
 * Ranking periods are whole months of the Shanghai calendar: a year ('2026'), a quarter
 * ('2026-Q4') or a month ('2026-11'). The points rollup is kept by month.
 */
export const rankingPeriod = (key: string): CalendarPeriod | null => parsePeriodKeyAmong(['year', 'quarter', 'month'], key);

export const currentMonthKey = (now: Date = new Date()) => periodAt('month', now).key;

/** The first day of the first month and the first day of the last month (the rollup's keys). */
export function monthRange(p: CalendarPeriod): { firstMonth: string; lastMonth: string } {
  const months = monthsOf(p);
  return { firstMonth: months[0]!.start, lastMonth: months[months.length - 1]!.start };
}

/** The month a day falls in, as its first day (the rollup key). */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
