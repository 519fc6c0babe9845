/** The org feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { useUnits } from './org-api';
export { buildForest, toOptions } from './unit-tree';

// pages, each loaded with its route
export const OrgPage = /* @__PURE__ */ lazyPage(() => import('./org-page'), 'OrgPage');
