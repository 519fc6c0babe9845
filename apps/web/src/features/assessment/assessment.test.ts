import { describe, expect, test } from 'vitest';
import type { PointEntry } from '@wutong/contracts';
import { i18n } from '../../app/i18n';
import { evenSplit, formatIndicator, formatPercent, toBase, toDisplay } from './indicator-units';
import { convertPeriod, currentPeriod, parsePeriod, periodKey, periodLabel, shanghaiToday, shiftPeriod } from './periods';
import { explainPoint, formatPoints, formatShare } from '../points/explain';
import { priorityCode, priorityLabel } from '../points/priority-industries';

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
    expect(formatPercent(0.8534)).toBe('85.3%');
    expect(formatPercent(1.2)).toBe('120.0%');
    expect(formatPercent(null)).toBe('—');
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

describe('periods', () => {
  test('keys parse and print', () => {
    for (const k of ['2026', '2026-Q4', '2026-11', '2026-01']) expect(periodKey(parsePeriod(k)!)).toBe(k);
    expect(parsePeriod('2026-13')).toBeUndefined();
    expect(parsePeriod('2026-Q5')).toBeUndefined();
  });
  test('labels as the field writes them', () => {
    expect(periodLabel('2026-11')).toBe('2026年11月');
    expect(periodLabel('2026-Q4')).toBe('2026年第4季度');
    expect(periodLabel('2026')).toBe('2026年');
    expect(periodLabel('2026-11', 'en-US')).toBe('Nov 2026');
    expect(periodLabel('2026-Q4', 'en-US')).toBe('Q4 2026');
  });
  test('stepping and converting', () => {
    expect(periodKey(shiftPeriod(parsePeriod('2026-01')!, -1))).toBe('2025-12');
    expect(periodKey(shiftPeriod(parsePeriod('2026-Q1')!, -1))).toBe('2025-Q4');
    expect(periodKey(shiftPeriod(parsePeriod('2025-12')!, 1))).toBe('2026-01');
    expect(periodKey(convertPeriod(parsePeriod('2026-11')!, 'quarter'))).toBe('2026-Q4');
    expect(periodKey(convertPeriod(parsePeriod('2026-Q3')!, 'month'))).toBe('2026-07');
    expect(periodKey(convertPeriod(parsePeriod('2026-Q3')!, 'year'))).toBe('2026');
  });
  test('today is counted in Asia/Shanghai', () => {
    // 2026-03-31 17:00 UTC is already 1 April in Shanghai
    const now = new Date('2026-03-31T17:00:00Z');
    expect(shanghaiToday(now)).toEqual({ year: 2026, month: 4, date: '2026-04-01' });
    expect(periodKey(currentPeriod('quarter', now))).toBe('2026-Q2');
  });
});

describe('a point explains itself', () => {
  const t = i18n.getFixedT('zh-CN');
  const entry = (over: Partial<PointEntry>): Pick<PointEntry, 'points' | 'reversesId' | 'explanation'> => ({
    points: 5.4,
    reversesId: null,
    explanation: {
      ruleVersion: 2,
      event: 'signed',
      base: 5,
      capital: null,
      multipliers: [
        { kind: 'size', factor: 1.5 },
        { kind: 'key_block', factor: 1.2 },
      ],
      shareBp: 6000,
    },
    ...over,
  });
  test('an event', () => {
    expect(explainPoint(entry({}), t)).toBe('签约 5 分 × 规模系数 1.5 × 重点区块 1.2 × 份额 60% = 5.40 分，规则第2版');
  });
  test('capital in place', () => {
    const e = entry({
      points: 0.84,
      explanation: { ruleVersion: 1, event: 'capital', base: 0.7, capital: { category: 'foreign_usd', amountWan: 100, perWan: 0.007 }, multipliers: [{ kind: 'priority_industry', factor: 1.2 }], shareBp: 10000 },
    });
    expect(explainPoint(e, t)).toBe('实际利用外资 100.00 万美元 × 每万 0.007 分 × 重点产业 1.2 × 份额 100% = 0.84 分，规则第1版');
  });
  test('a reversal says what it cancels', () => {
    expect(explainPoint(entry({ points: -5.4, reversesId: 41 }), t)).toBe('冲销 #41：−1 × 签约 5 分 × 规模系数 1.5 × 重点区块 1.2 × 份额 60% = −5.40 分，规则第2版');
  });
  test('in English', () => {
    expect(explainPoint(entry({}), i18n.getFixedT('en-US'), 'en-US')).toBe('Signed 5 pts × size 1.5 × key block 1.2 × share 60% = 5.40 pts, rules v2');
  });
  test('numbers', () => {
    expect(formatPoints(1234.5)).toBe('1,234.50');
    expect(formatPoints(-3)).toBe('−3.00');
    expect(formatShare(3333)).toBe('33.33%');
  });
});

describe('priority industry codes', () => {
  const byCode = new Map([
    ['C', { code: 'C', name: '制造业' }],
    ['39', { code: '39', name: '计算机、通信和其他电子设备制造业' }],
  ]);
  test('digits carry their section letter, sections stay letters', () => {
    expect(priorityCode({ code: '39', section: 'C' })).toBe('C39');
    expect(priorityCode({ code: 'C', section: 'C' })).toBe('C');
  });
  test('labels look the digits up', () => {
    expect(priorityLabel('C39', byCode)).toBe('C39 计算机、通信和其他电子设备制造业');
    expect(priorityLabel('C', byCode)).toBe('C 制造业');
    expect(priorityLabel('I63', byCode)).toBe('I63');
  });
});
