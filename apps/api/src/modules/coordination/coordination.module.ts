import type { ModuleManifest } from '../../platform/module.js';
import { coordinationRoutes } from './coordination.routes.js';
import { coordinationOverdueDaily } from './coordination.jobs.js';

export const coordinationModule: ModuleManifest = { name: 'coordination', routes: () => coordinationRoutes, jobs: [coordinationOverdueDaily] };
