import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUser, Role, UpdateUser, User } from '@wutong/contracts';
import { api, type QueryParams } from '../../shared/api-client';

export const usersKey = ['users'] as const;

export type UserFilters = { q?: string; unitId?: number; role?: Role; active?: 'true' | 'false' };

export const filterParams = (f: UserFilters): QueryParams => ({ q: f.q, unitId: f.unitId, role: f.role, active: f.active });

export function useUsers(filters: UserFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...usersKey, 'list', filters, page, pageSize],
    queryFn: () =>
      api.get<{ items: User[]; total: number }>('/api/users', { ...filterParams(filters), limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** People to pick from (the audit filter), searched on the server so that large districts work too. */
export function useUserOptions(q: string) {
  return useQuery({
    queryKey: [...usersKey, 'options', q],
    queryFn: () => api.get<{ items: User[]; total: number }>('/api/users', { q: q.trim() || undefined, limit: 50 }).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

function useUserMutation<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // the org tree shows head counts per unit
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: usersKey }), qc.invalidateQueries({ queryKey: ['org'] })]),
  });
}

export const useCreateUser = () => useUserMutation((body: CreateUser) => api.post<User>('/api/users', body));
export const useUpdateUser = () => useUserMutation(({ id, ...body }: UpdateUser & { id: number }) => api.patch<User>(`/api/users/${id}`, body));
export const useResetPassword = () =>
  useUserMutation(({ id, newPassword }: { id: number; newPassword: string }) =>
    api.post<{ ok: true }>(`/api/users/${id}/reset-password`, { newPassword }),
  );
export const useDeleteUser = () => useUserMutation((id: number) => api.delete<{ ok: true }>(`/api/users/${id}`));

export const exportUsers = (filters: UserFilters) => api.download('/api/users/export', filterParams(filters), 'users.xlsx');

/** 12 characters from an alphabet without look-alikes (0/O, 1/l/I), with a digit and a symbol. */
export function generatePassword(): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
  const digits = '23456789';
  const symbols = '@#%+=';
  const pick = (set: string, n: number) => Array.from(crypto.getRandomValues(new Uint32Array(n)), (x) => set[x % set.length]).join('');
  return `${pick(letters, 8)}${pick(digits, 3)}${pick(symbols, 1)}`;
}
