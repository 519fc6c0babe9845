import { useMemo, useState } from 'react';
import { Alert, App, Button, Checkbox, Col, Flex, Form, Input, Modal, Radio, Row, Select, Space, Switch, Tag, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { NOTIFICATION_KINDS, type NotificationKind, type Webhook, type WebhookDelivery, type WebhookFormat } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useDeleteWebhook, useDeliveries, useRetryDelivery, useSaveWebhook, useTestWebhook, useWebhooks, type DeliveryFilters } from './webhooks-api';
import { EmptyState, ListCard, ListTable, LoadError, LoadMore } from '../../shared/list-page';

type FormValues = { name: string; url: string; format: WebhookFormat; secret?: string; clearSecret?: boolean; events: NotificationKind[]; enabled: boolean };

const STATUS_COLORS: Record<WebhookDelivery['status'], string> = { pending: 'processing', delivered: 'success', failed: 'error' };
const time = (iso: string | null) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—');

/** Webhook 推送: the region's webhooks (DingTalk robots, generic JSON), a test button, and the delivery log. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const webhooks = useWebhooks();
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const deliveries = useDeliveries(filters);
  const save = useSaveWebhook();
  const remove = useDeleteWebhook();
  const test = useTestWebhook();
  const retry = useRetryDelivery();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [form] = Form.useForm<FormValues>();
  const format = Form.useWatch('format', form);
  const rows = useMemo(() => deliveries.data?.pages.flatMap((p) => p.items) ?? [], [deliveries.data]);
  const kindLabel = (k: string) => (['test', ...NOTIFICATION_KINDS].includes(k) ? t(`notify.kinds.${k as NotificationKind | 'test'}`) : k);

  const openForm = (w: Webhook | 'new') => {
    setEditing(w);
    form.resetFields();
    form.setFieldsValue(
      w === 'new'
        ? { name: '', url: '', format: 'dingtalk', secret: '', events: [...NOTIFICATION_KINDS], enabled: true }
        : { name: w.name, url: w.url, format: w.format, secret: '', events: w.events, enabled: w.enabled },
    );
  };

  const onSave = async () => {
    const { clearSecret, ...v } = await form.validateFields();
    const isNew = editing === 'new';
    // editing: an empty secret keeps the stored one unless "clear" is ticked
    const body = { ...v, secret: v.secret?.trim() ? v.secret.trim() : isNew || clearSecret ? '' : undefined };
    save.mutate(
      isNew ? body : { ...body, id: (editing as Webhook).id },
      {
        onSuccess: () => {
          message.success(t('notify.webhooks.saved'));
          setEditing(null);
        },
        onError: (e) => onError(e, form),
      },
    );
  };

  const onTest = (w: Webhook) =>
    test.mutate(w.id, {
      onSuccess: ({ delivery }) =>
        delivery.status === 'delivered'
          ? message.success(t('notify.webhooks.testOk', { code: delivery.lastStatusCode ?? '' }))
          : message.error({ content: t('notify.webhooks.testFailed', { error: delivery.lastError ?? '' }), duration: 6 }),
      onError: (e) => onError(e),
    });

  const onDelete = (w: Webhook) =>
    modal.confirm({
      title: t('notify.webhooks.deleteTitle', { name: w.name }),
      content: t('notify.webhooks.deleteText'),
      okText: t('common.delete'),
      okButtonProps: { danger: true, ...({ 'data-testid': 'webhook-delete-ok' } as object) },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(w.id).then(() => message.success(t('notify.webhooks.deleted')), (e: unknown) => onError(e)),
    });

  const columns: TableProps<Webhook>['columns'] = [
    {
      title: t('notify.webhooks.name'),
      key: 'name',
      render: (_, w) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text strong>{w.name}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: w.url }} style={{ fontSize: 12, maxWidth: 360 }}>
            {w.url}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('notify.webhooks.format'), dataIndex: 'format', width: 120, render: (f: WebhookFormat) => <Tag>{t(`notify.webhooks.formats.${f}`)}</Tag> },
    {
      title: t('notify.webhooks.events'),
      dataIndex: 'events',
      width: 260,
      render: (ev: NotificationKind[]) => (
        <Space size={[4, 4]} wrap>
          {ev.map((e) => (
            <Tag key={e}>{t(`notify.kinds.${e}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('notify.webhooks.status'),
      key: 'status',
      width: 170,
      render: (_, w) => (
        <Flex vertical>
          <span>{w.enabled ? <Tag color="green">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>}</span>
          {w.pending ? <Typography.Text style={{ fontSize: 12 }}>{t('notify.webhooks.pending', { n: w.pending })}</Typography.Text> : null}
          {w.failed ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('notify.webhooks.failed', { n: w.failed })}
            </Typography.Text>
          ) : null}
          {w.lastDeliveredAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('notify.webhooks.lastDelivered')} {time(w.lastDeliveredAt)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 230,
      render: (_, w) => (
        <Space size={4} wrap>
          <Button size="small" loading={test.isPending && test.variables === w.id} onClick={() => onTest(w)} data-testid={`webhook-test-${w.id}`}>
            {t('notify.webhooks.test')}
          </Button>
          <Button size="small" onClick={() => openForm(w)} data-testid={`webhook-edit-${w.id}`}>
            {t('common.edit')}
          </Button>
          <Button size="small" danger onClick={() => onDelete(w)} data-testid={`webhook-delete-${w.id}`}>
            {t('common.delete')}
          </Button>
        </Space>
      ),
    },
  ];

  const deliveryColumns: TableProps<WebhookDelivery>['columns'] = [
    { title: t('notify.webhooks.createdAt'), dataIndex: 'createdAt', width: 170, render: time },
    { title: t('notify.webhooks.name'), dataIndex: 'webhookName', width: 160 },
    { title: t('notify.webhooks.event'), dataIndex: 'event', width: 100, render: kindLabel },
    { title: t('notify.webhooks.titleCol'), dataIndex: 'title', width: 240, ellipsis: true },
    { title: t('common.status'), dataIndex: 'status', width: 90, render: (s: WebhookDelivery['status']) => <Tag color={STATUS_COLORS[s]}>{t(`notify.webhooks.deliveryStatuses.${s}`)}</Tag> },
    { title: t('notify.webhooks.attempts'), dataIndex: 'attempts', width: 90, align: 'right' },
    {
      title: t('notify.webhooks.lastError'),
      key: 'error',
      width: 260,
      render: (_, d) =>
        d.lastError ? (
          <Typography.Text type={d.status === 'delivered' ? 'secondary' : 'danger'} ellipsis={{ tooltip: d.lastError }} style={{ maxWidth: 240 }}>
            {d.lastStatusCode ? `[${d.lastStatusCode}] ` : ''}
            {d.lastError}
          </Typography.Text>
        ) : d.lastStatusCode ? (
          <Typography.Text type="secondary">HTTP {d.lastStatusCode}</Typography.Text>
        ) : null,
    },
    {
      title: `${t('notify.webhooks.deliveredAt')} / ${t('notify.webhooks.nextAttempt')}`,
      key: 'when',
      width: 180,
      render: (_, d) => (d.status === 'delivered' ? time(d.deliveredAt) : d.status === 'pending' ? time(d.nextAttemptAt) : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_, d) =>
        d.status === 'failed' ? (
          <Button size="small" onClick={() => retry.mutate(d.id, { onSuccess: () => message.success(t('notify.webhooks.retried')), onError: (e) => onError(e) })}>
            {t('notify.webhooks.retry')}
          </Button>
        ) : null,
    },
  ];

  const editingHook = editing && editing !== 'new' ? editing : null;

  return (
    <>
      <PageHeader
        title={t('notify.webhooks.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm('new')} data-testid="webhook-add">
            {t('notify.webhooks.add')}
          </Button>
        }
      />
      <Alert type="info" showIcon title={t('notify.webhooks.intro')} style={{ marginBottom: 12 }} />
      <LoadError error={webhooks.error} />
      <ListCard style={{ marginBottom: 16 }}>
        <div data-testid="webhooks-table">
          <ListTable<Webhook>
            sticky={false}
            columns={columns}
            dataSource={webhooks.data ?? []}
            loading={webhooks.isPending}
            pagination={false}
            scroll={{ x: 1000 }}
            locale={{ emptyText: <EmptyState description={t('notify.webhooks.empty')} /> }}
          />
        </div>
      </ListCard>

      <ListCard title={t('notify.webhooks.deliveries')}>
        <Row gutter={[12, 12]} style={{ padding: 12 }}>
          <Col xs={24} sm={12} lg={8}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('notify.webhooks.allWebhooks')}
              value={filters.webhookId}
              onChange={(webhookId: number | undefined) => setFilters((f) => ({ ...f, webhookId }))}
              options={(webhooks.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
              data-testid="deliveries-webhook-filter"
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('notify.webhooks.allStatuses')}
              value={filters.status}
              onChange={(status: WebhookDelivery['status'] | undefined) => setFilters((f) => ({ ...f, status }))}
              options={(['pending', 'delivered', 'failed'] as const).map((s) => ({ value: s, label: t(`notify.webhooks.deliveryStatuses.${s}`) }))}
              data-testid="deliveries-status-filter"
            />
          </Col>
        </Row>
        <div data-testid="deliveries-table">
          <ListTable<WebhookDelivery>
            sticky={false}
            columns={deliveryColumns}
            dataSource={rows}
            loading={deliveries.isFetching && !deliveries.isFetchingNextPage}
            pagination={false}
            scroll={{ x: 1360 }}
            onRow={(d) => ({ style: d.status === 'failed' ? { background: '#fff1f0' } : undefined })}
            locale={{ emptyText: <EmptyState description={t('notify.webhooks.emptyDeliveries')} /> }}
          />
        </div>
        {rows.length ? (
          <LoadMore shown={t('notify.webhooks.shown', { n: rows.length })} hasMore={!!deliveries.hasNextPage} loading={deliveries.isFetchingNextPage} onMore={() => void deliveries.fetchNextPage()} more={t('notify.webhooks.loadMore')} end={t('notify.webhooks.end')} />
        ) : null}
      </ListCard>

      <Modal
        open={!!editing}
        title={editing === 'new' ? t('notify.webhooks.addTitle') : t('notify.webhooks.editTitle')}
        onCancel={() => setEditing(null)}
        onOk={() => void onSave()}
        okText={t('common.save')}
        okButtonProps={{ ...({ 'data-testid': 'webhook-save' } as object) }}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        width={600}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('notify.webhooks.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('notify.webhooks.name') }) }]}>
            <Input maxLength={100} data-testid="webhook-name" />
          </Form.Item>
          <Form.Item name="format" label={t('notify.webhooks.format')} rules={[{ required: true }]}>
            <Radio.Group
              optionType="button"
              options={(['dingtalk', 'generic'] as const).map((f) => ({ value: f, label: t(`notify.webhooks.formats.${f}`) }))}
              data-testid="webhook-format"
            />
          </Form.Item>
          <Form.Item
            name="url"
            label={t('notify.webhooks.url')}
            extra={format === 'generic' ? t('notify.webhooks.urlHelpGeneric') : t('notify.webhooks.urlHelpDingtalk')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('notify.webhooks.url') }) }]}
          >
            <Input maxLength={1000} placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" data-testid="webhook-url" />
          </Form.Item>
          <Form.Item
            name="secret"
            label={t('notify.webhooks.secret')}
            extra={
              editingHook?.hasSecret
                ? t('notify.webhooks.secretKeep', { hint: editingHook.secretHint ? `…${editingHook.secretHint}` : '***' })
                : format === 'generic'
                  ? t('notify.webhooks.secretHelpGeneric')
                  : t('notify.webhooks.secretHelpDingtalk')
            }
          >
            <Input.Password maxLength={200} autoComplete="new-password" data-testid="webhook-secret" />
          </Form.Item>
          {editingHook?.hasSecret ? (
            <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -12 }}>
              <Checkbox data-testid="webhook-clear-secret">{t('notify.webhooks.clearSecret')}</Checkbox>
            </Form.Item>
          ) : null}
          <Form.Item name="events" label={t('notify.webhooks.events')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required', { field: t('notify.webhooks.events') }) }]}>
            <Checkbox.Group options={NOTIFICATION_KINDS.map((k) => ({ value: k, label: t(`notify.kinds.${k}`) }))} data-testid="webhook-events" />
          </Form.Item>
          <Form.Item name="enabled" label={t('notify.webhooks.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
