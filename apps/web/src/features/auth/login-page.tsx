import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api-client';
import { LangSwitch } from '../../shared/lang-switch';
import { settleLangAfterSignIn } from '../../shared/lang';
import { meKey, useLogin } from './auth-api';
import './login-page.css';
import { preloadAfterSignIn } from '../../shared/lazy-page';

type Field = 'username' | 'password';

/** Only a path inside this app may be a return address (no //evil.example). */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

const icon = (d: string) => (
  <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
    <path d={d} />
  </svg>
);
const userIcon = icon('M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 3.6-6.5 8-6.5s8 2.5 8 6.5');
const lockIcon = icon('M6 10h12v11H6zM8.5 10V7a3.5 3.5 0 0 1 7 0v3');
const eyeIcon = icon('M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z');
const alertIcon = icon('M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7.5v5.5M12 16.2v.3');
const clockIcon = icon('M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3.2 2');
const checkIcon = icon('M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12.3l2.7 2.7L16.2 9.5');
const eyeOffIcon = icon('M3 3l18 18M10.6 5.1A10.6 10.6 0 0 1 12 5c6.4 0 10 7 10 7a17 17 0 0 1-3.2 4.1M6.6 6.6C3.8 8.4 2 12 2 12s3.6 7 10 7c1.6 0 3-.4 4.3-1');

/**
 * The first screen anyone sees, so it carries no component library: plain elements and one CSS file
 * keep it to React, the router and i18next.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const login = useLogin();
  const [values, setValues] = useState<Record<Field, string>>({ username: '', password: '' });
  const [touched, setTouched] = useState<Record<Field, boolean>>({ username: false, password: false });
  const [serverFields, setServerFields] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const signedOut = (location.state as { signedOut?: boolean } | null)?.signedOut === true;

  // while the user types, fetch what comes after signing in (after the first screen, not with it)
  useEffect(() => {
    const id = setTimeout(() => {
      preloadAfterSignIn();
    }, 1200);
    return () => clearTimeout(id);
  }, []);

  const labels: Record<Field, string> = { username: t('auth.username'), password: t('auth.password') };
  const fieldError = (f: Field): string | undefined =>
    serverFields[f] ?? (touched[f] && !values[f].trim() ? t('common.required', { field: labels[f] }) : undefined);

  const set = (f: Field, v: string) => {
    setValues((s) => ({ ...s, [f]: v }));
    setTouched((s) => ({ ...s, [f]: true }));
    setServerFields((s) => ({ ...s, [f]: undefined }));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTouched({ username: true, password: true });
    if (!values.username.trim() || !values.password) return;
    setError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: async (me) => {
          qc.clear();
          qc.setQueryData(meKey, me);
          await settleLangAfterSignIn(me.lang);
          await navigate(me.mustChangePassword ? '/password' : safeNext(params.get('next')), { replace: true });
        },
        onError: (e) => {
          const err = e instanceof ApiError ? e : new ApiError(0, 'network', e.message);
          setError(err);
          setServerFields({ username: err.fields.username, password: err.fields.password });
          if (err.code === 'login_failed') {
            setValues((s) => ({ ...s, password: '' }));
            setTouched((s) => ({ ...s, password: false }));
          }
        },
      },
    );
  };

  const locked = error?.code === 'login_locked';

  const input = (f: Field, type: string, autoComplete: string, prefix: ReactNode, suffix?: ReactNode) => {
    const err = fieldError(f);
    return (
      <div className="login-field">
        <label htmlFor={`login-${f}`}>{labels[f]}</label>
        <div className={err ? 'login-input invalid' : 'login-input'}>
          {prefix}
          <input
            id={`login-${f}`}
            name={f}
            type={type}
            value={values[f]}
            autoComplete={autoComplete}
            placeholder={t(f === 'username' ? 'auth.usernamePlaceholder' : 'auth.passwordPlaceholder')}
            onChange={(e) => set(f, e.target.value)}
            onBlur={() => setTouched((s) => ({ ...s, [f]: true }))}
            aria-invalid={err ? true : undefined}
            aria-describedby={err ? `login-${f}-error` : undefined}
            autoFocus={f === 'username'}
            maxLength={f === 'username' ? 40 : 128}
            data-testid={`login-${f}`}
          />
          {suffix}
        </div>
        {err ? (
          <div className="login-field-error" id={`login-${f}-error`} role="alert">
            {err}
          </div>
        ) : null}
      </div>
    );
  };

  return (
    <main className="login">
      <div className="login-lang">
        <LangSwitch signedIn={false} tone="light" />
      </div>
      <div className="login-box">
        <div className="login-brand">
          <div className="login-logo" aria-hidden="true">
            {t('app.mark')}
          </div>
          <h1 data-testid="login-title">{t('app.title')}</h1>
          <p>{t('auth.tagline')}</p>
        </div>
        <form className="login-card" onSubmit={onSubmit} noValidate>
          {error ? (
            <div className={locked ? 'login-alert warning' : 'login-alert'} role="alert" data-testid="login-error" data-code={error.code}>
              <span className="login-alert-icon" aria-hidden="true">
                {locked ? clockIcon : alertIcon}
              </span>
              <div>
                <strong>{locked ? t('auth.lockedTitle') : t('auth.failedTitle')}</strong>
                {error.message}
              </div>
            </div>
          ) : signedOut ? (
            <div className="login-alert success" role="status">
              <span className="login-alert-icon" aria-hidden="true">
                {checkIcon}
              </span>
              <div>{t('nav.signedOut')}</div>
            </div>
          ) : null}
          {input('username', 'text', 'username', userIcon)}
          {input(
            'password',
            showPassword ? 'text' : 'password',
            'current-password',
            lockIcon,
            <button type="button" onClick={() => setShowPassword((v) => !v)} aria-label={t('auth.password')} tabIndex={-1}>
              {showPassword ? eyeOffIcon : eyeIcon}
            </button>,
          )}
          <button type="submit" className="login-submit" disabled={login.isPending} data-testid="login-submit">
            {login.isPending ? t('common.loading') : t('auth.submit')}
          </button>
          <p className="login-footer">{t('auth.footer')}</p>
        </form>
      </div>
    </main>
  );
}
