import { listen } from '../../platform/events.js';
import type { ModuleManifest } from '../../platform/module.js';
import { arbitrationsEvents } from '../arbitrations/index.js';
import { projectRoutes } from './projects.routes.js';
import { lightsDaily } from './lights.job.js';
import { onArbitrationDecided } from './projects.service.js';

export const projectsModule: ModuleManifest = {
  name: 'projects',
  routes: () => projectRoutes,
  jobs: [lightsDaily],
  listeners: [listen(arbitrationsEvents.decided, 'projects: an upheld claim moves the 首报 credit', onArbitrationDecided)],
};
