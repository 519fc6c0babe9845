import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Login, Me } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export const meKey = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: () => api.get<Me>('/api/auth/me'), staleTime: 5 * 60_000 });
}

export function useLogin() {
  return useMutation({ mutationFn: (body: Login) => api.post<Me>('/api/auth/login', body) });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    // whatever the answer, nothing of this user may stay in memory
    onSettled: () => qc.clear(),
  });
}

export type ChangePasswordInput = { currentPassword: string; newPassword: string };

export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordInput) => api.post<{ ok: true }>('/api/auth/password', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}
