import { useState, type ReactNode } from 'react';
import { App, Button, Card, Col, Drawer, Flex, Form, Grid, Input, InputNumber, Modal, Row, Select, Skeleton, Table, Tag, Timeline, Typography, type TableProps } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { addDays, CreateActivity, CreateCapital, shanghaiDate, type Activity, type ActivityKind, type CapitalCategory, type CapitalRecord, type ProjectDetail } from '@wutong/contracts';
import { ACTIVITY_KINDS, CAPITAL_CATEGORIES, CAPITAL_CURRENCY } from './enums';
import { EVIDENCE_FIELDS, evidenceKind, type EvidenceField } from './evidence';
import { day, money, punct, thousands, wanToMinor, moneyUnit } from '../../shared/format';
import { useActivities, useAddActivity, useAddCapital, useCapital, useReverseCapital, type TimelineEntry } from './project-api';
import { clearChangedErrors, useServerErrors } from '../../shared/use-error-handler';
import { DateInput } from '../../shared/date-input';
import { amountWanRule, dateRule, refusedBy } from '../../shared/form-rules';
import { EmptyState } from '../../shared/list-page';

const isEvidenceField = (f: string): f is EvidenceField => (EVIDENCE_FIELDS as readonly string[]).includes(f);
const isActivityKind = (k: string): k is ActivityKind => (ACTIVITY_KINDS as readonly string[]).includes(k);
const isCategory = (k: string): k is CapitalCategory => (CAPITAL_CATEGORIES as readonly string[]).includes(k);
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

function Line({ label, children }: { label: string; children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <li>
      <Typography.Text type="secondary">
        {label}
        {punct(i18n.language).colon}
      </Typography.Text>
      {children}
    </li>
  );
}

// ── timeline ──

