/** The scheduler feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { schedulerAccess } from './access';

// pages, each loaded with its route
export const SchedulerPage = /* @__PURE__ */ lazyPage(() => import('./scheduler-page'), 'SchedulerPage');
