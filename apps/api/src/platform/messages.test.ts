import { describe, expect, it } from 'vitest';
import { t, translateFieldMessage } from './messages.js';

describe('messages', () => {
  it('fills parameters in both languages', () => {
    expect(t('zh-CN', 'login_locked', { minutes: 15 })).toBe('连续登录失败次数过多，请 15 分钟后再试');
    expect(t('en-US', 'login_locked', { minutes: 15 })).toBe('Too many failed sign-ins; try again in 15 minutes');
  });
  it('translates contract message keys and leaves zod text alone', () => {
    expect(translateFieldMessage('zh-CN', 'i18n:username_chars')).toBe('只能包含字母、数字和 _ . -');
    expect(translateFieldMessage('en-US', 'i18n:no_such_code')).toBe('i18n:no_such_code');
    expect(translateFieldMessage('en-US', 'Too big')).toBe('Too big');
  });
});
