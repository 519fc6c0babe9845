import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BulletinDetail,
  BulletinKind,
  BulletinList,
  BulletinSettings,
  BulletinStatus,
  GenerateBulletin,
  SnapshotDetail,
  SnapshotSummary,
  UpdateBulletinSettings,
} from '@wutong/contracts';
import { api } from '../../shared/api-client';

/** Bulletins and snapshots live under one key: a command refreshes the lists and the detail. */
export const bulletinsKey = ['bulletins'] as const;

export type BulletinFilters = { kind?: BulletinKind; status?: BulletinStatus; year?: number };

export function useBulletins(f: BulletinFilters) {
  return useQuery({
    queryKey: [...bulletinsKey, 'list', f],
    queryFn: () => api.get<BulletinList>('/api/bulletins', { kind: f.kind, status: f.status, year: f.year }),
    placeholderData: keepPreviousData,
  });
}

export function useBulletin(id: number) {
  return useQuery({ queryKey: [...bulletinsKey, 'one', id], queryFn: () => api.get<BulletinDetail>(`/api/bulletins/${id}`), enabled: id > 0 });
}

export function useBulletinSettings(enabled = true) {
  return useQuery({ queryKey: [...bulletinsKey, 'settings'], queryFn: () => api.get<BulletinSettings>('/api/bulletins/settings'), enabled });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: bulletinsKey });
}

export function useGenerateBulletin() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: GenerateBulletin) => api.post<BulletinDetail>('/api/bulletins', body), onSuccess: done });
}

export function useSaveSettings() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (body: UpdateBulletinSettings) => api.put<BulletinSettings>('/api/bulletins/settings', body), onSuccess: done });
}

export type BulletinCommand = 'review' | 'reopen' | 'publish' | 'regenerate';

export function useBulletinCommand(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (command: BulletinCommand) => api.post<BulletinDetail>(`/api/bulletins/${id}/${command}`),
    onSuccess: (b) => {
      qc.setQueryData([...bulletinsKey, 'one', id], b);
      return qc.invalidateQueries({ queryKey: bulletinsKey });
    },
  });
}

export function useSaveNotes(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (notes: string) => api.patch<BulletinDetail>(`/api/bulletins/${id}`, { notes }),
    onSuccess: (b) => {
      qc.setQueryData([...bulletinsKey, 'one', id], b);
      return qc.invalidateQueries({ queryKey: [...bulletinsKey, 'list'] });
    },
  });
}

export function useDiscardBulletin(id: number) {
  const done = useInvalidate();
  return useMutation({ mutationFn: () => api.delete<{ ok: true }>(`/api/bulletins/${id}`), onSuccess: done });
}

export const downloadBulletin = (id: number, format: 'docx' | 'xlsx') => api.download(`/api/bulletins/${id}/${format}`, undefined, `bulletin.${format}`);

export function useSnapshots() {
  return useQuery({ queryKey: [...bulletinsKey, 'snapshots'], queryFn: () => api.get<{ items: SnapshotSummary[] }>('/api/assessment/snapshots') });
}

export function useSnapshot(id: number | null) {
  return useQuery({ queryKey: [...bulletinsKey, 'snapshot', id], queryFn: () => api.get<SnapshotDetail>(`/api/assessment/snapshots/${id}`), enabled: !!id });
}

export function useClosePeriod() {
  const done = useInvalidate();
  return useMutation({ mutationFn: (period: string) => api.post<SnapshotDetail>('/api/assessment/snapshots', { period }), onSuccess: done });
}
