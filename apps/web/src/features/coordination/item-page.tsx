import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Steps, Tag, Timeline, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { COORDINATION_LEVELS, type CoordinationAction, type CoordinationEvent, type CoordinationItemDetail, type CoordinationLevel } from '@wutong/contracts';
import { ApiError } from '../../shared/api-client';
import { PageHeader } from '../../shared/page-header';
import { LightDot } from '../../shared/light-dot';
import { punct } from '../../shared/format';
import { ActionModal } from './action-modal';
import { CategoryTag, LevelTag, StatusTag } from './bits';
import { useCoordinationItem } from './coordination-api';

const EVENT_COLORS: Record<CoordinationEvent['kind'], string> = {
  raise: 'blue',
  escalate: 'orange',
  assign: 'purple',
  meeting: 'magenta',
  progress: 'gray',
  resolve: 'cyan',
  confirm: 'green',
  reopen: 'red',
};

/** The order the buttons stand in: the step forward first. */
const ACTION_ORDER: CoordinationAction[] = ['resolve', 'confirm', 'assign', 'meeting', 'progress', 'escalate', 'reopen'];

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function EventDetail({ e }: { e: CoordinationEvent }) {
  const { t, i18n } = useTranslation();
  const sep = punct(i18n.language).list;
  const d = e.data;
  const lines: string[] = [];
  if (e.kind === 'escalate' && str(d.from) && str(d.to)) {
    lines.push(t('coordination.eventDetail.levels', { from: t(`coordination.levels.${d.from as CoordinationLevel}`), to: t(`coordination.levels.${d.to as CoordinationLevel}`) }));
  }
  if (e.kind === 'meeting' && str(d.meetingDate)) lines.push(t('coordination.eventDetail.meetingDate', { date: str(d.meetingDate) }));
  if (str(d.leadUnitName)) lines.push(t('coordination.eventDetail.lead', { unit: str(d.leadUnitName) }));
  if (strs(d.cooperatingUnitNames).length) lines.push(t('coordination.eventDetail.coop', { units: strs(d.cooperatingUnitNames).join(sep) }));
  if ((e.kind === 'assign' || e.kind === 'meeting') && str(d.deadline)) lines.push(t('coordination.eventDetail.deadline', { date: str(d.deadline) }));
  if (e.kind === 'confirm' && str(d.contactName)) lines.push(t('coordination.eventDetail.contact', { name: str(d.contactName) }));
  return (
    <>
      {e.note ? <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph> : null}
      {lines.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {lines.join(punct(i18n.language).semi)}
        </Typography.Text>
      ) : null}
    </>
  );
}

