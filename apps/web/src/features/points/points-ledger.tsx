import { useMemo, useState } from 'react';
import { Alert, Button, Flex, List, Tag, Tooltip, Typography, type TableProps } from 'antd';
import { DownloadOutlined, RollbackOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PointEntry, PointEvent } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { formatCount } from '../../shared/format';
import { exportPoints, usePoints, type PointFilters } from './points-api';
import { explainPoint, formatPoints } from './explain';
import './points.css';
import { EmptyState, ListTable } from '../../shared/list-page';

const EVENT_COLORS: Record<PointEvent, string> = {
  lead_accepted: 'cyan',
  signed: 'blue',
  registered: 'geekblue',
  construction: 'purple',
  production: 'green',
  capital: 'gold',
};

export function EventTag({ event }: { event: PointEvent }) {
  const { t } = useTranslation();
  return (
    <Tag color={EVENT_COLORS[event]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {t(`assessment.points.events.${event}`)}
    </Tag>
  );
}

function PointsValue({ e, lang }: { e: PointEntry; lang: string }) {
  const negative = e.points < 0;
  return (
    <span
      data-testid="point-value"
      data-value={e.points}
      style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600, whiteSpace: 'nowrap', color: negative ? '#cf1322' : '#1d4f91' }}
    >
      {negative ? '' : '+'}
      {formatPoints(e.points, lang)}
    </span>
  );
}

/**
 * The points ledger for some filters: every entry with its explanation in words, reversals shown as
 * such, the count and sum of everything that matches, a keyset "load more", and the export.
 */
