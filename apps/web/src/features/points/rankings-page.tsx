import { useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Table, Tabs, Tooltip, Typography, type TableProps } from 'antd';
import { TeamOutlined, TrophyOutlined, UserOutlined, FundOutlined } from '@ant-design/icons';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import { IndicatorCode, type RankedPerson, type RankedUnit, shanghaiYear } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { useUnits } from '../org';
import { formatCount, periodText } from '../../shared/format';
import { assessmentAccess, CompletionRanking, currentPeriod, Labeled, parsePeriod, PeriodPicker, RankBadge, RankChange, RANKED_KINDS } from '../assessment';
import { exportPeopleRanking, exportUnitRanking, usePeopleRanking, useUnitRanking } from './points-api';
import { formatPoints } from './explain';
import { PointsDrawer, type PointsDrawerSubject } from './points-drawer';
import './points.css';
import { EmptyState, ExportButton } from '../../shared/list-page';

type Tab = 'units' | 'people' | 'completion';
const TABS: Tab[] = ['units', 'people', 'completion'];

const pointsCell = (v: number, lang: string) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 600 }} data-testid="ranking-points" data-value={v}>
    {formatPoints(v, lang)}
  </span>
);

/** A ranked name: a link to its points where I may read them, plain text (and why) where not. */
function RankedName({ name, open }: { name: string; open: boolean }) {
  const { t } = useTranslation();
  return open ? (
    <Typography.Link style={{ fontWeight: 500 }} data-testid="ranking-name">
      {name}
    </Typography.Link>
  ) : (
    <Tooltip title={t('assessment.rankings.notMine')}>
      <span data-testid="ranking-name">{name}</span>
    </Tooltip>
  );
}

/**
 * Whose points I may open: the points list answers for the units in my scope (and my own entries),
 * so the rankings link exactly those; the rest of the region is ranked but not itemised for me.
 */
function useOpenable() {
  const me = useCurrentUser();
  const units = useUnits();
  return useMemo(() => {
    const ids = new Set((units.data ?? []).map((u) => u.id));
    const names = new Set((units.data ?? []).map((u) => u.name));
    return { unit: (id: number) => ids.has(id), person: (p: RankedPerson) => p.userId === me.id || names.has(p.unitName) };
  }, [units.data, me.id]);
}

/** 排行榜 · 以贡献论英雄: units within their kind, people, and completion rates; click a name for the points behind it. */
export function RankingsPage() {
  const { t } = useTranslation();
  const [params, setQuery] = useSearchPatch();
  // completion rates come from the targets, which the cockpit's readers see
  const showCompletion = assessmentAccess.targets(useCurrentUser());
  const asked = params.get('tab');
  const tab: Tab = (TABS as string[]).includes(asked ?? '') && (asked !== 'completion' || showCompletion) ? (asked as Tab) : 'units';
  const period = parsePeriod(params.get('period')) ? params.get('period')! : currentPeriod('month').key;
  const y = Number(params.get('year'));
  const thisYear = shanghaiYear();
  const year = Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : thisYear;
  const ind = IndicatorCode.safeParse(params.get('indicator'));
  const indicator: IndicatorCode = ind.success ? ind.data : 'enterprises_introduced';
  const [subject, setSubject] = useState<PointsDrawerSubject | null>(null);



  const periodBar = (
    <Flex gap={12} align="center" wrap>
      <Labeled label={t('assessment.rankings.period')}>
        <PeriodPicker value={period} onChange={(p) => setQuery({ period: p })} testId="rankings-period" />
      </Labeled>
      <ExportButton onExport={() => (tab === 'people' ? exportPeopleRanking(period) : exportUnitRanking(period))} testId="rankings-export">
        {t('assessment.export')}
      </ExportButton>
    </Flex>
  );

  return (
    <>
      <PageHeader
        title={t('assessment.rankings.title')}
        extra={
          <span className="wt-slogan">
            <TrophyOutlined /> {t('assessment.rankings.slogan')}
          </span>
        }
      />
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setQuery({ tab: k === 'units' ? undefined : k })}
          tabBarExtraContent={tab === 'completion' ? null : periodBar}
          items={[
            {
              key: 'units',
              label: (
                <span data-testid="rankings-tab-units">
                  <TeamOutlined /> {t('assessment.rankings.units')}
                </span>
              ),
              children: <UnitsRanking period={period} onOpen={setSubject} />,
            },
            {
              key: 'people',
              label: (
                <span data-testid="rankings-tab-people">
                  <UserOutlined /> {t('assessment.rankings.people')}
                </span>
              ),
              children: <PeopleRankingTable period={period} onOpen={setSubject} />,
            },
            ...(showCompletion ? [{
              key: 'completion',
              label: (
                <span data-testid="rankings-tab-completion">
                  <FundOutlined /> {t('assessment.rankings.completion')}
                </span>
              ),
              children: (
                <CompletionRanking
                  year={year}
                  indicator={indicator}
                  onYear={(v) => setQuery({ year: v === thisYear ? undefined : v })}
                  onIndicator={(v) => setQuery({ indicator: v === 'enterprises_introduced' ? undefined : v })}
                />
              ),
            }] : []),
          ]}
        />
      </Card>
      {subject ? <PointsDrawer subject={subject} period={period} onClose={() => setSubject(null)} /> : null}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('assessment.rankings.footnote')}
      </Typography.Paragraph>
    </>
  );
}

