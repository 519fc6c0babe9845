import type { ModuleManifest } from '../../platform/module.js';
import { webhookRoutes } from './webhooks.routes.js';
import { deliverDue } from './delivery.js';

export const webhooksModule: ModuleManifest = {
  name: 'webhooks',
  routes: () => webhookRoutes,
  workers: [
    {
      name: 'webhooks.deliver',
      everyMs: 10_000,
      run: async (database, log) => {
        const r = await deliverDue(database.db);
        if (r.attempted) log('webhook deliveries', r);
      },
    },
  ],
};
