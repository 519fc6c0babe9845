import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationKind, NotificationList } from '@wutong/contracts';
import { api } from '../../shared/api-client';

/** The bell and the page poll this often: new notifications show without a reload. */
export const POLL_MS = 30_000;

export type NotificationFilters = { unread?: '1'; kind?: NotificationKind };

export function useUnreadCount() {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    queryFn: () => api.get<{ unread: number }>('/api/notifications/unread').then((r) => r.unread),
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: false,
  });
}

/** Newest first, keyset-paged ("load more" asks for those before the last id seen). */
export function useNotifications(filters: NotificationFilters, opts: { limit?: number; enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list', filters, opts.limit ?? 20],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api.get<NotificationList>('/api/notifications', { ...filters, limit: opts.limit ?? 20, before: pageParam }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    refetchInterval: POLL_MS,
    enabled: opts.enabled ?? true,
  });
}

function useRefresh() {
  const qc = useQueryClient();
  return (unread: number) => {
    qc.setQueryData(['notifications', 'unread'], unread);
    return qc.invalidateQueries({ queryKey: ['notifications', 'list'] });
  };
}

export function useMarkRead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: number) => api.post<{ unread: number }>(`/api/notifications/${id}/read`),
    onSuccess: (r) => refresh(r.unread),
  });
}

export function useMarkAllRead() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: () => api.post<{ unread: number }>('/api/notifications/read-all'),
    onSuccess: (r) => refresh(r.unread),
  });
}
