import type { ModuleManifest } from '../../platform/module.js';
import { schedulerRoutes } from './scheduler.routes.js';
import { tick } from './scheduler.js';

export const schedulerModule: ModuleManifest = {
  name: 'scheduler',
  routes: () => schedulerRoutes,
  // the first tick right after start is when missed periods are caught up
  workers: [{ name: 'scheduler.tick', everyMs: 30_000, firstMs: 1000, run: (database, log) => tick(database, { log }) }],
};
