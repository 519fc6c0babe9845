import { App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '@wutong/contracts';
import { useErrorHandler } from '../../shared/use-error-handler';
import { generatePassword, useResetPassword } from './users-api';

type Props = { user: User; onClose: () => void };
type Values = { newPassword: string };

export function ResetPasswordModal({ user, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const reset = useResetPassword();

  const onFinish = ({ newPassword }: Values) =>
    reset.mutate(
      { id: user.id, newPassword },
      {
        onSuccess: () => {
          message.success(t('users.resetDone'));
          onClose();
        },
        onError: (e) => onError(e, form),
      },
    );

  return (
    <Modal
      open
      title={t('users.resetTitle', { name: user.displayName })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('users.resetPassword')}
      confirmLoading={reset.isPending}
    >
      <Typography.Paragraph type="secondary">{t('users.resetHelp')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} initialValues={{ newPassword: generatePassword() }}>
        <Form.Item label={t('users.newPassword')} required>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="newPassword"
              noStyle
              rules={[
                { required: true, message: t('common.required', { field: t('users.newPassword') }) },
                { min: 8, message: t('users.passwordRule') },
                { max: 128, message: t('common.maxLength', { max: 128 }) },
              ]}
            >
              <Input data-testid="reset-password-input" autoComplete="off" />
            </Form.Item>
            <Button onClick={() => form.setFieldValue('newPassword', generatePassword())}>{t('users.generate')}</Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}
