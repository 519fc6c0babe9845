import { describe, expect, test } from 'vitest';
import type { FormRule } from 'antd';
import { addDays, CreateActivity, CreateCapital, GATE_EVIDENCE, ReportLead, shanghaiDate, t, UpdateProject } from '@wutong/contracts';
import { amountWanRule, dateRule, normaliseDateText, refusedBy } from './form-rules';

/** What the form shows under the field for a value: the rule's message, or null when it passes. */
async function shown(rule: FormRule, value: unknown): Promise<string | null> {
  const validator = (rule as { validator: (r: unknown, v: unknown) => Promise<void> }).validator;
  try {
    await validator({}, value);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('amounts say the real limit, from the catalogue', () => {
  const lead = amountWanRule(ReportLead.shape.investmentMinor, 'zh-CN');
  const capital = amountWanRule(CreateCapital.shape.amountMinor, 'zh-CN');

  test('1e30 万元 is refused with the limit, not "请填写不小于 0 的金额"', async () => {
    expect(await shown(lead, 1e30)).toBe('金额不能超过 10万亿元');
    expect(await shown(capital, 1e30)).toBe('金额不能超过 10万亿元');
    expect(await shown(amountWanRule(CreateCapital.shape.amountMinor, 'en-US'), 1e30)).toBe('The amount cannot exceed CNY 10 trillion');
  });

  test('the limit is exactly the contract’s: 10万亿元 = 10亿万元 passes, one 分 more does not', async () => {
    expect(await shown(lead, 1e9)).toBeNull();
    expect(await shown(lead, 1e9 + 0.01)).toBe('金额不能超过 10万亿元');
  });

  test('a negative amount says so; a capital record must be more than 0; an optional amount may stay empty', async () => {
    expect(await shown(lead, -5)).toBe('金额不能为负数');
    expect(await shown(lead, 0)).toBeNull();
    expect(await shown(lead, null)).toBeNull();
    expect(await shown(capital, 0)).toBe('金额应大于 0');
    expect(await shown(capital, null)).toBe(t('zh-CN', 'required'));
    expect(await shown(capital, 12.34)).toBeNull();
  });

  test('the project drawer and the gate use their own contract fields', async () => {
    expect(await shown(amountWanRule(UpdateProject.shape.expectedTaxMinor, 'zh-CN'), 2e9)).toBe('金额不能超过 10万亿元');
    expect(await shown(amountWanRule(GATE_EVIDENCE.signed.shape.agreedInvestmentMinor, 'zh-CN'), 0)).toBe('金额应大于 0');
  });
});

describe('dates: the day shown is the day checked, and the contract decides', () => {
  const recordedOn = dateRule(CreateCapital.shape.recordedOn, 'zh-CN');
  const nextDue = dateRule(CreateActivity.shape.nextDue, 'zh-CN');
  const today = shanghaiDate();

  test('a day that does not exist is refused, not saved as today or as 3 March', async () => {
    expect(await shown(recordedOn, '2026-02-30')).toBe('没有这一天，请检查年月日');
    expect(await shown(recordedOn, '2025-02-29')).toBe('没有这一天，请检查年月日');
    expect(await shown(recordedOn, '2024-02-29')).toBeNull();
    expect(await shown(dateRule(CreateCapital.shape.recordedOn, 'en-US'), '2026-13-01')).toBe('No such day: check the year, month and day');
  });

  test('what is not a date at all says the format', async () => {
    expect(await shown(recordedOn, '明天')).toBe('日期格式应为 YYYY-MM-DD');
    expect(await shown(recordedOn, '2026-2')).toBe('日期格式应为 YYYY-MM-DD');
  });

  test('capital in place cannot be dated after today (Asia/Shanghai); a next step may be', async () => {
    expect(await shown(recordedOn, today)).toBeNull();
    expect(await shown(recordedOn, addDays(today, 1))).toBe('日期不能晚于今天');
    expect(await shown(recordedOn, '2099-01-01')).toBe('日期不能晚于今天');
    expect(await shown(nextDue, '2099-01-01')).toBeNull();
    expect(await shown(dateRule(GATE_EVIDENCE.production.shape.producedOn, 'zh-CN'), '2099-01-01')).toBe('日期不能晚于今天');
  });

  test('a required day left empty says 必填; an optional one may stay empty', async () => {
    expect(await shown(recordedOn, undefined)).toBe('必填');
    expect(await shown(recordedOn, '  ')).toBe('必填');
    expect(await shown(nextDue, undefined)).toBeNull();
  });

  test('the calendar greys out the days the contract refuses', () => {
    const refused = refusedBy(CreateCapital.shape.recordedOn);
    expect(refused(today)).toBe(false);
    expect(refused(addDays(today, 1))).toBe(true);
  });
});

describe('typed days are written as the contracts write them, never as another day', () => {
  test('common ways of writing a day', () => {
    expect(normaliseDateText('2026-3-5')).toBe('2026-03-05');
    expect(normaliseDateText('2026/03/05')).toBe('2026-03-05');
    expect(normaliseDateText('2026.3.5')).toBe('2026-03-05');
    expect(normaliseDateText('2026年3月5日')).toBe('2026-03-05');
    expect(normaliseDateText('20260305')).toBe('2026-03-05');
    expect(normaliseDateText('２０２６－０３－０５')).toBe('2026-03-05');
    expect(normaliseDateText(' 2026-03-05 ')).toBe('2026-03-05');
  });

  test('an impossible day stays that day (a lenient parser would make 2026-02-30 into 2026-03-02)', () => {
    expect(normaliseDateText('2026-02-30')).toBe('2026-02-30');
    expect(normaliseDateText('2026/2/30')).toBe('2026-02-30');
    expect(normaliseDateText('20261332')).toBe('2026-13-32');
  });

  test('text that is no date stays as typed, for the rule to refuse', () => {
    expect(normaliseDateText('明天')).toBe('明天');
    expect(normaliseDateText('2026-3')).toBe('2026-3');
  });
});
