import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CompletionRanking,
  CreateRuleVersion,
  FxRate,
  ImportTargetsResult,
  IndicatorCode,
  PeopleRanking,
  PointList,
  RuleVersion,
  SetTarget,
  TargetKey,
  TargetRow,
  UnitKind,
  UnitRanking,
} from '@wutong/contracts';
import { api, type QueryParams } from '../../shared/api-client';

/* ── targets and FX (apps/api/src/modules/assessment) ─────────────────────────────────────── */

export const targetsKey = ['targets'] as const;
export type TargetFilters = { year: number; unitId?: number; indicator?: IndicatorCode };

const targetParams = (f: TargetFilters): QueryParams => ({ year: f.year, unitId: f.unitId, indicator: f.indicator });

export function useTargets(f: TargetFilters) {
  return useQuery({
    queryKey: [...targetsKey, 'list', f],
    queryFn: () => api.get<{ items: TargetRow[] }>('/api/targets', targetParams(f)).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>, keys: readonly (readonly string[])[]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey }))) });
}

/** Targets feed the completion ranking and the cockpit too. */
const TARGET_DEPENDENTS = [targetsKey, ['rankings'], ['cockpit']] as const;

export const useSetTarget = () => useInvalidating((body: SetTarget) => api.put<TargetRow>('/api/targets', body), TARGET_DEPENDENTS);
export const useDeleteTarget = () =>
  useInvalidating((k: TargetKey) => api.delete<{ ok: true }>('/api/targets', k), TARGET_DEPENDENTS);
export const useImportTargets = () =>
  useInvalidating((body: { filename: string; contentBase64: string }) => api.post<ImportTargetsResult>('/api/targets/import', body), TARGET_DEPENDENTS);

export const downloadTargetTemplate = () => api.download('/api/targets/template', undefined, '目标导入模板.xlsx');
export const exportTargets = (f: TargetFilters) => api.download('/api/targets/export', targetParams(f), `目标任务-${f.year}.xlsx`);

export const fxKey = ['fx-rates'] as const;
export function useFxRates() {
  return useQuery({ queryKey: fxKey, queryFn: () => api.get<{ items: FxRate[] }>('/api/fx-rates').then((r) => r.items) });
}
/** FX converts foreign figures: the cockpit and completion rates move with it. */
export const useSetFxRate = () => useInvalidating((body: FxRate) => api.put<{ items: FxRate[] }>('/api/fx-rates', body), [fxKey, targetsKey, ['rankings'], ['cockpit']]);

/* ── scoring rules, points, rankings (apps/api/src/modules/points) ────────────────────────── */

export const rulesKey = ['scoring-rules'] as const;
export const pointsKey = ['points'] as const;
export const rankingsKey = ['rankings'] as const;

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
export const exportPoints = (f: PointFilters) => api.download('/api/points/export', pointParams(f), '积分明细.xlsx');

export function useUnitRanking(period: string, kind?: UnitKind) {
  return useQuery({
    queryKey: [...rankingsKey, 'units', period, kind],
    queryFn: () => api.get<UnitRanking>('/api/rankings/units', { period, kind }),
    placeholderData: keepPreviousData,
  });
}
export const exportUnitRanking = (period: string) => api.download('/api/rankings/units/export', { period }, `单位积分排行-${period}.xlsx`);
export const exportPeopleRanking = (period: string) => api.download('/api/rankings/people/export', { period }, `个人积分排行-${period}.xlsx`);

export function usePeopleRanking(period: string) {
  return useQuery({
    queryKey: [...rankingsKey, 'people', period],
    queryFn: () => api.get<PeopleRanking>('/api/rankings/people', { period }),
    placeholderData: keepPreviousData,
  });
}
export function useCompletionRanking(year: number, indicator: IndicatorCode) {
  return useQuery({
    queryKey: [...rankingsKey, 'completion', year, indicator],
    queryFn: () => api.get<CompletionRanking>('/api/rankings/completion', { year, indicator }),
    placeholderData: keepPreviousData,
  });
}
