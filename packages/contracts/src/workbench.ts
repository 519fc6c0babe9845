import { z } from 'zod';
import { ProjectListItem } from './projects.js';

export const Workbench = z.object({
  myProjects: z.array(ProjectListItem),
  dueSoon: z.array(ProjectListItem),
  myLeads: z.array(ProjectListItem),
  inboxCount: z.number().int(),
  stalled: z.array(ProjectListItem),
  openArbitrations: z.number().int(),
});
export type Workbench = z.infer<typeof Workbench>;
