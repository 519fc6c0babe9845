import { useEffect, useMemo, useState } from 'react';
import { Button, Card, Checkbox, Col, Flex, Input, Row, Segmented, Select, Table, Typography, type TableProps } from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { CoordinationCategory, CoordinationItem, CoordinationLevel, CoordinationStatus, Light } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { LightDot } from '../../shared/light-dot';
import { formatCount, punct } from '../../shared/format';
import { coordinationAccess } from './access';
import { CATEGORIES, CategoryTag, LEVELS, LevelTag, STATUSES, StatusTag } from './bits';
import { exportCoordination, useCoordinationList, type CoordinationFilters } from './coordination-api';
import { UnitPicker } from '../../shared/unit-picker';
import { EmptyState, ExportButton, ListCard, LoadError } from '../../shared/list-page';

const LIGHTS: Light[] = ['red', 'yellow', 'green'];
const PAGE_SIZES = [20, 50, 100];

const csv = <T extends string>(v: string | null, allowed: readonly T[]): T[] | undefined => {
  const xs = (v ?? '').split(',').filter((x): x is T => (allowed as readonly string[]).includes(x));
  return xs.length ? xs : undefined;
};

function readParams(p: URLSearchParams): CoordinationFilters {
  const id = (k: string) => (Number(p.get(k)) > 0 ? Number(p.get(k)) : undefined);
  return {
    q: p.get('q')?.trim() || undefined,
    status: csv<CoordinationStatus>(p.get('status'), STATUSES),
    category: csv<CoordinationCategory>(p.get('category'), CATEGORIES),
    level: csv<CoordinationLevel>(p.get('level'), LEVELS),
    light: csv<Light>(p.get('light'), LIGHTS),
    overdue: p.get('overdue') === 'true' || undefined,
    leadUnitId: id('leadUnitId'),
    projectId: id('projectId'),
  };
}

