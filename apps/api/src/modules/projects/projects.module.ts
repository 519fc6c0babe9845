import { listen } from '../../platform/events.js';
import type { ModuleManifest } from '../../platform/module.js';
import { arbitrationsEvents } from '../arbitrations/index.js';
import { enterprisesEvents } from '../enterprises/index.js';
import { projectRoutes } from './projects.routes.js';
import { lightsDaily } from './lights.job.js';
import { onArbitrationDecided, onEnterprisesMerged } from './projects.service.js';

export const projectsModule: ModuleManifest = {
  name: 'projects',
  routes: () => projectRoutes,
  jobs: [lightsDaily],
  listeners: [
    listen(arbitrationsEvents.decided, 'projects: an upheld claim moves the 首报 credit', onArbitrationDecided),
    listen(enterprisesEvents.merged, 'projects: the merged enterprise’s projects move; two open ones become one', onEnterprisesMerged),
  ],
};
