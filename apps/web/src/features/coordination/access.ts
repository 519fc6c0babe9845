import type { Me } from '@wutong/contracts';
import { hasRole, PROJECT_WORKERS } from '../auth';

type Who = Pick<Me, 'roles'>;

/** What the coordination pages offer by role; the server checks every request again (and decides by the item). */
export const coordinationAccess = {
  /** experts and enterprise users reach no project, so no item */
  list: (me: Who) => hasRole(me, ...PROJECT_WORKERS, 'leader'),
  raise: (me: Who) => hasRole(me, ...PROJECT_WORKERS),
  /** the lead group's meeting is run by the district */
  meeting: (me: Who) => hasRole(me, 'admin', 'manager', 'leader'),
};
