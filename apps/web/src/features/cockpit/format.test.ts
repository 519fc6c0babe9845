import { describe, expect, test } from 'vitest';
import { aheadPoints, formatNumber, formatValue, monthLabel, nameWithUnit, percent } from './format';

describe('cockpit figures', () => {
  test('the article’s 2022 figures print as the article prints them', () => {
    expect(formatValue('enterprise', 4952, 'zh-CN')).toBe('4,952 家');
    expect(formatValue('cny', 379_75_000_000_00, 'zh-CN')).toBe('379.75 亿元'); // 379.75亿元 in 分
    expect(formatValue('usd', 2_57_000_000_00, 'zh-CN')).toBe('2.57 亿美元');
    expect(formatValue('cny', 179_42_000_000_00, 'zh-CN')).toBe('179.42 亿元');
    expect(formatValue('cny', 99_72_000_000_00, 'zh-CN')).toBe('99.72 亿元');
  });
  test('lists take 万, energy 万kWh, CO₂ tonnes', () => {
    expect(formatValue('cny', 1_234_567_890, 'zh-CN', 'list')).toBe('1,234.57 万元');
    expect(formatValue('usd', 1_200_000_000, 'zh-CN', 'list')).toBe('1,200.00 万美元');
    expect(formatValue('kwh', 105_343_755, 'zh-CN')).toBe('10,534.38 万kWh');
    expect(formatValue('co2_t', 1_234_567, 'zh-CN')).toBe('1,234.57 吨');
    expect(formatValue('project', 12, 'en-US')).toBe('12 projects');
    expect(formatNumber('cny', 0)).toBe('0.00');
  });
  test('percentages with one decimal; none shows a dash', () => {
    expect(percent(0.8680555)).toBe('86.8%');
    expect(percent(1.277384)).toBe('127.7%');
    expect(percent(null)).toBe('—');
  });
  test('against 序时进度, in points rounded as shown', () => {
    expect(aheadPoints(0.868, 0.9167)).toBe(-4.9);
    expect(aheadPoints(1.2774, 0.9167)).toBe(36.1);
    expect(aheadPoints(0.91666, 0.91667)).toBe(-0);
    expect(aheadPoints(null, 0.5)).toBeNull();
  });
  test('months and names in both languages', () => {
    expect(monthLabel('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(monthLabel('2026-03', 'zh-CN', true)).toBe('3月');
    expect(monthLabel('2026-11', 'en-US')).toBe('Nov 2026');
    expect(nameWithUnit('registered_capital', 'zh-CN')).toBe('注册资金（亿元）');
    expect(nameWithUnit('registered_capital', 'en-US')).toBe('Registered capital (100M CNY)');
  });
});
