import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Cockpit, FactList, FactsQuery } from '@wutong/contracts';
import { api, type QueryParams } from '../../shared/api-client';

/** The assessment pages invalidate ['cockpit'] when targets, FX or rules change. */
export const cockpitKey = ['cockpit'] as const;

export type CockpitParams = { year: number; unitId?: number };

/** The figures of one year, for the caller's scope or one unit in it. */
export function useCockpit(p: CockpitParams, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...cockpitKey, 'figures', p.year, p.unitId],
    queryFn: () => api.get<Cockpit>('/api/cockpit', { year: p.year, unitId: p.unitId }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval,
    refetchIntervalInBackground: !!opts.refetchInterval,
  });
}

/** What a figure drills into: the facts filter behind it, without the paging. */
export type DrillFilter = Omit<FactsQuery, 'cursor' | 'limit'>;

export const FACTS_PAGE = 50;

export const factParams = (f: DrillFilter): QueryParams => ({
  indicator: f.indicator,
  year: f.year,
  month: f.month,
  unitId: f.unitId,
  unitOnly: f.unitOnly,
  section: f.section,
  keyBlockId: f.keyBlockId,
  origin: f.origin,
});

/** The records behind a figure, a keyset page at a time; `total` and `sum` cover every match. */
export function useFacts(f: DrillFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...cockpitKey, 'facts', f],
    queryFn: ({ pageParam }) => api.get<FactList>('/api/cockpit/facts', { ...factParams(f), limit: FACTS_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** The same filter as an Excel file. */
export const exportFacts = (f: DrillFilter, fallbackName: string) => api.download('/api/cockpit/facts/export', factParams(f), fallbackName);
