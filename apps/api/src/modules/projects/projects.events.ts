import { defineEvent } from '../../platform/events.js';
import type { RequestContext } from '../../platform/context.js';

/**
 * What changed on a project. Modules that derive data from projects (assessment facts, the points
 * ledger) listen here instead of reading the projects module's tables on their own schedule; they
 * run inside the command's transaction, so a derived row never disagrees with the record it comes
 * from. Who listens, in which order: the manifests in `modules.ts`.
 */
export type ProjectChange =
  | 'reported'
  | 'updated'
  | 'co_promoters'
  | 'transition'
  | 'accepted'
  | 'rejected'
  | 'merged'
  | 'capital'
  | 'activity'
  | 'arbitration';

export const projectsEvents = {
  /** Called after the command has been authorised and written; `ctx.db` is the transaction. */
  changed: defineEvent<{ projectId: number; change: ProjectChange }, RequestContext>('projects.changed'),
};
