import type { ListAuditQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import * as repo from './audit.repository.js';

export async function listAudit(ctx: RequestContext, q: ListAuditQuery) {
  const limit = q.limit ?? 50;
  const items = await repo.listAudit(ctx, { ...q, limit });
  return { items, nextBefore: items.length === limit ? items[items.length - 1]!.id : null };
}

/** A user's own administrative actions (the audit log has no foreign keys: it outlives what it names). */
export const countUserActions = (ctx: RequestContext, userId: number) => repo.countUserActions(ctx, userId);
