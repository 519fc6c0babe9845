import { describe, expect, it } from 'vitest';
import { ChangePassword, CreateUnit, CreateUser, Name } from './index.js';

describe('contracts', () => {
  it('refuse unknown fields', () => {
    const r = CreateUnit.safeParse({ parentId: 1, name: 'x', kind: 'other', admin: true });
    expect(r.success).toBe(false);
  });
  it('refuse control characters and blank names', () => {
    expect(Name().safeParse('a\u0000b').success).toBe(false);
    expect(Name().safeParse('   ').success).toBe(false);
    expect(Name().safeParse(' 鼓楼街道 ').data).toBe('鼓楼街道');
  });
  it('cannot create a region through the API', () => {
    expect(CreateUnit.safeParse({ parentId: 1, name: 'x', kind: 'region' }).success).toBe(false);
  });
  it('check a new password differs, on the newPassword field', () => {
    const r = ChangePassword.safeParse({ currentPassword: 'Same-Pass-1', newPassword: 'Same-Pass-1' });
    expect(r.error?.issues[0]?.path).toEqual(['newPassword']);
  });
  it('coerce ids from path strings', () => {
    expect(CreateUser.shape.unitId.parse('12')).toBe(12);
  });
});
