import type { ModuleManifest } from '../../platform/module.js';
import { industryRoutes } from './industries.routes.js';

export const industriesModule: ModuleManifest = { name: 'industries', routes: () => industryRoutes };
