import { z } from 'zod';
import { Id, Int } from './common.js';

// ── notifications ──

export const NOTIFICATION_KINDS = ['bulletin_published', 'red_light', 'assignment', 'overdue'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsQuery = z
  .object({
    /** only unread ones */
    unread: z.enum(['1', '0']).optional(),
    kind: NotificationKind.optional(),
    limit: Int(z.number().int().min(1).max(100)).optional(),
    /** keyset cursor: the last id seen */
    before: Id.optional(),
  })
  .strict();
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationList = z.object({
  items: z.array(Notification),
  /** the caller's unread count (all kinds) */
  unread: z.number().int(),
  nextBefore: z.number().int().nullable(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;
