import { useState } from 'react';
import { App, Form, Input, Modal, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProjectListItem } from '@wutong/contracts';
import { useDebounced } from '../../shared/use-debounced';
import { punct } from '../../shared/format';
import { stageLabel } from './stages';
import { useAcceptLead, useMergeLead, useProjectSearch, useRejectLead, useUnitPeople } from './project-api';
import { useServerErrors } from '../../shared/use-error-handler';
import { UnitPicker } from '../../shared/unit-picker';

type Props = { lead: ProjectListItem; onClose: () => void };

type AcceptValues = { unitId: number; ownerUserId?: number; note?: string };

/** 受理: the owner unit from the org tree in my scope, and a person of that unit. */
export function AcceptModal({ lead, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<AcceptValues>();
  const accept = useAcceptLead();
  const unitId = Form.useWatch('unitId', form) ?? lead.unitId;
  const people = useUnitPeople(unitId);
  
  const onFinish = (v: AcceptValues) =>
    accept.mutate(
      { id: lead.id, unitId: v.unitId, ...(v.ownerUserId ? { ownerUserId: v.ownerUserId } : {}), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
      {
        onSuccess: (p) => {
          message.success(t('inbox.accepted', { unit: p.unitName }));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );

  return (
    <Modal
      open
      title={t('inbox.acceptTitle', { name: lead.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('inbox.accept')}
      okButtonProps={{ ...({ 'data-testid': 'accept-submit' } as object) }}
      confirmLoading={accept.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('inbox.acceptHelp')}</Typography.Paragraph>
      <Form<AcceptValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ unitId: lead.unitId, ownerUserId: lead.ownerUserId ?? undefined }}
        onValuesChange={(changed: Partial<AcceptValues>) => {
          if ('unitId' in changed) form.setFieldValue('ownerUserId', undefined);
        }}
      >
        <Form.Item name="unitId" label={t('inbox.unit')} rules={[{ required: true, message: t('inbox.unitRequired') }]}>
          <UnitPicker inactive="skip"
            testId="accept-unit"
          />
        </Form.Item>
        <Form.Item name="ownerUserId" label={t('inbox.owner')} extra={t('inbox.ownerHelp')}>
          <Select
            allowClear
            loading={people.isFetching}
            placeholder={t('inbox.ownerPlaceholder')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(people.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}${punct(i18n.language).paren(u.username)}` }))}
            notFoundContent={people.isFetching ? undefined : t('inbox.noPeople')}
            data-testid="accept-owner"
          />
        </Form.Item>
        <Form.Item name="note" label={t('inbox.note')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input.TextArea rows={2} data-testid="accept-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type MergeValues = { intoProjectId: number; note?: string };

/** 合并: the lead is the same matter as a project already followed. */
export function MergeModal({ lead, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<MergeValues>();
  const merge = useMergeLead();
  const [q, setQ] = useState(lead.enterpriseName.slice(0, 4));
  const settled = useDebounced(q, 300);
  const found = useProjectSearch(settled);
  const options = (found.data ?? [])
    .filter((p) => p.id !== lead.id)
    .map((p) => ({
      value: p.id,
      label: (
        <span>
          {p.name}{' '}
          <Tag style={{ marginInlineStart: 4 }}>{stageLabel(p.stage, i18n.language)}</Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.unitName}
          </Typography.Text>
        </span>
      ),
    }));

  const onFinish = (v: MergeValues) =>
    merge.mutate(
      { id: lead.id, intoProjectId: v.intoProjectId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
      {
        onSuccess: (p) => {
          message.success(t('inbox.merged', { name: p.name }));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );

  return (
    <Modal
      open
      title={t('inbox.mergeTitle', { name: lead.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('inbox.merge')}
      okButtonProps={{ ...({ 'data-testid': 'merge-submit' } as object) }}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('inbox.mergeHelp')}</Typography.Paragraph>
      <Form<MergeValues> form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item name="intoProjectId" label={t('inbox.into')} rules={[{ required: true, message: t('inbox.intoRequired') }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder={t('inbox.intoPlaceholder')}
            loading={found.isFetching}
            options={options}
            notFoundContent={found.isFetching ? undefined : t('inbox.noProjects')}
            data-testid="merge-into"
          />
        </Form.Item>
        <Form.Item name="note" label={t('inbox.note')} rules={[{ max: 500, message: t('common.maxLength', { max: 500 }) }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 退回: closes the lead; the reporter sees the reason on their workbench. */
export function RejectModal({ lead, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<{ reason: string }>();
  const reject = useRejectLead();
  const onFinish = ({ reason }: { reason: string }) =>
    reject.mutate(
      { id: lead.id, reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(t('inbox.rejected'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  return (
    <Modal
      open
      title={t('inbox.rejectTitle', { name: lead.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('inbox.reject')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'reject-submit' } as object) }}
      confirmLoading={reject.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('inbox.rejectHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('inbox.reason')}
          rules={[
            { required: true, whitespace: true, message: t('inbox.reasonRequired') },
            { max: 500, message: t('common.maxLength', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} placeholder={t('inbox.reasonPlaceholder')} data-testid="reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
