import { useMemo } from 'react';
import { Card, Col, Empty, Flex, Row, Select, Table, Typography, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { INDICATORS, type CompletionRanking as Ranking, type IndicatorCode } from '@wutong/contracts';
import { indicatorName, percent } from '../../shared/format';
import { useCompletionRanking } from './assessment-api';
import { CompletionBar, Labeled, RANKED_KINDS, RankBadge, YearPicker } from './bits';
import { formatIndicator } from './indicator-units';
import { LoadError } from '../../shared/list-page';

type CompletionItem = Ranking['groups'][number]['items'][number];

/** 目标完成率排名: units within their kind, by completion of one indicator in a year, against 序时进度. */
export function CompletionRanking({ year, indicator, onYear, onIndicator }: { year: number; indicator: IndicatorCode; onYear: (y: number) => void; onIndicator: (i: IndicatorCode) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ranking = useCompletionRanking(year, indicator);
  const data = ranking.data;
  const groups = useMemo(() => {
    const byKind = new Map((data?.groups ?? []).map((g) => [g.kind, g.items]));
    const kinds = [...RANKED_KINDS.filter((k) => byKind.has(k)), ...[...byKind.keys()].filter((k) => !RANKED_KINDS.includes(k))];
    return kinds.map((kind) => ({ kind, items: byKind.get(kind)! }));
  }, [data]);

  const columns: TableProps<CompletionItem>['columns'] = [
    { title: t('assessment.rankings.rank'), dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <RankBadge rank={r} /> },
    { title: t('assessment.unit'), dataIndex: 'unitName', render: (v: string) => <span data-testid="ranking-name">{v}</span> },
    {
      title: t('assessment.rankings.actualTarget'),
      key: 'values',
      width: 230,
      align: 'right',
      render: (_, r) => (
        <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
          {formatIndicator(indicator, r.actual, lang)}
          <Typography.Text type="secondary"> / {formatIndicator(indicator, r.target, lang)}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('assessment.targets.completionCol'),
      key: 'completion',
      width: 250,
      render: (_, r) => <CompletionBar completion={r.completion} timeProgress={data?.timeProgress ?? 0} width={110} testId="ranking-completion" />,
    },
  ];

  return (
    <div data-testid="rankings-completion">
      <Flex gap={16} wrap align="center" style={{ marginBottom: 12 }}>
        <Labeled label={t('assessment.year')}>
          <YearPicker value={year} onChange={onYear} testId="rankings-year" />
        </Labeled>
        <Labeled label={t('assessment.indicator')}>
          <Select
            style={{ width: 200 }}
            value={indicator}
            onChange={onIndicator}
            options={INDICATORS.map((i) => ({ value: i.code, label: indicatorName(i.code, lang) }))}
            data-testid="rankings-indicator"
          />
        </Labeled>
        {data ? (
          <Typography.Text type="secondary" data-testid="rankings-time-progress">
            {t('assessment.rankings.timeProgress', { tp: percent(data.timeProgress) })}
          </Typography.Text>
        ) : null}
      </Flex>
      <LoadError error={ranking.error} style={{ marginBottom: 0 }} />
      {!ranking.isPending && groups.length === 0 ? (
        <Empty description={t('assessment.rankings.completionEmpty', { year, indicator: indicatorName(indicator, lang) })} />
      ) : (
        <Row gutter={[16, 16]}>
          {groups.map((g) => (
            <Col xs={24} xxl={12} key={g.kind}>
              <Card
                size="small"
                type="inner"
                title={
                  <Flex align="center" gap={8}>
                    {t('assessment.rankings.groupTitle', { kind: t(`org.kinds.${g.kind}`) })}
                    <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
                      {t('assessment.rankings.groupCount', { n: g.items.length })}
                    </Typography.Text>
                  </Flex>
                }
                styles={{ body: { padding: 0 } }}
                data-testid={`rankings-completion-group-${g.kind}`}
              >
                <Table<CompletionItem>
                  rowKey="unitId"
                  size="small"
                  columns={columns}
                  dataSource={g.items}
                  loading={ranking.isFetching}
                  pagination={false}
                  onRow={(r) => ({ 'data-testid': 'ranking-row', 'data-unit-id': r.unitId }) as object}
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
