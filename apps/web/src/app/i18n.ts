import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '@wutong/contracts';
import { readLangCookie } from '../shared/lang';
import { zhCN, type Resources } from './locales/zh-cn';
import { enUS } from './locales/en-us';

// Module augmentation needs an interface: it is how i18next learns our keys, so `t('typo')` fails to compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Resources };
  }
}

const initial: Lang = readLangCookie() ?? 'zh-CN';

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  showSupportNotice: false, // no vendor banner in the users' consoles
});
const reflect = (lang: string) => {
  // unit tests import this module without a DOM
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.title = i18n.t('app.title');
};
i18n.on('languageChanged', reflect);
reflect(initial);

export { i18n };
