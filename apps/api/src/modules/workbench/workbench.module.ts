import type { ModuleManifest } from '../../platform/module.js';
import { workbenchRoutes } from './workbench.routes.js';

export const workbenchModule: ModuleManifest = { name: 'workbench', routes: () => workbenchRoutes };
