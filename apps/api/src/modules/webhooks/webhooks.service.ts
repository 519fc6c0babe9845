import type { CreateWebhook, ListDeliveriesQuery, UpdateWebhook, Webhook } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import type { EventPayload } from './delivery.js';
import { deliverDue } from './delivery.js';
import * as repo from './webhooks.repository.js';

/**
 * Webhooks belong to a region: admins manage their own region's (repository queries are bound to
 * ctx.scope.regionId). The secret never leaves the server: answers carry `hasSecret` and a hint.
 */
export const listWebhooks = async (ctx: RequestContext) => ({ items: await repo.listWebhooks(ctx) });

export async function getWebhook(ctx: RequestContext, id: number): Promise<Webhook> {
  const w = await repo.findWebhook(ctx, id);
  if (!w) throw notFound();
  return w;
}

/** What the audit log keeps of a webhook: everything but the secret. */
const audited = (w: Webhook) => ({ name: w.name, url: w.url, format: w.format, events: w.events, enabled: w.enabled, hasSecret: w.hasSecret });

export async function createWebhook(ctx: RequestContext, input: CreateWebhook): Promise<Webhook> {
  const id = await repo.insertWebhook(ctx, input);
  const created = await getWebhook(ctx, id);
  await audit(ctx, { action: 'create', entity: 'webhook', entityId: id, unitId: ctx.scope.regionId, after: audited(created) });
  return created;
}

export async function updateWebhook(ctx: RequestContext, id: number, input: UpdateWebhook): Promise<Webhook> {
  if (!(await repo.lockWebhook(ctx, id))) throw notFound();
  const before = await getWebhook(ctx, id);
  await repo.updateWebhook(ctx, id, input);
  const after = await getWebhook(ctx, id);
  await audit(ctx, { action: 'update', entity: 'webhook', entityId: id, unitId: ctx.scope.regionId, before: audited(before), after: { ...audited(after), secretChanged: input.secret !== undefined } });
  return after;
}

export async function deleteWebhook(ctx: RequestContext, id: number) {
  if (!(await repo.lockWebhook(ctx, id))) throw notFound();
  const before = await getWebhook(ctx, id);
  await repo.deleteWebhook(ctx, id);
  await audit(ctx, { action: 'delete', entity: 'webhook', entityId: id, unitId: ctx.scope.regionId, before: audited(before) });
  return { ok: true as const };
}

export const listDeliveries = (ctx: RequestContext, q: ListDeliveriesQuery) => {
  return repo.listDeliveries(ctx, q);
};

/**
 * "Send test": a test delivery is queued (and audited) in one transaction, then attempted at once
 * by the delivery worker's own code, outside that transaction (an HTTP call never holds one open).
 * The answer is the delivery as it stands after the attempt.
 */
export async function sendTest(ctx: RequestContext, id: number, now = new Date()) {
  const deliveryId = await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx as unknown as RequestContext['db'] };
    if (!(await repo.lockWebhook(c, id))) throw notFound();
    const w = await getWebhook(c, id);
    const payload: EventPayload = {
      event: 'test',
      regionId: ctx.scope.regionId,
      title: '梧桐平台测试消息',
      body: `这是一条来自梧桐招商平台的测试消息（${w.name}），收到即表示 Webhook 配置正确。发送人：${ctx.user.displayName}`,
      link: '/webhooks',
      entity: 'webhook',
      entityId: id,
      occurredAt: now.toISOString(),
    };
    const did = await repo.insertTestDelivery(c, id, payload, now);
    await audit(c, { action: 'test', entity: 'webhook', entityId: id, unitId: ctx.scope.regionId, after: { deliveryId: did } });
    return did;
  });
  await deliverDue(ctx.db, { ids: [deliveryId] });
  const delivery = await repo.findDelivery(ctx, deliveryId);
  if (!delivery) throw notFound();
  return { delivery };
}

export async function retryDelivery(ctx: RequestContext, id: number) {
  const d = await repo.findDelivery(ctx, id);
  if (!d) throw notFound();
  if (d.status !== 'failed') throw new AppError(409, 'conflict');
  await repo.requeueDelivery(ctx, id, new Date());
  await audit(ctx, { action: 'retry', entity: 'webhook_delivery', entityId: id, unitId: ctx.scope.regionId });
  const after = await repo.findDelivery(ctx, id);
  return after!;
}
