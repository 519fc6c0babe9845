import type { ModuleManifest } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';

export const auditModule: ModuleManifest = { name: 'audit', routes: () => auditRoutes };
