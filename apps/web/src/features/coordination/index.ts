/** The coordination feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { coordinationAccess } from './access';
export { ProjectCoordinationCard } from './project-items-card';

// pages, each loaded with its route
export const CoordinationItemPage = /* @__PURE__ */ lazyPage(() => import('./item-page'), 'CoordinationItemPage');
export const CoordinationMeetingPage = /* @__PURE__ */ lazyPage(() => import('./meeting-page'), 'CoordinationMeetingPage');
export const CoordinationPage = /* @__PURE__ */ lazyPage(() => import('./coordination-page'), 'CoordinationPage');
