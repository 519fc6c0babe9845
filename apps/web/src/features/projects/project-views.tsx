import type { ReactNode } from 'react';
import { Button, Card, Flex, Space, Typography, type TableProps } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Industry, ProjectListItem, Stage } from '@wutong/contracts';
import { industryLabel } from '../industries';
import { day, formatCount, formatWan, moneyUnit, today } from '../../shared/format';
import { LightDot } from '../../shared/light-dot';
import type { ProjectSort, SortKey } from './project-query';
import type { BoardColumn, KeyBlock } from './projects-api';
import { StageTag } from './bits';
import { EmptyState, ListTable } from '../../shared/list-page';

export type Lookups = { blocks: ReadonlyMap<number, KeyBlock>; industries?: ReadonlyMap<string, Industry> };

const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The amount in 万 of its own currency: the unit is shown only when it is not the column's 万元. */
export function Investment({ p }: { p: Pick<ProjectListItem, 'investmentMinor' | 'investmentCurrency'> }) {
  const { i18n } = useTranslation();
  if (p.investmentMinor === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatWan(p.investmentMinor)}
      {p.investmentCurrency !== 'CNY' ? <Typography.Text type="secondary"> {moneyUnit(p.investmentCurrency, i18n.language)}</Typography.Text> : null}
    </span>
  );
}

function NextStep({ p }: { p: ProjectListItem }) {
  const { t } = useTranslation();
  if (!p.nextStep && !p.nextDue) return <Typography.Text type="secondary">{t('projects.noNextStep')}</Typography.Text>;
  const overdue = !!p.nextDue && p.nextDue < today();
  return (
    <span>
      {p.nextStep ?? ''}
      {p.nextDue ? (
        <Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12 }}>
          {overdue ? t('projects.dueOverdue', { date: p.nextDue }) : t('projects.dueOn', { date: p.nextDue })}
        </Typography.Text>
      ) : null}
    </span>
  );
}

const blockName = (id: number | null, blocks: ReadonlyMap<number, KeyBlock>, lang: string) => {
  const b = id ? blocks.get(id) : undefined;
  return b ? (lang === 'en-US' && b.nameEn ? b.nameEn : b.name) : '';
};

type TableViewProps = {
  rows: ProjectListItem[];
  loading: boolean;
  sort: ProjectSort;
  onSort: (s: ProjectSort) => void;
  lookups: Lookups;
  empty: ReactNode;
};

/** The wide list: sortable columns, sticky header, a row opens its project. */
export function ProjectTable({ rows, loading, sort, onSort, lookups, empty }: TableViewProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const current: SortKey = sort.sort ?? 'reportedAt';
  const order = (k: SortKey): 'ascend' | 'descend' | null => (current === k ? ((sort.sort ? (sort.dir ?? 'desc') : 'desc') === 'asc' ? 'ascend' : 'descend') : null);
  const sortable = (k: SortKey, first: 'ascend' | 'descend' = 'descend') => ({
    key: k,
    sorter: true,
    sortOrder: order(k),
    sortDirections: (first === 'ascend' ? ['ascend', 'descend'] : ['descend', 'ascend']) as ('ascend' | 'descend')[],
  });

  const columns: TableProps<ProjectListItem>['columns'] = [
    {
      title: <span style={VISUALLY_HIDDEN}>{t('projects.columns.light')}</span>,
      key: 'light',
      width: 40,
      fixed: 'left',
      align: 'center',
      render: (_, p) => <LightDot light={p.light} reasons={p.lightReasons} stage={p.stage} testId="light-dot" />,
    },
    {
      title: t('projects.columns.name'),
      dataIndex: 'name',
      width: 250,
      fixed: 'left',
      ...sortable('name', 'ascend'),
      render: (_, p) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid="project-row-name" style={{ fontWeight: 500 }}>
            {p.name}
          </Link>
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
            {p.enterpriseName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('projects.columns.stage'),
      dataIndex: 'stage',
      width: 112,
      ...sortable('stageAt'),
      render: (_, p) => (
        <span>
          <StageTag stage={p.stage} />
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 2 }}>
            {t('projects.since', { date: day(p.stageAt) })}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('projects.columns.unit'),
      key: 'unit',
      width: 140,
      ellipsis: true,
      render: (_, p) => (
        <span>
          {p.unitName}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {p.ownerName ?? t('projects.unassigned')}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t('projects.columns.industry'),
      dataIndex: 'industryCode',
      width: 150,
      ellipsis: true,
      render: (c: string | null) => industryLabel(c, lookups.industries) || <Typography.Text type="secondary">—</Typography.Text>,
    },
    {
      title: t('projects.columns.investment'),
      dataIndex: 'investmentMinor',
      width: 140,
      align: 'right',
      ...sortable('investment'),
      render: (_, p) => <Investment p={p} />,
    },
    { title: t('projects.columns.keyBlock'), dataIndex: 'keyBlockId', width: 110, ellipsis: true, render: (id: number | null) => blockName(id, lookups.blocks, i18n.language) },
    { title: t('projects.columns.reportedAt'), dataIndex: 'reportedAt', width: 108, ...sortable('reportedAt'), render: (v: string) => day(v) },
    { title: t('projects.columns.nextStep'), ...sortable('nextDue', 'ascend'), render: (_, p) => <NextStep p={p} /> },
  ];

  return (
    <div data-testid="projects-table">
      <ListTable<ProjectListItem>
        clickable
        columns={columns}
        dataSource={rows}
        loading={loading}
        pagination={false}
        scroll={{ x: 1220 }}
        showSorterTooltip={false}
        locale={{ emptyText: empty }}
        onRow={(p) => ({ onClick: () => void navigate(`/projects/${p.id}`) })}
        onChange={(_p, _f, sorter, extra) => {
          if (extra.action !== 'sort' || Array.isArray(sorter)) return;
          const key = sorter.columnKey as SortKey | undefined;
          if (!sorter.order || !key) onSort({});
          else onSort({ sort: key, dir: sorter.order === 'ascend' ? 'asc' : 'desc' });
        }}
      />
    </div>
  );
}

/** Phone width: one card per project, the light and its reason spelled out. */
export function ProjectCards({ rows, loading, lookups, empty }: Omit<TableViewProps, 'sort' | 'onSort'>) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  if (!rows.length) return <Card size="small">{loading ? <div className="page-loading" /> : empty}</Card>;
  return (
    <Flex vertical gap={8} data-testid="projects-cards">
      {rows.map((p) => (
        <Card
          key={p.id}
          size="small"
          hoverable
          onClick={() => void navigate(`/projects/${p.id}`)}
          data-testid="project-card"
          styles={{ body: { padding: 12 } }}
        >
          <Flex justify="space-between" align="flex-start" gap={8}>
            <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 600, fontSize: 15, lineHeight: 1.4 }} data-testid="project-row-name">
              {p.name}
            </Link>
            <StageTag stage={p.stage} />
          </Flex>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, marginTop: 2 }}>
            {p.enterpriseName}
          </Typography.Text>
          <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 8 }}>
            <Space size={4} style={{ fontSize: 13 }}>
              <span>{p.unitName}</span>
              <Typography.Text type="secondary">· {p.ownerName ?? t('projects.unassigned')}</Typography.Text>
            </Space>
            {p.investmentMinor !== null ? (
              <span style={{ fontVariantNumeric: 'tabular-nums', fontSize: 13 }}>
                {formatWan(p.investmentMinor)} {moneyUnit(p.investmentCurrency, i18n.language)}
              </span>
            ) : null}
          </Flex>
          <Flex justify="space-between" align="center" gap={8} style={{ marginTop: 6 }}>
            <LightDot light={p.light} reasons={p.lightReasons} stage={p.stage} showText testId="light-dot" />
            {p.keyBlockId ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{blockName(p.keyBlockId, lookups.blocks, i18n.language)}</Typography.Text> : null}
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}

