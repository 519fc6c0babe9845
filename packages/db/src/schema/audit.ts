import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE. `unit_id` is the unit the
 * touched record belongs to, so the log is read inside the reader's data scope like any record.
 * No foreign keys: the log outlives what it describes.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: integer('user_id'),
    username: text('username'),
    unitId: integer('unit_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    /** the client's address: the connection's peer, or the client a trusted proxy (TRUST_PROXY) names */
    ip: text('ip'),
    /** the X-Forwarded-For header exactly as received, when there was one (believed or not) */
    forwardedFor: text('forwarded_for'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_user_idx').on(t.userId),
    index('audit_log_unit_idx').on(t.unitId),
  ],
);
export type AuditRow = typeof auditLog.$inferSelect;
