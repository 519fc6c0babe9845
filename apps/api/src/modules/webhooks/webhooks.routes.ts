import { CreateWebhook, DeliveryList, IdParams, ListDeliveriesQuery, Ok, UpdateWebhook, Webhook, WebhookDelivery, WebhookList, WebhookTestResult } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './webhooks.service.js';

const tags = ['webhooks'];
const roles = ['admin'] as const;
const entities = { id: 'webhook' };

export const webhookRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/webhooks',
    summary: 'My region’s outbound webhooks (DingTalk robots, generic JSON)',
    tags,
    roles,
    response: WebhookList,
    handler: (ctx) => service.listWebhooks(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/webhooks',
    summary: 'Add a webhook to my region',
    tags,
    roles,
    acts: 'own-region',
    body: CreateWebhook,
    response: Webhook,
    handler: (ctx, { body }) => service.createWebhook(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/api/webhooks/deliveries',
    summary: 'Deliveries of my region’s webhooks, newest first (keyset: before = last id seen)',
    tags,
    roles,
    query: ListDeliveriesQuery,
    entities: { webhookId: 'webhook' },
    response: DeliveryList,
    handler: (ctx, { query }) => service.listDeliveries(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/webhooks/deliveries/:id/retry',
    summary: 'Put a failed delivery back in the queue',
    tags,
    roles,
    params: IdParams,
    entities: { id: 'webhook_delivery' },
    response: WebhookDelivery,
    handler: (ctx, { params }) => service.retryDelivery(ctx, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/webhooks/:id',
    summary: 'One webhook',
    tags,
    roles,
    params: IdParams,
    entities,
    response: Webhook,
    handler: (ctx, { params }) => service.getWebhook(ctx, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/webhooks/:id',
    summary: 'Change a webhook (secret: omitted = unchanged)',
    tags,
    roles,
    params: IdParams,
    entities,
    body: UpdateWebhook,
    response: Webhook,
    handler: (ctx, { params, body }) => service.updateWebhook(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/webhooks/:id',
    summary: 'Delete a webhook and its delivery log',
    tags,
    roles,
    params: IdParams,
    entities,
    response: Ok,
    handler: (ctx, { params }) => service.deleteWebhook(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/webhooks/:id/test',
    summary: 'Send a test message now and answer with the delivery',
    tags,
    roles,
    params: IdParams,
    entities,
    // the test delivery is queued in one transaction, then posted outside of it
    transaction: false,
    response: WebhookTestResult,
    handler: (ctx, { params }) => service.sendTest(ctx, params.id),
  }),
];
