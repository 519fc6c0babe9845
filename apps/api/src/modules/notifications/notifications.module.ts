import type { ModuleManifest } from '../../platform/module.js';
import { notificationRoutes } from './notifications.routes.js';

export const notificationsModule: ModuleManifest = { name: 'notifications', routes: () => notificationRoutes };
