import type { ModuleManifest } from '../../platform/module.js';
import { enterpriseRoutes } from './enterprises.routes.js';

export const enterprisesModule: ModuleManifest = { name: 'enterprises', routes: () => enterpriseRoutes };
