/**
 * Calendar periods in Asia/Shanghai (UTC+8, no daylight saving): day, ISO week (Monday first),
 * month, quarter and year. A period is `{ key, start, end }` with inclusive `YYYY-MM-DD` dates.
 *
 * Keys: day `2026-03-05`, week `2026-W10` (ISO week-year), month `2026-03`, quarter `2026-Q1`,
 * year `2026`.
 */
export type PeriodKind = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const PERIOD_KINDS: readonly PeriodKind[] = ['day', 'week', 'month', 'quarter', 'year'];

export type Period = {
  key: string;
  /** first day, inclusive */
  start: string;
  /** last day, inclusive */
  end: string;
};

const DAY = 86400_000;
const SHANGHAI = 8 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** a UTC-midnight Date standing for a calendar day */
const ymd = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const dayOf = (iso: string) => new Date(`${iso}T00:00:00Z`);
const addDays = (iso: string, n: number) => ymd(new Date(dayOf(iso).getTime() + n * DAY));

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  return ymd(new Date(instant.getTime() + SHANGHAI));
}

/** The instant a Shanghai calendar day begins. */
export function shanghaiMidnight(isoDate: string): Date {
  return new Date(dayOf(isoDate).getTime() - SHANGHAI);
}

/** ISO week-year and week number of a calendar day. */
function isoWeek(iso: string): { year: number; week: number; monday: string } {
  const d = dayOf(iso);
  const dow = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = addDays(iso, -dow);
  const thursday = dayOf(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const jan4 = dayOf(`${year}-01-04`);
  const week1Monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY);
  const week = Math.round((dayOf(monday).getTime() - week1Monday.getTime()) / (7 * DAY)) + 1;
  return { year, week, monday };
}

function lastDayOfMonth(year: number, month: number): string {
  return ymd(new Date(Date.UTC(year, month, 0))); // month is 1-based: day 0 of the next month
}

/** The period of a kind that contains a calendar day. */
export function periodOfDate(kind: PeriodKind, iso: string): Period {
  const d = dayOf(iso);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  switch (kind) {
    case 'day':
      return { key: iso, start: iso, end: iso };
    case 'week': {
      const w = isoWeek(iso);
      return { key: `${w.year}-W${pad(w.week)}`, start: w.monday, end: addDays(w.monday, 6) };
    }
    case 'month':
      return { key: `${y}-${pad(m)}`, start: `${y}-${pad(m)}-01`, end: lastDayOfMonth(y, m) };
    case 'quarter': {
      const q = Math.floor((m - 1) / 3) + 1;
      return { key: `${y}-Q${q}`, start: `${y}-${pad(q * 3 - 2)}-01`, end: lastDayOfMonth(y, q * 3) };
    }
    case 'year':
      return { key: String(y), start: `${y}-01-01`, end: `${y}-12-31` };
  }
}

/** The period of a kind that contains an instant (in Shanghai time). */
export function periodAt(kind: PeriodKind, instant: Date): Period {
  return periodOfDate(kind, shanghaiDate(instant));
}

export function previousPeriod(kind: PeriodKind, p: Period): Period {
  return periodOfDate(kind, addDays(p.start, -1));
}

export function nextPeriod(kind: PeriodKind, p: Period): Period {
  return periodOfDate(kind, addDays(p.end, 1));
}

/** When a period begins and ends (exclusive), as instants. */
export function periodBounds(p: Period): { from: Date; to: Date } {
  return { from: shanghaiMidnight(p.start), to: shanghaiMidnight(addDays(p.end, 1)) };
}

const KEY_PATTERNS: Record<PeriodKind, RegExp> = {
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
  week: /^(\d{4})-W(\d{2})$/,
  month: /^(\d{4})-(\d{2})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  year: /^(\d{4})$/,
};

/** A period from its key, or null when the key is not a real period of that kind. */
export function parsePeriodKey(kind: PeriodKind, key: string): Period | null {
  const m = KEY_PATTERNS[kind].exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 2000 || y > 2100) return null;
  let p: Period;
  switch (kind) {
    case 'day':
      // 2026-02-30 rolls over to March: not a day
      if (ymd(dayOf(key)) !== key) return null;
      p = periodOfDate('day', key);
      break;
    case 'week': {
      const jan4 = `${y}-01-04`;
      p = periodOfDate('week', addDays(isoWeek(jan4).monday, (Number(m[2]) - 1) * 7));
      break;
    }
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
  // 2026-02-30 or 2026-W54 would roll over into another period: not a key of this kind
  return p.key === key ? p : null;
}

/** Periods in display form: 2026年11月, 2026年第4季度, 2026年第10周, 2026-03-05, 2026年. */
export function periodLabel(kind: PeriodKind, key: string, lang: 'zh-CN' | 'en-US' = 'zh-CN'): string {
  const p = parsePeriodKey(kind, key);
  if (!p) return key;
  const [y, a] = key.split(/-W|-Q|-/);
  if (lang === 'en-US') {
    if (kind === 'week') return `${y} week ${Number(a)}`;
    if (kind === 'quarter') return `Q${a} ${y}`;
    return key;
  }
  switch (kind) {
    case 'day':
      return key;
    case 'week':
      return `${y}年第${Number(a)}周`;
    case 'month':
      return `${y}年${Number(a)}月`;
    case 'quarter':
      return `${y}年第${a}季度`;
    case 'year':
      return `${y}年`;
  }
}