type BoardProps = { columns: BoardColumn[]; loading: boolean; onShowStage: (stage: Stage) => void; mobile?: boolean };

/** Kanban by stage: each column with its total and its first cards; "view all" opens the list on that stage. */
export function ProjectBoard({ columns, loading, onShowStage, mobile }: BoardProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const width = mobile ? 264 : 272;
  return (
    <div style={{ overflowX: 'auto', paddingBottom: 8, opacity: loading ? 0.6 : 1, transition: 'opacity .2s' }} data-testid="projects-board">
      <Flex gap={12} align="flex-start" style={{ minWidth: columns.length * (width + 12) }}>
        {columns.map((c) => (
          <div
            key={c.stage}
            data-testid={`board-column-${c.stage}`}
            style={{ width, flex: 'none', background: '#eef1f5', borderRadius: 8, padding: 8, display: 'flex', flexDirection: 'column', maxHeight: 'calc(100vh - 230px)', minHeight: 160 }}
          >
            <Flex justify="space-between" align="center" style={{ padding: '2px 4px 8px' }}>
              <Space size={6}>
                <StageTag stage={c.stage} />
              </Space>
              <Typography.Text type="secondary" data-testid="board-column-total" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {t('projects.boardTotal', { n: formatCount(c.total) })}
              </Typography.Text>
            </Flex>
            <Flex vertical gap={8} style={{ overflowY: 'auto', minHeight: 0 }}>
              {c.items.length === 0 ? (
                <EmptyState description={t('projects.boardEmpty')} style={{ margin: '16px 0' }} />
              ) : (
                c.items.map((p) => (
                  <Card
                    key={p.id}
                    size="small"
                    hoverable
                    onClick={() => void navigate(`/projects/${p.id}`)}
                    styles={{ body: { padding: 10 } }}
                    data-testid="board-card"
                  >
                    <Flex gap={6} align="flex-start">
                      <span style={{ paddingTop: 4 }}>
                        <LightDot light={p.light} reasons={p.lightReasons} stage={p.stage} testId="light-dot" />
                      </span>
                      <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500, lineHeight: 1.4 }}>
                        {p.name}
                      </Link>
                    </Flex>
                    <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
                      {p.enterpriseName}
                    </Typography.Text>
                    <Flex justify="space-between" gap={6} style={{ fontSize: 12, marginTop: 4 }}>
                      <Typography.Text ellipsis style={{ fontSize: 12, maxWidth: '55%' }}>
                        {p.unitName}
                      </Typography.Text>
                      {p.investmentMinor !== null ? (
                        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                          {formatWan(p.investmentMinor)} {moneyUnit(p.investmentCurrency, i18n.language)}
                        </span>
                      ) : null}
                    </Flex>
                  </Card>
                ))
              )}
            </Flex>
            {c.total > c.items.length ? (
              <Button type="link" size="small" onClick={() => onShowStage(c.stage)} style={{ marginTop: 6 }} data-testid="board-column-more">
                {t('projects.boardMore', { n: formatCount(c.total - c.items.length) })}
              </Button>
            ) : null}
          </div>
        ))}
      </Flex>
    </div>
  );
}
