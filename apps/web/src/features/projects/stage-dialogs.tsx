import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OPEN_STAGES, type ProjectDetail, type Stage } from '@wutong/contracts';
import { stageLabel } from './stages';
import { useTransition } from './project-api';
import { useServerErrors } from '../../shared/use-error-handler';

type Props = { project: ProjectDetail; onClose: () => void };

/** 终止: with a reason, after saying what happens (it can be reopened). */
export function DropModal({ project, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<{ reason: string }>();
  const transition = useTransition(project.id);
  const onFinish = ({ reason }: { reason: string }) =>
    transition.mutate(
      { to: 'dropped', evidence: {}, reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(t('project.droppedDone'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  return (
    <Modal
      open
      title={t('project.dropTitle', { name: project.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('project.drop')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'drop-submit' } as object) }}
      confirmLoading={transition.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('project.dropHelp', { stage: stageLabel(project.stage, i18n.language) })}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={onFinish}>
        <Form.Item
          name="reason"
          label={t('project.dropReason')}
          rules={[
            { required: true, whitespace: true, message: t('project.reasonRequired') },
            { max: 500, message: t('common.maxLength', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} placeholder={t('project.dropReasonPlaceholder')} data-testid="drop-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ReopenValues = { to: Stage; reason: string };

/** 重新启动: back to the stage it was dropped from, with a reason. */
export function ReopenModal({ project, onClose, reopenTo }: Props & { reopenTo: Stage | undefined }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const onError = useServerErrors();
  const [form] = Form.useForm<ReopenValues>();
  const transition = useTransition(project.id);
  const onFinish = (v: ReopenValues) =>
    transition.mutate(
      { to: v.to, evidence: {}, reason: v.reason.trim() },
      {
        onSuccess: (p) => {
          message.success(t('project.reopened', { stage: stageLabel(p.stage, i18n.language) }));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );
  return (
    <Modal
      open
      title={t('project.reopenTitle', { name: project.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('project.reopen')}
      okButtonProps={{ ...({ 'data-testid': 'reopen-submit' } as object) }}
      confirmLoading={transition.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {reopenTo ? t('project.reopenHelp', { stage: stageLabel(reopenTo, i18n.language) }) : t('project.reopenPick')}
      </Typography.Paragraph>
      <Form<ReopenValues> form={form} layout="vertical" onFinish={onFinish} initialValues={{ to: reopenTo }}>
        <Form.Item name="to" label={t('project.reopenTo')} rules={[{ required: true, message: t('project.reopenPick') }]} hidden={!!reopenTo}>
          <Select options={OPEN_STAGES.map((s) => ({ value: s, label: stageLabel(s, i18n.language) }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('project.reopenReason')}
          rules={[
            { required: true, whitespace: true, message: t('project.reasonRequired') },
            { max: 500, message: t('common.maxLength', { max: 500 }) },
          ]}
        >
          <Input.TextArea rows={3} data-testid="reopen-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
