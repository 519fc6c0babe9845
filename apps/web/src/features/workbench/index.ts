/** The workbench feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';




// pages, each loaded with its route
export const WorkbenchPage = /* @__PURE__ */ lazyPage(() => import('./workbench-page'), 'WorkbenchPage');
