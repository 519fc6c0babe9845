import { describe, expect, test } from 'vitest';
import { formatCount, formatMoney, formatWan } from './money-format-old';

describe('money in 万', () => {
  test('two decimals and thousands separators', () => {
    expect(formatWan(33_494_519_360)).toBe('33,494.52'); // 334,945,193.60 元
    expect(formatWan(3_349_451_936_000)).toBe('3,349,451.94');
    expect(formatWan(0)).toBe('0.00');
    expect(formatWan(null)).toBe('');
  });
  test('the unit follows the currency', () => {
    expect(formatMoney(1_200_000_000, 'CNY')).toBe('1,200.00 万元');
    expect(formatMoney(1_200_000_000, 'USD')).toBe('1,200.00 万美元');
    expect(formatMoney(1_200_000_000, 'USD', 'en-US')).toBe('1,200.00 ×10k USD');
  });
  test('counts', () => {
    expect(formatCount(1234)).toBe('1,234');
  });
});
