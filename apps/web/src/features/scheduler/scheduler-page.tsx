import { useMemo, useState } from 'react';
import { Alert, App, Button, Col, Flex, Form, Input, Modal, Popconfirm, Row, Select, Space, Switch, Table, Tag, Typography, type TableProps } from 'antd';
import { ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { JobRun, ScheduledJob } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { PERIOD_EXAMPLES, suggestedPeriod } from './periods';
import { useJobs, useRerun, useRuns, useUpdateSchedule, type RunFilters } from './scheduler-api';
import { periodText, punct } from '../../shared/format';
import { EmptyState, ListCard, ListTable, LoadError, LoadMore } from '../../shared/list-page';

const STATUS_COLORS: Record<JobRun['status'], string> = { running: 'processing', succeeded: 'success', failed: 'error' };
const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

function duration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** 定时任务: schedules (editable), the run history with failures shown, and re-running a period by hand. */
export function SchedulerPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const jobs = useJobs();
  const [filters, setFilters] = useState<RunFilters>({});
  const runs = useRuns(filters);
  const update = useUpdateSchedule();
  const rerun = useRerun();
  const [editing, setEditing] = useState<ScheduledJob | null>(null);
  const [rerunning, setRerunning] = useState<ScheduledJob | null>(null);
  const [editForm] = Form.useForm<{ cron: string }>();
  const [rerunForm] = Form.useForm<{ period: string }>();
  const rows = useMemo(() => runs.data?.pages.flatMap((p) => p.items) ?? [], [runs.data]);
  const byName = new Map((jobs.data?.items ?? []).map((j) => [j.name, j]));
  const label = (job: string, key: string) => {
    const j = byName.get(job);
    return j ? periodText(key, i18n.language) : key;
  };

  const toggle = (job: ScheduledJob, enabled: boolean) =>
    update.mutate({ name: job.name, enabled }, { onSuccess: () => message.success(t('notify.scheduler.saved')), onError: (e) => onError(e) });

  const openRerun = (job: ScheduledJob) => {
    setRerunning(job);
    rerunForm.setFieldsValue({ period: suggestedPeriod(job) });
  };

  const jobColumns: TableProps<ScheduledJob>['columns'] = [
    {
      title: t('notify.scheduler.job'),
      key: 'job',
      render: (_, j) => (
        <Flex vertical>
          <Typography.Text strong>{j.description}</Typography.Text>
          <Typography.Text type="secondary" code style={{ fontSize: 12, width: 'fit-content' }}>
            {j.name}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('notify.scheduler.period'),
      key: 'period',
      width: 150,
      render: (_, j) => (
        <Flex vertical>
          <span>{t(`notify.scheduler.periods.${j.period}`)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`notify.scheduler.covers.${j.covers}`)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('notify.scheduler.cron'),
      key: 'cron',
      width: 170,
      render: (_, j) => (
        <Flex vertical>
          <Typography.Text code data-testid={`job-cron-${j.name}`}>
            {j.cron}
          </Typography.Text>
          {j.cron !== j.defaultCron ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('notify.scheduler.defaultCron', { cron: j.defaultCron })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('notify.scheduler.enabled'),
      key: 'enabled',
      width: 80,
      render: (_, j) =>
        j.enabled ? (
          <Popconfirm title={t('notify.scheduler.off')} onConfirm={() => toggle(j, false)} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Switch checked size="small" data-testid={`job-enabled-${j.name}`} />
          </Popconfirm>
        ) : (
          <Switch checked={false} size="small" onChange={() => toggle(j, true)} data-testid={`job-enabled-${j.name}`} />
        ),
    },
    {
      title: t('notify.scheduler.lastRun'),
      key: 'last',
      width: 230,
      render: (_, j) =>
        j.lastRun ? (
          <Flex vertical>
            <Space size={4} wrap>
              <Tag color={STATUS_COLORS[j.lastRun.status]}>{t(`notify.scheduler.statuses.${j.lastRun.status}`)}</Tag>
              <span>{label(j.name, j.lastRun.periodKey)}</span>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {time(j.lastRun.startedAt)}
            </Typography.Text>
            {j.failedRuns ? (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('notify.scheduler.failedRuns', { n: j.failedRuns })}
              </Typography.Text>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('notify.scheduler.never')}</Typography.Text>
        ),
    },
    {
      title: t('notify.scheduler.nextRun'),
      key: 'next',
      width: 190,
      render: (_, j) =>
        j.enabled && j.nextRunAt ? (
          <Flex vertical>
            <span>{time(j.nextRunAt)}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {label(j.name, j.nextPeriodKey ?? '')}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('notify.scheduler.off')}</Typography.Text>
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      render: (_, j) => (
        <Space size={4} wrap>
          <Button
            size="small"
            onClick={() => {
              setEditing(j);
              editForm.setFieldsValue({ cron: j.cron });
            }}
            data-testid={`job-edit-${j.name}`}
          >
            {t('notify.scheduler.edit')}
          </Button>
          <Button size="small" type="primary" ghost onClick={() => openRerun(j)} data-testid={`job-rerun-${j.name}`}>
            {t('notify.scheduler.rerun')}
          </Button>
        </Space>
      ),
    },
  ];

  const runColumns: TableProps<JobRun>['columns'] = [
    {
      title: t('notify.scheduler.job'),
      dataIndex: 'job',
      width: 200,
      render: (name: string) => byName.get(name)?.description ?? name,
    },
    { title: t('notify.scheduler.periodKey'), key: 'period', width: 130, render: (_, r) => label(r.job, r.periodKey) },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (s: JobRun['status']) => <Tag color={STATUS_COLORS[s]}>{t(`notify.scheduler.statuses.${s}`)}</Tag>,
    },
    { title: t('notify.scheduler.trigger'), dataIndex: 'trigger', width: 90, render: (s: JobRun['trigger']) => t(`notify.scheduler.triggers.${s}`) },
    { title: t('notify.scheduler.attempts'), dataIndex: 'attempts', width: 70, align: 'right' },
    { title: t('notify.scheduler.startedAt'), dataIndex: 'startedAt', width: 170, render: time },
    { title: t('notify.scheduler.duration'), dataIndex: 'durationMs', width: 100, align: 'right', render: duration },
    {
      title: t('notify.scheduler.error'),
      dataIndex: 'error',
      render: (e: string | null) =>
        e ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: e }} style={{ maxWidth: 360 }}>
            <ExclamationCircleFilled /> {e.split('\n')[0]}
          </Typography.Text>
        ) : null,
    },
  ];

  const onSaveCron = async () => {
    if (!editing) return;
    const v = await editForm.validateFields();
    update.mutate(
      { name: editing.name, cron: v.cron },
      {
        onSuccess: () => {
          message.success(t('notify.scheduler.saved'));
          setEditing(null);
        },
        onError: (e) => onError(e, editForm),
      },
    );
  };

  const onRerun = async () => {
    if (!rerunning) return;
    const v = await rerunForm.validateFields();
    rerun.mutate(
      { job: rerunning.name, period: v.period.trim() },
      {
        onSuccess: (run) => {
          const text = t('notify.scheduler.rerunDone', { job: rerunning.description, period: label(run.job, run.periodKey), status: t(`notify.scheduler.statuses.${run.status}`) });
          if (run.status === 'failed') message.error({ content: `${text}${punct(i18n.language).colon}${run.error?.split('\n')[0] ?? ''}`, duration: 6 });
          else message.success(text);
          setRerunning(null);
        },
        onError: (e) => onError(e, rerunForm),
      },
    );
  };

  return (
    <>
      <PageHeader title={t('notify.scheduler.title')} />
      <Alert type="info" showIcon title={t('notify.scheduler.intro', { tz: jobs.data?.timezone ?? 'Asia/Shanghai' })} style={{ marginBottom: 12 }} />
      <LoadError error={jobs.error} />
      <ListCard title={t('notify.scheduler.jobs')} style={{ marginBottom: 16 }}>
        <div data-testid="jobs-table">
          <Table<ScheduledJob> rowKey="name" size="middle" columns={jobColumns} dataSource={jobs.data?.items ?? []} loading={jobs.isPending} pagination={false} scroll={{ x: 1100 }} />
        </div>
      </ListCard>

      <ListCard title={t('notify.scheduler.runs')}>
        <Row gutter={[12, 12]} style={{ padding: 12 }}>
          <Col xs={24} sm={12} lg={8}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('notify.scheduler.allJobs')}
              value={filters.job}
              onChange={(job: string | undefined) => setFilters((f) => ({ ...f, job }))}
              options={(jobs.data?.items ?? []).map((j) => ({ value: j.name, label: j.description }))}
              data-testid="runs-job-filter"
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('notify.scheduler.allStatuses')}
              value={filters.status}
              onChange={(status: JobRun['status'] | undefined) => setFilters((f) => ({ ...f, status }))}
              options={(['running', 'succeeded', 'failed'] as const).map((s) => ({ value: s, label: t(`notify.scheduler.statuses.${s}`) }))}
              data-testid="runs-status-filter"
            />
          </Col>
        </Row>
        <div data-testid="runs-table">
          <ListTable<JobRun>
            sticky={false}
            columns={runColumns}
            dataSource={rows}
            loading={runs.isFetching && !runs.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1100 }}
            rowClassName={(r) => (r.status === 'failed' ? 'run-failed' : '')}
            onRow={(r) => ({ style: r.status === 'failed' ? { background: '#fff1f0' } : undefined, 'data-status': r.status } as object)}
            expandable={{
              expandedRowRender: (r) => (
                <Flex vertical gap={8} style={{ padding: '4px 8px' }}>
                  {r.error ? (
                    <div>
                      <Typography.Text strong>{t('notify.scheduler.error')}</Typography.Text>
                      <pre style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', color: '#cf1322', fontSize: 12 }}>{r.error}</pre>
                    </div>
                  ) : null}
                  {r.result !== null && r.result !== undefined ? (
                    <div>
                      <Typography.Text strong>{t('notify.scheduler.result')}</Typography.Text>
                      <pre style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(r.result, null, 2)}</pre>
                    </div>
                  ) : null}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('notify.scheduler.instance')}: {r.instance}
                  </Typography.Text>
                </Flex>
              ),
              expandRowByClick: true,
            }}
            locale={{ emptyText: <EmptyState description={t('notify.scheduler.emptyRuns')} /> }}
          />
        </div>
        {rows.length ? (
          <LoadMore shown={t('notify.scheduler.shown', { n: rows.length })} hasMore={!!runs.hasNextPage} loading={runs.isFetchingNextPage} onMore={() => void runs.fetchNextPage()} more={t('notify.scheduler.loadMore')} end={t('notify.scheduler.end')} />
        ) : null}
      </ListCard>

      <Modal
        open={!!editing}
        title={editing ? t('notify.scheduler.editTitle', { job: editing.description }) : ''}
        onCancel={() => setEditing(null)}
        onOk={() => void onSaveCron()}
        okText={t('common.save')}
        okButtonProps={{ ...({ 'data-testid': 'cron-save' } as object) }}
        cancelText={t('common.cancel')}
        confirmLoading={update.isPending}
        destroyOnHidden
        forceRender
      >
        <Form form={editForm} layout="vertical">
          <Form.Item
            name="cron"
            label={t('notify.scheduler.cron')}
            extra={editing ? `${t('notify.scheduler.cronHelp')}${punct(i18n.language).semi}${t('notify.scheduler.defaultCron', { cron: editing.defaultCron })}` : null}
            rules={[{ required: true, message: t('common.required', { field: t('notify.scheduler.cron') }) }]}
          >
            <Input style={{ fontFamily: 'monospace' }} maxLength={100} data-testid="cron-input" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={!!rerunning}
        title={rerunning ? t('notify.scheduler.rerunTitle', { job: rerunning.description }) : ''}
        onCancel={() => setRerunning(null)}
        onOk={() => void onRerun()}
        okText={t('notify.scheduler.rerun')}
        okButtonProps={{ danger: true, ...({ 'data-testid': 'rerun-ok' } as object) }}
        cancelText={t('common.cancel')}
        confirmLoading={rerun.isPending}
        destroyOnHidden
        forceRender
      >
        <Typography.Paragraph>{t('notify.scheduler.rerunText')}</Typography.Paragraph>
        <Form form={rerunForm} layout="vertical">
          <Form.Item
            name="period"
            label={t('notify.scheduler.rerunPeriod')}
            extra={rerunning ? t('notify.scheduler.rerunPeriodHelp', { example: PERIOD_EXAMPLES[rerunning.period] }) : null}
            rules={[{ required: true, message: t('common.required', { field: t('notify.scheduler.rerunPeriod') }) }]}
          >
            <Input maxLength={20} data-testid="rerun-period" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
