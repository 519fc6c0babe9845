import { useMemo, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { RuleVersion, ScoringRules } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { day } from '../../shared/format';
import { useIndustries } from '../industries';
import { assessmentAccess } from '../assessment';
import { useRuleVersions } from './points-api';
import { formatFactor } from './explain';
import { priorityLabel } from './priority-industries';
import { CAPITAL_CATEGORIES, RuleVersionDrawer, SCORED_EVENTS } from './rule-version-drawer';
import { shanghaiDate } from '@wutong/contracts';
import { EmptyState, ListCard, LoadError } from '../../shared/list-page';

/** The version in force on a day: the latest effective date ≤ day, the highest version among equal dates. */
export function versionInForce(versions: readonly RuleVersion[], day: string): RuleVersion | undefined {
  let best: RuleVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > day) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v;
  }
  return best;
}

/** A rule set in plain words, for reading without opening a form. */
export function RulesSummary({ rules }: { rules: ScoringRules }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const industries = useIndustries();
  const f = (n: number) => formatFactor(n, lang);
  const size = [...rules.multipliers.size].sort((a, b) => a.minInvestmentWan - b.minInvestmentWan);
  return (
    <Descriptions size="small" column={1} bordered styles={{ label: { width: 160 } }} data-testid="rules-summary">
      <Descriptions.Item label={t('assessment.rules.form.events')}>
        <Flex gap={16} wrap>
          {SCORED_EVENTS.map((e) => (
            <span key={e}>
              {t(`assessment.points.events.${e}`)} <strong>{f(rules.events[e])}</strong> {t('assessment.points.unit')}
            </span>
          ))}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.rules.form.capital')}>
        <Flex gap={16} wrap>
          {CAPITAL_CATEGORIES.map((c) => (
            <span key={c}>
              {t(`assessment.points.explain.categories.${c}`)} <strong>{f(rules.capitalPerWan[c])}</strong> {c === 'foreign_usd' ? t('assessment.rules.form.perWanUsd') : t('assessment.rules.form.perWanCny')}
            </span>
          ))}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.rules.form.size')}>
        {size.length === 0 ? (
          <Typography.Text type="secondary">{t('assessment.rules.none')}</Typography.Text>
        ) : (
          <Flex gap={16} wrap>
            {size.map((s) => (
              <span key={s.minInvestmentWan}>
                ≥ {s.minInvestmentWan.toLocaleString(lang === 'en-US' ? 'en-US' : 'zh-CN')} {t('assessment.rules.form.wanYuan')} <strong>×{f(s.factor)}</strong>
              </span>
            ))}
          </Flex>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.rules.form.priority')}>
        <Flex gap={6} wrap align="center">
          <strong>×{f(rules.multipliers.priorityIndustries.factor)}</strong>
          {rules.multipliers.priorityIndustries.codes.length === 0 ? (
            <Typography.Text type="secondary">{t('assessment.rules.form.noCodes')}</Typography.Text>
          ) : (
            rules.multipliers.priorityIndustries.codes.map((c) => (
              <Tag key={c} style={{ marginInlineEnd: 0 }}>
                {priorityLabel(c, industries.data?.byCode)}
              </Tag>
            ))
          )}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('assessment.rules.form.keyBlock')}>
        <strong>×{f(rules.multipliers.keyBlock)}</strong>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** 积分规则: the versions with their effective dates and notes, and a new version prefilled from the one in force. */
export function ScoringRulesPage() {
  const { t } = useTranslation();
  const canEdit = assessmentAccess.editScoringRules(useCurrentUser());
  const versions = useRuleVersions();
  const today = shanghaiDate();
  const items = useMemo(() => [...(versions.data ?? [])].sort((a, b) => b.version - a.version), [versions.data]);
  const current = versionInForce(items, today);
  const nextVersion = (items[0]?.version ?? 0) + 1;
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ version: number; rescoredEntries: number; effectiveFrom: string } | null>(null);

  const status = (v: RuleVersion) =>
    v === current ? (
      <Tag color="green">{t('assessment.rules.status.current')}</Tag>
    ) : v.effectiveFrom > today ? (
      <Tag color="blue">{t('assessment.rules.status.pending')}</Tag>
    ) : (
      <Tag>{t('assessment.rules.status.superseded')}</Tag>
    );

  const columns: TableProps<RuleVersion>['columns'] = [
    { title: t('assessment.rules.version'), dataIndex: 'version', width: 90, render: (v: number) => <strong>{t('assessment.rules.versionN', { n: v })}</strong> },
    { title: t('assessment.rules.effectiveFrom'), dataIndex: 'effectiveFrom', width: 120 },
    { title: t('common.status'), key: 'status', width: 100, render: (_, v) => status(v) },
    { title: t('assessment.rules.note'), dataIndex: 'note' },
    { title: t('assessment.rules.createdBy'), dataIndex: 'createdBy', width: 120, render: (v: string | null) => v ?? t('assessment.rules.system') },
    { title: t('assessment.rules.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: string) => day(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('assessment.rules.title')}
        extra={
          canEdit ? (
            <Button type="primary" icon={<PlusOutlined />} disabled={versions.isPending} onClick={() => setCreating(true)} data-testid="rules-create">
              {t('assessment.rules.create')}
            </Button>
          ) : null
        }
      />
      {created ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setCreated(null) }}
          style={{ marginBottom: 12 }}
          data-testid="rules-rescored"
          data-value={created.rescoredEntries}
          title={t('assessment.rules.created', { version: created.version, date: created.effectiveFrom, n: created.rescoredEntries })}
          description={
            created.rescoredEntries > 0 ? (
              <Link to="/points">{t('assessment.rules.createdLink')}</Link>
            ) : (
              t('assessment.rules.createdNone')
            )
          }
        />
      ) : null}
      <LoadError error={versions.error} />
      <Card
        size="small"
        loading={versions.isPending}
        style={{ marginBottom: 12 }}
        title={
          current ? (
            <span data-testid="rules-current" data-version={current.version}>
              {t('assessment.rules.currentTitle', { version: current.version, date: current.effectiveFrom })}
            </span>
          ) : (
            t('assessment.rules.noCurrent')
          )
        }
      >
        {current ? (
          <>
            <Typography.Paragraph type="secondary">{t('assessment.rules.formula')}</Typography.Paragraph>
            <RulesSummary rules={current.rules} />
          </>
        ) : (
          <Empty description={t('assessment.rules.emptyCurrent')} />
        )}
      </Card>
      <ListCard title={t('assessment.rules.history')}>
        <Table<RuleVersion>
          rowKey="version"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={versions.isFetching}
          pagination={false}
          expandable={{ expandedRowRender: (v) => <RulesSummary rules={v.rules} />, expandRowByClick: true }}
          onRow={(v) => ({ 'data-testid': 'rules-row', 'data-version': v.version }) as object}
          locale={{ emptyText: <EmptyState description={t('assessment.rules.emptyHistory')} /> }}
        />
      </ListCard>
      {creating ? <RuleVersionDrawer base={current ?? items[0]} nextVersion={nextVersion} onClose={() => setCreating(false)} onCreated={setCreated} /> : null}
    </>
  );
}
