/** The webhooks feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { webhookAccess } from './access';

// pages, each loaded with its route
export const WebhooksPage = /* @__PURE__ */ lazyPage(() => import('./webhooks-page'), 'WebhooksPage');
