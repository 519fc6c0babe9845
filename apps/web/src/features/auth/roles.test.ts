import { describe, expect, test } from 'vitest';
import { can, widestReach } from './roles';

describe('widestReach', () => {
  test('the widest of the roles wins', () => {
    expect(widestReach(['promoter', 'manager'])).toBe('region');
    expect(widestReach(['expert', 'fund_manager'])).toBe('subtree');
    expect(widestReach(['promoter'])).toBe('unit');
    expect(widestReach(['enterprise'])).toBe('own');
    expect(widestReach([])).toBe('own');
  });
});

describe('can', () => {
  test('readers of the org tree and users; only admins manage and read the log', () => {
    expect(can.readOrg({ roles: ['unit_head'] })).toBe(true);
    expect(can.readUsers({ roles: ['promoter'] })).toBe(false);
    expect(can.manageUsers({ roles: ['leader'] })).toBe(false);
    expect(can.readAudit({ roles: ['admin'] })).toBe(true);
  });
});
