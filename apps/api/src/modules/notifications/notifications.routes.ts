import { IdParams, ListNotificationsQuery, NotificationList, UnreadCount } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './notifications.service.js';

const tags = ['notifications'];

export const notificationRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/notifications',
    summary: 'My notifications, newest first, with my unread count (keyset: before = last id seen)',
    tags,
    query: ListNotificationsQuery,
    response: NotificationList,
    handler: (ctx, { query }) => service.listMine(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/notifications/unread',
    summary: 'My unread count (the bell polls this)',
    tags,
    response: UnreadCount,
    handler: (ctx) => service.unread(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/notifications/:id/read',
    summary: 'Mark one of my notifications read',
    tags,
    params: IdParams,
    entities: { id: 'notification' },
    response: UnreadCount,
    handler: (ctx, { params }) => service.markRead(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/notifications/read-all',
    summary: 'Mark all my notifications read',
    tags,
    acts: 'self',
    response: UnreadCount,
    handler: (ctx) => service.markAllRead(ctx),
  }),
];
