// the i18next instance that app/i18n.ts initialises
import i18n from 'i18next';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { CreateRuleVersion, PeopleRanking, PointList, RuleVersion, UnitKind, UnitRanking } from '@wutong/contracts';
import { api, type QueryParams } from '../../shared/api-client';
import { useInvalidating } from '../../shared/use-invalidating';
import { rankingsKey } from '../assessment';

/* scoring rules, points and points rankings (apps/api/src/modules/points) */

export const rulesKey = ['scoring-rules'] as const;
export const pointsKey = ['points'] as const;

export function useRuleVersions(enabled = true) {
  return useQuery({ queryKey: rulesKey, queryFn: () => api.get<{ items: RuleVersion[] }>('/api/scoring-rules').then((r) => r.items), enabled });
}

/** A new version re-scores the ledger from its effective date: points and rankings are stale after it. */
export const useCreateRuleVersion = () =>
  useInvalidating((body: CreateRuleVersion) => api.post<{ version: number; rescoredEntries: number }>('/api/scoring-rules', body), [rulesKey, pointsKey, rankingsKey, ['cockpit']]);

export type PointFilters = { unitId?: number; userId?: number; projectId?: number; period?: string };
const pointParams = (f: PointFilters): QueryParams => ({ unitId: f.unitId, userId: f.userId, projectId: f.projectId, period: f.period });
export const POINTS_PAGE = 50;

/** The ledger, newest first, a keyset page at a time; `total` and `sum` cover every matching entry. */
export function usePoints(f: PointFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...pointsKey, 'list', f],
    queryFn: ({ pageParam }) => api.get<PointList>('/api/points', { ...pointParams(f), limit: POINTS_PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
export const exportPoints = (f: PointFilters) => api.download('/api/points/export', pointParams(f), i18n.t('files.points'));

export function useUnitRanking(period: string, kind?: UnitKind) {
  return useQuery({
    queryKey: [...rankingsKey, 'units', period, kind],
    queryFn: () => api.get<UnitRanking>('/api/rankings/units', { period, kind }),
    placeholderData: keepPreviousData,
  });
}
export const exportUnitRanking = (period: string) => api.download('/api/rankings/units/export', { period }, i18n.t('files.unitRanking', { period }));
export const exportPeopleRanking = (period: string) => api.download('/api/rankings/people/export', { period }, i18n.t('files.peopleRanking', { period }));

export function usePeopleRanking(period: string) {
  return useQuery({
    queryKey: [...rankingsKey, 'people', period],
    queryFn: () => api.get<PeopleRanking>('/api/rankings/people', { period }),
    placeholderData: keepPreviousData,
  });
}
