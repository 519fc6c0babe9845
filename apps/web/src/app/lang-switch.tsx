import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { switchLang } from './lang';

type Props = { signedIn: boolean; compact?: boolean };

/** One button that shows the other language, the way bilingual government sites do. */
export function LangSwitch({ signedIn, compact }: Props) {
  const { t, i18n } = useTranslation();
  const next = i18n.language === 'en-US' ? 'zh-CN' : 'en-US';
  return (
    <Button
      type="text"
      icon={<GlobalOutlined />}
      aria-label={t('lang.switchAria')}
      title={t('lang.switchAria')}
      data-testid="lang-switch"
      data-lang={i18n.language}
      onClick={() => switchLang(next, signedIn)}
    >
      {compact ? (next === 'en-US' ? 'EN' : '中') : t('lang.other')}
    </Button>
  );
}
