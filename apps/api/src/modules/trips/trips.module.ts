import type { ModuleManifest } from '../../platform/module.js';
import { tripRoutes } from './trips.routes.js';

export const tripsModule: ModuleManifest = { name: 'trips', routes: () => tripRoutes };
