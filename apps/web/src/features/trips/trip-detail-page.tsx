import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import { EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Activity } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { NotFoundPage } from '../../shared/status-pages';
import { ApiError } from '../../shared/api-client';
import { TripPhaseBadge, tripDays } from './trip-phase';
import { useProjectNames, useTrip } from './trips-api';
import { VisitDrawer } from './visit-drawer';
import { EmptyState } from '../../shared/list-page';
import { punct } from '../../shared/format';

export function TripDetailPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id) || undefined;
  const trip = useTrip(id);
  const [adding, setAdding] = useState(false);
  const visits = trip.data?.visits ?? [];
  const names = useProjectNames(visits.flatMap((v) => (v.projectId ? [v.projectId] : [])));

  if (!id || (trip.error instanceof ApiError && trip.error.status === 404)) return <NotFoundPage />;
  const tr = trip.data;
  const sorted = [...visits].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn) || b.id - a.id);

  return (
    <>
      <PageHeader
        title={tr ? t('trips.detailTitle', { destination: tr.destination }) : t('trips.title')}
        extra={
          tr ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="trip-add-visit">
              {t('trips.addVisit')}
            </Button>
          ) : null
        }
      />
      {trip.isError && !(trip.error instanceof ApiError && trip.error.status === 404) ? (
        <Alert type="error" showIcon title={t('errors.loadFailed')} description={trip.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {!tr ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Flex vertical gap={12}>
          <Card size="small" data-testid="trip-summary">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2, lg: 3 }}
              items={[
                { key: 'destination', label: t('trips.destination'), children: <strong data-testid="trip-destination-value">{tr.destination}</strong> },
                {
                  key: 'dates',
                  label: t('trips.dates'),
                  children: (
                    <span>
                      {tr.startOn} ~ {tr.endOn}
                      {punct(i18n.language).paren(t('trips.days', { n: tripDays(tr) }))}
                    </span>
                  ),
                },
                { key: 'phase', label: t('common.status'), children: <TripPhaseBadge trip={tr} /> },
                { key: 'leader', label: t('trips.leader'), children: tr.leader },
                { key: 'unit', label: t('trips.unit'), children: tr.unitName },
                { key: 'count', label: t('trips.visitCount'), children: <span data-testid="trip-visit-count">{tr.visitCount}</span> },
                { key: 'delegation', label: t('trips.delegation'), children: tr.delegation ?? '—', span: { xs: 1, sm: 2, lg: 3 } },
                { key: 'purpose', label: t('trips.purpose'), children: tr.purpose ?? '—', span: { xs: 1, sm: 2, lg: 3 } },
              ]}
            />
          </Card>
          <Card size="small" title={t('trips.visits')} data-testid="trip-visits">
            {sorted.length === 0 ? (
              <EmptyState description={t('trips.noVisits')}>
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                  {t('trips.addVisit')}
                </Button>
              </EmptyState>
            ) : (
              <Timeline
                style={{ marginTop: 8 }}
                items={sorted.map((v) => ({
                  key: v.id,
                  color: 'blue',
                  content: <VisitItem visit={v} project={v.projectId ? names.get(v.projectId) : undefined} />,
                }))}
              />
            )}
          </Card>
        </Flex>
      )}
      {adding && tr ? <VisitDrawer trip={tr} onClose={() => setAdding(false)} /> : null}
    </>
  );
}

function VisitItem({ visit, project }: { visit: Activity; project?: { name: string; enterpriseName: string } }) {
  const { t } = useTranslation();
  return (
    <div data-testid="trip-visit">
      <Flex gap={8} wrap align="center">
        <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
          {visit.occurredOn}
        </Typography.Text>
        {visit.projectId ? (
          <Link to={`/projects/${visit.projectId}`} data-testid="trip-visit-project">
            {project?.name ?? t('trips.projectNo', { id: visit.projectId })}
          </Link>
        ) : (
          <Tag>{t('trips.noProjectTag')}</Tag>
        )}
        {visit.place ? (
          <Typography.Text type="secondary">
            <EnvironmentOutlined /> {visit.place}
          </Typography.Text>
        ) : null}
      </Flex>
      {project ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {project.enterpriseName}
        </Typography.Text>
      ) : null}
      {visit.attendees ? <div style={{ marginTop: 4 }}>{t('trips.attendeesLine', { who: visit.attendees })}</div> : null}
      {visit.notes ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{visit.notes}</Typography.Paragraph> : null}
      {visit.nextStep || visit.nextDue ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
          {t('trips.nextLine', { step: visit.nextStep ?? '', due: visit.nextDue ?? '' })}
        </Typography.Text>
      ) : null}
      {visit.createdByName ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('trips.by', { name: visit.createdByName })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
