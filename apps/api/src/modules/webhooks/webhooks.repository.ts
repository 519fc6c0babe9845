import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { queryRows, webhookDeliveries, webhooks, type Db } from '@wutong/db';
import type { CreateWebhook, ListDeliveriesQuery, NotificationKind, UpdateWebhook, Webhook, WebhookDelivery, WebhookFormat } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';

const iso = (col: unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const isoOrNull = (col: unknown) => sql<string | null>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

// ── queueing (system: called by notify() in the raising transaction) ──

/** Queues the payload for every enabled webhook of the region that takes this event. Returns how many. */
export async function queueDeliveries(db: Db, regionId: number, event: string, payload: unknown, dedupeKey: string | null): Promise<number> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`insert into webhook_deliveries (webhook_id, event, payload, dedupe_key)
        select w.id, ${event}, ${JSON.stringify(payload)}::jsonb, ${dedupeKey}
        from webhooks w
        where w.region_id = ${regionId} and w.enabled and ${event} = any(w.events)
        order by w.id
        on conflict do nothing
        returning id`,
  );
  return rows.length;
}

// ── admin CRUD: every query is bound to the caller's region ──

const inRegion = (ctx: RequestContext) => eq(webhooks.regionId, ctx.scope.regionId);

const webhookColumns = {
  id: webhooks.id,
  name: webhooks.name,
  url: webhooks.url,
  format: sql<WebhookFormat>`${webhooks.format}`,
  events: sql<NotificationKind[]>`${webhooks.events}`,
  enabled: webhooks.enabled,
  hasSecret: sql<boolean>`${webhooks.secret} <> ''`,
  secretHint: sql<string | null>`case when length(${webhooks.secret}) >= 8 then right(${webhooks.secret}, 4) end`,
  createdAt: iso(webhooks.createdAt),
  updatedAt: iso(webhooks.updatedAt),
  pending: sql<number>`(select count(*)::int from webhook_deliveries d where d.webhook_id = "webhooks"."id" and d.status = 'pending')`,
  failed: sql<number>`(select count(*)::int from webhook_deliveries d where d.webhook_id = "webhooks"."id" and d.status = 'failed')`,
  lastDeliveredAt: sql<string | null>`(select to_char(max(d.delivered_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') from webhook_deliveries d where d.webhook_id = "webhooks"."id")`,
};

export async function listWebhooks(ctx: RequestContext): Promise<Webhook[]> {
  return ctx.db.select(webhookColumns).from(webhooks).where(inRegion(ctx)).orderBy(webhooks.id);
}

export async function findWebhook(ctx: RequestContext, id: number): Promise<Webhook | undefined> {
  const [w] = await ctx.db
    .select(webhookColumns)
    .from(webhooks)
    .where(and(inRegion(ctx), eq(webhooks.id, id)));
  return w;
}

/** Locks the row for a command; undefined when missing or in another region. */
export async function lockWebhook(ctx: RequestContext, id: number) {
  const [w] = await ctx.db
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(inRegion(ctx), eq(webhooks.id, id)))
    .for('update');
  return w;
}

export async function insertWebhook(ctx: RequestContext, input: CreateWebhook): Promise<number> {
  const [r] = await ctx.db
    .insert(webhooks)
    .values({
      regionId: ctx.scope.regionId,
      name: input.name,
      url: input.url,
      format: input.format,
      secret: input.secret ?? '',
      events: [...new Set(input.events)],
      enabled: input.enabled ?? true,
    })
    .returning({ id: webhooks.id });
  return r!.id;
}

export async function updateWebhook(ctx: RequestContext, id: number, input: UpdateWebhook): Promise<void> {
  await ctx.db
    .update(webhooks)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.format !== undefined ? { format: input.format } : {}),
      ...(input.secret !== undefined ? { secret: input.secret } : {}),
      ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      updatedAt: sql`now()`,
    })
    .where(and(inRegion(ctx), eq(webhooks.id, id)));
}

export async function deleteWebhook(ctx: RequestContext, id: number): Promise<void> {
  await ctx.db.delete(webhooks).where(and(inRegion(ctx), eq(webhooks.id, id)));
}

