import { describe, expect, it } from 'vitest';
import { ROLES } from '@wutong/contracts';
import { ROLE_REACH, pathIds } from './access.js';

describe('access', () => {
  it('gives every role a reach', () => {
    for (const r of ROLES) expect(ROLE_REACH[r]).toMatch(/^(region|subtree|unit|own)$/);
  });
  it('reads the ancestor chain from a path', () => {
    expect(pathIds('/1/14/203/')).toEqual([1, 14, 203]);
    expect(pathIds('')).toEqual([]);
  });
});
