import type { Me, Role } from '@wutong/contracts';
import { hasRole } from '../auth/roles';

type Who = Pick<Me, 'roles'>;

/** Roles that work on projects (the server's EDIT_ROLES); leaders and experts read. */
const WORKERS: Role[] = ['admin', 'manager', 'unit_head', 'promoter', 'fund_manager'];

/** What the menu and the pipeline pages offer; the server checks every request again. */
export const pipelineAccess = {
  /** everyone but enterprise users sees the projects in their scope */
  projects: (me: Who) => me.roles.some((r) => r !== 'enterprise'),
  enterprises: (me: Who) => me.roles.some((r) => r !== 'enterprise'),
  registerEnterprises: (me: Who) => hasRole(me, ...WORKERS),
  importEnterprises: (me: Who) => hasRole(me, 'admin', 'manager'),
  trips: (me: Who) => hasRole(me, ...WORKERS),
  /** the owner filter lists people, which only these roles may read */
  pickOwners: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head'),
  slaSettings: (me: Who) => hasRole(me, 'admin', 'manager'),
};
