import { nextPeriod, parseAnyPeriodKey, periodAt, periodOfDate, previousPeriod, type CalendarPeriod, type PeriodKind } from '@wutong/contracts';

/**
 * Assessment periods — a month, a quarter or a year of the contracts' Shanghai calendar, keyed as
 * the API takes them ('2026-11', '2026-Q4', '2026').
 */
export type Period = CalendarPeriod & { kind: PeriodKind };

const isAssessmentKind = (k: string): k is PeriodKind => k === 'month' || k === 'quarter' || k === 'year';

export function parsePeriod(key: string | null | undefined): Period | undefined {
  const p = key ? parseAnyPeriodKey(key) : null;
  return p && isAssessmentKind(p.kind) ? (p as Period) : undefined;
}

/** The period of a kind that holds today (in Shanghai, wherever the browser is). */
export const currentPeriod = (kind: PeriodKind, now = new Date()) => periodAt(kind, now) as Period;

/** The same point in time as another kind of period: 2026-11 → 2026-Q4 → 2026. */
export const convertPeriod = (p: Period, kind: PeriodKind) => (p.kind === kind ? p : (periodOfDate(kind, p.start) as Period));

/** `by` periods earlier (negative) or later. */
export function shiftPeriod(p: Period, by: number): Period {
  let q: CalendarPeriod = p;
  for (let i = 0; i < Math.abs(by); i++) q = by < 0 ? previousPeriod(q) : nextPeriod(q);
  return q as Period;
}
