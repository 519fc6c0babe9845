import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SlaRule } from '@wutong/contracts';
import { api } from '../../shared/api-client';

const slaKey = ['sla-rules'] as const;

export function useSlaRules() {
  return useQuery({ queryKey: slaKey, queryFn: () => api.get<{ items: SlaRule[] }>('/api/sla-rules').then((r) => r.items) });
}

export function useSaveSlaRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: SlaRule[]) => api.put<{ items: SlaRule[] }>('/api/sla-rules', { items }).then((r) => r.items),
    onSuccess: (items) => {
      qc.setQueryData(slaKey, items);
      // every light in every list is read against these rules
      return Promise.all([qc.invalidateQueries({ queryKey: ['projects'] }), qc.invalidateQueries({ queryKey: ['workbench'] })]);
    },
  });
}
