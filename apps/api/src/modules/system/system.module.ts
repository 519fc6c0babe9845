import type { ModuleManifest } from '../../platform/module.js';
import { systemRoutes } from './system.routes.js';
import { embeddedBackupJob } from './backup.jobs.js';

export const systemModule: ModuleManifest = { name: 'system', routes: () => systemRoutes, jobs: [embeddedBackupJob] };
