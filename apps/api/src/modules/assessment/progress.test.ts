import { describe, expect, it } from 'vitest';
import { competitionRanks, dayFraction } from '@wutong/contracts';
import { dueByToday, timeProgress } from './progress.js';

describe('序时进度 and ranks', () => {
  it('counts the days of the year elapsed, today included; past years are done, future ones not begun', () => {
    expect(dayFraction(2026, '2026-01-01')).toBeCloseTo(1 / 365);
    expect(dayFraction(2026, '2026-12-31')).toBe(1);
    expect(dayFraction(2024, '2024-12-31')).toBe(1);
    expect(dayFraction(2024, '2024-07-01')).toBeCloseTo(183 / 366);
    expect(dayFraction(2025, '2026-03-01')).toBe(1);
    expect(dayFraction(2027, '2026-03-01')).toBe(0);
  });

  it.each([
    // split, parts, today → due
    ['none', null, '2026-07-02', 1200 * (183 / 365)],
    ['quarter', [100, 200, 300, 600], '2026-05-15', 100 + 200 * (45 / 91)],
    ['quarter', [100, 200, 300, 600], '2026-03-31', 100],
    ['quarter', [100, 200, 300, 600], '2026-04-01', 100 + 200 / 91],
    ['month', [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100], '2026-11-25', 1000 + 100 * (25 / 30)],
    ['month', [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100], '2026-11-30', 1100],
    ['month', [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100], '2026-12-04', 1100 + 100 * (4 / 31)],
  ] as const)('split %s %j on %s: %d due', (split, parts, today, due) => {
    const t = { year: 2026, annual: 1200, split, parts: parts ? [...parts] : null };
    expect(dueByToday(t, today)).toBeCloseTo(due);
    expect(timeProgress(t, today)).toBeCloseTo(due / 1200);
  });

  it('a zero target falls back to the share of days', () => {
    expect(timeProgress({ year: 2026, annual: 0, split: 'none', parts: null }, '2026-12-31')).toBe(1);
  });

  it('ranks by standard competition (1, 1, 3); no score ranks last, together', () => {
    const xs = [{ s: 0.5 }, { s: 0.9 }, { s: 0.5 }, { s: null }, { s: 0.1 }, { s: null }];
    const r = competitionRanks(xs, (x) => x.s);
    expect(xs.map((x) => r.get(x))).toEqual([2, 1, 2, 5, 4, 5]);
  });
});