export function CoordinationPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setQuery, setParams] = useSearchPatch({ resetPage: true });
  const filters = useMemo(() => readParams(params), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const list = useCoordinationList(filters, page, pageSize);
  const [q, setQ] = useState(filters.q ?? '');


  // search as you type, one request once the user pauses
  useEffect(() => {
    const id = setTimeout(() => {
      const cur = new URLSearchParams(window.location.search).get('q') ?? '';
      if (cur !== q.trim()) setQuery({ q: q.trim() || undefined });
    }, 350);
    return () => clearTimeout(id);
  }, [q, setQuery]);

  const data = list.data;
  const counts = data?.counts;
  const statusTotal = counts ? Object.values(counts.byStatus).reduce((a, b) => a + b, 0) : undefined;
  const nFilters = [filters.q, filters.category, filters.level, filters.light, filters.overdue, filters.leadUnitId, filters.projectId].filter(Boolean).length;


  const columns: TableProps<CoordinationItem>['columns'] = [
    {
      key: 'light',
      width: 40,
      render: (_, r) => <LightDot light={r.light} reasons={r.lightReasons} testId="coordination-row-light" />,
    },
    {
      key: 'item',
      title: t('coordination.cols.item'),
      render: (_, r) => (
        <Flex vertical gap={2} style={{ minWidth: 0 }}>
          <Link to={`/coordination/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="coordination-row-link">
            <Typography.Text strong>{r.title}</Typography.Text>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
            {r.projectName} · {r.projectUnitName}
          </Typography.Text>
          {r.lightReasons.length ? (
            <Typography.Text type={r.light === 'red' ? 'danger' : 'warning'} style={{ fontSize: 12 }}>
              {r.lightReasons.join(punct(i18n.language).semi)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'category', title: t('coordination.cols.category'), width: 90, render: (_, r) => <CategoryTag category={r.category} /> },
    { key: 'level', title: t('coordination.cols.level'), width: 100, render: (_, r) => <LevelTag level={r.level} /> },
    { key: 'status', title: t('coordination.cols.status'), width: 100, render: (_, r) => <StatusTag status={r.status} /> },
    { key: 'lead', title: t('coordination.cols.leadUnit'), width: 170, render: (_, r) => r.leadUnit?.name ?? <Typography.Text type="secondary">{t('coordination.unassigned')}</Typography.Text> },
    { key: 'neededBy', title: t('coordination.cols.neededBy'), width: 110, dataIndex: 'neededBy' },
    { key: 'deadline', title: t('coordination.cols.deadline'), width: 110, render: (_, r) => r.deadline ?? t('common.none') },
    {
      key: 'raised',
      title: t('coordination.cols.raised'),
      width: 150,
      render: (_, r) => (
        <Flex vertical>
          <span>{r.raisedByUnitName}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {dayjs(r.raisedAt).format('YYYY-MM-DD')}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const empty = nFilters || filters.status ? (
    <EmptyState description={t('coordination.emptyFiltered')}>
      <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('coordination.filters.reset')}</Button>
    </EmptyState>
  ) : (
    <EmptyState description={t('coordination.empty')}>
      <Link to="/projects">
        <Button type="primary">{t('coordination.toProjects')}</Button>
      </Link>
    </EmptyState>
  );

  return (
    <>
      <PageHeader
        title={t('coordination.title')}
        extra={
          <>
            <ExportButton onExport={() => exportCoordination(filters)} testId="coordination-export">
              {t('coordination.export')}
            </ExportButton>
            {coordinationAccess.meeting(me) ? (
              <Link to="/coordination/meeting">
                <Button icon={<TeamOutlined />} data-testid="coordination-to-meeting">
                  {t('coordination.toMeeting')}
                </Button>
              </Link>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }} data-testid="coordination-filters">
        <Flex vertical gap={12}>
          <div style={{ overflowX: 'auto' }}>
            <Segmented<string>
              value={filters.status?.length === 1 ? filters.status[0]! : 'all'}
              onChange={(v) => setQuery({ status: v === 'all' ? undefined : v })}
              data-testid="coordination-status-filter"
              options={[
                { value: 'all', label: `${t('coordination.statusAll')}${statusTotal !== undefined ? ` ${formatCount(statusTotal)}` : ''}` },
                ...STATUSES.map((s) => ({
                  value: s,
                  label: <span data-testid={`coordination-status-${s}`}>{`${t(`coordination.statuses.${s}`)}${counts ? ` ${formatCount(counts.byStatus[s])}` : ''}`}</span>,
                })),
              ]}
            />
          </div>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={8}>
              <Input.Search allowClear placeholder={t('coordination.filters.search')} value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => setQ(v)} data-testid="coordination-q" />
            </Col>
            <Col xs={12} lg={4}>
              <Select<CoordinationCategory[]>
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                style={{ width: '100%' }}
                placeholder={t('coordination.filters.category')}
                value={filters.category ?? []}
                onChange={(v) => setQuery({ category: v.length ? v.join(',') : undefined })}
                options={CATEGORIES.map((c) => ({ value: c, label: t(`coordination.categories.${c}`) }))}
                data-testid="coordination-category-filter"
              />
            </Col>
            <Col xs={12} lg={4}>
              <Select<CoordinationLevel[]>
                mode="multiple"
                allowClear
                maxTagCount="responsive"
                style={{ width: '100%' }}
                placeholder={t('coordination.filters.level')}
                value={filters.level ?? []}
                onChange={(v) => setQuery({ level: v.length ? v.join(',') : undefined })}
                options={LEVELS.map((l) => ({ value: l, label: t(`coordination.levels.${l}`) }))}
                data-testid="coordination-level-filter"
              />
            </Col>
            <Col xs={12} lg={4}>
              <UnitPicker
                inactive="skip"
                allowClear
                value={filters.leadUnitId}
                onChange={(v) => setQuery({ leadUnitId: v })}
                placeholder={t('coordination.filters.leadUnit')}
                testId="coordination-lead-filter"
              />
            </Col>
            <Col xs={12} lg={4}>
              <Select<Light[]>
                mode="multiple"
                allowClear
                style={{ width: '100%' }}
                placeholder={t('coordination.filters.light')}
                value={filters.light ?? []}
                onChange={(v) => setQuery({ light: v.length ? v.join(',') : undefined })}
                options={LIGHTS.map((l) => ({ value: l, label: t(`light.${l}`) }))}
                data-testid="coordination-light-filter"
              />
            </Col>
          </Row>
          <Checkbox checked={!!filters.overdue} onChange={(e) => setQuery({ overdue: e.target.checked ? 'true' : undefined })} data-testid="coordination-overdue-filter">
            {t('coordination.filters.overdue')}
          </Checkbox>
        </Flex>
      </Card>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8, minHeight: 32 }}>
        <Flex gap={12} align="center" wrap>
          <Typography.Text data-testid="coordination-total" data-total={data?.total ?? ''}>
            {data ? t('common.total', { n: formatCount(data.total) }) : t('common.loading')}
          </Typography.Text>
          {counts?.red ? (
            <Typography.Text type="danger" data-testid="coordination-red-count">
              {t('coordination.counts.red', { n: formatCount(counts.red) })}
            </Typography.Text>
          ) : null}
          {counts?.yellow ? <Typography.Text type="warning">{t('coordination.counts.yellow', { n: formatCount(counts.yellow) })}</Typography.Text> : null}
        </Flex>
        {nFilters ? <Button onClick={() => setParams(new URLSearchParams(), { replace: true })}>{t('coordination.filters.reset')}</Button> : null}
      </Flex>
      <LoadError error={list.error} />
      <ListCard>
        <Table<CoordinationItem>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={list.isFetching}
          sticky
          scroll={{ x: 1100 }}
          locale={{ emptyText: list.isPending ? ' ' : empty }}
          onRow={(r) => ({ onClick: () => navigate(`/coordination/${r.id}`), style: { cursor: 'pointer' }, 'data-testid': 'coordination-row' } as never)}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES,
            onChange: (p, s) => setQuery({ page: p > 1 ? p : undefined, size: s !== 20 ? s : undefined }),
          }}
          data-testid="coordination-table"
        />
      </ListCard>
    </>
  );
}
