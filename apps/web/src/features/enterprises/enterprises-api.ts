// the i18next instance that app/i18n.ts initialises
import i18n from 'i18next';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateEnterprise, Enterprise, EnterpriseListItem, EnterpriseOrigin, ImportJob, MatchResult, UpdateEnterprise } from '@wutong/contracts';
import { useInvalidating } from '../../shared/use-invalidating';
import { api, type QueryParams } from '../../shared/api-client';

export const enterprisesKey = ['enterprises'] as const;

export const ENTERPRISE_SORT_KEYS = ['name', 'createdAt', 'updatedAt', 'regCapital', 'foundedOn'] as const;
export type EnterpriseSortKey = (typeof ENTERPRISE_SORT_KEYS)[number];

export type EnterpriseFilters = { q?: string; industry?: string; origin?: EnterpriseOrigin; tag?: string };
export type EnterpriseSort = { sort?: EnterpriseSortKey; order?: 'asc' | 'desc' };

export const enterpriseParams = (f: EnterpriseFilters, s: EnterpriseSort = {}): QueryParams => ({
  q: f.q,
  industry: f.industry,
  origin: f.origin,
  tag: f.tag,
  sort: s.sort,
  order: s.sort ? s.order : undefined,
});

export function useEnterprises(filters: EnterpriseFilters, sort: EnterpriseSort, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...enterprisesKey, 'list', filters, sort, page, pageSize],
    queryFn: () =>
      api.get<{ items: EnterpriseListItem[]; total: number }>('/api/enterprises', { ...enterpriseParams(filters, sort), limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
}

export function useEnterprise(id: number | undefined) {
  return useQuery({
    queryKey: [...enterprisesKey, 'one', id],
    queryFn: () => api.get<Enterprise>(`/api/enterprises/${id}`),
    enabled: !!id,
  });
}

/** Live duplicate hints: the registry's candidates for a (partly typed) name and/or a full USCC. */
export function useEnterpriseMatch(name: string, uscc: string, enabled = true) {
  const n = name.trim();
  const u = uscc.trim().toUpperCase();
  const usable = n.length >= 2 || u.length === 18;
  return useQuery({
    queryKey: [...enterprisesKey, 'match', n, u.length === 18 ? u : ''],
    queryFn: () => api.get<MatchResult>('/api/enterprises/match', { name: n || undefined, uscc: u.length === 18 ? u : undefined, limit: 6 }),
    enabled: enabled && usable,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/**
 * How many projects an enterprise has. The registry's own record does not say; the duplicate
 * matcher does, for the candidates it returns, so the enterprise is looked up under its own name.
 */
export function useEnterpriseProjectCount(e: Pick<Enterprise, 'id' | 'name' | 'uscc'> | undefined) {
  return useQuery({
    queryKey: [...enterprisesKey, 'project-count', e?.id, e?.name, e?.uscc],
    queryFn: async () => {
      const r = await api.get<MatchResult>('/api/enterprises/match', { name: e!.name, uscc: e!.uscc ?? undefined, limit: 20 });
      return r.candidates.find((c) => c.enterprise.id === e!.id)?.projectCount ?? null;
    },
    enabled: !!e,
    staleTime: 30_000,
  });
}

const useEnterpriseMutation = <V, R>(fn: (v: V) => Promise<R>) => useInvalidating(fn, [enterprisesKey]);

export const useCreateEnterprise = () => useEnterpriseMutation((body: CreateEnterprise) => api.post<Enterprise>('/api/enterprises', body));
export const useUpdateEnterprise = () =>
  useEnterpriseMutation(({ id, ...body }: UpdateEnterprise & { id: number }) => api.patch<Enterprise>(`/api/enterprises/${id}`, body));

export const exportEnterprises = (f: EnterpriseFilters, s: EnterpriseSort) => api.download('/api/enterprises/export', enterpriseParams(f, s), i18n.t('files.enterprises'));
export const downloadTemplate = () => api.download('/api/enterprises/import-template', undefined, i18n.t('files.enterpriseTemplate'));
export const downloadRejects = (jobId: number) => api.download(`/api/enterprises/import/${jobId}/rejects`, undefined, 'rejected.xlsx');

export const startImport = (body: { filename: string; contentBase64: string }) => api.post<ImportJob>('/api/enterprises/import', body);

const finished = (j: ImportJob | undefined) => j?.status === 'done' || j?.status === 'failed';

/** An import job, polled until it is done; the job runs on the server whether anyone watches or not. */
export function useImportJob(id: number | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: [...enterprisesKey, 'import', id],
    queryFn: async () => {
      const j = await api.get<ImportJob>(`/api/enterprises/import/${id}`);
      if (finished(j)) void qc.invalidateQueries({ queryKey: [...enterprisesKey, 'list'] });
      return j;
    },
    enabled: !!id,
    refetchInterval: (q) => (finished(q.state.data) ? false : 700),
    refetchIntervalInBackground: true,
  });
}

/** The last import started in this browser, so that leaving the page and coming back finds it. */
const LAST_JOB = 'wutong.enterpriseImport.lastJob';
export const rememberJob = (id: number | undefined) => {
  try {
    if (id) localStorage.setItem(LAST_JOB, String(id));
    else localStorage.removeItem(LAST_JOB);
  } catch {
    // private mode: the job still runs, the page just will not find it again
  }
};
export const rememberedJob = (): number | undefined => {
  try {
    const n = Number(localStorage.getItem(LAST_JOB));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
};

/** A file as base64 (without the data: prefix), read in the browser. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}
