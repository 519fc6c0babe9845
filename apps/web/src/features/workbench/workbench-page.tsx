import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Flex, Grid, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectListItem } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser, widestReach } from '../auth';
import { FirstReportHeldTag, IntakeTag, projectAccess, ProjectRow, StageTag, useWorkbench } from '../projects';
import { day, daysFromToday, money, punct } from '../../shared/format';
import './workbench.css';
import { arbitrationAccess } from '../arbitrations';
import { EmptyState } from '../../shared/list-page';

const SHOW = 8;

function Due({ date }: { date: string }) {
  const { t } = useTranslation();
  const d = daysFromToday(date);
  const text = d < 0 ? t('workbench.overdue', { n: -d }) : d === 0 ? t('workbench.dueToday') : t('workbench.dueIn', { n: d });
  return (
    <span style={{ color: d < 0 ? '#c9252d' : d <= 1 ? '#ad6800' : undefined, fontWeight: d <= 0 ? 600 : undefined }}>
      {date} · {text}
    </span>
  );
}

/** A card listing projects, the first few shown, the rest one tap away. */
function Section({ title, count, testId, empty, children }: { title: ReactNode; count: number; testId: string; empty: ReactNode; children: (limit: number) => ReactNode }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  return (
    <Card
      size="small"
      title={
        <span>
          {title} <Tag style={{ marginInlineStart: 6 }}>{count}</Tag>
        </span>
      }
      style={{ marginBottom: 16 }}
      styles={{ body: { paddingBlock: 4 } }}
      data-testid={testId}
    >
      {count === 0 ? <EmptyState description={empty} style={{ marginBlock: 16 }} /> : children(all ? count : SHOW)}
      {count > SHOW ? (
        <Button type="link" block onClick={() => setAll((v) => !v)} style={{ marginTop: 4 }}>
          {all ? t('workbench.showLess') : t('workbench.showAll', { n: count })}
        </Button>
      ) : null}
    </Card>
  );
}

function Stat({ label, value, more, to, tone, testId }: { label: string; value: number; more?: boolean; to?: string; tone?: 'red' | 'yellow' | 'blue'; testId: string }) {
  const color = value === 0 ? 'rgba(0,0,0,0.45)' : tone === 'red' ? '#c9252d' : tone === 'yellow' ? '#ad6800' : '#1d4f91';
  const body = (
    <Card size="small" hoverable={!!to} styles={{ body: { padding: '10px 14px' } }}>
      <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{label}</div>
      <div style={{ fontSize: 24, fontWeight: 600, color, lineHeight: 1.4 }} data-testid={testId}>
        {value.toLocaleString()}
        {more ? '+' : ''}
      </div>
    </Card>
  );
  return to ? (
    <Link to={to} className="wt-stat">
      {body}
    </Link>
  ) : (
    body
  );
}

