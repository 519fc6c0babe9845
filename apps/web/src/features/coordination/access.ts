import type { Me, Role } from '@wutong/contracts';
import { hasRole } from '../auth/roles';

type Who = Pick<Me, 'roles'>;

/** Roles that work on projects (the server's EDIT_ROLES): they raise items. */
const WORKERS: Role[] = ['admin', 'manager', 'unit_head', 'promoter', 'fund_manager'];

/** What the coordination pages offer by role; the server checks every request again (and decides by the item). */
export const coordinationAccess = {
  /** experts and enterprise users reach no project, so no item */
  list: (me: Who) => hasRole(me, ...WORKERS, 'leader'),
  raise: (me: Who) => hasRole(me, ...WORKERS),
  /** the lead group's meeting is run by the district */
  meeting: (me: Who) => hasRole(me, 'admin', 'manager', 'leader'),
};