/** A test delivery, queued due now; the caller attempts it at once. */
export async function insertTestDelivery(ctx: RequestContext, webhookId: number, payload: unknown, now: Date): Promise<number> {
  const [r] = await ctx.db
    .insert(webhookDeliveries)
    .values({ webhookId, event: 'test', payload, nextAttemptAt: now })
    .returning({ id: webhookDeliveries.id });
  return r!.id;
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  webhookId: webhookDeliveries.webhookId,
  webhookName: webhooks.name,
  event: webhookDeliveries.event,
  title: sql<string>`coalesce(${webhookDeliveries.payload}->>'title', '')`,
  status: sql<WebhookDelivery['status']>`${webhookDeliveries.status}`,
  attempts: webhookDeliveries.attempts,
  nextAttemptAt: sql<string | null>`case when ${webhookDeliveries.status} = 'pending' then ${isoOrNull(webhookDeliveries.nextAttemptAt)} end`,
  lastStatusCode: webhookDeliveries.lastStatusCode,
  lastError: webhookDeliveries.lastError,
  deliveredAt: isoOrNull(webhookDeliveries.deliveredAt),
  createdAt: iso(webhookDeliveries.createdAt),
};

export async function listDeliveries(ctx: RequestContext, q: ListDeliveriesQuery): Promise<{ items: WebhookDelivery[]; nextBefore: number | null }> {
  const limit = q.limit ?? 50;
  const rows = await ctx.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(
      and(
        inRegion(ctx),
        q.webhookId ? eq(webhookDeliveries.webhookId, q.webhookId) : undefined,
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        q.before ? lt(webhookDeliveries.id, q.before) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextBefore: rows.length > limit ? items[items.length - 1]!.id : null };
}

export async function findDelivery(ctx: RequestContext, id: number): Promise<WebhookDelivery | undefined> {
  const [d] = await ctx.db
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(inRegion(ctx), eq(webhookDeliveries.id, id)));
  return d;
}

/** Puts a failed delivery back in the queue, due now (an admin's "retry"). */
export async function requeueDelivery(ctx: RequestContext, id: number, now: Date): Promise<boolean> {
  const rows = await ctx.db
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null })
    .where(
      and(
        eq(webhookDeliveries.id, id),
        eq(webhookDeliveries.status, 'failed'),
        inArray(webhookDeliveries.webhookId, ctx.db.select({ id: webhooks.id }).from(webhooks).where(inRegion(ctx))),
      ),
    )
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}

// ── the delivery worker (system) ──

export type ClaimedDelivery = {
  id: number;
  webhookId: number;
  event: string;
  payload: Record<string, unknown>;
  attempts: number;
  url: string;
  format: WebhookFormat;
  secret: string;
  enabled: boolean;
};

/**
 * Claims due deliveries: the rows are locked (FOR UPDATE SKIP LOCKED: two workers never take one
 * row), their attempt is counted and their next_attempt_at pushed out by `leaseMs`, which is the
 * lease — a worker that dies mid-post leaves the row to be taken again once the lease runs out.
 */
export async function claimDue(db: Db, opts: { now: Date; limit: number; leaseMs: number; ids?: number[] }): Promise<ClaimedDelivery[]> {
  return db.transaction(async (tx) => {
    const only = opts.ids?.length ? sql`and d.id in (${sql.join(opts.ids.map((i) => sql`${i}`), sql`, `)})` : sql``;
    const due = await queryRows<{ id: number }>(
      tx as unknown as Db,
      sql`select d.id from webhook_deliveries d
          where d.status = 'pending' and d.next_attempt_at <= ${opts.now.toISOString()}::timestamptz ${only}
          order by d.next_attempt_at, d.id
          limit ${opts.limit}
          for update skip locked`,
    );
    if (!due.length) return [];
    const lease = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
    return queryRows<ClaimedDelivery>(
      tx as unknown as Db,
      sql`update webhook_deliveries d
          set attempts = d.attempts + 1, next_attempt_at = ${lease}::timestamptz
          from webhooks w
          where w.id = d.webhook_id and d.id in (${sql.join(due.map((r) => sql`${r.id}`), sql`, `)})
          returning d.id, d.webhook_id as "webhookId", d.event, d.payload, d.attempts, w.url, w.format, w.secret, w.enabled`,
    );
  });
}

export async function recordDelivered(db: Db, id: number, attempts: number, statusCode: number, now: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'delivered', deliveredAt: now, lastStatusCode: statusCode, lastError: null })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.attempts, attempts), eq(webhookDeliveries.status, 'pending')));
}

/** A failed attempt: due again at `retryAt`, or failed for good when `retryAt` is null. */
export async function recordFailure(db: Db, id: number, attempts: number, statusCode: number | null, error: string, retryAt: Date | null): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: retryAt ? 'pending' : 'failed',
      nextAttemptAt: retryAt ?? sql`${webhookDeliveries.nextAttemptAt}`,
      lastStatusCode: statusCode,
      lastError: error.slice(0, 1000),
    })
    .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.attempts, attempts), eq(webhookDeliveries.status, 'pending')));
}
