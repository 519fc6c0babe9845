import { auditLog } from '@wutong/db';
import type { RequestContext } from './context.js';

export type AuditInput = {
  action: string;
  entity: string;
  entityId: string | number | null;
  /** the unit the touched record belongs to: the log is read within this scope */
  unitId: number | null;
  before?: unknown;
  after?: unknown;
};

const SECRET_KEYS = new Set(['passwordHash', 'password', 'newPassword', 'currentPassword', 'tokenHash']);

function redact(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object') return v ?? null;
  if (Array.isArray(v)) return v.map(redact);
  if (v instanceof Date) return v.toISOString();
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEYS.has(k) ? '***' : redact(x)]));
}

/** Written in the command's own transaction: the log and the change land together or not at all. */
export async function audit(ctx: Pick<RequestContext, 'db' | 'requestId' | 'ip' | 'forwardedFor'> & { user?: { id: number; username: string } }, e: AuditInput) {
  await ctx.db.insert(auditLog).values({
    userId: ctx.user?.id ?? null,
    username: ctx.user?.username ?? null,
    unitId: e.unitId,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId === null ? null : String(e.entityId),
    before: redact(e.before) as object | null,
    after: redact(e.after) as object | null,
    requestId: ctx.requestId,
    ip: ctx.ip,
    forwardedFor: ctx.forwardedFor ?? null,
  });
}
