import type { Me } from '@wutong/contracts';
import { hasRole } from '../auth/roles';

/** System administration pages of issue 5; the server checks every request again. */
export const systemAccess = {
  scheduler: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
  webhooks: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
};
