import type { ModuleManifest } from '../../platform/module.js';
import { bulletinRoutes } from './bulletins.routes.js';
import { bulletinJobs } from './bulletins.jobs.js';

export const bulletinsModule: ModuleManifest = { name: 'bulletins', routes: () => bulletinRoutes, jobs: bulletinJobs };