export function PointsLedger({ filters, compact, enabled = true }: { filters: PointFilters; compact?: boolean; enabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const onError = useErrorHandler();
  const q = usePoints(filters, enabled);
  const [exporting, setExporting] = useState(false);
  const items = useMemo(() => q.data?.pages.flatMap((p) => p.items) ?? [], [q.data]);
  const first = q.data?.pages[0];
  const total = first?.total ?? 0;
  const sum = first?.sum ?? 0;
  // originals whose reversal is on screen: shown struck through, so the pair reads as cancelled
  const reversed = useMemo(() => new Set(items.map((e) => e.reversesId).filter((x): x is number => x !== null)), [items]);

  const onExport = async () => {
    setExporting(true);
    try {
      await exportPoints(filters);
    } catch (e) {
      onError(e);
    } finally {
      setExporting(false);
    }
  };

  const explanation = (e: PointEntry) => (
    <Typography.Text type={reversed.has(e.id) ? 'secondary' : undefined} delete={reversed.has(e.id)} style={{ fontSize: 13 }} data-testid="point-explanation">
      {explainPoint(e, t, lang)}
    </Typography.Text>
  );

  const reversalTag = (e: PointEntry) =>
    e.reversesId !== null ? (
      <Tooltip title={t('assessment.points.reversalHelp', { id: e.reversesId })}>
        <Tag color="red" icon={<RollbackOutlined />} data-testid="point-reversal" style={{ marginInlineEnd: 0 }}>
          {t('assessment.points.reversal')}
        </Tag>
      </Tooltip>
    ) : reversed.has(e.id) ? (
      <Tag style={{ marginInlineEnd: 0 }}>{t('assessment.points.reversed')}</Tag>
    ) : null;

  const summary = (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ padding: compact ? '0 0 12px' : '12px 16px' }}>
      <Flex gap={16} align="baseline" wrap>
        <span data-testid="points-total" data-total={total}>
          {t('common.total', { n: formatCount(total) })}
        </span>
        <span>
          {t('assessment.points.sum')}{' '}
          <strong style={{ fontSize: 18, color: '#1d4f91', fontVariantNumeric: 'tabular-nums' }} data-testid="points-sum" data-value={sum}>
            {formatPoints(sum, lang)}
          </strong>{' '}
          {t('assessment.points.unit')}
        </span>
      </Flex>
      <Button icon={<DownloadOutlined />} loading={exporting} disabled={!total} onClick={() => void onExport()} data-testid="points-export" size={compact ? 'small' : 'middle'}>
        {t('assessment.export')}
      </Button>
    </Flex>
  );

  const more = q.hasNextPage ? (
    <Flex justify="center" style={{ padding: 12 }}>
      <Button onClick={() => void q.fetchNextPage()} loading={q.isFetchingNextPage} data-testid="points-more">
        {t('assessment.points.more', { shown: formatCount(items.length), total: formatCount(total) })}
      </Button>
    </Flex>
  ) : items.length > 0 ? (
    <Typography.Paragraph type="secondary" style={{ textAlign: 'center', padding: 12, margin: 0, fontSize: 12 }}>
      {t('assessment.points.allShown')}
    </Typography.Paragraph>
  ) : null;

  const empty = <EmptyState description={t('assessment.points.empty')} />;

  if (q.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={q.error.message} />;

  if (compact) {
    return (
      <div data-testid="points-ledger">
        {summary}
        <List<PointEntry>
          loading={q.isPending || (q.isFetching && !q.isFetchingNextPage)}
          dataSource={items}
          locale={{ emptyText: empty }}
          renderItem={(e) => (
            <List.Item key={e.id} data-testid="point-row" data-id={e.id} style={{ display: 'block', paddingInline: 0 }}>
              <Flex justify="space-between" gap={8} align="center">
                <Flex gap={8} align="center" wrap style={{ minWidth: 0 }}>
                  <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {e.onDate}
                  </Typography.Text>
                  <EventTag event={e.explanation.event} />
                  {reversalTag(e)}
                  <Link to={`/projects/${e.projectId}`} style={{ fontWeight: 500 }}>
                    {e.projectName}
                  </Link>
                </Flex>
                <PointsValue e={e} lang={lang} />
              </Flex>
              <div style={{ marginTop: 4 }}>{explanation(e)}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.unitName}
                {e.userName ? ` · ${e.userName}` : ''}
              </Typography.Text>
            </List.Item>
          )}
        />
        {more}
      </div>
    );
  }

  const columns: TableProps<PointEntry>['columns'] = [
    { title: t('assessment.points.date'), dataIndex: 'onDate', width: 110, render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
    {
      title: t('assessment.points.event'),
      key: 'event',
      width: 160,
      render: (_, e) => (
        <Flex gap={4} wrap>
          <EventTag event={e.explanation.event} />
          {reversalTag(e)}
        </Flex>
      ),
    },
    {
      title: t('assessment.points.project'),
      key: 'project',
      width: 220,
      ellipsis: true,
      render: (_, e) => (
        <Link to={`/projects/${e.projectId}`} onClick={(ev) => ev.stopPropagation()} title={e.projectName}>
          {e.projectName}
        </Link>
      ),
    },
    {
      title: t('assessment.points.who'),
      key: 'who',
      width: 180,
      render: (_, e) => (
        <Flex vertical>
          <span>{e.unitName}</span>
          {e.userName ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.userName}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { title: t('assessment.points.points'), key: 'points', width: 100, align: 'right', render: (_, e) => <PointsValue e={e} lang={lang} /> },
    { title: t('assessment.points.explanation'), key: 'explanation', render: (_, e) => explanation(e) },
  ];

  return (
    <div data-testid="points-ledger">
      {summary}
      <ListTable<PointEntry>
        columns={columns}
        dataSource={items}
        loading={q.isPending || (q.isFetching && !q.isFetchingNextPage)}
        pagination={false}
        scroll={{ x: 1100 }}
        rowClassName={(e) => (e.reversesId !== null ? 'wt-point-reversal' : '')}
        onRow={(e) => ({ 'data-testid': 'point-row', 'data-id': e.id }) as object}
        locale={{ emptyText: empty }}
      />
      {more}
    </div>
  );
}
