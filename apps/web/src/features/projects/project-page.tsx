import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Grid, Result, Row, Skeleton, Steps, Tabs, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { STAGES, STAGE_LABELS, type ProjectDetail, type Stage } from '@wutong/contracts';
import { ApiError } from '../../shared/api-client';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { FirstReportHeldTag, IntakeTag, StageTag } from './bits';
import { DuplicatePair } from './duplicate-review';
import { CoPromotersCard } from './co-promoters';
import { ProjectCoordinationCard } from '../coordination';
import { EditProjectDrawer } from './edit-project-drawer';
import { day, money, punct } from '../../shared/format';
import { GateCard } from './gate-card';
import { stageByLabel, stageLabel } from './stages';
import { LightDot } from '../../shared/light-dot';
import { useProject, useTimeline, type TimelineEntry } from './project-api';
import { useKeyBlocks } from './projects-api';
import { useIndustries } from '../industries';
import { ActivitiesTab, CapitalTab, TimelineTab } from './project-tabs';
import { DropModal, ReopenModal } from './stage-dialogs';
import './closed-loop.css';
import { projectAccess } from './access';

/** The six stages a project walks through; 终止 is shown as a status on the stage it stopped at. */
const PATH: readonly Stage[] = STAGES.filter((s) => s !== 'dropped');

/**
 * The stage a dropped project stopped at (where it reopens to). The detail does not carry it, so it
 * is read from the newest "… → 终止" entry of the timeline, whose titles are stage names.
 */
function droppedFrom(entries: readonly TimelineEntry[] | undefined): Stage | undefined {
  const dropped = [STAGE_LABELS.dropped.zh, STAGE_LABELS.dropped.en];
  for (const e of entries ?? []) {
    if (e.kind !== 'stage') continue;
    const [from, to] = e.title.split(' → ');
    if (to && dropped.includes(to.trim())) return from ? stageByLabel(from) : undefined;
  }
  return undefined;
}

/** When each stage was (last) reached, from the timeline. */
function reachedAt(entries: readonly TimelineEntry[] | undefined): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = {};
  // newest first: the first entry reaching a stage is the latest time it was reached
  for (const e of entries ?? []) {
    if (e.kind !== 'stage') continue;
    const to = stageByLabel(e.title.split(' → ').pop() ?? '');
    if (to && !out[to]) out[to] = e.at;
  }
  return out;
}

function StageSteps({ project, entries, stoppedAt }: { project: ProjectDetail; entries: TimelineEntry[] | undefined; stoppedAt: Stage | undefined }) {
  const { i18n, t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const at = reachedAt(entries);
  const dropped = project.stage === 'dropped';
  const currentStage = dropped ? (stoppedAt ?? 'lead') : project.stage;
  const current = PATH.indexOf(currentStage);
  return (
    <Steps
      data-testid="project-steps"
      data-current={currentStage}
      size="small"
      current={current}
      status={dropped ? 'error' : project.stage === 'production' ? 'finish' : 'process'}
      orientation="horizontal"
      // on a phone: six dots in one row, names under them (dates are in the timeline)
      {...(screens.md ? {} : { type: 'dot' as const, titlePlacement: 'vertical' as const })}
      responsive={false}
      items={PATH.map((s, i) => ({
        title: stageLabel(s, i18n.language),
        content:
          dropped && i === current
            ? t('project.dropped')
            : screens.md && i <= current && at[s]
              ? dayjs(at[s]).format('YYYY-MM-DD')
              : undefined,
      }))}
    />
  );
}

function Summary({ project, entries, stoppedAt }: { project: ProjectDetail; entries: TimelineEntry[] | undefined; stoppedAt: Stage | undefined }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const industries = useIndustries();
  const blocks = useKeyBlocks();
  const industry = project.industryCode ? industries.data?.byCode.get(project.industryCode) : undefined;
  const block = project.keyBlockId ? blocks.data?.find((b) => b.id === project.keyBlockId) : undefined;
  const none = t('common.none');
  return (
    <Card style={{ marginBottom: 16 }} data-testid="project-summary">
      <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
        <StageTag stage={project.stage} />
        {project.intake !== 'accepted' ? <IntakeTag intake={project.intake} /> : null}
        {project.duplicateReview === 'pending' ? <FirstReportHeldTag /> : null}
        <LightDot light={project.light} reasons={project.lightReasons} showText testId="project-light" />
        {project.stage === 'dropped' && project.droppedReason ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {t('project.droppedReason')}
            {punct(lang).colon}
            {project.droppedReason}
          </Typography.Text>
        ) : null}
      </Flex>
      <div style={{ marginBottom: 20, overflowX: 'auto' }}>
        <StageSteps project={project} entries={entries} stoppedAt={stoppedAt} />
      </div>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'enterprise',
            label: t('project.enterprise'),
            children: (
              <span data-testid="project-enterprise">
                {project.enterprise.name}
                {project.enterprise.uscc ? (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {project.enterprise.uscc}
                  </Typography.Text>
                ) : null}
              </span>
            ),
          },
          {
            key: 'owner',
            label: t('project.owner'),
            children: <span data-testid="project-owner">{[project.unitName, project.ownerName ?? t('project.noOwner')].join(' · ')}</span>,
          },
          {
            key: 'reporter',
            label: t('project.reporter'),
            children: (
              <span data-testid="project-reporter">
                {[project.reportedByUnitName, project.reportedByName].filter(Boolean).join(' · ') || none}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {t('project.reportedOn', { date: day(project.reportedAt) })}
                </Typography.Text>
              </span>
            ),
          },
          { key: 'investment', label: t('project.investment'), children: <span data-testid="project-investment">{money(project.investmentMinor, project.investmentCurrency, lang, 'auto')}</span> },
          { key: 'type', label: t('project.projectType'), children: t(`project.types.${project.projectType}`) },
          { key: 'source', label: t('project.source'), children: t(`project.sources.${project.source}`) },
          { key: 'industry', label: t('project.industry'), children: project.industryCode ? `${project.industryCode} ${industry?.name ?? ''}` : none },
          { key: 'block', label: t('project.keyBlock'), children: block ? (lang === 'en-US' && block.nameEn ? block.nameEn : block.name) : none },
          {
            key: 'contact',
            label: t('project.contact'),
            children: [project.contactName, project.contactTitle, project.contactPhone].filter(Boolean).join(' · ') || none,
          },
          {
            key: 'next',
            label: t('project.nextStep'),
            children: project.nextStep ? `${project.nextStep}${project.nextDue ? punct(lang).paren(project.nextDue) : ''}` : none,
          },
          { key: 'last', label: t('project.lastActivity'), children: day(project.lastActivityAt) },
          ...(project.signedAt ? [{ key: 'signed', label: t('project.signedAt'), children: project.signedAt }] : []),
        ]}
      />
    </Card>
  );
}

