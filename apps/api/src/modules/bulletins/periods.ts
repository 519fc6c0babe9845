import { lastEndedPeriod, parsePeriodKey, periodOfDate, type BulletinKind } from '@wutong/contracts';

/**
 * Bulletin periods on the Shanghai calendar: a monthly bulletin covers a month ('2026-04'), a weekly
 * one an ISO week, Monday to Sunday ('2026-W18').
 */
export type BulletinPeriodInfo = { kind: BulletinKind; period: string; year: number; start: string; end: string; label: string; labelEn: string };

const CALENDAR_KIND = { monthly: 'month', weekly: 'week' } as const;

/** Parses and checks a bulletin period against its kind; null when it is not a real period of that kind. */
export function bulletinPeriod(kind: BulletinKind, period: string): BulletinPeriodInfo | null {
  const p = parsePeriodKey(CALENDAR_KIND[kind], period);
  if (!p) return null;
  const year = Number(period.slice(0, 4));
  const n = Number(period.slice(kind === 'monthly' ? 5 : 6));
  if (kind === 'monthly') {
    const month = new Date(Date.UTC(year, n - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
    return { kind, period, year, start: p.start, end: p.end, label: `${year}年${n}月`, labelEn: `${month} ${year}` };
  }
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return { kind, period, year, start: p.start, end: p.end, label: `${year}年第${n}周（${md(p.start)}至${md(p.end)}）`, labelEn: `Week ${n} of ${year} (${p.start} – ${p.end})` };
}

/** The bulletin period of a kind that holds a day. */
export const bulletinPeriodOf = (kind: BulletinKind, day: string) => periodOfDate(CALENDAR_KIND[kind], day).key;

/** The period of a kind that ended most recently before `today`. */
export const lastEndedBulletinPeriod = (kind: BulletinKind, today: string) => bulletinPeriod(kind, lastEndedPeriod(CALENDAR_KIND[kind], today).key)!;
