/** The notifications feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { NotificationBell } from './notification-bell';

// pages, each loaded with its route
export const NotificationsPage = /* @__PURE__ */ lazyPage(() => import('./notifications-page'), 'NotificationsPage');