function UnitsRanking({ period, onOpen }: { period: string; onOpen: (s: PointsDrawerSubject) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ranking = useUnitRanking(period);
  const openable = useOpenable();
  const groups = useMemo(() => {
    const byKind = new Map((ranking.data?.groups ?? []).map((g) => [g.kind, g.items]));
    const kinds = [...RANKED_KINDS.filter((k) => byKind.has(k)), ...[...byKind.keys()].filter((k) => !RANKED_KINDS.includes(k))];
    return kinds.map((kind) => ({ kind, items: byKind.get(kind)! }));
  }, [ranking.data]);

  if (ranking.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={ranking.error.message} />;

  const columns: TableProps<RankedUnit>['columns'] = [
    { title: t('assessment.rankings.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <RankBadge rank={r} /> },
    {
      title: t('assessment.unit'),
      dataIndex: 'unitName',
      render: (name: string, r) => <RankedName name={name} open={openable.unit(r.unitId)} />,
    },
    { title: t('assessment.rankings.points'), dataIndex: 'points', width: 110, align: 'right', render: (v: number) => pointsCell(v, lang) },
    {
      title: t('assessment.rankings.change'),
      key: 'change',
      width: 80,
      align: 'center',
      render: (_, r) => <RankChange change={r.change} previousRank={r.previousRank} />,
    },
  ];

  return (
    <div data-testid="rankings-units" data-period={ranking.data?.period}>
      {ranking.data ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('assessment.rankings.unitsHelp', { period: periodText(ranking.data.period, lang), previous: periodText(ranking.data.previous, lang) })}
        </Typography.Paragraph>
      ) : null}
      {!ranking.isPending && groups.length === 0 ? (
        <Empty description={t('assessment.rankings.empty', { period: periodText(period, lang) })} />
      ) : (
        <Row gutter={[16, 16]}>
          {groups.map((g) => (
            <Col xs={24} xl={12} key={g.kind}>
              <Card
                size="small"
                type="inner"
                title={
                  <Flex align="center" gap={8}>
                    <TrophyOutlined style={{ color: '#d4a017' }} />
                    {t('assessment.rankings.groupTitle', { kind: t(`org.kinds.${g.kind}`) })}
                    <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
                      {t('assessment.rankings.groupCount', { n: g.items.length })}
                    </Typography.Text>
                  </Flex>
                }
                styles={{ body: { padding: 0 } }}
                data-testid={`rankings-group-${g.kind}`}
              >
                <Table<RankedUnit>
                  rowKey="unitId"
                  size="small"
                  columns={columns}
                  rowClassName={(r) => (openable.unit(r.unitId) ? 'wt-row-link' : '')}
                  dataSource={g.items}
                  loading={ranking.isFetching}
                  pagination={g.items.length > 20 ? { pageSize: 20, size: 'small', style: { padding: '0 12px' } } : false}
                  onRow={(r) =>
                    ({
                      onClick: openable.unit(r.unitId) ? () => onOpen({ kind: 'unit', id: r.unitId, name: r.unitName }) : undefined,
                      'data-testid': 'ranking-row',
                      'data-unit-id': r.unitId,
                    }) as object
                  }
                  locale={{ emptyText: t('assessment.rankings.groupEmpty') }}
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}

function PeopleRankingTable({ period, onOpen }: { period: string; onOpen: (s: PointsDrawerSubject) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ranking = usePeopleRanking(period);
  const openable = useOpenable();
  if (ranking.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={ranking.error.message} />;
  const columns: TableProps<RankedPerson>['columns'] = [
    { title: t('assessment.rankings.rank'), dataIndex: 'rank', width: 72, align: 'center', render: (r: number) => <RankBadge rank={r} /> },
    {
      title: t('assessment.rankings.person'),
      dataIndex: 'displayName',
      width: 180,
      render: (name: string, r) => <RankedName name={name} open={openable.person(r)} />,
    },
    { title: t('assessment.unit'), dataIndex: 'unitName' },
    { title: t('assessment.rankings.points'), dataIndex: 'points', width: 130, align: 'right', render: (v: number) => pointsCell(v, lang) },
    { title: t('assessment.rankings.change'), key: 'change', width: 100, align: 'center', render: (_, r) => <RankChange change={r.change} previousRank={r.previousRank} /> },
  ];
  return (
    <div data-testid="rankings-people" data-period={ranking.data?.period}>
      {ranking.data ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('assessment.rankings.peopleHelp', { period: periodText(ranking.data.period, lang), previous: periodText(ranking.data.previous, lang) })}
        </Typography.Paragraph>
      ) : null}
      <Table<RankedPerson>
        rowKey="userId"
        size="middle"
        columns={columns}
        rowClassName={(r) => (openable.person(r) ? 'wt-row-link' : '')}
        dataSource={ranking.data?.items ?? []}
        loading={ranking.isFetching}
        sticky={{ offsetHeader: 56 }}
        onRow={(r) =>
          ({
            onClick: openable.person(r) ? () => onOpen({ kind: 'person', id: r.userId, name: r.displayName }) : undefined,
            'data-testid': 'ranking-row',
            'data-user-id': r.userId,
          }) as object
        }
        locale={{ emptyText: <EmptyState description={t('assessment.rankings.empty', { period: periodText(period, lang) })} /> }}
        pagination={{
          defaultPageSize: 50,
          hideOnSinglePage: true,
          showTotal: (n) => t('common.total', { n: formatCount(n) }),
          style: { padding: '0 8px' },
        }}
      />
    </div>
  );
}
