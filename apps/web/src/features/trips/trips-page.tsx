import { useMemo, useState } from 'react';
import { Button, Col, Input, Segmented, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Trip } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { TripFormModal } from './trip-form-modal';
import { PHASES, TripPhaseBadge, tripDays, tripPhase, type TripPhase } from './trip-phase';
import { useTrips } from './trips-api';
import { EmptyState, FilterBar, ListCard, ListTable, LoadError, showTotal } from '../../shared/list-page';

export function TripsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const trips = useTrips();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const q = params.get('q') ?? '';
  const phaseParam = params.get('phase');
  const phase = PHASES.find((p) => p === phaseParam);
  const set = (k: string, v: string | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v) next.set(k, v);
        else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const rows = useMemo(() => {
    const term = q.trim().toLowerCase();
    return (trips.data ?? []).filter(
      (trip) =>
        (!phase || tripPhase(trip) === phase) &&
        (!term || [trip.destination, trip.leader, trip.delegation ?? '', trip.purpose ?? '', trip.unitName].some((s) => s.toLowerCase().includes(term))),
    );
  }, [trips.data, q, phase]);

  const columns: TableProps<Trip>['columns'] = [
    {
      title: t('trips.destination'),
      dataIndex: 'destination',
      width: 140,
      fixed: 'left',
      render: (v: string, trip) => (
        <Link to={`/trips/${trip.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }} data-testid="trip-row-destination">
          {v}
        </Link>
      ),
    },
    {
      title: t('trips.dates'),
      key: 'dates',
      width: 220,
      sorter: (a, b) => a.startOn.localeCompare(b.startOn),
      defaultSortOrder: 'descend',
      render: (_, trip) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>
          {trip.startOn} ~ {trip.endOn}
          <Typography.Text type="secondary"> {t('trips.days', { n: tripDays(trip) })}</Typography.Text>
        </span>
      ),
    },
    { title: t('common.status'), key: 'phase', width: 100, render: (_, trip) => <TripPhaseBadge trip={trip} /> },
    { title: t('trips.leader'), dataIndex: 'leader', width: 140, ellipsis: true },
    { title: t('trips.delegation'), dataIndex: 'delegation', width: 220, ellipsis: true, render: (v: string | null) => v ?? '—' },
    { title: t('trips.unit'), dataIndex: 'unitName', width: 140, ellipsis: true },
    {
      title: t('trips.visitCount'),
      dataIndex: 'visitCount',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.visitCount - b.visitCount,
      render: (n: number) => <span data-testid="trip-row-visits">{n}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('trips.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="trips-create">
            {t('trips.create')}
          </Button>
        }
      />
      <FilterBar align="middle">
          <Col xs={24} md={10}>
            <Input.Search allowClear placeholder={t('trips.q')} defaultValue={q} onSearch={(v) => set('q', v.trim() || undefined)} onChange={(e) => set('q', e.target.value || undefined)} data-testid="trips-q" />
          </Col>
          <Col xs={24} md={14}>
            <Segmented<TripPhase | 'all'>
              value={phase ?? 'all'}
              onChange={(v) => set('phase', v === 'all' ? undefined : v)}
              options={[{ value: 'all', label: t('common.all') }, ...PHASES.map((p) => ({ value: p, label: t(`trips.phases.${p}`) }))]}
              data-testid="trips-phase"
            />
          </Col>
      </FilterBar>
      <LoadError error={trips.error} />
      <ListCard testId="trips-table">
          <ListTable<Trip>
            clickable
            columns={columns}
            dataSource={rows}
            loading={trips.isFetching}
            scroll={{ x: 1060 }}
            showSorterTooltip={false}
            onRow={(trip) => ({ onClick: () => void navigate(`/trips/${trip.id}`) })}
            pagination={{
              defaultPageSize: 20,
              hideOnSinglePage: false,
              showTotal: showTotal('trips-total'),
              style: { padding: '0 16px' },
            }}
            locale={{
              emptyText: (
                <EmptyState description={q || phase ? t('trips.emptyFiltered') : t('trips.empty')}>
                  {q || phase ? null : (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                      {t('trips.create')}
                    </Button>
                  )}
                </EmptyState>
              ),
            }}
          />
      </ListCard>
      {creating ? <TripFormModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}
