/** The users feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { useUserOptions } from './users-api';

// pages, each loaded with its route
export const UsersPage = /* @__PURE__ */ lazyPage(() => import('./users-page'), 'UsersPage');
