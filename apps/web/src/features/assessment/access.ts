import type { Me } from '@wutong/contracts';
import { hasRole, notEnterprise } from '../auth';

type Who = Pick<Me, 'roles'>;

/** What the menu and the assessment pages offer; mirrors the routes' roles, and the server checks every request again. */
export const assessmentAccess = {
  /** targets and completion rates: the cockpit's readers (apps/api assessment COCKPIT_ROLES) */
  targets: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head', 'promoter', 'fund_manager'),
  editTargets: (me: Who) => hasRole(me, 'admin', 'manager'),
  rankings: notEnterprise,
  points: notEnterprise,
  /** the person filter lists people, which only these roles may read (GET /api/users) */
  pickPeople: (me: Who) => hasRole(me, 'admin', 'leader', 'manager', 'unit_head'),
  /** the rules are published (every point names its version): everyone reads them */
  scoringRules: notEnterprise,
  editScoringRules: (me: Who) => hasRole(me, 'admin', 'manager'),
  fxRates: (me: Who) => hasRole(me, 'admin', 'manager'),
};
