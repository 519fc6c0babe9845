import type { Me } from '@wutong/contracts';
import { hasRole } from '../auth';

/** Scheduled jobs are administered by admins; the server checks every request again. */
export const schedulerAccess = {
  scheduler: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
};
