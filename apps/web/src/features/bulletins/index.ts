/** The bulletins feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { bulletinAccess } from './access';

// pages, each loaded with its route
export const BulletinPage = /* @__PURE__ */ lazyPage(() => import('./bulletin-page'), 'BulletinPage');
export const BulletinsPage = /* @__PURE__ */ lazyPage(() => import('./bulletins-page'), 'BulletinsPage');
