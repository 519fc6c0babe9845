import type { ModuleManifest } from '../../platform/module.js';
import { orgRoutes } from './org.routes.js';

export const orgModule: ModuleManifest = { name: 'org', routes: () => orgRoutes };
