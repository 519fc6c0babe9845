import type { ModuleManifest } from '../../platform/module.js';
import { arbitrationRoutes } from './arbitrations.routes.js';

export const arbitrationsModule: ModuleManifest = { name: 'arbitrations', routes: () => arbitrationRoutes };
