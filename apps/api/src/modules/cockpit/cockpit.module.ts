import type { ModuleManifest } from '../../platform/module.js';
import { cockpitRoutes } from './cockpit.routes.js';

export const cockpitModule: ModuleManifest = { name: 'cockpit', routes: () => cockpitRoutes };
