/**
 * Raising an event: in-app notifications for the named users, and a delivery queued for every
 * enabled webhook of the region that subscribes to the event — all in the caller's transaction,
 * so an event exists exactly when the change that raised it committed. The delivery worker
 * of the webhooks module posts the queued deliveries afterwards, with retries.
 *
 * ```ts
 * import { notify } from '../notifications/notify.js';
 *
 * await notify(ctx, {                 // ctx: a RequestContext (command) or a JobContext — anything with `db`
 *   kind: 'bulletin_published',       // 'bulletin_published' | 'red_light' | 'assignment' | 'overdue'
 *   regionId: 1,                      // the region the event belongs to: its webhooks, its users
 *   userIds: [3, 4],                  // who gets it in-app; users outside the region or inactive are skipped
 *   title: '2026年3月招商通报已发布',
 *   body: '…',                        // plain text (shown in-app; markdown body of the DingTalk message)
 *   link: '/bulletins/12',            // in-app path (webhooks make it absolute with WUTONG_PUBLIC_URL)
 *   entity: 'bulletin', entityId: 12, // optional
 *   dedupeKey: 'bulletin:12',         // optional: once per user and once per webhook for this key
 *   webhook: true,                    // default true; false = in-app only
 * });                                 // → { notified: 2, queued: 1 }
 * ```
 */
import type { Db } from '@wutong/db';
import type { NotificationKind } from '@wutong/contracts';
import { insertNotifications } from './notifications.repository.js';
import { queueDeliveries, type EventPayload } from '../webhooks/index.js';

export type NotifyEvent = {
  kind: NotificationKind;
  regionId: number;
  userIds: readonly number[];
  title: string;
  body: string;
  link?: string | null;
  entity?: string | null;
  entityId?: number | null;
  dedupeKey?: string | null;
  /** queue webhook deliveries too (default true) */
  webhook?: boolean;
  /** when it happened (default now) */
  occurredAt?: Date;
};


export async function notify(ctx: { db: Db }, e: NotifyEvent): Promise<{ notified: number; queued: number }> {
  const title = clip(e.title, 200);
  const body = clip(e.body, 4000);
  const notified = await insertNotifications(ctx.db, {
    userIds: [...new Set(e.userIds)],
    regionId: e.regionId,
    kind: e.kind,
    title,
    body,
    link: e.link ?? null,
    entity: e.entity ?? null,
    entityId: e.entityId ?? null,
    dedupeKey: e.dedupeKey ?? null,
  });
  let queued = 0;
  if (e.webhook !== false) {
    const payload: EventPayload = {
      event: e.kind,
      regionId: e.regionId,
      title,
      body,
      link: e.link ?? null,
      entity: e.entity ?? null,
      entityId: e.entityId ?? null,
      occurredAt: (e.occurredAt ?? new Date()).toISOString(),
    };
    queued = await queueDeliveries(ctx.db, e.regionId, e.kind, payload, e.dedupeKey ?? null);
  }
  return { notified, queued };
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
