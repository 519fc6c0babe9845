import type { Me } from '@wutong/contracts';
import { hasRole, widestReach } from '../auth';

type Who = Pick<Me, 'roles'>;

/** What the cockpit offers by role; mirrors the cockpit routes' roles, and the server checks every request again. */
export const cockpitAccess = {
  /** the lead group, the centre, unit heads and promoters read their scope's figures */
  cockpit: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head', 'promoter', 'fund_manager'),
  /** a region or a subtree has units below it to narrow to (GET /api/org/units reads them) */
  pickUnit: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head') && widestReach(me.roles) !== 'unit',
  /** the targets page lets these set targets */
  setTargets: (me: Who) => hasRole(me, 'admin', 'manager'),
};
