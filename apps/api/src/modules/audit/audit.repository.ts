import { and, count, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { auditLog } from '@wutong/db';
import type { AuditEntry, ListAuditQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { unitInScope } from '../../platform/access.js';

/** A calendar day in Asia/Shanghai as a UTC instant. */
const shanghaiDay = (d: string) => new Date(`${d}T00:00:00+08:00`);

export async function listAudit(ctx: RequestContext, q: ListAuditQuery): Promise<AuditEntry[]> {
  const to = q.to ? new Date(shanghaiDay(q.to).getTime() + 86400_000) : undefined;
  return ctx.db
    .select({
      id: auditLog.id,
      at: sql<string>`to_char(${auditLog.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      userId: auditLog.userId,
      username: auditLog.username,
      unitId: auditLog.unitId,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      requestId: auditLog.requestId,
      ip: auditLog.ip,
      forwardedFor: auditLog.forwardedFor,
    })
    .from(auditLog)
    .where(
      and(
        unitInScope(ctx, auditLog.unitId),
        q.userId ? eq(auditLog.userId, q.userId) : undefined,
        q.entity ? eq(auditLog.entity, q.entity) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.from ? gte(auditLog.at, shanghaiDay(q.from)) : undefined,
        to ? lt(auditLog.at, to) : undefined,
        q.before ? lt(auditLog.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit ?? 50);
}

const ADMIN_ACTIONS = ['create', 'update', 'delete', 'move', 'deactivate', 'reset_password'];

export async function countUserActions(ctx: RequestContext, userId: number): Promise<number> {
  const [r] = await ctx.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.userId, userId), inArray(auditLog.action, ADMIN_ACTIONS)));
  return r?.n ?? 0;
}
