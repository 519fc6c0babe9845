/** The cockpit feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { cockpitAccess } from './access';

// pages, each loaded with its route
export const BigscreenPage = /* @__PURE__ */ lazyPage(() => import('./bigscreen-page'), 'BigscreenPage');
export const CockpitPage = /* @__PURE__ */ lazyPage(() => import('./cockpit-page'), 'CockpitPage');
