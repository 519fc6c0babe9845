import type { Me } from '@wutong/contracts';
import { hasRole } from '../auth/roles';

type Who = Pick<Me, 'roles'>;

/** What the closed-loop pages offer by role; the server checks every request again. */
export const closedLoop = {
  /** 人人都是招商员: everyone reports, except enterprise users */
  reportLead: (me: Who) => me.roles.some((r) => r !== 'enterprise'),
  /** the lead inbox: accept, merge, reject */
  intake: (me: Who) => hasRole(me, 'manager', 'unit_head'),
  /** first-report claims: the centre decides, units follow their own */
  arbitrations: (me: Who) => hasRole(me, 'manager', 'unit_head', 'promoter'),
  decideArbitration: (me: Who) => hasRole(me, 'manager'),
  /** co-promoting units and their shares */
  coPromoters: (me: Who) => hasRole(me, 'admin', 'manager', 'unit_head'),
  /** stalled projects and the inbox count on the workbench */
  oversee: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head'),
};
