/**
 * The Shanghai calendar: the one place the API and the web app turn instants into days, days
 * into periods, and count working days. Asia/Shanghai has no daylight saving, so a day there is
 * the UTC instant shifted by eight hours. Days travel as `YYYY-MM-DD` strings.
 *
 * Period keys: day `2026-03-05`, ISO week `2026-W10` (Monday first, week 1 holds the year's first
 * Thursday), month `2026-03`, quarter `2026-Q1`, year `2026`.
 */

export const SHANGHAI_TZ = 'Asia/Shanghai';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** a calendar day as the UTC midnight that stands for it (arithmetic only) */
const utc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOfUtc = (t: number) => new Date(t).toISOString().slice(0, 10);

// ── days ──

/** The Shanghai calendar day of an instant, `YYYY-MM-DD`. */
export function shanghaiDate(instant: Date = new Date()): string {
  return dayOfUtc(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** The year of the Shanghai day of an instant. */
export const shanghaiYear = (instant: Date = new Date()) => Number(shanghaiDate(instant).slice(0, 4));

/** The instant a Shanghai calendar day begins. */
export function shanghaiMidnight(day: string): Date {
  return new Date(utc(day) - SHANGHAI_OFFSET_MS);
}

/** `YYYY-MM-DD` that names a day of the calendar (2026-02-30 does not). */
export function isRealDate(s: unknown): s is string {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = utc(s);
  return Number.isFinite(t) && dayOfUtc(t) === s;
}

export const addDays = (day: string, n: number) => dayOfUtc(utc(day) + n * DAY_MS);

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export const daysBetween = (a: string, b: string) => Math.round((utc(b) - utc(a)) / DAY_MS);

/** ISO day of the week: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  return ((new Date(utc(day)).getUTCDay() + 6) % 7) + 1;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
export const daysInYear = (y: number) => (isLeap(y) ? 366 : 365);
export const lastDayOfMonth = (year: number, month: number) => dayOfUtc(Date.UTC(year, month, 0));

/** The share of `year` elapsed by `today` (today counted): 1 for past years, 0 for future ones. */
export function dayFraction(year: number, today: string): number {
  const y = Number(today.slice(0, 4));
  if (year < y) return 1;
  if (year > y) return 0;
  return (daysBetween(`${year}-01-01`, today) + 1) / daysInYear(year);
}

/** Months (1–12) of the day's year whose last day is on or before it: the months fully elapsed. */
export function monthsThrough(day: string): number {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return day === lastDayOfMonth(year, month) ? month : month - 1;
}

// ── working days (Monday to Friday; public holidays are not modelled: rules can widen instead) ──

export const isWorkingDay = (day: string) => isoWeekday(day) <= 5;

/** The day `n` working days after `day` (before it when `n` is negative); `n = 0` is `day` itself. */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  let left = Math.abs(n);
  const step = n < 0 ? -1 : 1;
  while (left > 0) {
    d = addDays(d, step);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/**
 * The instant that begins the day `n` working days before the Shanghai day of `now`. Something
 * that happened before it has waited at least `n` full working days.
 */
export function workingDaysCutoff(now: Date, n: number): Date {
  return shanghaiMidnight(addWorkingDays(shanghaiDate(now), -n));
}

// ── periods ──

export type CalendarKind = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const CALENDAR_KINDS: readonly CalendarKind[] = ['day', 'week', 'month', 'quarter', 'year'];

/** A period of the Shanghai calendar: its key and its first and last days (inclusive). */
export type CalendarPeriod = { kind: CalendarKind; key: string; start: string; end: string };

/** ISO week-year, week number and Monday of a day. */
export function isoWeek(day: string): { year: number; week: number; monday: string } {
  const monday = addDays(day, 1 - isoWeekday(day));
  const year = Number(addDays(monday, 3).slice(0, 4));
  const jan4 = `${year}-01-04`;
  const week1Monday = addDays(jan4, 1 - isoWeekday(jan4));
  return { year, week: daysBetween(week1Monday, monday) / 7 + 1, monday };
}

export const weeksInYear = (year: number) => isoWeek(`${year}-12-28`).week;

/** The period of a kind that holds a day. */
export function periodOfDate(kind: CalendarKind, day: string): CalendarPeriod {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  switch (kind) {
    case 'day':
      return { kind, key: day, start: day, end: day };
    case 'week': {
      const w = isoWeek(day);
      return { kind, key: `${w.year}-W${pad(w.week)}`, start: w.monday, end: addDays(w.monday, 6) };
    }
    case 'month':
      return { kind, key: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: lastDayOfMonth(y, m) };
    case 'quarter': {
      const q = Math.ceil(m / 3);
      return { kind, key: `${y}-Q${q}`, start: `${y}-${pad(q * 3 - 2)}-01`, end: lastDayOfMonth(y, q * 3) };
    }
    case 'year':
      return { kind, key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** The period of a kind that holds an instant (its Shanghai day). */
export const periodAt = (kind: CalendarKind, instant: Date = new Date()) => periodOfDate(kind, shanghaiDate(instant));

export const previousPeriod = (p: CalendarPeriod) => periodOfDate(p.kind, addDays(p.start, -1));
export const nextPeriod = (p: CalendarPeriod) => periodOfDate(p.kind, addDays(p.end, 1));

/** The period of a kind that ended most recently before `today`. */
export const lastEndedPeriod = (kind: CalendarKind, today: string) => previousPeriod(periodOfDate(kind, today));

/** When a period begins, and when the next one begins, as instants. */
export function periodBounds(p: CalendarPeriod): { from: Date; to: Date } {
  return { from: shanghaiMidnight(p.start), to: shanghaiMidnight(addDays(p.end, 1)) };
}

const KEY_PATTERNS: Record<CalendarKind, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

/** A period from its key, or null when the key is not a real period of that kind (2026-02-30, 2026-W54). */
export function parsePeriodKey(kind: CalendarKind, key: string): CalendarPeriod | null {
  const m = KEY_PATTERNS[kind].exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 2000 || y > 2100) return null;
  let p: CalendarPeriod;
  switch (kind) {
    case 'day':
      if (!isRealDate(key)) return null;
      p = periodOfDate('day', key);
      break;
    case 'week':
      p = periodOfDate('week', addDays(isoWeek(`${y}-01-04`).monday, (Number(m[2]) - 1) * 7));
      break;
    case 'month':
      if (Number(m[2]) < 1 || Number(m[2]) > 12) return null;
      p = periodOfDate('month', `${key}-01`);
      break;
    case 'quarter':
      p = periodOfDate('quarter', `${y}-${pad(Number(m[2]) * 3 - 2)}-01`);
      break;
    case 'year':
      p = periodOfDate('year', `${y}-01-01`);
      break;
  }
  return p.key === key ? p : null;
}

/** A period from a key of any kind, the kind read from the key's form. */
export function parseAnyPeriodKey(key: string): CalendarPeriod | null {
  for (const kind of CALENDAR_KINDS) {
    if (KEY_PATTERNS[kind].test(key)) return parsePeriodKey(kind, key);
  }
  return null;
}

/** A period from a key of one of the given kinds (e.g. the whole-month kinds: year, quarter, month). */
export function parsePeriodKeyAmong(kinds: readonly CalendarKind[], key: string): CalendarPeriod | null {
  const p = parseAnyPeriodKey(key);
  return p && kinds.includes(p.kind) ? p : null;
}

/** The months a period covers, as month periods (a week may touch two). */
export function monthsOf(p: CalendarPeriod): CalendarPeriod[] {
  const out: CalendarPeriod[] = [];
  for (let m = periodOfDate('month', p.start); m.start <= p.end; m = nextPeriod(m)) out.push(m);
  return out;
}

/** Periods as people write them: 2026年11月, 2026年第4季度, 2026年第10周; Nov 2026, Q4 2026, 2026 week 10. */
export function periodLabel(p: CalendarPeriod, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const y = p.key.slice(0, 4);
  const n = Number(p.key.slice(p.kind === 'week' || p.kind === 'quarter' ? 6 : 5, 8));
  if (lang === 'en-US') {
    switch (p.kind) {
      case 'day':
        return p.key;
      case 'week':
        return `${y} week ${n}`;
      case 'month':
        return `${new Date(Date.UTC(Number(y), n - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${y}`;
      case 'quarter':
        return `Q${n} ${y}`;
      case 'year':
        return y;
    }
  }
  switch (p.kind) {
    case 'day':
      return p.key;
    case 'week':
      return `${y}年第${n}周`;
    case 'month':
      return `${y}年${n}月`;
    case 'quarter':
      return `${y}年第${n}季度`;
    case 'year':
      return `${y}年`;
  }
}

// ── ranks ──

/**
 * Standard competition ranking (1, 1, 3): the highest score ranks 1; items without a score rank
 * last, together. Keyed by the item itself.
 */
export function competitionRanks<T>(items: readonly T[], score: (x: T) => number | null): Map<T, number> {
  const scores = items.map(score);
  const sorted = scores.filter((s): s is number => s !== null).sort((a, b) => b - a);
  const rankOf = new Map<number, number>();
  sorted.forEach((s, i) => rankOf.has(s) || rankOf.set(s, i + 1));
  return new Map(items.map((x, i) => [x, scores[i] === null ? sorted.length + 1 : rankOf.get(scores[i]!)!]));
}

/** The items in rank order (stable among equals), each with its competition rank. */
export function rankWithTies<T extends object>(items: readonly T[], score: (x: T) => number | null): (T & { rank: number })[] {
  const ranks = competitionRanks(items, score);
  return items
    .map((x, i) => ({ x, i, rank: ranks.get(x)! }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .map(({ x, rank }) => ({ ...x, rank }));
}
