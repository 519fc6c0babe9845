import { useState } from 'react';
import { App, Button, Col, Descriptions, Drawer, Flex, Form, Input, Modal, Select, Spin, Switch, Tabs, Tag, Typography, type TableProps } from 'antd';
import { FileAddOutlined, LockOutlined, SettingOutlined } from '@ant-design/icons';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useSearchPatch } from '../../shared/use-search-patch';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { BulletinKind, BulletinStatus, BulletinSummary, SnapshotSummary, UpdateBulletinSettings } from '@wutong/contracts';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useCurrentUser } from '../auth';
import { formatCount, periodText, punct } from '../../shared/format';
import { bulletinAccess } from './access';
import { useBulletinSettings, useBulletins, useClosePeriod, useGenerateBulletin, useSaveSettings, useSnapshots } from './bulletins-api';
import { endedPeriods } from './format';
import { SnapshotDrawer } from './snapshot-drawer';
import { shanghaiDate, shanghaiYear } from '@wutong/contracts';
import { EmptyState, FilterBar, ListCard, ListTable, LoadError } from '../../shared/list-page';

export const STATUS_COLORS: Record<BulletinStatus, string> = { draft: 'default', reviewed: 'processing', published: 'success' };
const time = (iso: string) => dayjs(iso).format('YYYY-MM-DD HH:mm');

