import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { notifications, queryRows, type Db } from '@wutong/db';
import type { ListNotificationsQuery, Notification, NotificationKind } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';

const iso = (col: unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const isoOrNull = (col: unknown) => sql<string | null>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export type NewNotifications = {
  userIds: number[];
  regionId: number;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  entity: string | null;
  entityId: number | null;
  dedupeKey: string | null;
};

/**
 * One row per user — only active users whose unit lies in the event's region get it; a user who
 * already has the dedupe key is skipped. Returns how many were written.
 */
export async function insertNotifications(db: Db, n: NewNotifications): Promise<number> {
  if (!n.userIds.length) return 0;
  const ids = sql.join(
    n.userIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into notifications (user_id, region_id, kind, title, body, link, entity, entity_id, dedupe_key)
        select u.id, r.id, ${n.kind}, ${n.title}, ${n.body}, ${n.link}, ${n.entity}, ${n.entityId}, ${n.dedupeKey}
        from users u
        join org_units o on o.id = u.unit_id
        join org_units r on r.id = ${n.regionId}
        where u.id in (${ids}) and u.active and o.path like r.path || '%'
        order by u.id
        on conflict do nothing
        returning id`,
  );
  return rows.length;
}

const mine = (ctx: RequestContext) => eq(notifications.userId, ctx.user.id);

const columns = {
  id: notifications.id,
  kind: sql<NotificationKind>`${notifications.kind}`,
  title: notifications.title,
  body: notifications.body,
  link: notifications.link,
  entity: notifications.entity,
  entityId: notifications.entityId,
  createdAt: iso(notifications.createdAt),
  readAt: isoOrNull(notifications.readAt),
};

export async function listMine(ctx: RequestContext, q: ListNotificationsQuery): Promise<{ items: Notification[]; nextBefore: number | null }> {
  const limit = q.limit ?? 20;
  const rows = await ctx.db
    .select(columns)
    .from(notifications)
    .where(
      and(
        mine(ctx),
        q.unread === '1' ? isNull(notifications.readAt) : undefined,
        q.kind ? eq(notifications.kind, q.kind) : undefined,
        q.before ? lt(notifications.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function unreadCount(ctx: RequestContext): Promise<number> {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine(ctx), isNull(notifications.readAt)));
  return r?.n ?? 0;
}

export async function findMine(ctx: RequestContext, id: number): Promise<Notification | undefined> {
  const [r] = await ctx.db
    .select(columns)
    .from(notifications)
    .where(and(mine(ctx), eq(notifications.id, id)));
  return r;
}

export async function markRead(ctx: RequestContext, id: number): Promise<void> {
  await ctx.db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(mine(ctx), eq(notifications.id, id)));
}

export async function markAllRead(ctx: RequestContext): Promise<number> {
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(mine(ctx), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}
