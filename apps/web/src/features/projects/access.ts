import type { Me } from '@wutong/contracts';
import { hasRole, notEnterprise, PROJECT_WORKERS } from '../auth';

type Who = Pick<Me, 'roles'>;

/** What the project pages (list, board, project, lead report, inbox, SLA) offer by role; the server checks every request again. */
export const projectAccess = {
  /** everyone but enterprise users sees the projects in their scope */
  projects: notEnterprise,
  /** 人人都是招商员: everyone reports, except enterprise users */
  reportLead: notEnterprise,
  /** the lead inbox: accept, merge, reject */
  intake: (me: Who) => hasRole(me, 'manager', 'unit_head'),
  /** a lead held as a suspected duplicate: merge, or confirm the enterprises differ (the investment centre) */
  reviewDuplicates: (me: Who) => hasRole(me, 'manager'),
  /** co-promoting units and their shares */
  coPromoters: (me: Who) => hasRole(me, 'admin', 'manager', 'unit_head'),
  /** stalled projects and the inbox count on the workbench */
  oversee: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head'),
  /** the owner filter lists people, which only these roles may read */
  pickOwners: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head'),
  slaSettings: (me: Who) => hasRole(me, 'admin', 'manager'),
  /** roles that edit projects */
  work: (me: Who) => hasRole(me, ...PROJECT_WORKERS),
};
