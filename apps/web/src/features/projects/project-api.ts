import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AcceptLead,
  Activity,
  Arbitration,
  CapitalRecord,
  CreateActivity,
  CreateCapital,
  DecideArbitration,
  MatchResult,
  MergeLead,
  ProjectDetail,
  ProjectListItem,
  ReportLead,
  ReportResult,
  ReviewDuplicate,
  SetCoPromoters,
  Transition,
  UpdateProject,
  User,
  Workbench,
} from '@wutong/contracts';
import { api } from '../../shared/api-client';

/** Everything about projects lives under one key, so a change anywhere refreshes every list that shows it. */
export const projectsKey = ['projects'] as const;
const arbitrationsKey = ['arbitrations'] as const;

export type ProjectPage = { items: ProjectListItem[]; total: number; nextCursor: string | null };
export type TimelineEntry = { kind: 'stage' | 'activity' | 'capital'; at: string; title: string; detail: Record<string, unknown>; by: string | null };

export function useWorkbench() {
  return useQuery({ queryKey: [...projectsKey, 'workbench'], queryFn: () => api.get<Workbench>('/api/workbench') });
}

export function useProject(id: number) {
  return useQuery({ queryKey: [...projectsKey, 'detail', id], queryFn: () => api.get<ProjectDetail>(`/api/projects/${id}`), enabled: id > 0 });
}

/** Whether I may open a project (the success screen links to it only then): a quiet probe, no retries. */
export function useProjectVisible(id: number | null) {
  return useQuery({
    queryKey: [...projectsKey, 'detail', id ?? 0],
    queryFn: () => api.get<ProjectDetail>(`/api/projects/${id}`),
    enabled: !!id,
    retry: false,
  });
}

export function useTimeline(id: number) {
  return useQuery({ queryKey: [...projectsKey, 'detail', id, 'timeline'], queryFn: () => api.get<{ items: TimelineEntry[] }>(`/api/projects/${id}/timeline`).then((r) => r.items) });
}

export function useActivities(id: number) {
  return useQuery({ queryKey: [...projectsKey, 'detail', id, 'activities'], queryFn: () => api.get<{ items: Activity[] }>(`/api/projects/${id}/activities`).then((r) => r.items) });
}

export function useCapital(id: number) {
  return useQuery({ queryKey: [...projectsKey, 'detail', id, 'capital'], queryFn: () => api.get<{ items: CapitalRecord[] }>(`/api/projects/${id}/capital`).then((r) => r.items) });
}

/** Projects by name (or pinyin initials) in my scope: the merge picker. */
export function useProjectSearch(q: string) {
  return useQuery({
    queryKey: [...projectsKey, 'search', q],
    queryFn: () => api.get<ProjectPage>('/api/projects', { q: q.trim() || undefined, limit: 20 }).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useProjectMutation<V, R>(fn: (v: V) => Promise<R>, also: readonly (readonly string[])[] = []) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: projectsKey }), ...also.map((k) => qc.invalidateQueries({ queryKey: k }))]),
  });
}

export const useTransition = (id: number) => useProjectMutation((body: Transition) => api.post<ProjectDetail>(`/api/projects/${id}/transition`, body));
export const useUpdateProject = (id: number) => useProjectMutation((body: UpdateProject) => api.patch<ProjectDetail>(`/api/projects/${id}`, body));
export const useSetCoPromoters = (id: number) =>
  useProjectMutation((body: SetCoPromoters) => api.put<ProjectDetail>(`/api/projects/${id}/co-promoters`, body));
export const useAddActivity = (id: number) => useProjectMutation((body: CreateActivity) => api.post<{ items: Activity[] }>(`/api/projects/${id}/activities`, body));
export const useAddCapital = (id: number) => useProjectMutation((body: CreateCapital) => api.post<{ items: CapitalRecord[] }>(`/api/projects/${id}/capital`, body));
export const useReverseCapital = (id: number) =>
  useProjectMutation(({ recordId, reason }: { recordId: number; reason: string }) =>
    api.post<{ items: CapitalRecord[] }>(`/api/projects/${id}/capital/${recordId}/reverse`, { reason }),
  );

// ── reporting a lead ──

export const useReportLead = () => useProjectMutation((body: ReportLead) => api.post<ReportResult>('/api/leads', body), [arbitrationsKey]);

/** Live duplicate hints as the name (or credit code) is typed. */
export function useEnterpriseMatch(name: string, uscc: string) {
  const n = name.trim();
  const u = uscc.trim().toUpperCase();
  return useQuery({
    queryKey: ['enterprises', 'match', n, u],
    queryFn: () => api.get<MatchResult>('/api/enterprises/match', { name: n || undefined, uscc: u.length === 18 ? u : undefined, limit: 6 }),
    enabled: n.length >= 2 || u.length === 18,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** GB/T 4754-2017, the whole table (about 2,000 rows): reference data, fetched once. */
// ── the inbox ──

/** Pending leads, oldest first, a page at a time. */
export function useInbox() {
  return useInfiniteQuery({
    queryKey: [...projectsKey, 'inbox', 'pages'],
    queryFn: ({ pageParam }) => api.get<ProjectPage>('/api/projects/inbox', { limit: 50, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** How many leads wait: the menu badge. */
export function useInboxCount(enabled: boolean) {
  return useQuery({
    queryKey: [...projectsKey, 'inbox', 'count'],
    queryFn: () => api.get<ProjectPage>('/api/projects/inbox', { limit: 1 }).then((r) => r.total),
    enabled,
    staleTime: 60_000,
  });
}

export const useAcceptLead = () => useProjectMutation(({ id, ...body }: AcceptLead & { id: number }) => api.post<ProjectDetail>(`/api/projects/${id}/accept`, body));
export const useRejectLead = () => useProjectMutation(({ id, reason }: { id: number; reason: string }) => api.post<ProjectDetail>(`/api/projects/${id}/reject`, { reason }));
export const useMergeLead = () => useProjectMutation(({ id, ...body }: MergeLead & { id: number }) => api.post<ProjectDetail>(`/api/projects/${id}/merge`, body));
/** The centre decides a lead held as a suspected duplicate: another enterprise, or merge the two records (and their projects). */
export const useReviewDuplicate = () =>
  useProjectMutation(({ id, ...body }: ReviewDuplicate & { id: number }) => api.post<ProjectDetail>(`/api/projects/${id}/duplicate-review`, body), [['enterprises']]);

/** The people of one unit, to own an accepted lead. */
export function useUnitPeople(unitId: number | undefined) {
  return useQuery({
    queryKey: ['users', 'of-unit', unitId],
    queryFn: () => api.get<{ items: User[]; total: number }>('/api/users', { unitId, active: 'true', limit: 200 }).then((r) => r.items),
    enabled: !!unitId,
  });
}

// ── arbitration ──

export function useArbitrations() {
  return useQuery({ queryKey: arbitrationsKey, queryFn: () => api.get<{ items: Arbitration[] }>('/api/arbitrations').then((r) => r.items) });
}

export const useDecideArbitration = () =>
  useProjectMutation(({ id, ...body }: DecideArbitration & { id: number }) => api.post<Arbitration>(`/api/arbitrations/${id}/decide`, body), [arbitrationsKey]);
