// the i18next instance that app/i18n.ts initialises
import i18n from 'i18next';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ProjectListItem, Stage, User } from '@wutong/contracts';
import { api } from '../../shared/api-client';
import { toApiParams, type ProjectFilters, type ProjectSort } from './project-query';

// the contracts' ProjectList, Board and KeyBlock schemas export no types: their shapes, spelled out
export type ProjectPage = { items: ProjectListItem[]; total: number; nextCursor: string | null };
export type BoardColumn = { stage: Stage; total: number; items: ProjectListItem[] };
export type KeyBlock = { id: number; name: string; nameEn: string | null };

export const projectsKey = ['projects'] as const;
export const PAGE_SIZE = 50;

/** Keyset pages: each "load more" passes the last page's cursor back. */
export function useProjectList(filters: ProjectFilters, sort: ProjectSort, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...projectsKey, 'list', filters, sort],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api.get<ProjectPage>('/api/projects', { ...toApiParams(filters, sort), limit: PAGE_SIZE, cursor: pageParam }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Kanban: every stage with its total and its first 30 cards (the board ignores the stage filter). */
export function useBoard(filters: ProjectFilters, enabled = true) {
  const { stage: _stage, ...rest } = filters;
  return useQuery({
    queryKey: [...projectsKey, 'board', rest],
    queryFn: () => api.get<{ columns: BoardColumn[] }>('/api/projects/board', toApiParams(rest)),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const exportProjects = (filters: ProjectFilters, sort: ProjectSort) => api.download('/api/projects/export', toApiParams(filters, sort), i18n.t('files.projects'));

export function useKeyBlocks() {
  return useQuery({
    queryKey: ['key-blocks'],
    queryFn: () => api.get<{ items: KeyBlock[] }>('/api/key-blocks').then((r) => r.items),
    staleTime: 10 * 60_000,
  });
}

/** People to filter by, searched on the server and narrowed to a unit when one is picked. */
export function useOwnerOptions(q: string, unitId: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'owner-options', q, unitId],
    queryFn: () => api.get<{ items: User[]; total: number }>('/api/users', { q: q.trim() || undefined, unitId, limit: 50 }).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });
}

export function useUser(id: number | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => api.get<User>(`/api/users/${id}`),
    enabled: enabled && !!id,
    staleTime: 5 * 60_000,
  });
}

/** Projects to pick from (search by name, enterprise or pinyin initials). */
export function useProjectSearch(q: string) {
  return useQuery({
    queryKey: [...projectsKey, 'search', q],
    queryFn: () => api.get<ProjectPage>('/api/projects', { q: q.trim() || undefined, limit: 20, sort: q.trim() ? 'name' : undefined, dir: 'asc' }).then((r) => r.items),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}
