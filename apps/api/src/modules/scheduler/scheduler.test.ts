import { describe, expect, it } from 'vitest';
import { parsePeriodKey } from '@wutong/contracts';
import { duePeriods, nextRun, periodHasCome } from './scheduler.js';

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
