import { App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnit, UnitKind, UpdateUnit } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useCreateUnit, useUpdateUnit } from './org-api';
import { unitName } from './unit-tree';

const KINDS: UnitKind[] = ['region', 'lead_group', 'department', 'township', 'park', 'state_company', 'other'];

type Values = { name: string; nameEn?: string; kind: UnitKind; code?: string; sortOrder?: number | null };

type Props =
  | { mode: 'create'; parent: OrgUnit; nextSortOrder: number; onClose: () => void; onDone: (u: OrgUnit) => void }
  | { mode: 'edit'; unit: OrgUnit; isRoot: boolean; onClose: () => void; onDone: (u: OrgUnit) => void };

/** A sensible default kind for a new unit: what its siblings mostly are. */
function defaultKind(parent: OrgUnit): Exclude<UnitKind, 'region'> {
  if (parent.kind === 'region') return 'department';
  return parent.kind === 'lead_group' ? 'department' : parent.kind;
}

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

export function UnitFormModal(props: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const pending = create.isPending || update.isPending;

  const initial: Values =
    props.mode === 'create'
      ? { name: '', kind: defaultKind(props.parent), sortOrder: props.nextSortOrder }
      : {
          name: props.unit.name,
          nameEn: props.unit.nameEn ?? '',
          kind: props.unit.kind,
          code: props.unit.code ?? '',
          sortOrder: props.unit.sortOrder,
        };

  const onFinish = (v: Values) => {
    if (props.mode === 'create') {
      create.mutate(
        {
          parentId: props.parent.id,
          name: v.name.trim(),
          kind: v.kind === 'region' ? 'other' : v.kind,
          ...(blankToNull(v.nameEn) ? { nameEn: v.nameEn!.trim() } : {}),
          ...(blankToNull(v.code) ? { code: v.code!.trim() } : {}),
          ...(typeof v.sortOrder === 'number' ? { sortOrder: v.sortOrder } : {}),
        },
        {
          onSuccess: (u) => {
            message.success(t('org.created', { name: unitName(u, i18n.language) }));
            props.onDone(u);
          },
          onError: (e) => onError(e, form),
        },
      );
      return;
    }
    const u = props.unit;
    // only what changed: a PATCH that names a field takes responsibility for it
    const patch: UpdateUnit = {};
    if (v.name.trim() !== u.name) patch.name = v.name.trim();
    if (blankToNull(v.nameEn) !== u.nameEn) patch.nameEn = blankToNull(v.nameEn);
    if (v.kind !== u.kind) patch.kind = v.kind;
    if (blankToNull(v.code) !== u.code) patch.code = blankToNull(v.code);
    if (typeof v.sortOrder === 'number' && v.sortOrder !== u.sortOrder) patch.sortOrder = v.sortOrder;
    if (Object.keys(patch).length === 0) {
      props.onClose();
      return;
    }
    update.mutate(
      { id: u.id, ...patch },
      {
        onSuccess: (res) => {
          message.success(t('org.saved'));
          props.onDone(res);
        },
        onError: (e) => onError(e, form),
      },
    );
  };

  const kinds = KINDS.filter((k) => k !== 'region' || (props.mode === 'edit' && props.unit.kind === 'region'));
  const title =
    props.mode === 'create'
      ? t('org.addChildTitle', { parent: unitName(props.parent, i18n.language) })
      : t('org.editTitle', { name: unitName(props.unit, i18n.language) });

  return (
    <Modal
      open
      title={title}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'unit-form-submit' } as Record<string, string>}
      mask={{ closable: false }}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={onFinish} disabled={pending} style={{ marginTop: 16 }}>
        <Form.Item
          name="name"
          label={t('org.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('org.name') }) },
            { max: 60, message: t('common.maxLength', { max: 60 }) },
          ]}
        >
          <Input autoFocus data-testid="unit-name" maxLength={60} showCount />
        </Form.Item>
        <Form.Item name="nameEn" label={t('org.nameEn')} rules={[{ max: 120, message: t('common.maxLength', { max: 120 }) }]}>
          <Input data-testid="unit-name-en" />
        </Form.Item>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('common.required', { field: t('org.kind') }) }]}>
          <Select
            data-testid="unit-kind"
            disabled={props.mode === 'edit' && props.isRoot}
            options={kinds.map((k) => ({ value: k, label: t(`org.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('org.code')}
          rules={[
            { max: 20, message: t('common.maxLength', { max: 20 }) },
            { pattern: /^[0-9A-Za-z_-]*$/, message: t('org.codeRule') },
          ]}
        >
          <Input data-testid="unit-code" placeholder="HS-XXX" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('org.sortOrder')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
