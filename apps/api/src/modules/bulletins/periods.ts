import type { BulletinKind, PeriodKind } from '@wutong/contracts';

/**
 * Periods as calendar days in Asia/Shanghai, written YYYY-MM-DD. Weeks are ISO weeks (Monday to
 * Sunday, week 1 holds the year's first Thursday), written '2026-W18'; months '2026-04', quarters
 * '2026-Q2', years '2026'.
 */

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** A date string as a UTC midnight timestamp (calendar arithmetic only). */
const ms = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => iso(ms(d) + n * DAY);

/** Today's calendar date in Asia/Shanghai. */
export function shanghaiDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export type Bounds = { start: string; end: string };

function monthEnd(year: number, month: number): string {
  return iso(Date.UTC(year, month, 0));
}

/** The ISO week holding a date: its week-year, number and Monday. */
export function isoWeekOf(d: string): { year: number; week: number; monday: string } {
  const t = ms(d);
  const dow = (new Date(t).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = t - dow * DAY;
  const thursday = monday + 3 * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  return { year, week: Math.round((monday - week1Monday) / (7 * DAY)) + 1, monday: iso(monday) };
}

export function weeksInYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

/* ── bulletin periods ────────────────────────────────────────────────────────────────────── */

export type BulletinPeriodInfo = Bounds & { kind: BulletinKind; period: string; year: number; label: string; labelEn: string };

/** Parses and checks a bulletin period against its kind; null when it is not a real period of that kind. */
export function bulletinPeriod(kind: BulletinKind, period: string): BulletinPeriodInfo | null {
  if (kind === 'monthly') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
    if (!m) return null;
    const year = Number(m[1]);
    const month = Number(m[2]);
    return {
      kind,
      period,
      year,
      start: `${m[1]}-${m[2]}-01`,
      end: monthEnd(year, month),
      label: `${year}年${month}月`,
      labelEn: `${new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${year}`,
    };
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(period);
  if (!w) return null;
  const year = Number(w[1]);
  const week = Number(w[2]);
  if (week < 1 || week > weeksInYear(year)) return null;
  const jan4 = Date.UTC(year, 0, 4);
  const week1Monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const start = iso(week1Monday + (week - 1) * 7 * DAY);
  const end = addDays(start, 6);
  const md = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
  return { kind, period, year, start, end, label: `${year}年第${week}周（${md(start)}至${md(end)}）`, labelEn: `Week ${week} of ${year} (${start} – ${end})` };
}

export function weekKey(d: string): string {
  const { year, week } = isoWeekOf(d);
  return `${year}-W${pad(week)}`;
}

export function monthKey(d: string): string {
  return d.slice(0, 7);
}

/** The bulletin period of a kind that holds a date. */
export function bulletinPeriodOf(kind: BulletinKind, d: string): string {
  return kind === 'monthly' ? monthKey(d) : weekKey(d);
}

/** The period of a kind that ended most recently before `today`. */
export function lastEndedBulletinPeriod(kind: BulletinKind, today: string): BulletinPeriodInfo {
  const current = bulletinPeriod(kind, bulletinPeriodOf(kind, today))!;
  return bulletinPeriod(kind, bulletinPeriodOf(kind, addDays(current.start, -1)))!;
}

/* ── assessment periods (contracts PeriodKey) ────────────────────────────────────────────── */

export type AssessmentPeriodInfo = Bounds & { kind: PeriodKind; period: string; year: number; label: string };

export function assessmentPeriod(period: string): AssessmentPeriodInfo | null {
  let m = /^(\d{4})$/.exec(period);
  if (m) {
    const year = Number(m[1]);
    return { kind: 'year', period, year, start: `${year}-01-01`, end: `${year}-12-31`, label: `${year}年` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return { kind: 'quarter', period, year, start: `${year}-${pad(q * 3 - 2)}-01`, end: monthEnd(year, q * 3), label: `${year}年第${q}季度` };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return { kind: 'month', period, year, start: `${period}-01`, end: monthEnd(year, month), label: `${year}年${month}月` };
  }
  return null;
}

export function assessmentPeriodOf(kind: PeriodKind, d: string): string {
  const year = d.slice(0, 4);
  if (kind === 'year') return year;
  if (kind === 'quarter') return `${year}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
  return d.slice(0, 7);
}

/** The period of the same kind just before. */
export function previousAssessmentPeriod(period: string): string {
  const p = assessmentPeriod(period)!;
  return assessmentPeriodOf(p.kind, addDays(p.start, -1));
}

/** The period of a kind that ended most recently before `today`. */
export function lastEndedAssessmentPeriod(kind: PeriodKind, today: string): AssessmentPeriodInfo {
  const current = assessmentPeriod(assessmentPeriodOf(kind, today))!;
  return assessmentPeriod(assessmentPeriodOf(kind, addDays(current.start, -1)))!;
}

/** Months (1–12) of a year whose last day is on or before `d`: the months fully elapsed at `d`. */
export function monthsThrough(d: string): number {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  return d === monthEnd(year, month) ? month : month - 1;
}
