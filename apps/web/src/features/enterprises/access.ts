import type { Me } from '@wutong/contracts';
import { hasRole, notEnterprise, PROJECT_WORKERS } from '../auth';

type Who = Pick<Me, 'roles'>;

/** What the enterprise pages offer by role; the server checks every request again. */
export const enterpriseAccess = {
  list: notEnterprise,
  register: (me: Who) => hasRole(me, ...PROJECT_WORKERS),
  import: (me: Who) => hasRole(me, 'admin', 'manager'),
};
