import type { Me } from '@wutong/contracts';
import { hasRole } from '../auth';

/** Webhooks are administered by admins; the server checks every request again. */
export const webhookAccess = {
  webhooks: (me: Pick<Me, 'roles'>) => hasRole(me, 'admin'),
};