/** 定期通报: the region's bulletins (filters above, newest first) and the frozen assessment snapshots. */
export function BulletinsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'snapshots' ? 'snapshots' : 'bulletins';
  const [generating, setGenerating] = useState(false);
  const [settings, setSettings] = useState(false);
  return (
    <>
      <PageHeader
        title={t('bulletins.title')}
        extra={
          <>
            {bulletinAccess.settings(me) ? (
              <Button icon={<SettingOutlined />} onClick={() => setSettings(true)} data-testid="bulletins-settings">
                {t('bulletins.settings')}
              </Button>
            ) : null}
            {bulletinAccess.generate(me) ? (
              <Button type="primary" icon={<FileAddOutlined />} onClick={() => setGenerating(true)} data-testid="bulletins-generate">
                {t('bulletins.generate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'snapshots' ? { tab: k } : {}, { replace: true })}
        items={[
          { key: 'bulletins', label: t('bulletins.tabs.bulletins'), children: <BulletinList onGenerate={() => setGenerating(true)} /> },
          { key: 'snapshots', label: <span data-testid="tab-snapshots">{t('bulletins.tabs.snapshots')}</span>, children: <SnapshotList /> },
        ]}
      />
      {generating ? <GenerateModal onClose={() => setGenerating(false)} /> : null}
      {settings ? <SettingsDrawer onClose={() => setSettings(false)} /> : null}
    </>
  );
}

function BulletinList({ onGenerate }: { onGenerate: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params, setQuery] = useSearchPatch();
  const kind = (['weekly', 'monthly'] as const).find((k) => k === params.get('kind'));
  const status = (['draft', 'reviewed', 'published'] as const).find((s) => s === params.get('status'));
  const yearParam = Number(params.get('year'));
  const year = yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const list = useBulletins({ kind, status, year });
  const set = (k: string, v: string | undefined) => setQuery({ [k]: v });
  const thisYear = shanghaiYear();
  const filtered = !!(kind || status || year);
  const readerOnly = !bulletinAccess.generate(me);

  const who = (w: BulletinSummary['generated']) =>
    w ? (
      <Flex vertical>
        <span>{w.userId === 0 ? t('bulletins.system') : w.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {time(w.at)}
        </Typography.Text>
      </Flex>
    ) : (
      '—'
    );
  const columns: TableProps<BulletinSummary>['columns'] = [
    {
      title: t('bulletins.cols.issue'),
      key: 'issue',
      width: 150,
      render: (_, b) => (
        <Flex vertical>
          <Tag color={b.kind === 'monthly' ? 'blue' : 'cyan'} style={{ width: 'fit-content' }}>
            {t(`bulletins.kinds.${b.kind}`)}
          </Tag>
          <span>{b.status === 'published' ? t('bulletins.issueNo', { n: b.issueNo }) : t('bulletins.issueTentative', { n: b.issueNo })}</span>
        </Flex>
      ),
    },
    {
      title: t('bulletins.cols.title'),
      dataIndex: 'title',
      render: (v: string, b) => (
        <Link to={`/bulletins/${b.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500 }} data-testid="bulletin-row-title">
          {v}
        </Link>
      ),
    },
    { title: t('bulletins.cols.period'), key: 'period', width: 230, render: (_, b) => b.periodLabel, sorter: (a, b) => a.periodEnd.localeCompare(b.periodEnd), defaultSortOrder: 'descend' },
    {
      title: t('bulletins.cols.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: BulletinStatus) => (
        <Tag color={STATUS_COLORS[s]} icon={s === 'published' ? <LockOutlined /> : undefined} data-testid="bulletin-row-status">
          {t(`bulletins.statuses.${s}`)}
        </Tag>
      ),
    },
    { title: t('bulletins.cols.generated'), key: 'generated', width: 150, render: (_, b) => who(b.generated) },
    { title: t('bulletins.cols.reviewed'), key: 'reviewed', width: 150, render: (_, b) => who(b.reviewed) },
    { title: t('bulletins.cols.published'), key: 'published', width: 150, render: (_, b) => who(b.published) },
  ];

  return (
    <>
      <FilterBar align="middle">
          <Col xs={24} sm={8} md={6}>
            <Select<BulletinKind | 'all'>
              style={{ width: '100%' }}
              value={kind ?? 'all'}
              onChange={(v) => set('kind', v === 'all' ? undefined : v)}
              options={[{ value: 'all', label: `${t('bulletins.filters.kind')}${punct(i18n.language).colon}${t('bulletins.filters.all')}` }, ...(['monthly', 'weekly'] as const).map((k) => ({ value: k, label: t(`bulletins.kinds.${k}`) }))]}
              data-testid="bulletins-kind"
            />
          </Col>
          <Col xs={24} sm={8} md={6}>
            <Select<BulletinStatus | 'all'>
              style={{ width: '100%' }}
              value={status ?? 'all'}
              onChange={(v) => set('status', v === 'all' ? undefined : v)}
              options={[
                { value: 'all', label: `${t('bulletins.filters.status')}${punct(i18n.language).colon}${t('bulletins.filters.all')}` },
                ...(['draft', 'reviewed', 'published'] as const).map((s) => ({ value: s, label: t(`bulletins.statuses.${s}`) })),
              ]}
              data-testid="bulletins-status"
            />
          </Col>
          <Col xs={24} sm={8} md={6}>
            <Select<number | 'all'>
              style={{ width: '100%' }}
              value={year ?? 'all'}
              onChange={(v) => set('year', v === 'all' ? undefined : String(v))}
              options={[{ value: 'all', label: `${t('bulletins.filters.year')}${punct(i18n.language).colon}${t('bulletins.filters.all')}` }, ...[0, 1, 2, 3].map((k) => ({ value: thisYear - k, label: `${thisYear - k}` }))]}
              data-testid="bulletins-year"
            />
          </Col>
      </FilterBar>
      <LoadError error={list.error} />
      <ListCard>
        <div data-testid="bulletins-table">
          <ListTable<BulletinSummary>
            clickable
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1100 }}
            showSorterTooltip={false}
            onRow={(b) => ({ onClick: () => void navigate(`/bulletins/${b.id}`) })}
            pagination={{
              defaultPageSize: 20,
              showTotal: (n) => <span data-testid="bulletins-total">{t('common.total', { n: formatCount(n) })}</span>,
              style: { padding: '0 16px' },
            }}
            locale={{
              emptyText: (
                <EmptyState description={filtered ? t('bulletins.emptyFiltered') : readerOnly ? t('bulletins.emptyReader') : t('bulletins.empty')}>
                  {filtered || readerOnly ? null : (
                    <Button type="primary" icon={<FileAddOutlined />} onClick={onGenerate}>
                      {t('bulletins.generate')}
                    </Button>
                  )}
                </EmptyState>
              ),
            }}
          />
        </div>
      </ListCard>
    </>
  );
}

function GenerateModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const navigate = useNavigate();
  const generate = useGenerateBulletin();
  const [form] = Form.useForm<{ kind: BulletinKind; period: string }>();
  const today = shanghaiDate();
  const kind = Form.useWatch('kind', form) ?? 'monthly';
  const options = endedPeriods(kind, today, t, i18n.language);
  const submit = (v: { kind: BulletinKind; period: string }) =>
    generate.mutate(v, {
      onSuccess: (b) => {
        message.success(t('bulletins.generated', { title: b.title }));
        onClose();
        void navigate(`/bulletins/${b.id}`);
      },
      onError: (e) => onError(e, form),
    });
  return (
    <Modal
      open
      title={t('bulletins.generateTitle')}
      onCancel={generate.isPending ? undefined : onClose}
      onOk={() => form.submit()}
      okText={t('bulletins.generate')}
      okButtonProps={{ loading: generate.isPending, 'data-testid': 'generate-submit' } as never}
      cancelButtonProps={{ disabled: generate.isPending }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('bulletins.generateHint')}</Typography.Paragraph>
      <Spin spinning={generate.isPending} tip={t('bulletins.generating')}>
        <Form form={form} layout="vertical" initialValues={{ kind: 'monthly', period: endedPeriods('monthly', today, t, i18n.language, 1)[0]!.value }} onFinish={submit} requiredMark>
          <Form.Item name="kind" label={t('bulletins.filters.kind')} rules={[{ required: true }]}>
            <Select
              options={(['monthly', 'weekly'] as const).map((k) => ({ value: k, label: t(`bulletins.kinds.${k}`) }))}
              onChange={(k: BulletinKind) => form.setFieldValue('period', endedPeriods(k, today, t, i18n.language, 1)[0]!.value)}
              data-testid="generate-kind"
            />
          </Form.Item>
          <Form.Item name="period" label={t('bulletins.period')} rules={[{ required: true, message: t('bulletins.periodPick') }]}>
            <Select options={options} data-testid="generate-period" />
          </Form.Item>
        </Form>
      </Spin>
    </Modal>
  );
}

function SettingsDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const settings = useBulletinSettings();
  const save = useSaveSettings();
  const [form] = Form.useForm<UpdateBulletinSettings>();
  return (
    <Drawer
      open
      title={t('bulletins.settingsTitle')}
      size={480}
      onClose={onClose}
      extra={
        <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="settings-save">
          {t('common.save')}
        </Button>
      }
    >
      {settings.data ? (
        <Form
          form={form}
          layout="vertical"
          initialValues={settings.data}
          onFinish={(v) =>
            save.mutate(v, {
              onSuccess: () => {
                message.success(t('bulletins.saved'));
                onClose();
              },
              onError: (e) => onError(e, form),
            })
          }
        >
          <Form.Item name="monthlyEnabled" label={t('bulletins.monthlyEnabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="weeklyEnabled" label={t('bulletins.weeklyEnabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="issuingBody" label={t('bulletins.issuingBody')} rules={[{ required: true, max: 100 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="masthead" label={t('bulletins.masthead')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="titlePattern"
            label={t('bulletins.titlePattern')}
            extra={t('bulletins.titlePatternHelp')}
            rules={[{ required: true, max: 120 }, { validator: (_, v: string) => (v?.includes('{period}') ? Promise.resolve() : Promise.reject(new Error(t('bulletins.titlePatternHelp')))) }]}
          >
            <Input />
          </Form.Item>
        </Form>
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}

function SnapshotList() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const snapshots = useSnapshots();
  const [open, setOpen] = useState<number | null>(null);
  const [closing, setClosing] = useState(false);
  const columns: TableProps<SnapshotSummary>['columns'] = [
    { title: t('bulletins.snapshots.cols.period'), key: 'period', render: (_, s) => <a data-testid="snapshot-row">{periodText(s.period, i18n.language)}</a> },
    { title: t('bulletins.snapshots.cols.kind'), dataIndex: 'kind', width: 90, render: (k: SnapshotSummary['kind']) => t(`bulletins.snapshots.kinds.${k}`) },
    { title: t('bulletins.snapshots.cols.frozenAt'), dataIndex: 'frozenAt', width: 170, render: (v: string) => time(v) },
    { title: t('bulletins.snapshots.cols.frozenBy'), dataIndex: 'frozenBy', width: 130, render: (v: string | null) => v ?? t('bulletins.snapshots.scheduler') },
    { title: t('bulletins.snapshots.cols.adjustments'), dataIndex: 'adjustmentCount', width: 90, align: 'right' },
    { title: t('bulletins.snapshots.cols.checksum'), dataIndex: 'checksum', width: 150, render: (v: string) => <Typography.Text code>{v.slice(0, 12)}</Typography.Text> },
  ];
  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('bulletins.snapshots.intro')}</Typography.Text>
        {bulletinAccess.closePeriod(me) ? (
          <Button icon={<LockOutlined />} onClick={() => setClosing(true)} data-testid="snapshots-close">
            {t('bulletins.snapshots.close')}
          </Button>
        ) : null}
      </Flex>
      <ListCard>
        <ListTable<SnapshotSummary>
          clickable
          sticky={false}
          columns={columns}
          dataSource={snapshots.data?.items ?? []}
          loading={snapshots.isFetching}
          onRow={(s) => ({ onClick: () => setOpen(s.id) })}
          pagination={{ defaultPageSize: 20, showTotal: (n) => t('common.total', { n }), style: { padding: '0 16px' } }}
          locale={{ emptyText: <EmptyState description={t('bulletins.snapshots.empty')} /> }}
        />
      </ListCard>
      {open ? <SnapshotDrawer id={open} onClose={() => setOpen(null)} /> : null}
      {closing ? <CloseModal onClose={() => setClosing(false)} /> : null}
    </>
  );
}

function CloseModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const close = useClosePeriod();
  const [form] = Form.useForm<{ period: string }>();
  const last = endedPeriods('monthly', shanghaiDate(), t, i18n.language, 1)[0]!.value;
  return (
    <Modal open title={t('bulletins.snapshots.closeTitle')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: close.isPending }} destroyOnHidden>
      <Descriptions size="small" column={1} items={[{ key: 'hint', label: '', children: t('bulletins.snapshots.closeHint') }]} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ period: last }}
        onFinish={(v) =>
          close.mutate(v.period.trim(), {
            onSuccess: (s) => {
              message.success(t('bulletins.snapshots.closed', { period: periodText(s.period, i18n.language) }));
              onClose();
            },
            onError: (e) => onError(e, form),
          })
        }
      >
        <Form.Item name="period" label={t('bulletins.snapshots.closePeriod')} rules={[{ required: true, pattern: /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/ }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
