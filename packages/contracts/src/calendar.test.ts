import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  competitionRanks,
  dayFraction,
  isRealDate,
  isoWeek,
  lastEndedPeriod,
  nextPeriod,
  monthsOf,
  monthsThrough,
  parseAnyPeriodKey,
  parsePeriodKey,
  periodAt,
  periodBounds,
  periodLabel,
  periodOfDate,
  previousPeriod,
  rankWithTies,
  shanghaiDate,
  workingDaysBetween,
  workingDaysCutoff,
} from './calendar.js';

describe('the Shanghai calendar', () => {
  it('takes the day in Shanghai, not in UTC', () => {
    expect(shanghaiDate(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03');
    expect(shanghaiDate(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
    expect(periodAt('month', new Date('2026-11-30T16:30:00Z')).key).toBe('2026-12');
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['x', false],
  ])('isRealDate(%s) = %s', (s, ok) => expect(isRealDate(s)).toBe(ok));

  it('counts working days Monday to Friday', () => {
    // 2026-12-04 is a Friday
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-07', -1)).toBe('2026-12-04');
    expect(addWorkingDays('2026-12-04', 5)).toBe('2026-12-11');
    expect(workingDaysBetween('2026-12-04', '2026-12-11')).toBe(5);
    expect(workingDaysBetween('2026-12-05', '2026-12-06')).toBe(0);
    expect(workingDaysCutoff(new Date('2026-12-07T02:00:00Z'), 1).toISOString()).toBe('2026-12-03T16:00:00.000Z');
  });

  it('knows ISO weeks at year ends', () => {
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1, monday: '2025-12-29' });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53, monday: '2026-12-28' });
    expect(parsePeriodKey('week', '2026-W53')?.end).toBe('2027-01-03');
    expect(parsePeriodKey('week', '2025-W53')).toBeNull();
  });

  it('parses keys and refuses impossible ones', () => {
    expect(parsePeriodKey('month', '2026-02')).toEqual({ kind: 'month', key: '2026-02', start: '2026-02-01', end: '2026-02-28' });
    expect(parsePeriodKey('quarter', '2026-Q4')?.start).toBe('2026-10-01');
    expect(parsePeriodKey('day', '2026-02-30')).toBeNull();
    expect(parsePeriodKey('month', '2026-13')).toBeNull();
    expect(parseAnyPeriodKey('2026')?.kind).toBe('year');
    expect(parseAnyPeriodKey('2026-Q1')?.kind).toBe('quarter');
    expect(parseAnyPeriodKey('2026-W10')?.kind).toBe('week');
    expect(parseAnyPeriodKey('2026-03-05')?.kind).toBe('day');
    expect(parseAnyPeriodKey('2026-3')).toBeNull();
  });

  it('steps back across years and finds the last ended period', () => {
    expect(previousPeriod(periodOfDate('quarter', '2026-02-10')).key).toBe('2025-Q4');
    expect(previousPeriod(periodOfDate('month', '2026-01-10')).key).toBe('2025-12');
    expect(lastEndedPeriod('month', '2026-12-04').key).toBe('2026-11');
    expect(lastEndedPeriod('week', '2026-12-07').key).toBe('2026-W49');
    expect(periodBounds(periodOfDate('day', '2026-12-04')).from.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(monthsOf(parsePeriodKey('week', '2026-W05')!).map((m) => m.key)).toEqual(['2026-01', '2026-02']);
  });

  it('labels periods in both languages', () => {
    expect(periodLabel(parseAnyPeriodKey('2026-11')!)).toBe('2026年11月');
    expect(periodLabel(parseAnyPeriodKey('2026-Q4')!)).toBe('2026年第4季度');
    expect(periodLabel(parseAnyPeriodKey('2026-W10')!)).toBe('2026年第10周');
    expect(periodLabel(parseAnyPeriodKey('2026-11')!, 'en-US')).toBe('Nov 2026');
    expect(periodLabel(parseAnyPeriodKey('2026-Q4')!, 'en-US')).toBe('Q4 2026');
  });

  it('counts elapsed time', () => {
    expect(monthsThrough('2026-11-30')).toBe(11);
    expect(monthsThrough('2026-12-04')).toBe(11);
    expect(dayFraction(2026, '2026-01-01')).toBeCloseTo(1 / 365);
    expect(dayFraction(2025, '2026-01-01')).toBe(1);
  });

  it('ranks with ties (1, 1, 3) and puts unscored items last, together', () => {
    const items = [{ n: 'a', s: 5 }, { n: 'b', s: 9 }, { n: 'c', s: 5 }, { n: 'd', s: null }, { n: 'e', s: 1 }];
    expect(rankWithTies(items, (x) => x.s).map((x) => `${x.n}${x.rank}`)).toEqual(['b1', 'a2', 'c2', 'e4', 'd5']);
    const m = competitionRanks(items, (x) => x.s);
    expect(m.get(items[3]!)).toBe(5);
  });

  it('computes keys and inclusive bounds of every kind', () => {
    expect(periodOfDate('day', '2026-03-05')).toEqual({ kind: 'day', key: '2026-03-05', start: '2026-03-05', end: '2026-03-05' });
    expect(periodOfDate('week', '2026-03-05')).toEqual({ kind: 'week', key: '2026-W10', start: '2026-03-02', end: '2026-03-08' });
    expect(periodOfDate('month', '2024-02-10')).toEqual({ kind: 'month', key: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOfDate('quarter', '2026-11-30')).toEqual({ kind: 'quarter', key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOfDate('year', '2026-06-01')).toEqual({ kind: 'year', key: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOfDate('week', '2025-12-29').key).toBe('2026-W01');
    expect(nextPeriod(periodOfDate('quarter', '2026-12-01')).key).toBe('2027-Q1');
    expect(previousPeriod(periodOfDate('week', '2026-01-01')).key).toBe('2025-W52');
  });

  it('refuses keys that are not periods of their kind', () => {
    for (const [kind, key] of [
      ['week', '2026-W01'],
      ['month', '2026-12'],
      ['quarter', '2026-Q2'],
      ['year', '2026'],
    ] as const) {
      expect(parsePeriodKey(kind, key)?.key).toBe(key);
    }
    expect(parsePeriodKey('month', '2026-03-01')).toBeNull();
    expect(parsePeriodKey('quarter', '2026-Q5')).toBeNull();
    expect(parsePeriodKey('year', '1999')).toBeNull();
  });
});
