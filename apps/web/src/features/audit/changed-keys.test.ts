import { describe, expect, test } from 'vitest';
import { changedKeys } from './changed-keys';

describe('changedKeys', () => {
  test('names the keys whose values differ, added and removed ones too', () => {
    expect(changedKeys({ a: 1, b: [1, 2], c: { x: 1 } }, { a: 1, b: [1, 3], c: { x: 1 }, d: null })).toEqual(new Set(['b', 'd']));
  });

  test('nothing to compare when a side is missing (creation, deletion)', () => {
    expect(changedKeys(null, { a: 1 }).size).toBe(0);
    expect(changedKeys({ a: 1 }, undefined).size).toBe(0);
  });
});
