import type { Me } from '@wutong/contracts';
import { hasRole } from '../auth';

type Who = Pick<Me, 'roles'>;

/** First-report claims: the centre decides, units follow their own; the server checks every request again. */
export const arbitrationAccess = {
  list: (me: Who) => hasRole(me, 'manager', 'unit_head', 'promoter'),
  decide: (me: Who) => hasRole(me, 'manager'),
};
