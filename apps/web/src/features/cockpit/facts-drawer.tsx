import { type ReactNode } from 'react';
import { Alert, Drawer, Flex, Grid, Table, Tabs, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Fact, IndicatorCode, PointEntry } from '@wutong/contracts';
import { decimal, formatCount, formatNumber, formatValue, indicatorName, indicatorUnit, money, punct, unitLabel } from '../../shared/format';
import { exportPoints, usePoints } from '../points';
import { exportFacts, useFacts, type DrillFilter } from './cockpit-api';
import { CAPITAL_INDICATORS, type Drill } from './drill';
import { EmptyState, ExportButton, LoadError, LoadMore } from '../../shared/list-page';

/** Sum and count of everything the filter matches, the figure it equals, and the export. */
function Summary({ total, sum, figure, unit, onExport, exportTestId }: { total?: number; sum?: ReactNode; figure?: ReactNode; unit?: string; onExport: () => Promise<void>; exportTestId: string }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
      <Flex align="baseline" gap={16} wrap>
        <Typography.Text data-testid="drill-total" data-total={total ?? ''}>
          {total === undefined ? t('common.loading') : t('common.total', { n: formatCount(total) })}
        </Typography.Text>
        {sum !== undefined ? (
          <Typography.Text>
            {t('cockpit.drill.sum')}
            <strong style={{ fontSize: 18, marginInline: 4, fontVariantNumeric: 'tabular-nums' }}>{sum}</strong>
            {unit}
          </Typography.Text>
        ) : null}
        {figure !== undefined ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {figure}
          </Typography.Text>
        ) : null}
      </Flex>
      <ExportButton onExport={onExport} testId={exportTestId}>
        {t('cockpit.drill.export')}
      </ExportButton>
    </Flex>
  );
}

function DrillMore({ shown, total, hasMore, loading, onMore }: { shown: number; total?: number; hasMore: boolean; loading: boolean; onMore: () => void }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return (
    <LoadMore
      shown={t('cockpit.drill.shown', { shown: formatCount(shown), total: formatCount(total ?? shown) })}
      shownTestId="drill-shown"
      hasMore={hasMore}
      loading={loading}
      onMore={onMore}
      more={t('cockpit.drill.loadMore')}
      end={t('cockpit.drill.end')}
      testId="drill-load-more"
    />
  );
}

