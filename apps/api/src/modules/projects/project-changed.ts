import type { RequestContext } from '../../platform/context.js';

/**
 * What changed on a project. Modules that derive data from projects (assessment facts, the points
 * ledger, notifications) listen here instead of reading the projects module's tables on their own
 * schedule; they run inside the command's transaction, so a derived row never disagrees with the
 * record it comes from.
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

/** Called after the command has been authorised and written; `ctx.db` is the transaction. */
export type ProjectChangeListener = (ctx: RequestContext, projectId: number, change: ProjectChange) => Promise<void>;

const listeners: ProjectChangeListener[] = [];

/** Registered once per process by the modules that derive data from projects (see app.ts). */
export function onProjectChanged(listener: ProjectChangeListener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function projectChanged(ctx: RequestContext, projectId: number, change: ProjectChange): Promise<void> {
  for (const l of listeners) await l(ctx, projectId, change);
}
