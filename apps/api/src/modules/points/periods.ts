/**
 * Ranking periods: '2026' (year), '2026-Q4' (quarter), '2026-11' (month), Asia/Shanghai days.
 * A period covers whole months; the previous period is the one of the same length just before.
 */
export type Period = { key: string; kind: 'year' | 'quarter' | 'month'; year: number; /** first and last month, 1-12 */ from: number; to: number };

export function parsePeriod(key: string): Period | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return { key, kind: 'year', year: Number(m[1]), from: 1, to: 12 };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) {
    const q = Number(m[2]);
    return { key, kind: 'quarter', year: Number(m[1]), from: q * 3 - 2, to: q * 3 };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return { key, kind: 'month', year: Number(m[1]), from: Number(m[2]), to: Number(m[2]) };
  return null;
}

export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return parsePeriod(String(p.year - 1))!;
  if (p.kind === 'quarter') {
    const q = (p.to / 3) | 0;
    return parsePeriod(q === 1 ? `${p.year - 1}-Q4` : `${p.year}-Q${q - 1}`)!;
  }
  return parsePeriod(p.from === 1 ? `${p.year - 1}-12` : `${p.year}-${String(p.from - 1).padStart(2, '0')}`)!;
}

const mm = (n: number) => String(n).padStart(2, '0');

/** The first day of the first month and the first day of the last month (rollup keys). */
export function monthRange(p: Period): { firstMonth: string; lastMonth: string } {
  return { firstMonth: `${p.year}-${mm(p.from)}-01`, lastMonth: `${p.year}-${mm(p.to)}-01` };
}

/** The first and last day (inclusive). */
export function dayRange(p: Period): { fromDay: string; toDay: string } {
  const last = new Date(Date.UTC(p.year, p.to, 0)).getUTCDate();
  return { fromDay: `${p.year}-${mm(p.from)}-01`, toDay: `${p.year}-${mm(p.to)}-${mm(last)}` };
}

/** Today's month in Asia/Shanghai, e.g. '2026-11'. */
export function currentMonthKey(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** The month a day falls in, as its first day (the rollup key). */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;

/** Standard competition ranking (1, 1, 3) by points, descending. */
export function competitionRanks<T extends { points: number }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => b.points - a.points);
  let rank = 0;
  return sorted.map((x, i) => {
    if (i === 0 || x.points !== sorted[i - 1]!.points) rank = i + 1;
    return { ...x, rank };
  });
}
