// The closed loop (全流程闭环): leads, projects, stages and gates, activities, capital, lights.
export { projectsModule } from './projects.module.js';
export { projectsEvents, type ProjectChange } from './projects.events.js';
export { EDIT_ROLES, INTAKE_ROLES, getProject, initials, listProjects, myWork, recordTripVisit, tripVisits, visitCounts } from './projects.service.js';
export { projectProfileInScope } from './projects.repository.js';
export { redLightProjects, type RedLightProject } from './red-lights.js';
export * as projectFacts from './facts.js';
export type { ProjectFacts, ProjectSelection } from './facts.js';
