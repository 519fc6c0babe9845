import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, Flex, Input, Row, Skeleton, Typography } from 'antd';
import { CheckOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ProjectDetail } from '@wutong/contracts';
import { day, punct } from '../../shared/format';
import { useServerErrors } from '../../shared/use-error-handler';
import { StageTag } from './bits';
import { useProject, useProjectVisible, useReviewDuplicate } from './project-api';

function Line({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <div style={{ marginBottom: 6 }} data-testid={testId}>
      <Typography.Text type="secondary">
        {label}
        {punct(i18n.language).colon}
      </Typography.Text>
      {children}
    </div>
  );
}

/** The new lead: its enterprise as reported, who reported it and why they say it is another enterprise. */
function NewSide({ lead }: { lead: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const none = t('common.none');
  return (
    <Card size="small" type="inner" title={t('duplicates.newSide')} style={{ height: '100%', borderColor: '#ffd591' }} data-testid="duplicate-new">
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="duplicate-new-name">
        {lead.enterprise.name}
      </Typography.Title>
      <Line label={t('duplicates.uscc')}>{lead.enterprise.uscc ?? none}</Line>
      <Line label={t('duplicates.project')}>
        <Link to={`/projects/${lead.id}`}>{lead.name}</Link>
      </Line>
      <Line label={t('inbox.reporter')}>
        {[lead.reportedByUnitName, lead.reportedByName].filter(Boolean).join(' · ') || none}
        {punct(i18n.language).paren(day(lead.reportedAt))}
      </Line>
      <Line label={t('project.contact')}>{[lead.contactName, lead.contactTitle, lead.contactPhone].filter(Boolean).join(' · ') || none}</Line>
      <Line label={t('duplicates.reason')} testId="duplicate-reason">
        <Typography.Text strong>{lead.duplicateReason ?? none}</Typography.Text>
      </Line>
    </Card>
  );
}

/** The enterprise the registry already has, and its open project where there is one. */
function ExistingSide({ lead }: { lead: ProjectDetail }) {
  const { t } = useTranslation();
  const of = lead.duplicateOf;
  const project = useProjectVisible(of?.projectId ?? null);
  const none = t('common.none');
  if (!of) return null;
  return (
    <Card size="small" type="inner" title={t('duplicates.existingSide')} style={{ height: '100%' }} data-testid="duplicate-existing">
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        <Link to={`/enterprises?id=${of.enterpriseId}`} target="_blank" data-testid="duplicate-existing-name">
          {of.enterpriseName}
        </Link>
      </Typography.Title>
      <Line label={t('duplicates.uscc')}>{of.uscc ?? none}</Line>
      {of.projectId ? (
        <>
          <Line label={t('duplicates.project')}>
            <Link to={`/projects/${of.projectId}`} data-testid="duplicate-existing-project">
              {of.projectName ?? project.data?.name ?? `#${of.projectId}`}
            </Link>{' '}
            {project.data ? <StageTag stage={project.data.stage} /> : null}
          </Line>
          <Line label={t('project.owner')}>{[of.unitName ?? project.data?.unitName, project.data?.ownerName].filter(Boolean).join(' · ') || none}</Line>
          {project.data ? <Line label={t('project.reporter')}>{[project.data.reportedByUnitName, project.data.reportedByName].filter(Boolean).join(' · ') || none}</Line> : null}
        </>
      ) : (
        <Line label={t('duplicates.project')}>{t('duplicates.noOpenProject')}</Line>
      )}
    </Card>
  );
}

type Props = { leadId: number; canDecide: boolean };

/**
 * A lead held as a suspected duplicate, side by side with the enterprise the registry has: the
 * investment centre merges them (one record, one open project; irreversible, so confirmed first)
 * or confirms they differ — either way 首报 stops waiting.
 */
export function DuplicatePair({ leadId, canDecide }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useServerErrors();
  const lead = useProject(leadId);
  const review = useReviewDuplicate();
  const [note, setNote] = useState('');

  if (lead.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={lead.error.message} />;
  if (!lead.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  const p = lead.data;
  const existing = p.duplicateOf?.enterpriseName ?? '';

  const decide = (decision: 'distinct' | 'merge') =>
    review.mutate(
      { id: p.id, decision, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (after) => message.success(decision === 'merge' ? t('duplicates.mergedDone', { name: after.name }) : t('duplicates.distinctDone')),
        onError: (e) => onError(e),
      },
    );

  const confirmMerge = () =>
    modal.confirm({
      title: t('duplicates.mergeConfirmTitle'),
      content: t('duplicates.mergeConfirmText', { from: p.enterprise.name, into: existing }),
      okText: t('duplicates.merge'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'duplicate-merge-confirm' } as object) },
      cancelText: t('common.cancel'),
      onOk: () => decide('merge'),
    });

  return (
    <div data-testid="duplicate-pair" data-project-id={p.id} style={{ padding: '4px 0' }}>
      <Row gutter={[12, 12]} align="stretch">
        <Col xs={24} md={12}>
          <NewSide lead={p} />
        </Col>
        <Col xs={24} md={12}>
          <ExistingSide lead={p} />
        </Col>
      </Row>
      {p.duplicateReview !== 'pending' ? null : canDecide ? (
        <Flex gap={8} wrap align="center" style={{ marginTop: 12 }}>
          <Input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            maxLength={500}
            placeholder={t('duplicates.notePlaceholder')}
            style={{ flex: '1 1 240px', maxWidth: 420 }}
            data-testid="duplicate-note"
          />
          <Button icon={<CheckOutlined />} onClick={() => decide('distinct')} loading={review.isPending} data-testid="duplicate-distinct">
            {t('duplicates.distinct')}
          </Button>
          <Button type="primary" danger icon={<MergeCellsOutlined />} onClick={confirmMerge} loading={review.isPending} data-testid="duplicate-merge">
            {t('duplicates.merge')}
          </Button>
        </Flex>
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {t('duplicates.waitingForCentre')}
        </Typography.Paragraph>
      )}
    </div>
  );
}