export function ProjectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const id = Number(useParams().id);
  const project = useProject(Number.isInteger(id) ? id : 0);
  const timeline = useTimeline(id);
  const [dialog, setDialog] = useState<'edit' | 'drop' | 'reopen' | null>(null);
  // the detail says where a dropped project stopped; the timeline is a second request and may lag behind it
  const fromTimeline = useMemo(() => droppedFrom(timeline.data), [timeline.data]);
  const stoppedAt = project.data?.reopenTo ?? fromTimeline;

  if (!Number.isInteger(id) || id <= 0 || (project.error instanceof ApiError && project.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('project.notFound')}
        subTitle={t('project.notFoundText')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('errors.backHome')}
          </Button>
        }
      />
    );
  }
  if (project.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={project.error.message} />;
  if (!project.data) return <Skeleton active paragraph={{ rows: 10 }} />;

  const p = project.data;
  return (
    <>
      <PageHeader
        title={p.name}
        extra={
          p.canEdit ? (
            <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="project-edit">
              {t('project.edit')}
            </Button>
          ) : null
        }
      />
      {p.duplicateReview === 'pending' ? (
        <Card size="small" title={t('duplicates.projectTitle')} style={{ marginBottom: 16, borderColor: '#ffd591' }} data-testid="project-duplicate">
          <Typography.Paragraph style={{ marginTop: 0 }}>{t('duplicates.projectText')}</Typography.Paragraph>
          <DuplicatePair leadId={p.id} canDecide={projectAccess.reviewDuplicates(me)} />
        </Card>
      ) : null}
      <Summary project={p} entries={timeline.data} stoppedAt={stoppedAt} />
      <Row gutter={16}>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <GateCard project={p} inbox={projectAccess.intake(me)} reopenTo={stoppedAt} onDrop={() => setDialog('drop')} onReopen={() => setDialog('reopen')} />
          <CoPromotersCard project={p} canManage={p.canEdit && projectAccess.coPromoters(me)} />
          <ProjectCoordinationCard project={p} />
        </Col>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card size="small" styles={{ body: { paddingTop: 0 } }}>
            <Tabs
              items={[
                { key: 'timeline', label: t('project.tabs.timeline'), children: <TimelineTab entries={timeline.data} loading={timeline.isPending} /> },
                { key: 'activities', label: t('project.tabs.activities'), children: <ActivitiesTab project={p} /> },
                { key: 'capital', label: t('project.tabs.capital'), children: <CapitalTab project={p} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {dialog === 'edit' ? <EditProjectDrawer project={p} onClose={() => setDialog(null)} /> : null}
      {dialog === 'drop' ? <DropModal project={p} onClose={() => setDialog(null)} /> : null}
      {dialog === 'reopen' ? <ReopenModal project={p} reopenTo={stoppedAt} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