export function WorkbenchPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const wb = useWorkbench();
  const reach = widestReach(me.roles);
  const canReport = projectAccess.reportLead(me);
  const intake = projectAccess.intake(me);
  const oversee = projectAccess.oversee(me);
  const lang = i18n.language;
  const pu = punct(lang);

  const data = wb.data;
  const attention = (data?.myProjects ?? []).filter((p) => p.light !== 'green');
  const red = attention.filter((p) => p.light === 'red').length;
  const greenCount = (data?.myProjects.length ?? 0) - attention.length;

  const reportButton = canReport ? (
    <Button
      type="primary"
      size="large"
      icon={<PlusOutlined />}
      block={mobile}
      onClick={() => navigate('/leads/new')}
      data-testid="workbench-report"
      style={mobile ? { height: 48, fontSize: 16 } : undefined}
    >
      {t('workbench.report')}
    </Button>
  ) : null;

  const owner = (p: ProjectListItem) => [p.unitName, p.ownerName].filter(Boolean).join(' · ');

  return (
    <>
      <PageHeader title={t('workbench.title')} home extra={mobile ? undefined : reportButton} />
      <Card size="small" data-testid="welcome-card" style={{ marginBottom: 12 }} styles={{ body: { padding: '10px 14px' } }}>
        <Flex wrap gap="4px 12px" align="baseline">
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t('workbench.greeting', { name: me.displayName })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span data-testid="home-unit">{me.unitName}</span> · {me.roles.map((r) => t(`roles.${r}`)).join(pu.list)}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('workbench.scope')}
            {pu.colon}
            <span data-testid="home-scope" data-reach={reach}>
              {t(`reach.${reach}`, { region: me.regionName, unit: me.unitName })}
            </span>
          </Typography.Text>
        </Flex>
      </Card>
      {mobile && reportButton ? <div style={{ marginBottom: 12 }}>{reportButton}</div> : null}

      {wb.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('errors.loadFailed')}
          description={wb.error.message}
          action={<Button onClick={() => void wb.refetch()}>{t('common.retry')}</Button>}
          style={{ marginBottom: 12 }}
        />
      ) : null}

      {!data ? (
        wb.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null
      ) : (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Col xs={8} sm={8} lg={4}>
              <Stat label={t('workbench.statRed')} value={red} tone="red" testId="stat-red" />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat label={t('workbench.statYellow')} value={attention.length - red} tone="yellow" testId="stat-yellow" />
            </Col>
            <Col xs={8} sm={8} lg={4}>
              <Stat label={t('workbench.statDue')} value={data.dueSoon.length} tone="yellow" testId="stat-due" />
            </Col>
            {intake ? (
              <Col xs={8} sm={8} lg={4}>
                <Stat label={t('workbench.inbox')} value={data.inboxCount} tone="blue" to="/inbox" testId="stat-inbox" />
              </Col>
            ) : (
              <Col xs={8} sm={8} lg={4}>
                <Stat label={t('workbench.statLeads')} value={data.myLeads.filter((p) => p.intake === 'pending').length} tone="blue" testId="stat-leads" />
              </Col>
            )}
            {oversee ? (
              <Col xs={8} sm={8} lg={4}>
                <Stat label={t('workbench.stalledCount')} value={data.stalled.length} more={data.stalled.length >= 50} tone="red" testId="stat-stalled" />
              </Col>
            ) : null}
            {arbitrationAccess.list(me) ? (
              <Col xs={8} sm={8} lg={4}>
                <Stat label={t('workbench.arbitrations')} value={data.openArbitrations} tone="blue" to="/arbitrations" testId="stat-arbitrations" />
              </Col>
            ) : null}
          </Row>

          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Section
                title={t('workbench.attention')}
                count={attention.length}
                testId="wb-attention"
                empty={data.myProjects.length ? t('workbench.allGreen') : t('workbench.noProjects')}
              >
                {(n) =>
                  attention.slice(0, n).map((p) => (
                    <ProjectRow
                      key={p.id}
                      project={p}
                      testId="wb-attention-row"
                      tags={<StageTag stage={p.stage} />}
                      meta={
                        <>
                          <span style={{ color: p.light === 'red' ? '#c9252d' : '#ad6800' }}>{p.lightReasons.join(pu.semi)}</span>
                          {p.nextStep ? (
                            <span>
                              {t('workbench.nextStep')}
                              {pu.colon}
                              {p.nextStep}
                            </span>
                          ) : null}
                        </>
                      }
                    />
                  ))
                }
              </Section>
              {greenCount > 0 && attention.length > 0 ? (
                <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 12 }}>
                  {t('workbench.moreGreen', { n: greenCount })}
                </Typography.Paragraph>
              ) : null}
              <Section title={t('workbench.dueSoon')} count={data.dueSoon.length} testId="wb-due" empty={t('workbench.dueEmpty')}>
                {(n) =>
                  data.dueSoon.slice(0, n).map((p) => (
                    <ProjectRow
                      key={p.id}
                      project={p}
                      testId="wb-due-row"
                      tags={<StageTag stage={p.stage} />}
                      meta={
                        <>
                          {p.nextDue ? <Due date={p.nextDue} /> : null}
                          <span>{p.nextStep}</span>
                        </>
                      }
                    />
                  ))
                }
              </Section>
            </Col>
            <Col xs={24} lg={10}>
              <Section
                title={t('workbench.myLeads')}
                count={data.myLeads.length}
                testId="wb-leads"
                empty={
                  <Space orientation="vertical" size={8}>
                    <span>{t('workbench.myLeadsEmpty')}</span>
                    {canReport ? (
                      <Button type="primary" onClick={() => navigate('/leads/new')}>
                        {t('workbench.report')}
                      </Button>
                    ) : null}
                  </Space>
                }
              >
                {(n) =>
                  data.myLeads.slice(0, n).map((p) => (
                    <ProjectRow
                      key={p.id}
                      project={p}
                      testId="wb-lead-row"
                      tags={
                        <>
                          {p.duplicateReview === 'pending' ? <FirstReportHeldTag /> : null}
                          {p.intake === 'accepted' ? <StageTag stage={p.stage} /> : <IntakeTag intake={p.intake} />}
                        </>
                      }
                      meta={
                        <>
                          <span>
                            {t('workbench.ownerUnit')}
                            {pu.colon}
                            {owner(p)}
                          </span>
                          <span>{t('workbench.reportedOn', { date: day(p.reportedAt) })}</span>
                          {p.investmentMinor ? <span>{money(p.investmentMinor, p.investmentCurrency, lang)}</span> : null}
                        </>
                      }
                    />
                  ))
                }
              </Section>
              {oversee ? (
                <Section title={t('workbench.stalled')} count={data.stalled.length} testId="wb-stalled" empty={t('workbench.stalledEmpty')}>
                  {(n) =>
                    data.stalled.slice(0, n).map((p) => (
                      <ProjectRow
                        key={p.id}
                        project={p}
                        testId="wb-stalled-row"
                        tags={<StageTag stage={p.stage} />}
                        meta={
                          <>
                            <span style={{ color: '#c9252d' }}>{p.lightReasons.join(pu.semi)}</span>
                            <span>{owner(p)}</span>
                          </>
                        }
                      />
                    ))
                  }
                </Section>
              ) : null}
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
