import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AmountMinor, Id, IsoDate, Name, PastDate } from './common.js';
import { MESSAGE_CATALOGUE, fieldMessage, issueMessage, t, translateFieldMessage, type MessageCode } from './messages.js';
import { addDays, shanghaiDate } from './calendar.js';
import { checkTransition } from './stages.js';

const errorsOf = (schema: z.ZodType, value: unknown, lang: 'zh-CN' | 'en-US' = 'zh-CN') => {
  const r = schema.safeParse(value, { error: (issue) => fieldMessage(lang, issue) });
  return r.success ? [] : r.error.issues.map((i) => issueMessage(lang, i));
};

describe('the message catalogue', () => {
  it('fills parameters in both languages', () => {
    expect(t('zh-CN', 'login_locked', { minutes: 15 })).toBe('连续登录失败次数过多，请 15 分钟后再试');
    expect(t('en-US', 'login_locked', { minutes: 15 })).toBe('Too many failed sign-ins; try again in 15 minutes');
  });

  it('translates contract message keys and leaves other text alone', () => {
    expect(translateFieldMessage('zh-CN', 'i18n:username_chars')).toBe('只能包含字母、数字和 _ . -');
    expect(translateFieldMessage('en-US', 'i18n:no_such_code')).toBe('i18n:no_such_code');
    expect(translateFieldMessage('en-US', 'Too big')).toBe('Too big');
  });

  it('every code has a Chinese and an English text, with the same placeholders in both', () => {
    for (const [code, [zh, en]] of Object.entries(MESSAGE_CATALOGUE)) {
      expect(zh.trim(), code).not.toBe('');
      expect(en.trim(), code).not.toBe('');
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(en), code).toEqual(holes(zh));
      // Chinese text is Chinese, English text is not
      expect(/[\u4e00-\u9fff]/.test(zh), code).toBe(true);
    }
  });

  it('every validation code that is about a limit says the limit', () => {
    const limits: [MessageCode, Record<string, string>, string][] = [
      ['too_long', { max: '100' }, '100'],
      ['too_short', { min: '2' }, '2'],
      ['too_big', { max: '12' }, '12'],
      ['too_small', { min: '1' }, '1'],
      ['too_many', { max: '4' }, '4'],
      ['too_few', { min: '1' }, '1'],
      ['one_of', { values: 'a、b' }, 'a、b'],
      ['amount_max', {}, '10'],
    ];
    for (const [code, params, shown] of limits) for (const lang of ['zh-CN', 'en-US'] as const) expect(t(lang, code, params), `${code} ${lang}`).toContain(shown);
  });
});

describe('field messages say what is wrong and what is allowed', () => {
  it.each([
    ['a long text', Name(100), 'x'.repeat(101), '不能超过 100 个字', 'At most 100 characters'],
    ['an empty name', Name(100), '', '必填', 'Required'],
    ['a missing field', z.object({ reason: Name(500) }), {}, '必填', 'Required'],
    ['an amount of 1e30', AmountMinor, 1e30, '金额不能超过 10万亿元', 'The amount cannot exceed CNY 10 trillion'],
    ['a negative amount', AmountMinor, -5, '金额不能为负数', 'The amount cannot be negative'],
    ['a fraction of a fen', AmountMinor, 1.5, '应为整数', 'Must be a whole number'],
    ['a boolean as an id', Id, true, '应为整数', 'Must be a whole number'],
    ['an impossible date', IsoDate, '2026-02-30', '没有这一天，请检查年月日', 'No such day: check the year, month and day'],
    ['a date in the future', PastDate, addDays(shanghaiDate(), 1), '日期不能晚于今天', 'The date cannot be later than today'],
    ['an unknown value', z.enum(['a', 'b']), 'c', '应为以下之一：a、b', 'Must be one of: a, b'],
    ['an unknown field', z.object({}).strict(), { x: 1 }, '没有这个字段', 'No such field'],
  ])('%s', (_, schema, value, zh, en) => {
    expect(errorsOf(schema as z.ZodType, value, 'zh-CN')[0]).toBe(zh);
    expect(errorsOf(schema as z.ZodType, value, 'en-US')[0]).toBe(en);
  });

  it('ids come from JSON numbers or path text, nothing else', () => {
    expect(Id.parse('42')).toBe(42);
    expect(Id.parse(42)).toBe(42);
    for (const v of [true, false, '', '1.5', '1e3', null, [1]]) expect(Id.safeParse(v).success, JSON.stringify(v)).toBe(false);
  });

  it('gate evidence: a negative amount and an unknown key are named for what they are, not as missing', () => {
    const c = checkTransition('negotiating', 'signed', { contractDate: '2026-03-01', agreedInvestmentMinor: -1, agreedInvestmentCurrency: 'CNY', parties: '甲；乙', extra: 1 }, undefined, undefined, 'zh-CN');
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.fields['evidence.agreedInvestmentMinor']).toBe('金额应大于 0');
      expect(c.fields['evidence.extra']).toBe('没有这个字段');
    }
    const bad = checkTransition('lead', 'production', {}, undefined, undefined, 'zh-CN');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fields.to).toBe('当前阶段（线索）不能转到该阶段');
  });
});
