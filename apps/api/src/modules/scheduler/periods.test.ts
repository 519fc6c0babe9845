import { describe, expect, it } from 'vitest';
import { nextPeriod, parsePeriodKey, periodAt, periodBounds, periodLabel, periodOfDate, previousPeriod, shanghaiDate } from './periods.js';
import { duePeriods, nextRun, periodHasCome } from './scheduler.js';

describe('periods in Asia/Shanghai', () => {
  it('places an instant on its Shanghai day', () => {
    expect(shanghaiDate(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(shanghaiDate(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(periodAt('month', new Date('2026-03-31T16:00:00Z')).key).toBe('2026-04');
  });

  it('computes keys and inclusive bounds of every kind', () => {
    expect(periodOfDate('day', '2026-03-05')).toEqual({ key: '2026-03-05', start: '2026-03-05', end: '2026-03-05' });
    expect(periodOfDate('week', '2026-03-05')).toEqual({ key: '2026-W10', start: '2026-03-02', end: '2026-03-08' });
    expect(periodOfDate('month', '2024-02-10')).toEqual({ key: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOfDate('quarter', '2026-11-30')).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
    expect(periodOfDate('year', '2026-06-01')).toEqual({ key: '2026', start: '2026-01-01', end: '2026-12-31' });
    // ISO week-year: 2027-01-01 is a Friday of 2026's week 53
    expect(periodOfDate('week', '2027-01-01').key).toBe('2026-W53');
    expect(periodOfDate('week', '2025-12-29').key).toBe('2026-W01');
  });

  it('walks back and forth', () => {
    expect(previousPeriod('month', periodOfDate('month', '2026-01-15')).key).toBe('2025-12');
    expect(nextPeriod('quarter', periodOfDate('quarter', '2026-12-01')).key).toBe('2027-Q1');
    expect(previousPeriod('week', periodOfDate('week', '2026-01-01')).key).toBe('2025-W52');
    expect(periodBounds(periodOfDate('day', '2026-03-05'))).toEqual({ from: new Date('2026-03-04T16:00:00Z'), to: new Date('2026-03-05T16:00:00Z') });
  });

  it('parses keys and refuses what is not a period', () => {
    for (const [kind, key] of [
      ['day', '2026-03-05'],
      ['week', '2026-W53'],
      ['week', '2026-W01'],
      ['month', '2026-12'],
      ['quarter', '2026-Q2'],
      ['year', '2026'],
    ] as const) {
      expect(parsePeriodKey(kind, key)?.key).toBe(key);
    }
    expect(parsePeriodKey('day', '2026-02-30')).toBeNull();
    expect(parsePeriodKey('week', '2025-W53')).toBeNull();
    expect(parsePeriodKey('month', '2026-13')).toBeNull();
    expect(parsePeriodKey('month', '2026-03-01')).toBeNull();
    expect(parsePeriodKey('quarter', '2026-Q5')).toBeNull();
    expect(parsePeriodKey('year', '1999')).toBeNull();
  });

  it('labels periods the Chinese way', () => {
    expect(periodLabel('month', '2026-11')).toBe('2026年11月');
    expect(periodLabel('quarter', '2026-Q4')).toBe('2026年第4季度');
    expect(periodLabel('week', '2026-W10')).toBe('2026年第10周');
  });
});

describe('which periods are due', () => {
  const daily = { period: 'day', covers: 'current' } as const;
  const monthly = { period: 'month', covers: 'previous' } as const;
  const now = new Date('2026-03-10T04:00:00Z'); // 12:00 in Shanghai

  it('catches up the days since the job was enabled, oldest first', () => {
    const due = duePeriods(daily, { cron: '0 0 * * *', enabled: true, enabledSince: new Date('2026-03-05T02:00:00Z') }, now);
    expect(due.map((d) => d.period.key)).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(due.map((d) => d.trigger)).toEqual(['catchup', 'catchup', 'catchup', 'catchup', 'schedule']);
    expect(due[0]!.scheduledFor).toEqual(new Date('2026-03-05T16:00:00Z'));
  });

  it('bounds the catch-up', () => {
    const due = duePeriods(daily, { cron: '0 0 * * *', enabled: true, enabledSince: new Date('2025-01-01T00:00:00Z') }, now, 3);
    expect(due.map((d) => d.period.key)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10']);
  });

  it('runs the latest passed period of a job enabled just now, and nothing before it', () => {
    expect(duePeriods(daily, { cron: '0 9 * * *', enabled: true, enabledSince: now }, now).map((d) => d.period.key)).toEqual(['2026-03-10']);
    // 08:00 has not come yet today: yesterday is the latest
    expect(duePeriods(daily, { cron: '0 13 * * *', enabled: true, enabledSince: now }, now).map((d) => d.period.key)).toEqual(['2026-03-09']);
    expect(duePeriods(daily, { cron: '0 0 * * *', enabled: false, enabledSince: new Date(0) }, now)).toEqual([]);
  });

  it('maps a monthly fire to the month before (covers: previous)', () => {
    const due = duePeriods(monthly, { cron: '0 8 1 * *', enabled: true, enabledSince: new Date('2026-01-15T00:00:00Z') }, new Date('2026-04-02T00:00:00Z'));
    expect(due.map((d) => d.period.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    // the 1st at 08:00 Shanghai is 00:00 UTC
    expect(due[2]!.scheduledFor).toEqual(new Date('2026-04-01T00:00:00Z'));
    // before 08:00 on the 1st, March is not due yet
    expect(duePeriods(monthly, { cron: '0 8 1 * *', enabled: true, enabledSince: new Date('2026-03-15T00:00:00Z') }, new Date('2026-03-31T23:00:00Z')).map((d) => d.period.key)).toEqual(['2026-02']);
  });

  it('says when the next run is and which period it runs', () => {
    const n = nextRun(monthly, '0 8 1 * *', new Date('2026-04-02T00:00:00Z'))!;
    expect(n.at).toEqual(new Date('2026-05-01T00:00:00Z'));
    expect(n.period.key).toBe('2026-04');
  });

  it('lets a period run by hand once its fire window has begun', () => {
    expect(periodHasCome(monthly, parsePeriodKey('month', '2026-03')!, new Date('2026-03-20T00:00:00Z'))).toBe(false);
    expect(periodHasCome(monthly, parsePeriodKey('month', '2026-03')!, new Date('2026-03-31T16:00:00Z'))).toBe(true);
    expect(periodHasCome(daily, parsePeriodKey('day', '2026-03-10')!, now)).toBe(true);
    expect(periodHasCome(daily, parsePeriodKey('day', '2026-03-11')!, now)).toBe(false);
  });
});
