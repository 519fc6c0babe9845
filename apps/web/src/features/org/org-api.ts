import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUnit, MoveUnit, OrgUnit, UpdateUnit } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export const orgKey = ['org'] as const;
const unitsKey = [...orgKey, 'units'] as const;

/** Every unit in my scope, inactive ones too (the pages grey them out), parents first. */
export function useUnits() {
  return useQuery({
    queryKey: unitsKey,
    queryFn: () => api.get<{ items: OrgUnit[] }>('/api/org/units', { includeInactive: 'true' }).then((r) => r.items),
  });
}

function useOrgMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // user lists show unit names, so they go stale with the tree
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: orgKey }), qc.invalidateQueries({ queryKey: ['users'] })]),
  });
}

export const useCreateUnit = () => useOrgMutation((body: CreateUnit) => api.post<OrgUnit>('/api/org/units', body));
export const useUpdateUnit = () =>
  useOrgMutation(({ id, ...body }: UpdateUnit & { id: number }) => api.patch<OrgUnit>(`/api/org/units/${id}`, body));
export const useMoveUnit = () =>
  useOrgMutation(({ id, ...body }: MoveUnit & { id: number }) => api.post<OrgUnit>(`/api/org/units/${id}/move`, body));
export const useDeleteUnit = () => useOrgMutation((id: number) => api.delete<{ ok: true }>(`/api/org/units/${id}`));
