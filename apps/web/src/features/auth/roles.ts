import type { Me, Role } from '@wutong/contracts';

/** Display order of the roles. `satisfies` plus the Record below make a new contract role a compile error here. */
export const ROLE_LIST = ['admin', 'leader', 'manager', 'unit_head', 'promoter', 'expert', 'fund_manager', 'enterprise'] as const satisfies readonly Role[];

export { ROLE_REACH, widestReach, type Reach } from '@wutong/contracts';

export const hasRole = (me: Pick<Me, 'roles'>, ...roles: Role[]) => me.roles.some((r) => roles.includes(r));

const READERS: Role[] = ['admin', 'leader', 'manager', 'unit_head'];

/** Roles that work on projects (the server's EDIT_ROLES); leaders and experts read. */
export const PROJECT_WORKERS: readonly Role[] = ['admin', 'manager', 'unit_head', 'promoter', 'fund_manager'];

/** Everyone but enterprise users works inside the promotion system. */
export const notEnterprise = (me: Pick<Me, 'roles'>) => me.roles.some((r) => r !== 'enterprise');

/** What the menu and the pages offer; the server checks every request again. */
export const can = {
  readOrg: (me: Pick<Me, 'roles'>) => hasRole(me, ...READERS),
  manageOrg: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
  readUsers: (me: Pick<Me, 'roles'>) => hasRole(me, ...READERS),
  manageUsers: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
  readAudit: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
};
