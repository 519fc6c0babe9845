import type { ListNotificationsQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import * as repo from './notifications.repository.js';

/** Notifications are the caller's own: every read and write is bound to ctx.user. */
export async function listMine(ctx: RequestContext, q: ListNotificationsQuery) {
  const [page, unread] = [await repo.listMine(ctx, q), await repo.unreadCount(ctx)];
  return { ...page, unread };
}

export async function unread(ctx: RequestContext) {
  return { unread: await repo.unreadCount(ctx) };
}

export async function markRead(ctx: RequestContext, id: number) {
  if (!(await repo.findMine(ctx, id))) throw notFound();
  await repo.markRead(ctx, id);
  return { unread: await repo.unreadCount(ctx) };
}

export async function markAllRead(ctx: RequestContext) {
  await repo.markAllRead(ctx);
  return { unread: 0 };
}
