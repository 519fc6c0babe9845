import type { ModuleManifest } from '../../platform/module.js';
import { systemRoutes } from './system.routes.js';

export const systemModule: ModuleManifest = { name: 'system', routes: () => systemRoutes };
