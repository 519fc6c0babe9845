// the i18next instance that app/i18n.ts initialises
import i18n from 'i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  CompletionRanking,
  FxRate,
  ImportTargetsResult,
  IndicatorCode,
  SetTarget,
  TargetKey,
  TargetRow,
} from '@wutong/contracts';
import { api, type QueryParams } from '../../shared/api-client';
import { useInvalidating } from '../../shared/use-invalidating';

/* ── targets and FX (apps/api/src/modules/assessment) ─────────────────────────────────────── */

export const targetsKey = ['targets'] as const;
/** completion rankings here; the points rankings (points feature) share the prefix */
export const rankingsKey = ['rankings'] as const;
export type TargetFilters = { year: number; unitId?: number; indicator?: IndicatorCode };

const targetParams = (f: TargetFilters): QueryParams => ({ year: f.year, unitId: f.unitId, indicator: f.indicator });

export function useTargets(f: TargetFilters) {
  return useQuery({
    queryKey: [...targetsKey, 'list', f],
    queryFn: () => api.get<{ items: TargetRow[] }>('/api/targets', targetParams(f)).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
}

/** Targets feed the completion ranking and the cockpit too. */
const TARGET_DEPENDENTS = [targetsKey, rankingsKey, ['cockpit']] as const;

export const useSetTarget = () => useInvalidating((body: SetTarget) => api.put<TargetRow>('/api/targets', body), TARGET_DEPENDENTS);
export const useDeleteTarget = () =>
  useInvalidating((k: TargetKey) => api.delete<{ ok: true }>('/api/targets', k), TARGET_DEPENDENTS);
export const useImportTargets = () =>
  useInvalidating((body: { filename: string; contentBase64: string }) => api.post<ImportTargetsResult>('/api/targets/import', body), TARGET_DEPENDENTS);

export const downloadTargetTemplate = () => api.download('/api/targets/template', undefined, i18n.t('files.targetTemplate'));
export const exportTargets = (f: TargetFilters) => api.download('/api/targets/export', targetParams(f), i18n.t('files.targets', { year: f.year }));

export const fxKey = ['fx-rates'] as const;
export function useFxRates() {
  return useQuery({ queryKey: fxKey, queryFn: () => api.get<{ items: FxRate[] }>('/api/fx-rates').then((r) => r.items) });
}
/** FX converts foreign figures: the cockpit and completion rates move with it. */
export const useSetFxRate = () => useInvalidating((body: FxRate) => api.put<{ items: FxRate[] }>('/api/fx-rates', body), [fxKey, targetsKey, rankingsKey, ['cockpit']]);


export function useCompletionRanking(year: number, indicator: IndicatorCode) {
  return useQuery({
    queryKey: [...rankingsKey, 'completion', year, indicator],
    queryFn: () => api.get<CompletionRanking>('/api/rankings/completion', { year, indicator }),
    placeholderData: keepPreviousData,
  });
}
