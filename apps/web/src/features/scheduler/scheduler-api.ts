import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobRun, RunList, ScheduledJob, UpdateSchedule } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export function useJobs() {
  return useQuery({
    queryKey: ['scheduler', 'jobs'],
    queryFn: () => api.get<{ items: ScheduledJob[]; timezone: string }>('/api/scheduler/jobs'),
    refetchInterval: 30_000,
  });
}

export type RunFilters = { job?: string; status?: JobRun['status'] };

export function useRuns(filters: RunFilters) {
  return useInfiniteQuery({
    queryKey: ['scheduler', 'runs', filters],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => api.get<RunList>('/api/scheduler/runs', { ...filters, limit: 50, before: pageParam }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    refetchInterval: 30_000,
  });
}

export function useUpdateSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ name, ...body }: UpdateSchedule & { name: string }) => api.put<ScheduledJob>(`/api/scheduler/jobs/${encodeURIComponent(name)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['scheduler'] }),
  });
}

export function useRerun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { job: string; period: string }) => api.post<JobRun>('/api/scheduler/runs/rerun', body),
    onSettled: () => qc.invalidateQueries({ queryKey: ['scheduler'] }),
  });
}
