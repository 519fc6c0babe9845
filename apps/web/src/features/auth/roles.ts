import type { Me, Role } from '@wutong/contracts';

/** Display order of the roles. `satisfies` plus the Record below make a new contract role a compile error here. */
export const ROLE_LIST = ['admin', 'leader', 'manager', 'unit_head', 'promoter', 'expert', 'fund_manager', 'enterprise'] as const satisfies readonly Role[];

export type Reach = 'region' | 'subtree' | 'unit' | 'own';

/** Mirrors the server's ROLE_REACH (apps/api/src/platform/access.ts); the server enforces it, this only explains it. */
export const ROLE_REACH: Record<Role, Reach> = {
  admin: 'region',
  leader: 'region',
  manager: 'region',
  unit_head: 'subtree',
  fund_manager: 'subtree',
  promoter: 'unit',
  expert: 'own',
  enterprise: 'own',
};

const REACH_ORDER: Reach[] = ['region', 'subtree', 'unit', 'own'];

export function widestReach(roles: readonly Role[]): Reach {
  const reaches = new Set(roles.map((r) => ROLE_REACH[r]));
  return REACH_ORDER.find((r) => reaches.has(r)) ?? 'own';
}

export const hasRole = (me: Pick<Me, 'roles'>, ...roles: Role[]) => me.roles.some((r) => roles.includes(r));

const READERS: Role[] = ['admin', 'leader', 'manager', 'unit_head'];

/** What the menu and the pages offer; the server checks every request again. */
export const can = {
  readOrg: (me: Pick<Me, 'roles'>) => hasRole(me, ...READERS),
  manageOrg: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
  readUsers: (me: Pick<Me, 'roles'>) => hasRole(me, ...READERS),
  manageUsers: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
  readAudit: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
};
