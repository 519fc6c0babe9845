import { describe, expect, it } from 'vitest';
import { shanghaiDate as shanghaiToday, workingDaysCutoff } from '@wutong/contracts';

describe('working days', () => {
  it('counts Shanghai days, not UTC ones', () => {
    expect(shanghaiToday(new Date('2026-11-24T17:00:00Z'))).toBe('2026-11-25');
    expect(shanghaiToday(new Date('2026-11-24T15:00:00Z'))).toBe('2026-11-24');
  });
  it('skips weekends', () => {
    // Monday 2026-11-23 in Shanghai: one working day back is Friday the 20th
    const monday = new Date('2026-11-23T02:00:00Z');
    expect(workingDaysCutoff(monday, 1).toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(workingDaysCutoff(monday, 3).toISOString()).toBe('2026-11-17T16:00:00.000Z');
    // Wednesday: one back is Tuesday
    expect(workingDaysCutoff(new Date('2026-11-25T02:00:00Z'), 1).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(workingDaysCutoff(monday, 0).toISOString()).toBe('2026-11-22T16:00:00.000Z');
  });
});
