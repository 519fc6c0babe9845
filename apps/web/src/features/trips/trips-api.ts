import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Activity, CreateTrip, CreateTripVisit, ProjectDetail, Trip } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export type TripDetail = Trip & { visits: Activity[] };

export const tripsKey = ['trips'] as const;

export function useTrips() {
  return useQuery({ queryKey: [...tripsKey, 'list'], queryFn: () => api.get<{ items: Trip[] }>('/api/trips').then((r) => r.items) });
}

export function useTrip(id: number | undefined) {
  return useQuery({ queryKey: [...tripsKey, 'one', id], queryFn: () => api.get<TripDetail>(`/api/trips/${id}`), enabled: !!id });
}

export function useCreateTrip() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTrip) => api.post<TripDetail>('/api/trips', body),
    onSuccess: (t) => {
      qc.setQueryData([...tripsKey, 'one', t.id], t);
      return qc.invalidateQueries({ queryKey: [...tripsKey, 'list'] });
    },
  });
}

export function useAddVisit(tripId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTripVisit) => api.post<TripDetail>(`/api/trips/${tripId}/visits`, body),
    onSuccess: (t) => {
      qc.setQueryData([...tripsKey, 'one', tripId], t);
      // a visit is an activity: the project's light and the lists change with it
      return Promise.all([qc.invalidateQueries({ queryKey: [...tripsKey, 'list'] }), qc.invalidateQueries({ queryKey: ['projects'] })]);
    },
  });
}

/** A visit names its project by id only: the names come from the projects themselves. */
export function useProjectNames(ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['projects', 'name-of', id],
      queryFn: () => api.get<ProjectDetail>(`/api/projects/${id}`),
      staleTime: 60_000,
    })),
  });
  const names = new Map<number, { name: string; enterpriseName: string }>();
  results.forEach((r, i) => {
    if (r.data) names.set(unique[i]!, { name: r.data.name, enterpriseName: r.data.enterpriseName });
  });
  return names;
}
