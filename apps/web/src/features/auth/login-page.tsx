import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Login } from '@wutong/contracts';
import { ApiError } from '../../app/api-client';
import { LangSwitch } from '../../app/lang-switch';
import { settleLangAfterSignIn } from '../../app/lang';
import { meKey, useLogin } from './auth-api';

/** Only a path inside this app may be a return address (no //evil.example). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Login>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const login = useLogin();
  const [error, setError] = useState<ApiError | null>(null);

  const onFinish = (values: Login) => {
    setError(null);
    login.mutate(values, {
      onSuccess: async (me) => {
        qc.clear();
        qc.setQueryData(meKey, me);
        await settleLangAfterSignIn(me.lang);
        await navigate(me.mustChangePassword ? '/password' : safeNext(params.get('next')), { replace: true });
      },
      onError: (e) => {
        const err = e instanceof ApiError ? e : new ApiError(0, 'network', e.message);
        setError(err);
        const fields = Object.entries(err.fields).filter(([k]) => k === 'username' || k === 'password');
        if (fields.length) form.setFields(fields.map(([name, msg]) => ({ name: name as keyof Login, errors: [msg] })));
        if (err.code === 'login_failed') form.setFieldValue('password', '');
      },
    });
  };

  const locked = error?.code === 'login_locked';

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: '24px 16px',
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #1d4f91 0%, #2f6db5 45%, #eef3f9 45.2%, #f3f5f8 100%)',
      }}
    >
      <div style={{ position: 'fixed', top: 12, right: 12 }}>
        <LangSwitch signedIn={false} />
      </div>
      <div style={{ width: '100%', maxWidth: 400 }}>
        <div style={{ textAlign: 'center', color: '#fff', marginBottom: 24 }}>
          <div
            aria-hidden
            style={{
              width: 56,
              height: 56,
              margin: '0 auto 12px',
              borderRadius: 12,
              background: '#fff',
              color: '#1d4f91',
              display: 'grid',
              placeItems: 'center',
              fontSize: 30,
              fontWeight: 700,
            }}
          >
            梧
          </div>
          <h1 style={{ margin: 0, fontSize: 22, fontWeight: 600, lineHeight: 1.4 }} data-testid="login-title">
            {t('app.title')}
          </h1>
          <div style={{ opacity: 0.85, marginTop: 4 }}>{t('auth.tagline')}</div>
        </div>
        <Card variant="borderless" style={{ boxShadow: '0 8px 28px rgba(16, 42, 84, 0.16)' }}>
          {error ? (
            <Alert
              type={locked ? 'warning' : 'error'}
              showIcon
              title={locked ? t('auth.lockedTitle') : t('auth.failedTitle')}
              description={error.message}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          ) : null}
          <Form<Login> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} size="large" disabled={login.isPending}>
            <Form.Item
              name="username"
              label={t('auth.username')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('auth.username') }) }]}
            >
              <Input
                prefix={<UserOutlined />}
                placeholder={t('auth.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
              />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('common.required', { field: t('auth.password') }) }]}>
              <Input.Password
                prefix={<LockOutlined />}
                placeholder={t('auth.passwordPlaceholder')}
                autoComplete="current-password"
                data-testid="login-password"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
              {t('auth.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ margin: '16px 0 0', fontSize: 12, textAlign: 'center' }}>
            {t('auth.footer')}
          </Typography.Paragraph>
        </Card>
      </div>
    </div>
  );
}
