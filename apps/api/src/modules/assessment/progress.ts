import { dayFraction, type IndicatorUnit, type TargetSplit } from '@wutong/contracts';


/**
 * How much of a yearly target is due by `today` (序时): with a split, the parts of the periods
 * before the current one plus the current part × the share of its days elapsed (today counted),
 * so that on 4 December a monthly plan is 11 parts and 4/31 of the twelfth due, not all twelve;
 * without a split, the annual target × the share of the year's days elapsed.
 */
export function dueByToday(t: { year: number; annual: number; split: TargetSplit; parts: number[] | null }, today: string): number {
  const y = Number(today.slice(0, 4));
  if (t.year < y) return t.annual;
  if (t.year > y) return 0;
  const month = Number(today.slice(5, 7));
  if (t.split !== 'none' && t.parts) {
    const current = t.split === 'quarter' ? Math.ceil(month / 3) : month; // 1-based
    const firstMonth = t.split === 'quarter' ? (current - 1) * 3 + 1 : current;
    const lastMonth = t.split === 'quarter' ? firstMonth + 2 : current;
    const start = Date.UTC(t.year, firstMonth - 1, 1);
    const end = Date.UTC(t.year, lastMonth, 1); // the day after the period
    const elapsed = (Date.parse(`${today}T00:00:00Z`) - start) / 86400_000 + 1;
    const before = t.parts.slice(0, current - 1).reduce((a, b) => a + b, 0);
    return before + (t.parts[current - 1] ?? 0) * (elapsed / ((end - start) / 86400_000));
  }
  return t.annual * dayFraction(t.year, today);
}

/** 序时进度 of one target: due ÷ annual; the share of days when the target is 0. */
export function timeProgress(t: { year: number; annual: number; split: TargetSplit; parts: number[] | null }, today: string): number {
  return t.annual > 0 ? dueByToday(t, today) / t.annual : dayFraction(t.year, today);
}

/** What an indicator's base unit is worth in the unit people write in spreadsheets (万元, 万美元, t). */
export const DISPLAY_FACTOR: Record<IndicatorUnit, number> = { enterprise: 1, cny: 1_000_000, usd: 1_000_000, project: 1, person: 1, kwh: 1, co2_t: 1000 };
export const DISPLAY_UNIT: Record<IndicatorUnit, [string, string]> = {
  enterprise: ['家', 'enterprises'],
  cny: ['万元', 'CNY 10k'],
  usd: ['万美元', 'USD 10k'],
  project: ['个', 'projects'],
  person: ['人', 'persons'],
  kwh: ['kWh', 'kWh'],
  co2_t: ['吨', 't'],
};
