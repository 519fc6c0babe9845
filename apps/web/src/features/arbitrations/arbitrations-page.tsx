import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Segmented, Tag, Typography, type TableProps } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Arbitration } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useCurrentUser } from '../auth';
import { day, dayTime, punct } from '../../shared/format';
import { useArbitrations, useDecideArbitration } from '../projects';
import { useServerErrors } from '../../shared/use-error-handler';
import { arbitrationAccess } from './access';
import { EmptyState, ListCard, ListTable, LoadError } from '../../shared/list-page';

type Filter = 'open' | 'closed' | 'all';
type Values = { decision: 'upheld' | 'rejected'; note: string };

const STATUS_COLORS: Record<Arbitration['status'], string> = { open: 'orange', upheld: 'green', rejected: 'default' };

function DecideModal({ item, onClose }: { item: Arbitration; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const pu = punct(i18n.language);
  const { message, modal } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<Values>();
  const decide = useDecideArbitration();
  const decision = Form.useWatch('decision', form);

  const onFinish = (v: Values) =>
    modal.confirm({
      title: v.decision === 'upheld' ? t('arbitration.confirmUphold', { unit: item.claimantUnitName }) : t('arbitration.confirmReject', { unit: item.claimantUnitName }),
      content: t('arbitration.confirmHelp'),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: v.decision === 'rejected', ...({ 'data-testid': 'decide-confirm' } as object) },
      onOk: async () => {
        try {
          await decide.mutateAsync({ id: item.id, decision: v.decision, note: v.note.trim() });
          message.success(t('arbitration.decided'));
          onClose();
        } catch (e) {
          onError(e, form);
        }
      },
    });

  return (
    <Modal
      open
      title={t('arbitration.decideTitle', { name: item.projectName || `#${item.projectId}` })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('arbitration.decide')}
      okButtonProps={{ ...({ 'data-testid': 'decide-submit' } as object) }}
      confirmLoading={decide.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text type="secondary">{t('arbitration.claimant')}
          {pu.colon}
        </Typography.Text>
        {item.claimantUnitName} · {item.claimantUserName}
        <br />
        <Typography.Text type="secondary">{t('arbitration.current')}
          {pu.colon}
        </Typography.Text>
        {item.currentUnitName ?? '—'}
        <br />
        <Typography.Text type="secondary">{t('arbitration.reason')}
          {pu.colon}
        </Typography.Text>
        {item.reason}
      </Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="decision" label={t('arbitration.decision')} rules={[{ required: true, message: t('arbitration.decisionRequired') }]}>
          <Radio.Group
            data-testid="decide-decision"
            options={[
              { value: 'upheld', label: t('arbitration.uphold', { unit: item.claimantUnitName }) },
              { value: 'rejected', label: t('arbitration.reject') },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('arbitration.note')}
          rules={[
            { required: true, whitespace: true, message: t('arbitration.noteRequired') },
            { max: 1000, message: t('common.maxLength', { max: 1000 }) },
          ]}
          extra={decision === 'upheld' ? t('arbitration.upheldEffect', { unit: item.claimantUnitName }) : decision === 'rejected' ? t('arbitration.rejectedEffect') : undefined}
        >
          <Input.TextArea rows={3} placeholder={t('arbitration.notePlaceholder')} data-testid="decide-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function ArbitrationsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canDecide = arbitrationAccess.decide(me);
  const list = useArbitrations();
  const [filter, setFilter] = useState<Filter>(canDecide ? 'open' : 'all');
  const [deciding, setDeciding] = useState<Arbitration | null>(null);
  const all = list.data ?? [];
  const items = all.filter((a) => filter === 'all' || (filter === 'open' ? a.status === 'open' : a.status !== 'open'));
  const openCount = all.filter((a) => a.status === 'open').length;

  const columns: TableProps<Arbitration>['columns'] = [
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: Arbitration['status']) => (
        <Tag color={STATUS_COLORS[s]} data-testid="arbitration-status">
          {t(`arbitration.status.${s}`)}
        </Tag>
      ),
    },
    {
      title: t('arbitration.project'),
      key: 'project',
      width: 220,
      render: (_, a) => (a.projectName ? <Link to={`/projects/${a.projectId}`}>{a.projectName}</Link> : <Typography.Text type="secondary">{t('arbitration.hidden')}</Typography.Text>),
    },
    {
      title: t('arbitration.claimant'),
      key: 'claimant',
      width: 150,
      render: (_, a) => (
        <>
          <div>{a.claimantUnitName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.claimantUserName}
          </Typography.Text>
        </>
      ),
    },
    { title: t('arbitration.current'), dataIndex: 'currentUnitName', width: 130, render: (v: string | null) => v ?? '—' },
    { title: t('arbitration.reason'), dataIndex: 'reason', width: 260, render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>{v}</Typography.Paragraph> },
    { title: t('arbitration.createdAt'), dataIndex: 'createdAt', width: 110, render: (v: string) => day(v) },
    {
      title: t('arbitration.decisionCol'),
      key: 'decision',
      width: 220,
      render: (_, a) =>
        a.status === 'open' ? (
          canDecide ? (
            <Button type="primary" size="small" onClick={() => setDeciding(a)} data-testid="arbitration-decide">
              {t('arbitration.decide')}
            </Button>
          ) : (
            <Typography.Text type="secondary">{t('arbitration.waiting')}</Typography.Text>
          )
        ) : (
          <>
            <div>{a.decisionNote}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayTime(a.decidedAt)}
            </Typography.Text>
          </>
        ),
    },
  ];

  const emptyText = filter === 'open' ? t('arbitration.emptyOpen') : canDecide ? t('arbitration.empty') : t('arbitration.emptyClaimant');

  return (
    <>
      <PageHeader title={t('arbitration.title')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('arbitration.intro')}
      </Typography.Paragraph>
      <LoadError error={list.error} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: `${t('arbitration.filter.open')} (${openCount})` },
            { value: 'closed', label: t('arbitration.filter.closed') },
            { value: 'all', label: t('arbitration.filter.all') },
          ]}
          data-testid="arbitration-filter"
        />
      </Card>
      <ListCard>
        <div data-testid="arbitration-table">
          <ListTable<Arbitration>
            sticky={false}
            columns={columns}
            dataSource={items}
            loading={list.isFetching}
            pagination={items.length > 20 ? { pageSize: 20, showTotal: (n) => t('common.total', { n: n.toLocaleString() }) } : false}
            scroll={{ x: 1190 }}
            locale={{ emptyText: <EmptyState description={emptyText} /> }}
          />
        </div>
      </ListCard>
      {deciding ? <DecideModal item={deciding} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}
