/** The projects feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { projectAccess } from './access';
export { FirstReportHeldTag, IntakeTag, ProjectRow, StageTag } from './bits';
export { InboxMenuLabel } from './inbox-badge';
export { useArbitrations, useDecideArbitration, useProjectVisible, useWorkbench } from './project-api';
export { projectIndustryParam } from './project-query';
export { useOwnerOptions, useProjectSearch, useUser } from './projects-api';
export { ORIGINS, stageLabel } from './stages';

// pages, each loaded with its route
export const InboxPage = /* @__PURE__ */ lazyPage(() => import('./inbox-page'), 'InboxPage');
export const ProjectPage = /* @__PURE__ */ lazyPage(() => import('./project-page'), 'ProjectPage');
export const ProjectsPage = /* @__PURE__ */ lazyPage(() => import('./projects-page'), 'ProjectsPage');
export const ReportLeadPage = /* @__PURE__ */ lazyPage(() => import('./report-lead-page'), 'ReportLeadPage');
export const SlaPage = /* @__PURE__ */ lazyPage(() => import('./sla-page'), 'SlaPage');
