import { useMemo } from 'react';
import { App, Form, Modal, TreeSelect, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useMoveUnit } from './org-api';
import { buildForest, toOptions, unitName } from './unit-tree';

type Props = { unit: OrgUnit; units: readonly OrgUnit[]; onClose: () => void; onDone: (u: OrgUnit) => void };
type Values = { parentId: number };

export function UnitMoveModal({ unit, units, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const move = useMoveUnit();
  // the unit itself and everything under it cannot be its new parent (the server says unit_cycle too)
  const options = useMemo(
    () => toOptions(buildForest(units), i18n.language, { disabled: (u) => u.path.startsWith(unit.path) }),
    [units, unit.path, i18n.language],
  );

  const onFinish = ({ parentId }: Values) => {
    if (parentId === unit.parentId) {
      onClose();
      return;
    }
    move.mutate(
      { id: unit.id, parentId },
      {
        onSuccess: (u) => {
          message.success(t('org.moved'));
          onDone(u);
        },
        onError: (e) => onError(e, form),
      },
    );
  };

  return (
    <Modal
      open
      title={t('org.moveTitle', { name: unitName(unit, i18n.language) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('org.move')}
      confirmLoading={move.isPending}
      okButtonProps={{ 'data-testid': 'unit-move-submit' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('org.moveHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" initialValues={unit.parentId ? { parentId: unit.parentId } : {}} onFinish={onFinish}>
        <Form.Item name="parentId" label={t('org.newParent')} rules={[{ required: true, message: t('common.required', { field: t('org.newParent') }) }]}>
          <TreeSelect
            data-testid="unit-move-parent"
            treeData={options}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandAll
            popupMatchSelectWidth
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
