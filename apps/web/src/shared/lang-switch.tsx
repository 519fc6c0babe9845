import { useTranslation } from 'react-i18next';
import { switchLang } from './lang';

type Props = { signedIn: boolean; compact?: boolean; tone?: 'light' | 'dark' };

/**
 * One button that shows the other language, the way bilingual government sites do. Plain HTML (styled
 * in global.css) because the login page carries no component library.
 */
export function LangSwitch({ signedIn, compact, tone = 'dark' }: Props) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';
  return (
    <button
      type="button"
      className={`wt-lang-switch wt-lang-switch-${tone}`}
      aria-label={t('lang.switchAria')}
      title={t('lang.switchAria')}
      data-testid="lang-switch"
      data-lang={i18n.language}
      lang={next}
      onClick={() => switchLang(next, signedIn)}
    >
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.8">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
      </svg>
      <span>{compact ? t('lang.otherShort') : t('lang.other')}</span>
    </button>
  );
}
