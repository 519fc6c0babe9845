import { listen } from '../../platform/events.js';
import type { ModuleManifest } from '../../platform/module.js';
import { projectsEvents } from '../projects/index.js';
import { pointsRoutes } from './points.routes.js';
import { onProjectChange } from './points.service.js';

export const pointsModule: ModuleManifest = {
  name: 'points',
  routes: () => pointsRoutes,
  listeners: [listen(projectsEvents.changed, 'points: re-score the project into the ledger', onProjectChange)],
};
