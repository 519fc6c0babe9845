/** The arbitrations feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';




export { arbitrationAccess } from './access';

// pages, each loaded with its route
export const ArbitrationsPage = /* @__PURE__ */ lazyPage(() => import('./arbitrations-page'), 'ArbitrationsPage');