function History({ item }: { item: CoordinationItemDetail }) {
  const { t } = useTranslation();
  const events = [...item.events].reverse();
  return (
    <Card size="small" title={t('coordination.history')} data-testid="coordination-history">
      {events.length ? (
        <Timeline
          items={events.map((e) => ({
            key: e.id,
            color: EVENT_COLORS[e.kind],
            content: (
              <div data-testid="coordination-event" data-kind={e.kind}>
                <Flex gap={8} wrap align="baseline">
                  <Tag color={EVENT_COLORS[e.kind]} style={{ marginInlineEnd: 0 }}>
                    {t(`coordination.events.${e.kind}`)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
                    {e.byName ? ` · ${[e.byUnitName, e.byName].filter(Boolean).join(' ')}` : ''}
                  </Typography.Text>
                </Flex>
                <EventDetail e={e} />
              </div>
            ),
          }))}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
    </Card>
  );
}

export function CoordinationItemPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useCoordinationItem(valid ? id : 0);
  const [action, setAction] = useState<CoordinationAction | null>(null);
  const pu = punct(i18n.language);

  if (!valid || (query.error instanceof ApiError && query.error.status === 404)) {
    return (
      <Result
        status="404"
        title={t('coordination.notFound')}
        extra={
          <Button type="primary" onClick={() => navigate('/coordination')}>
            {t('coordination.backToList')}
          </Button>
        }
      />
    );
  }
  if (query.isError) return <Alert type="error" showIcon title={t('errors.loadFailed')} description={query.error.message} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const item = query.data;
  const actions = ACTION_ORDER.filter((a) => item.actions.includes(a));
  const none = t('common.none');

  return (
    <>
      <PageHeader
        title={item.title}
        extra={
          <Flex gap={8} wrap data-testid="coordination-actions">
            {actions.map((a, i) => (
              <Button key={a} type={i === 0 ? 'primary' : 'default'} danger={a === 'reopen'} onClick={() => setAction(a)} data-testid={`coordination-action-${a}`}>
                {t(`coordination.actions.${a}`)}
              </Button>
            ))}
          </Flex>
        }
      />
      <Card style={{ marginBottom: 16 }} data-testid="coordination-summary" data-status={item.status} data-level={item.level}>
        <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
          <StatusTag status={item.status} />
          <LevelTag level={item.level} />
          <CategoryTag category={item.category} />
          <LightDot light={item.light} reasons={item.lightReasons} showText testId="coordination-light" />
        </Flex>
        <div style={{ marginBottom: 16, overflowX: 'auto' }}>
          <Steps
            size="small"
            data-testid="coordination-levels"
            current={COORDINATION_LEVELS.indexOf(item.level)}
            status={item.status === 'closed' ? 'finish' : 'process'}
            responsive={false}
            items={COORDINATION_LEVELS.map((l) => ({ title: t(`coordination.levels.${l}`) }))}
          />
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'project', label: t('coordination.project'), children: <Link to={`/projects/${item.projectId}`} data-testid="coordination-project">{item.projectName}</Link> },
            { key: 'enterprise', label: t('coordination.enterprise'), children: item.enterpriseName },
            { key: 'unit', label: t('coordination.projectUnit'), children: [item.projectUnitName, item.projectOwnerName].filter(Boolean).join(' · ') },
            {
              key: 'raised',
              label: t('coordination.raisedBy'),
              children: t('coordination.raisedOn', { unit: item.raisedByUnitName ?? '', name: item.raisedByName ?? '', date: dayjs(item.raisedAt).format('YYYY-MM-DD') }),
            },
            { key: 'neededBy', label: t('coordination.neededBy'), children: <span data-testid="coordination-needed-by">{item.neededBy}</span> },
            { key: 'lead', label: t('coordination.leadUnit'), children: <span data-testid="coordination-lead">{item.leadUnit?.name ?? t('coordination.unassigned')}</span> },
            { key: 'coop', label: t('coordination.cooperating'), children: item.cooperatingUnits.map((u) => u.name).join(pu.list) || none },
            { key: 'deadline', label: t('coordination.deadline'), children: <span data-testid="coordination-deadline-value">{item.deadline ?? none}</span> },
            ...(item.resolutionNote ? [{ key: 'resolution', label: t('coordination.resolution'), children: item.resolutionNote }] : []),
            ...(item.confirmedByName
              ? [
                  {
                    key: 'confirmed',
                    label: t('coordination.confirmedBy'),
                    children: (
                      <span data-testid="coordination-confirmed">
                        {item.confirmedContact
                          ? t('coordination.confirmedByContact', { name: item.confirmedByName, contact: item.confirmedContact })
                          : t('coordination.confirmedByOwner', { name: item.confirmedByName })}
                      </span>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('coordination.description')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="coordination-description">
              {item.description}
            </Typography.Paragraph>
          </Card>
          {actions.length ? null : <Alert type="info" showIcon title={t('coordination.noActions')} style={{ marginBottom: 16 }} />}
        </Col>
        <Col xs={24} lg={14}>
          <History item={item} />
        </Col>
      </Row>
      {action ? <ActionModal item={item} action={action} onClose={() => setAction(null)} /> : null}
    </>
  );
}
