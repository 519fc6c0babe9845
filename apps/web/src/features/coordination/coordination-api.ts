// the i18next instance that app/i18n.ts initialises
import i18n from 'i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AssignCoordinationItem,
  ConfirmCoordinationItem,
  CoordinationAction,
  CoordinationCategory,
  CoordinationItemDetail,
  CoordinationLevel,
  CoordinationList,
  CoordinationStatus,
  EscalateCoordinationItem,
  Light,
  MeetingAgenda,
  MeetingOutcome,
  RaiseCoordinationItem,
} from '@wutong/contracts';
import { useInvalidating } from '../../shared/use-invalidating';
import { api, type QueryParams } from '../../shared/api-client';

/** Everything coordination lives under one key: a command refreshes the lists, the item, the agenda and the project cards. */
export const coordinationKey = ['coordination'] as const;

export type CoordinationFilters = {
  q?: string;
  status?: CoordinationStatus[];
  category?: CoordinationCategory[];
  level?: CoordinationLevel[];
  light?: Light[];
  overdue?: boolean;
  leadUnitId?: number;
  projectId?: number;
};

export function toParams(f: CoordinationFilters): QueryParams {
  return {
    q: f.q?.trim() || undefined,
    status: f.status?.length ? f.status.join(',') : undefined,
    category: f.category?.length ? f.category.join(',') : undefined,
    level: f.level?.length ? f.level.join(',') : undefined,
    light: f.light?.length ? f.light.join(',') : undefined,
    overdue: f.overdue ? 'true' : undefined,
    leadUnitId: f.leadUnitId,
    projectId: f.projectId,
  };
}

export function useCoordinationList(f: CoordinationFilters, page = 1, pageSize = 20) {
  return useQuery({
    queryKey: [...coordinationKey, 'list', toParams(f), page, pageSize],
    queryFn: () => api.get<CoordinationList>('/api/coordination/items', { ...toParams(f), limit: pageSize, offset: (page - 1) * pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const exportCoordination = (f: CoordinationFilters) => api.download('/api/coordination/items/export', toParams(f), i18n.t('files.coordination'));

export function useCoordinationItem(id: number) {
  return useQuery({
    queryKey: [...coordinationKey, 'item', id],
    queryFn: () => api.get<CoordinationItemDetail>(`/api/coordination/items/${id}`),
    enabled: id > 0,
    retry: (n, e) => !(e instanceof Error && 'status' in e && (e as { status: number }).status === 404) && n < 2,
  });
}

export function useMeeting(meetingDate: string) {
  return useQuery({ queryKey: [...coordinationKey, 'meeting', meetingDate], queryFn: () => api.get<MeetingAgenda>('/api/coordination/meeting', { meetingDate }) });
}

export const downloadAgenda = (meetingDate: string) => api.download('/api/coordination/meeting/agenda.docx', { meetingDate }, i18n.t('files.agenda', { date: meetingDate }));

const useCoordinationMutation = <V>(fn: (v: V) => Promise<CoordinationItemDetail>) => useInvalidating(fn, [coordinationKey]);

export const useRaiseItem = () => useCoordinationMutation((body: RaiseCoordinationItem) => api.post<CoordinationItemDetail>('/api/coordination/items', body));

/** The body each command takes. */
export type CommandBody = {
  escalate: EscalateCoordinationItem;
  assign: AssignCoordinationItem;
  progress: { note: string };
  resolve: { note: string };
  confirm: ConfirmCoordinationItem;
  reopen: { reason: string };
  meeting: MeetingOutcome;
};

const PATHS: Record<CoordinationAction, string> = {
  escalate: 'escalate',
  assign: 'assign',
  progress: 'progress',
  resolve: 'resolve',
  confirm: 'confirm',
  reopen: 'reopen',
  meeting: 'meeting-outcome',
};

export const useItemCommand = <A extends CoordinationAction>(id: number, action: A) =>
  useCoordinationMutation((body: CommandBody[A]) => api.post<CoordinationItemDetail>(`/api/coordination/items/${id}/${PATHS[action]}`, body));
