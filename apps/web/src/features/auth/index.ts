/** The auth feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { meKey, useLogout, useMe } from './auth-api';
export { CurrentUserProvider, useCurrentUser } from './current-user';
export { can, hasRole, notEnterprise, PROJECT_WORKERS, ROLE_LIST, widestReach } from './roles';

// pages, each loaded with its route
export const ChangePasswordPage = /* @__PURE__ */ lazyPage(() => import('./change-password-page'), 'ChangePasswordPage');
export const LoginPage = /* @__PURE__ */ lazyPage(() => import('./login-page'), 'LoginPage');
