import { describe, expect, test } from 'vitest';
import { aheadPoints } from './ahead-points';

describe('cockpit figures', () => {
  test('against 序时进度, in points rounded as shown', () => {
    expect(aheadPoints(0.868, 0.9167)).toBe(-4.9);
    expect(aheadPoints(1.2774, 0.9167)).toBe(36.1);
    expect(aheadPoints(0.91666, 0.91667)).toBe(-0);
    expect(aheadPoints(null, 0.5)).toBeNull();
  });
});
