import { z } from 'zod';
import { Id, Int, IsoDate, Text } from './common.js';

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  unitId: z.number().int().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  /** the client's address as the app received it: the peer, or the client a trusted proxy names */
  ip: z.string().nullable(),
  /** the X-Forwarded-For header as received, when there was one (believed only from a trusted proxy) */
  forwardedFor: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;


export const ListAuditQuery = z
  .object({
    userId: Id.optional(),
    entity: Text(40).optional(),
    entityId: Text(40).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
    /** keyset cursor: the last id seen */
    before: Id.optional(),
  })
  .strict();
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditList = z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() });
