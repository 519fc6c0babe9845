import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Trip } from '@wutong/contracts';

export type TripPhase = 'planned' | 'ongoing' | 'past';
export const PHASES: TripPhase[] = ['planned', 'ongoing', 'past'];

export function tripPhase(trip: Pick<Trip, 'startOn' | 'endOn'>, today = dayjs().format('YYYY-MM-DD')): TripPhase {
  if (trip.startOn > today) return 'planned';
  if (trip.endOn < today) return 'past';
  return 'ongoing';
}

const PHASE_BADGE: Record<TripPhase, 'processing' | 'success' | 'default'> = { planned: 'processing', ongoing: 'success', past: 'default' };

export function TripPhaseBadge({ trip }: { trip: Pick<Trip, 'startOn' | 'endOn'> }) {
  const { t } = useTranslation();
  const phase = tripPhase(trip);
  return <Badge status={PHASE_BADGE[phase]} text={t(`trips.phases.${phase}`)} />;
}

export const tripDays = (trip: Pick<Trip, 'startOn' | 'endOn'>) => dayjs(trip.endOn).diff(dayjs(trip.startOn), 'day') + 1;

