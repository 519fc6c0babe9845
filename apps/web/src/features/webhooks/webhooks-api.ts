import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhook, DeliveryList, UpdateWebhook, Webhook, WebhookDelivery } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export function useWebhooks() {
  return useQuery({ queryKey: ['webhooks', 'list'], queryFn: () => api.get<{ items: Webhook[] }>('/api/webhooks').then((r) => r.items), refetchInterval: 30_000 });
}

export type DeliveryFilters = { webhookId?: number; status?: WebhookDelivery['status'] };

export function useDeliveries(filters: DeliveryFilters) {
  return useInfiniteQuery({
    queryKey: ['webhooks', 'deliveries', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api.get<DeliveryList>('/api/webhooks/deliveries', { ...filters, limit: 50, before: pageParam }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    refetchInterval: 15_000,
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['webhooks'] });
}

export function useSaveWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: (CreateWebhook | UpdateWebhook) & { id?: number }) =>
      id ? api.patch<Webhook>(`/api/webhooks/${id}`, body) : api.post<Webhook>('/api/webhooks', body),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.delete<{ ok: true }>(`/api/webhooks/${id}`), onSuccess: invalidate });
}

export function useTestWebhook() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.post<{ delivery: WebhookDelivery }>(`/api/webhooks/${id}/test`), onSettled: invalidate });
}

export function useRetryDelivery() {
  const invalidate = useInvalidate();
  return useMutation({ mutationFn: (id: number) => api.post<WebhookDelivery>(`/api/webhooks/deliveries/${id}/retry`), onSuccess: invalidate });
}
