import { describe, expect, test } from 'vitest';
import { formatCount, formatValue, formatWan, money, moneyUnit, nameWithUnit, percent, percentOfBp, periodText, shortMonth, formatNumber } from './format';

describe('money in 万 and 亿', () => {
  test('two decimals and thousands separators', () => {
    expect(formatWan(33_494_519_360)).toBe('33,494.52'); // 334,945,193.60 元
    expect(formatWan(3_349_451_936_000)).toBe('3,349,451.94');
    expect(formatWan(0)).toBe('0.00');
    expect(formatWan(null)).toBe('');
  });
  test('the unit follows the currency and the language', () => {
    expect(money(1_200_000_000, 'CNY', 'zh-CN')).toBe('1,200.00 万元');
    expect(money(1_200_000_000, 'USD', 'zh-CN')).toBe('1,200.00 万美元');
    expect(money(1_200_000_000, 'USD', 'en-US')).toBe('1,200.00 ×10k USD');
    expect(moneyUnit('EUR', 'zh-CN')).toBe('万欧元');
    expect(money(null, 'CNY', 'zh-CN')).toBe('—');
  });
  test('auto: 亿 from one 亿 up', () => {
    expect(money(50_000_000_000, 'CNY', 'zh-CN', 'auto')).toBe('5.00 亿元');
    expect(money(9_999_999_999, 'CNY', 'zh-CN', 'auto')).toBe('10,000.00 万元');
  });
  test('counts and percentages', () => {
    expect(formatCount(1234)).toBe('1,234');
    expect(percent(0.8680555)).toBe('86.8%');
    expect(percent(12.77384)).toBe('1277.4%');
    expect(percent(null)).toBe('—');
    expect(percentOfBp(6000)).toBe('60.0%');
  });
});

describe('indicator values', () => {
  test('the article’s 2022 figures print as the article prints them', () => {
    expect(formatValue('enterprise', 4952, 'zh-CN')).toBe('4,952 家');
    expect(formatValue('cny', 379_75_000_000_00, 'zh-CN')).toBe('379.75 亿元'); // 379.75亿元 in 分
    expect(formatValue('usd', 2_57_000_000_00, 'zh-CN')).toBe('2.57 亿美元');
    expect(formatValue('cny', 99_72_000_000_00, 'zh-CN')).toBe('99.72 亿元');
  });
  test('lists take 万, energy 万kWh, CO₂ tonnes; targets are typed in kWh', () => {
    expect(formatValue('cny', 1_234_567_890, 'zh-CN', 'list')).toBe('1,234.57 万元');
    expect(formatValue('usd', 1_200_000_000, 'zh-CN', 'list')).toBe('1,200.00 万美元');
    expect(formatValue('kwh', 105_343_755, 'zh-CN')).toBe('10,534.38 万kWh');
    expect(formatValue('kwh', 105_343_755, 'zh-CN', 'entry')).toBe('105,343,755 kWh');
    expect(formatValue('co2_t', 1_234_567, 'zh-CN')).toBe('1,234.57 吨');
    expect(formatValue('project', 12, 'en-US')).toBe('12 projects');
    expect(formatNumber('cny', 0)).toBe('0.00');
  });
  test('names with their unit in both languages', () => {
    expect(nameWithUnit('registered_capital', 'zh-CN')).toBe('注册资金（亿元）');
    expect(nameWithUnit('registered_capital', 'en-US')).toBe('Registered capital (×100M CNY)');
  });
});

describe('periods', () => {
  test('through the contracts calendar, in both languages', () => {
    expect(periodText('2026-03', 'zh-CN')).toBe('2026年3月');
    expect(periodText('2026-11', 'en-US')).toBe('Nov 2026');
    expect(periodText('2026-Q4', 'zh-CN')).toBe('2026年第4季度');
    expect(periodText('2026', 'zh-CN')).toBe('2026年');
    expect(periodText('2026-W10', 'zh-CN')).toBe('2026年第10周');
    expect(periodText('soon', 'zh-CN')).toBe('soon');
    expect(shortMonth('2026-03', 'zh-CN')).toBe('3月');
    expect(shortMonth('2026-03', 'en-US')).toBe('Mar');
  });
});