/** The records of one indicator under a filter: a keyset-paged table with the count and the sum. */
function FactsTable({ filter, figure, testId = 'drill-facts' }: { filter: DrillFilter & { indicator: IndicatorCode }; figure?: number; testId?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const facts = useFacts(filter);
  const unit = indicatorUnit(filter.indicator);
  const first = facts.data?.pages[0];
  const rows = facts.data?.pages.flatMap((p) => p.items) ?? [];
  const sum = first?.sum;
  const matches = figure === undefined || sum === undefined ? undefined : figure === sum;

  const columns: TableProps<Fact>['columns'] = [
    {
      key: 'project',
      title: t('cockpit.drill.project'),
      render: (_, f) => (
        <Flex vertical gap={2}>
          <Link to={`/projects/${f.projectId}`} data-testid="drill-project-link">
            {f.projectName}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {f.enterpriseName}
          </Typography.Text>
        </Flex>
      ),
    },
    { key: 'unit', title: t('cockpit.drill.unit'), dataIndex: 'unitName', width: 150 },
    { key: 'date', title: t('cockpit.drill.date'), dataIndex: 'onDate', width: 112 },
    {
      key: 'value',
      title: `${t('cockpit.drill.value')}${punct(lang).paren(unitLabel(unit, lang, 'list'))}`,
      align: 'right',
      width: 150,
      render: (_, f) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(unit, f.value, 'list')}</span>,
    },
    {
      key: 'original',
      title: t('cockpit.drill.original'),
      width: 190,
      render: (_, f) =>
        f.original ? (
          <Flex vertical gap={0} style={{ fontSize: 12 }}>
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>
              {money(f.original.amount, f.original.currency, lang)}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('cockpit.drill.rate', { rate: f.original.rate, date: f.original.rateDate })}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { key: 'source', title: t('cockpit.drill.source'), width: 110, render: (_, f) => <Tag>{t(`cockpit.sources.${f.source}`)}</Tag> },
  ];

  return (
    <div data-testid={testId}>
      <Summary
        total={first?.total}
        sum={sum === undefined ? undefined : <span data-testid="drill-sum" data-sum={sum}>{formatNumber(unit, sum)}</span>}
        unit={unitLabel(unit, lang)}
        figure={
          matches === undefined ? undefined : matches ? (
            <span data-testid="drill-matches">{t('cockpit.drill.equalsFigure')}</span>
          ) : (
            <span style={{ color: '#c9252d' }}>{t('cockpit.drill.differsFromFigure', { figure: formatValue(unit, figure!, lang) })}</span>
          )
        }
        onExport={() => exportFacts(filter, t('cockpit.drill.file', { name: indicatorName(filter.indicator, lang) }))}
        exportTestId="drill-export"
      />
      <LoadError error={facts.error} />
      <Table<Fact>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={facts.isFetching && !facts.isFetchingNextPage}
        pagination={false}
        sticky
        scroll={{ x: 820 }}
        locale={{ emptyText: <EmptyState description={t('cockpit.drill.empty')} /> }}
        data-testid="drill-table"
      />
      <DrillMore shown={rows.length} total={first?.total} hasMore={!!facts.hasNextPage} loading={facts.isFetchingNextPage} onMore={() => void facts.fetchNextPage()} />
    </div>
  );
}

const EVENT_KEYS = ['lead_accepted', 'signed', 'registered', 'construction', 'production', 'capital'] as const;

/** A unit's ledger entries in a period, with their sum: the points behind a ranking row. */
function PointsTable({ unitId, period, figure }: { unitId: number; period: string; figure: number }) {
  const { t } = useTranslation();
  const points = usePoints({ unitId, period });
  const first = points.data?.pages[0];
  const rows = points.data?.pages.flatMap((p) => p.items) ?? [];
  const sum = first?.sum;
  const columns: TableProps<PointEntry>['columns'] = [
    { key: 'date', title: t('cockpit.drill.date'), dataIndex: 'onDate', width: 112 },
    {
      key: 'project',
      title: t('cockpit.drill.project'),
      render: (_, e) => (
        <Link to={`/projects/${e.projectId}`} data-testid="drill-project-link">
          {e.projectName}
        </Link>
      ),
    },
    {
      key: 'event',
      title: t('cockpit.drill.event'),
      width: 140,
      render: (_, e) => {
        const ev = e.explanation.event;
        return (EVENT_KEYS as readonly string[]).includes(ev) ? t(`cockpit.events.${ev}`) : ev;
      },
    },
    { key: 'who', title: t('cockpit.drill.person'), width: 120, render: (_, e) => e.userName ?? '—' },
    {
      key: 'points',
      title: t('cockpit.drill.points'),
      align: 'right',
      width: 110,
      render: (_, e) => <span style={{ fontVariantNumeric: 'tabular-nums', color: e.points < 0 ? '#c9252d' : undefined }}>{decimal(e.points)}</span>,
    },
  ];
  return (
    <div data-testid="drill-points">
      <Summary
        total={first?.total}
        sum={sum === undefined ? undefined : <span data-testid="drill-sum" data-sum={sum}>{decimal(sum)}</span>}
        unit={t('cockpit.pointsUnit')}
        figure={
          sum === undefined ? undefined : Math.abs(sum - figure) < 0.005 ? (
            <span data-testid="drill-matches">{t('cockpit.drill.equalsFigure')}</span>
          ) : (
            <span style={{ color: '#c9252d' }}>{t('cockpit.drill.differsFromFigure', { figure: decimal(figure) })}</span>
          )
        }
        onExport={() => exportPoints({ unitId, period })}
        exportTestId="drill-export"
      />
      <LoadError error={points.error} />
      <Table<PointEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={points.isFetching && !points.isFetchingNextPage}
        pagination={false}
        sticky
        scroll={{ x: 700 }}
        locale={{ emptyText: <EmptyState description={t('cockpit.drill.emptyPoints')} /> }}
      />
      <DrillMore shown={rows.length} total={first?.total} hasMore={!!points.hasNextPage} loading={points.isFetchingNextPage} onMore={() => void points.fetchNextPage()} />
    </div>
  );
}

/** The drawer every figure opens: the records behind it, their count and sum, and their export. */
export function DrillDrawer({ drill, onClose }: { drill: Drill | undefined; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const lang = i18n.language;
  return (
    <Drawer
      open={!!drill}
      onClose={onClose}
      size={screens.lg ? 1000 : '100%'}
      destroyOnHidden
      data-testid="drill-drawer"
      title={
        drill ? (
          <Flex vertical gap={4}>
            <span data-testid="drill-title">{drill.title}</span>
            <Flex gap={4} wrap data-testid="drill-chips">
              {drill.chips.map((c) => (
                <Tag key={c} color="blue" style={{ fontWeight: 'normal' }}>
                  {c}
                </Tag>
              ))}
            </Flex>
          </Flex>
        ) : null
      }
    >
      {drill?.kind === 'facts' ? <FactsTable filter={drill.filter} figure={drill.figure} /> : null}
      {drill?.kind === 'points' ? <PointsTable unitId={drill.unitId} period={drill.period} figure={drill.figure} /> : null}
      {drill?.kind === 'capital' ? (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('cockpit.drill.capitalTotal', { value: formatValue('cny', drill.figure, lang) })}
            description={drill.fxNote}
          />
          <Tabs
            items={CAPITAL_INDICATORS.map((code) => ({
              key: code,
              label: indicatorName(code, lang),
              children: <FactsTable filter={{ ...drill.filter, indicator: code }} testId={`drill-facts-${code}`} />,
            }))}
          />
        </>
      ) : null}
    </Drawer>
  );
}
