import type { Me } from '@wutong/contracts';
import { hasRole, PROJECT_WORKERS } from '../auth';

/** Outbound trips are for the roles that work on projects; the server checks every request again. */
export const tripAccess = {
  list: (me: Pick<Me, 'roles'>) => hasRole(me, ...PROJECT_WORKERS),
};