function EntryBody({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const d = entry.detail;
  if (entry.kind === 'stage') {
    const lines = Object.entries(d).flatMap(([k, v]) => {
      if (k === 'reason') return [<Line key={k} label={t('project.timeline.reason')}>{String(v)}</Line>];
      if (!isEvidenceField(k) || v === null || v === undefined) return [];
      const kind = evidenceKind(k);
      if (kind === 'currency') return [];
      const shown = kind === 'money' && typeof v === 'number' ? money(v, str(d[k.replace(/Minor$/, 'Currency')]) ?? 'CNY', lang, 'auto') : String(v);
      return [
        <Line key={k} label={t(`project.evidence.${k}`)}>
          {shown}
        </Line>,
      ];
    });
    return (
      <>
        <Typography.Text strong>{entry.title}</Typography.Text>
        {lines.length ? <ul className="wt-evidence">{lines}</ul> : null}
      </>
    );
  }
  if (entry.kind === 'activity') {
    return (
      <>
        <Typography.Text strong>{isActivityKind(entry.title) ? t(`project.activity.kinds.${entry.title}`) : entry.title}</Typography.Text>
        <ul className="wt-evidence">
          {str(d.place) ? <Line label={t('project.activity.place')}>{str(d.place)}</Line> : null}
          {str(d.notes) ? <Line label={t('project.activity.notes')}>{str(d.notes)}</Line> : null}
          {str(d.nextStep) ? (
            <Line label={t('project.activity.nextStep')}>
              {str(d.nextStep)}
              {str(d.nextDue) ? punct(lang).paren(str(d.nextDue)!) : ''}
            </Line>
          ) : null}
        </ul>
      </>
    );
  }
  const amount = typeof d.amountMinor === 'number' ? d.amountMinor : null;
  return (
    <>
      <Typography.Text strong>
        {isCategory(entry.title) ? t(`project.capital.categories.${entry.title}`) : entry.title} {money(amount, str(d.currency) ?? 'CNY', lang)}
      </Typography.Text>
      <ul className="wt-evidence">
        {typeof d.reversesId === 'number' ? <Line label={t('project.capital.reversal', { id: d.reversesId })}>{str(d.note) ?? ''}</Line> : null}
        {typeof d.reversesId !== 'number' && str(d.note) ? <Line label={t('project.capital.note')}>{str(d.note)}</Line> : null}
      </ul>
    </>
  );
}

const KIND_COLORS: Record<TimelineEntry['kind'], string> = { stage: 'blue', activity: 'green', capital: 'gold' };

export function TimelineTab({ entries, loading }: { entries: TimelineEntry[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  if (loading && !entries) return <Skeleton active />;
  if (!entries?.length) return <EmptyState description={t('project.timeline.empty')} />;
  return (
    <div data-testid="project-timeline" style={{ paddingTop: 8 }}>
      <Timeline
        items={entries.map((e, i) => ({
          key: `${e.kind}-${e.at}-${i}`,
          color: KIND_COLORS[e.kind],
          content: (
            <div data-testid="timeline-entry" data-kind={e.kind}>
              <Flex gap={8} wrap align="baseline">
                <Tag color={KIND_COLORS[e.kind]} style={{ marginInlineEnd: 0 }}>
                  {t(`project.timeline.kinds.${e.kind}`)}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {e.kind === 'stage' ? dayjs(e.at).format('YYYY-MM-DD HH:mm') : day(e.at.slice(0, 10))}
                  {e.by ? ` · ${e.by}` : ''}
                </Typography.Text>
              </Flex>
              <div style={{ marginTop: 4 }}>
                <EntryBody entry={e} />
              </div>
            </div>
          ),
        }))}
      />
    </div>
  );
}

// ── activities ──

type ActivityValues = { kind: ActivityKind; occurredOn: string; place?: string; attendees?: string; notes?: string; nextStep?: string; nextDue?: string };

function ActivityDrawer({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const screens = Grid.useBreakpoint();
  const onError = useServerErrors();
  const [form] = Form.useForm<ActivityValues>();
  const add = useAddActivity(project.id);
  const opt = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
  const onFinish = (v: ActivityValues) =>
    add.mutate(
      {
        kind: v.kind,
        occurredOn: v.occurredOn.trim(),
        ...(opt(v.place) ? { place: opt(v.place) } : {}),
        ...(opt(v.attendees) ? { attendees: opt(v.attendees) } : {}),
        ...(opt(v.notes) ? { notes: opt(v.notes) } : {}),
        ...(opt(v.nextStep) ? { nextStep: opt(v.nextStep) } : {}),
        ...(v.nextDue?.trim() ? { nextDue: v.nextDue.trim() } : {}),
      },
      {
        onSuccess: () => {
          message.success(t('project.activity.saved'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  return (
    <Drawer
      open
      title={t('project.activity.title')}
      onClose={onClose}
      size={screens.sm ? 480 : '100%'}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="activity-submit">
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<ActivityValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        disabled={add.isPending}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        initialValues={{ kind: 'visit', occurredOn: shanghaiDate(), nextDue: addDays(shanghaiDate(), 14) }}
      >
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="kind" label={t('project.activity.kind')} rules={[{ required: true }]}>
              <Select options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`project.activity.kinds.${k}`) }))} data-testid="activity-kind" />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="occurredOn" label={t('project.activity.occurredOn')} required rules={[dateRule(CreateActivity.shape.occurredOn, i18n.language)]}>
              <DateInput disabledDay={refusedBy(CreateActivity.shape.occurredOn)} testId="activity-date" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="place" label={t('project.activity.place')} rules={[{ max: 200, message: t('common.maxLength', { max: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="attendees" label={t('project.activity.attendees')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="notes" label={t('project.activity.notes')} rules={[{ max: 4000, message: t('common.maxLength', { max: 4000 }) }]}>
          <Input.TextArea rows={4} placeholder={t('project.activity.notesPlaceholder')} data-testid="activity-notes" />
        </Form.Item>
        <Form.Item name="nextStep" label={t('project.activity.nextStep')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input placeholder={t('project.activity.nextStepPlaceholder')} data-testid="activity-next-step" />
        </Form.Item>
        <Form.Item
          name="nextDue"
          label={t('project.activity.nextDue')}
          dependencies={['nextStep']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                String(getFieldValue('nextStep') ?? '').trim() && !v?.trim() ? Promise.reject(new Error(t('project.activity.dueRequired'))) : Promise.resolve(),
            }),
            dateRule(CreateActivity.shape.nextDue, i18n.language),
          ]}
        >
          <DateInput testId="activity-next-due" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

export function ActivitiesTab({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const list = useActivities(project.id);
  const [open, setOpen] = useState(false);
  return (
    <div data-testid="project-activities">
      {project.canEdit ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} style={{ marginBottom: 12 }} data-testid="activity-add">
          {t('project.activity.log')}
        </Button>
      ) : null}
      {list.isPending ? (
        <Skeleton active />
      ) : !list.data?.length ? (
        <EmptyState description={t('project.activity.empty')} />
      ) : (
        list.data.map((a: Activity) => (
          <Card key={a.id} size="small" style={{ marginBottom: 8 }} data-testid="activity-row">
            <Flex gap={8} wrap align="baseline">
              <Tag color="green" style={{ marginInlineEnd: 0 }}>
                {t(`project.activity.kinds.${a.kind}`)}
              </Tag>
              <strong>{a.occurredOn}</strong>
              {a.place ? <Typography.Text type="secondary">{a.place}</Typography.Text> : null}
              {a.createdByName ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  · {a.createdByName}
                </Typography.Text>
              ) : null}
            </Flex>
            <ul className="wt-evidence" style={{ fontSize: 13 }}>
              {a.attendees ? <Line label={t('project.activity.attendees')}>{a.attendees}</Line> : null}
              {a.notes ? <Line label={t('project.activity.notes')}>{a.notes}</Line> : null}
              {a.nextStep ? (
                <Line label={t('project.activity.nextStep')}>
                  {a.nextStep}
                  {a.nextDue ? punct(i18n.language).paren(a.nextDue) : ''}
                </Line>
              ) : null}
            </ul>
          </Card>
        ))
      )}
      {open ? <ActivityDrawer project={project} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

// ── capital in place ──

type CapitalValues = { category: CapitalCategory; amountWan: number; recordedOn: string; note?: string };

function CapitalModal({ project, onClose }: { project: ProjectDetail; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<CapitalValues>();
  const add = useAddCapital(project.id);
  const category = Form.useWatch('category', form) ?? 'domestic_out_of_city';
  const onFinish = (v: CapitalValues) =>
    add.mutate(
      { category: v.category, amountMinor: wanToMinor(v.amountWan), recordedOn: v.recordedOn.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
      {
        onSuccess: () => {
          message.success(t('project.capital.saved'));
          onClose();
        },
        onError: (e) => onError(e, form, { amountMinor: 'amountWan' }),
      },
    );
  return (
    <Modal
      open
      title={t('project.capital.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ ...({ 'data-testid': 'capital-submit' } as object) }}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form<CapitalValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        onValuesChange={(changed) => clearChangedErrors(form, changed)}
        data-testid="capital-form"
        initialValues={{
          category: project.projectType === 'foreign' ? 'foreign_usd' : project.projectType === 'zhejiang_returning' ? 'zhejiang_returning' : 'domestic_out_of_city',
          recordedOn: shanghaiDate(),
        }}
      >
        <Form.Item name="category" label={t('project.capital.category')} rules={[{ required: true }]}>
          <Select options={CAPITAL_CATEGORIES.map((c) => ({ value: c, label: t(`project.capital.categories.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="amountWan"
          label={t('project.capital.amount')}
          required
          rules={[amountWanRule(CreateCapital.shape.amountMinor, i18n.language)]}
        >
          <InputNumber<number>
            style={{ width: '100%' }}
            precision={2}
            inputMode="decimal"
            suffix={moneyUnit(CAPITAL_CURRENCY[category], i18n.language)}
            {...thousands}
            data-testid="capital-amount"
          />
        </Form.Item>
        <Form.Item name="recordedOn" label={t('project.capital.recordedOn')} required rules={[dateRule(CreateCapital.shape.recordedOn, i18n.language)]}>
          <DateInput disabledDay={refusedBy(CreateCapital.shape.recordedOn)} testId="capital-date" />
        </Form.Item>
        <Form.Item name="note" label={t('project.capital.note')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input placeholder={t('project.capital.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReverseModal({ project, record, onClose }: { project: ProjectDetail; record: CapitalRecord; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReverseCapital(project.id);
  const onFinish = ({ reason }: { reason: string }) =>
    reverse.mutate(
      { recordId: record.id, reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(t('project.capital.done'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  return (
    <Modal
      open
      title={t('project.capital.reverseTitle', { amount: money(record.amountMinor, record.currency, i18n.language), date: record.recordedOn })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('project.capital.reverse')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'reverse-submit' } as object) }}
      confirmLoading={reverse.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('project.capital.reverseHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('project.capital.reverseReason')}
          rules={[
            { required: true, whitespace: true, message: t('project.reasonRequired') },
            { max: 500, message: t('common.maxLength', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={2} data-testid="reverse-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CapitalTab({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useCapital(project.id);
  const [adding, setAdding] = useState(false);
  const [reversing, setReversing] = useState<CapitalRecord | null>(null);

  const columns: TableProps<CapitalRecord>['columns'] = [
    { title: t('project.capital.recordedOn'), dataIndex: 'recordedOn', width: 110 },
    { title: t('project.capital.category'), dataIndex: 'category', width: 150, render: (c: CapitalCategory) => t(`project.capital.categories.${c}`) },
    {
      title: t('project.capital.amount'),
      key: 'amount',
      width: 150,
      align: 'right',
      render: (_, r) => <span style={{ color: r.amountMinor < 0 ? '#c9252d' : undefined, textDecoration: r.reversed ? 'line-through' : undefined }}>{money(r.amountMinor, r.currency, lang)}</span>,
    },
    { title: t('project.capital.note'), dataIndex: 'note', width: 200, render: (v: string | null) => v ?? '—' },
    { title: t('project.capital.by'), dataIndex: 'createdByName', width: 90, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      key: 'status',
      width: 130,
      render: (_, r) =>
        r.reversesId ? (
          <Tag>{t('project.capital.reversal', { id: r.reversesId })}</Tag>
        ) : r.reversed ? (
          <Tag color="red">{t('project.capital.reversedTag')}</Tag>
        ) : project.canEdit ? (
          <Button size="small" danger onClick={() => setReversing(r)} data-testid="capital-reverse">
            {t('project.capital.reverse')}
          </Button>
        ) : (
          <Tag color="green">{t('project.capital.valid')}</Tag>
        ),
    },
  ];

  return (
    <div data-testid="project-capital">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {CAPITAL_CATEGORIES.map((c) => {
          const total = project.capitalTotals.find((x) => x.category === c);
          return (
            <Col key={c} xs={24} sm={8}>
              <Card size="small" styles={{ body: { padding: '10px 14px' } }}>
                <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{t(`project.capital.categories.${c}`)}</div>
                <div style={{ fontSize: 18, fontWeight: 600 }} data-testid={`capital-total-${c}`}>
                  {money(total?.amountMinor ?? 0, total?.currency ?? CAPITAL_CURRENCY[c], lang)}
                </div>
              </Card>
            </Col>
          );
        })}
      </Row>
      {project.canEdit ? (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} style={{ marginBottom: 12 }} data-testid="capital-add">
          {t('project.capital.add')}
        </Button>
      ) : null}
      <Table<CapitalRecord>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isFetching}
        pagination={false}
        scroll={{ x: 830 }}
        locale={{ emptyText: <EmptyState description={t('project.capital.empty')} /> }}
      />
      {adding ? <CapitalModal project={project} onClose={() => setAdding(false)} /> : null}
      {reversing ? <ReverseModal project={project} record={reversing} onClose={() => setReversing(null)} /> : null}
    </div>
  );
}
