import { listen } from '../../platform/events.js';
import type { ModuleManifest } from '../../platform/module.js';
import { projectsEvents } from '../projects/index.js';
import { enterprisesEvents } from '../enterprises/index.js';
import { assessmentRoutes } from './assessment.routes.js';
import { assessmentCloseRoutes } from './close.routes.js';
import { closeJobs } from './close.jobs.js';
import { onEnterpriseChange, onProjectChange } from './assessment.service.js';

export const assessmentModule: ModuleManifest = {
  name: 'assessment',
  routes: () => [...assessmentRoutes, ...assessmentCloseRoutes],
  jobs: closeJobs,
  listeners: [
    listen(projectsEvents.changed, 'assessment: the project’s facts and rollups follow it', onProjectChange),
    listen(enterprisesEvents.changed, 'assessment: the enterprise’s projects’ facts follow its origin and industry', onEnterpriseChange),
  ],
};
