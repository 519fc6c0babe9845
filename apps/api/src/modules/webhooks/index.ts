export { webhooksModule } from './webhooks.module.js';
export { queueDeliveries } from './webhooks.repository.js';
export type { EventPayload } from './delivery.js';
