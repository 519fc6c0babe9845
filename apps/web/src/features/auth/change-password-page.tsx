import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/page-header';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useChangePassword } from './auth-api';
import { useCurrentUser } from './current-user';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();

  const onFinish = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          message.success(t('password.success'));
          void navigate('/', { replace: true });
        },
        onError: (e) => onError(e, form),
      },
    );

  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card style={{ maxWidth: 520 }}>
        {me.mustChangePassword ? (
          <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 20 }} data-testid="must-change-alert" />
        ) : null}
        <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
          <Form.Item
            name="currentPassword"
            label={t('password.current')}
            rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('password.new')}
            extra={t('password.minLength')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.new') }) },
              { min: 8, message: t('password.minLength') },
              { max: 128, message: t('common.maxLength', { max: 128 }) },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  v && v === getFieldValue('currentPassword') ? Promise.reject(new Error(t('password.mustDiffer'))) : Promise.resolve(),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('password.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('password.confirm') }) },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
