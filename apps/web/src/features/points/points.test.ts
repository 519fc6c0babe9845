import { describe, expect, test } from 'vitest';
import type { PointEntry } from '@wutong/contracts';
import { i18n } from '../../app/i18n';
import { explainPoint, formatPoints, formatShare } from './explain';
import { priorityCode, priorityLabel } from './priority-industries';

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
