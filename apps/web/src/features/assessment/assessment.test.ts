import { describe, expect, test } from 'vitest';
import { percent } from '../../shared/format';
import { evenSplit, formatIndicator, toBase, toDisplay } from './indicator-units';
import { convertPeriod, currentPeriod, parsePeriod, shiftPeriod } from './periods';

describe('display units ↔ base units', () => {
  test('money in 万 with two decimals, exactly', () => {
    expect(toBase('registered_capital', 1200)).toBe(1_200_000_000);
    expect(toBase('registered_capital', 0.1 + 0.2)).toBe(300_000); // 0.30 万元, no float noise
    expect(toBase('foreign_capital_used', 12.345)).toBe(12_350_000); // rounded to 0.01 万美元
    expect(toDisplay('registered_capital', 1_234_567_800)).toBeCloseTo(1234.5678);
  });
  test('counts as is, CO₂ typed in tonnes, kWh as is', () => {
    expect(toBase('enterprises_introduced', 12)).toBe(12);
    expect(toBase('co2_avoided', 3.5)).toBe(3500);
    expect(toBase('annual_generation', 1_000_000)).toBe(1_000_000);
  });
  test('formatted with the indicator unit', () => {
    expect(formatIndicator('registered_capital', 3_797_500_000_000)).toBe('3,797,500.00 万元'); // 379.75亿元
    expect(formatIndicator('foreign_capital_used', 2_570_000_000)).toBe('2,570.00 万美元');
    expect(formatIndicator('enterprises_introduced', 4952)).toBe('4,952 家');
    expect(formatIndicator('signed_projects', 3)).toBe('3 个');
    expect(formatIndicator('co2_avoided', 12_340)).toBe('12.34 吨');
    expect(formatIndicator('registered_capital', 1_000_000, 'en-US')).toBe('1.00 ×10k CNY');
  });
  test('percentages with one decimal', () => {
    expect(percent(0.8534)).toBe('85.3%');
    expect(percent(1.2)).toBe('120.0%');
    expect(percent(null)).toBe('—');
  });
});

describe('even split', () => {
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  test('always sums to the annual, remainder on the last parts', () => {
    expect(evenSplit('enterprises_introduced', 10, 12)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(evenSplit('enterprises_introduced', 100, 4)).toEqual([25, 25, 25, 25]);
    const money = evenSplit('registered_capital', toBase('registered_capital', 100), 12);
    expect(sum(money)).toBe(100_000_000);
    expect(money[0]).toBe(8_330_000); // 8.33 万元
    expect(money[11]).toBe(8_340_000); // 8.34 万元
  });
  test('an annual off the display grid keeps its odd base units in the last part', () => {
    const parts = evenSplit('registered_capital', 100_000_001, 4);
    expect(sum(parts)).toBe(100_000_001);
  });
});

describe('assessment periods', () => {
  const key = (k: string) => parsePeriod(k)?.key;
  test('month, quarter and year keys parse; others do not', () => {
    for (const k of ['2026', '2026-Q4', '2026-11', '2026-01']) expect(key(k)).toBe(k);
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect(parsePeriod('2026-Q5')).toBeUndefined();
    expect(parsePeriod('2026-W10')).toBeUndefined();
  });
  test('stepping and converting', () => {
    expect(shiftPeriod(parsePeriod('2026-01')!, -1).key).toBe('2025-12');
    expect(shiftPeriod(parsePeriod('2026-Q1')!, -1).key).toBe('2025-Q4');
    expect(shiftPeriod(parsePeriod('2025-12')!, 1).key).toBe('2026-01');
    expect(shiftPeriod(parsePeriod('2026')!, -2).key).toBe('2024');
    expect(convertPeriod(parsePeriod('2026-11')!, 'quarter').key).toBe('2026-Q4');
    expect(convertPeriod(parsePeriod('2026-Q3')!, 'month').key).toBe('2026-07');
    expect(convertPeriod(parsePeriod('2026-Q3')!, 'year').key).toBe('2026');
  });
  test('today is counted in Asia/Shanghai', () => {
    // 2026-03-31 17:00 UTC is already 1 April in Shanghai
    expect(currentPeriod('quarter', new Date('2026-03-31T17:00:00Z')).key).toBe('2026-Q2');
  });
});
