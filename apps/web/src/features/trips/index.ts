/** The trips feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';




export { tripAccess } from './access';

// pages, each loaded with its route
export const TripDetailPage = /* @__PURE__ */ lazyPage(() => import('./trip-detail-page'), 'TripDetailPage');
export const TripsPage = /* @__PURE__ */ lazyPage(() => import('./trips-page'), 'TripsPage');
