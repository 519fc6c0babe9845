import type { PeriodKind } from '@wutong/contracts';

/** '2026' | '2026-Q4' | '2026-11', as the API takes them. */
export type Period = { kind: PeriodKind; year: number; /** quarter 1–4 or month 1–12; 0 for a year */ n: number };

const RE = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export function parsePeriod(key: string | null | undefined): Period | undefined {
  const m = key ? RE.exec(key) : null;
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2]) return { kind: 'quarter', year, n: Number(m[2]) };
  if (m[3]) return { kind: 'month', year, n: Number(m[3]) };
  return { kind: 'year', year, n: 0 };
}

export function periodKey(p: Period): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}-Q${p.n}`;
  return `${p.year}-${String(p.n).padStart(2, '0')}`;
}

/** "2026年11月", "2026年第4季度", "2026年"; in English "Nov 2026", "Q4 2026", "2026". */
export function periodLabel(key: string | Period, lang = 'zh-CN'): string {
  const p = typeof key === 'string' ? parsePeriod(key) : key;
  if (!p) return typeof key === 'string' ? key : '';
  if (lang === 'en-US') {
    if (p.kind === 'year') return String(p.year);
    if (p.kind === 'quarter') return `Q${p.n} ${p.year}`;
    return `${new Date(Date.UTC(p.year, p.n - 1, 1)).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${p.year}`;
  }
  if (p.kind === 'year') return `${p.year}年`;
  if (p.kind === 'quarter') return `${p.year}年第${p.n}季度`;
  return `${p.year}年${p.n}月`;
}

/** Today in Asia/Shanghai as [year, month 1–12]: periods are counted there, wherever the browser is. */
export function shanghaiToday(now = new Date()): { year: number; month: number; date: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const year = Number(get('year'));
  const month = Number(get('month'));
  return { year, month, date: `${get('year')}-${get('month')}-${get('day')}` };
}

/** The period of a kind that contains today. */
export function currentPeriod(kind: PeriodKind, now = new Date()): Period {
  const { year, month } = shanghaiToday(now);
  if (kind === 'year') return { kind, year, n: 0 };
  if (kind === 'quarter') return { kind, year, n: Math.ceil(month / 3) };
  return { kind, year, n: month };
}

/** The same point in time as another kind of period: 2026-11 → 2026-Q4 → 2026. */
export function convertPeriod(p: Period, kind: PeriodKind): Period {
  if (p.kind === kind) return p;
  const month = p.kind === 'month' ? p.n : p.kind === 'quarter' ? p.n * 3 - 2 : 1;
  if (kind === 'year') return { kind, year: p.year, n: 0 };
  if (kind === 'quarter') return { kind, year: p.year, n: Math.ceil(month / 3) };
  return { kind, year: p.year, n: month };
}

/** One period earlier or later. */
export function shiftPeriod(p: Period, by: number): Period {
  if (p.kind === 'year') return { ...p, year: p.year + by };
  const per = p.kind === 'quarter' ? 4 : 12;
  const idx = p.year * per + (p.n - 1) + by;
  return { kind: p.kind, year: Math.floor(idx / per), n: (idx % per) + 1 };
}
