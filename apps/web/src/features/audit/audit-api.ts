import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditEntry } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export type AuditFilters = { userId?: number; entity?: string; from?: string; to?: string };

const PAGE = 50;

/** Newest first, keyset-paged: each "load more" asks for entries before the last id seen. */
export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api.get<{ items: AuditEntry[]; nextBefore: number | null }>('/api/audit', { ...filters, limit: PAGE, before: pageParam }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
}
