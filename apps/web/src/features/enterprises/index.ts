/** The enterprises feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { enterpriseAccess } from './access';
export { fileToBase64, useEnterpriseMatch } from './enterprises-api';

// pages, each loaded with its route
export const EnterpriseImportPage = /* @__PURE__ */ lazyPage(() => import('./import-page'), 'EnterpriseImportPage');
export const EnterprisesPage = /* @__PURE__ */ lazyPage(() => import('./enterprises-page'), 'EnterprisesPage');
