import type { Me } from '@wutong/contracts';
import { hasRole } from '../auth';

type Who = Pick<Me, 'roles'>;

/**
 * What the bulletin pages offer by role (the server's bulletins.service.ts decides again):
 * managers draft, managers/leaders review, leaders publish (签发); unit heads read published ones.
 */
export const bulletinAccess = {
  list: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head'),
  generate: (me: Who) => hasRole(me, 'admin', 'manager'),
  settings: (me: Who) => hasRole(me, 'admin'),
  /** frozen rankings are published to everyone; closing a period by hand is for admins */
  closePeriod: (me: Who) => hasRole(me, 'admin'),
};
