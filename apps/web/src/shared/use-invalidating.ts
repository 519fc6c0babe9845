import { useMutation, useQueryClient } from '@tanstack/react-query';

/** A mutation after which the queries under `keys` are stale (their pages refetch what they show). */
export function useInvalidating<V, R>(fn: (v: V) => Promise<R>, keys: readonly (readonly unknown[])[]) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all(keys.map((queryKey) => qc.invalidateQueries({ queryKey }))) });
}
