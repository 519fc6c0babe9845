// the i18next instance that app/i18n.ts initialises
import i18n from 'i18next';
import type { Lang } from '@wutong/contracts';
import { api } from './api-client';

export const LANG_COOKIE = 'wutong_lang';

/** The server reads the same cookie to localise its error messages. */
export function readLangCookie(): Lang | undefined {
  if (typeof document === 'undefined') return undefined;
  const m = /(?:^|;\s*)wutong_lang=([^;]+)/.exec(document.cookie);
  const v = m?.[1] ? decodeURIComponent(m[1]) : undefined;
  return v === 'en-US' || v === 'zh-CN' ? v : undefined;
}

export function writeLangCookie(lang: Lang) {
  document.cookie = `${LANG_COOKIE}=${lang}; path=/; SameSite=Strict; max-age=31536000`;
}

export function applyLang(lang: Lang) {
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
}

export function currentLang(): Lang {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

let chosenBeforeSignIn = false;

/** Switches the UI language, remembers it in the cookie and, when signed in, in the user's profile. */
export function switchLang(lang: Lang, signedIn: boolean) {
  writeLangCookie(lang);
  applyLang(lang);
  if (signedIn) void api.post('/api/auth/lang', { lang }).catch(() => undefined);
  else chosenBeforeSignIn = true;
}

/**
 * After sign-in the server sets the cookie to the language stored for the user. A choice made on the
 * login page wins (and is saved to the profile); otherwise the stored preference does.
 */
export async function settleLangAfterSignIn(stored: Lang) {
  if (chosenBeforeSignIn) {
    chosenBeforeSignIn = false;
    const lang = currentLang();
    writeLangCookie(lang);
    if (lang !== stored) await api.post('/api/auth/lang', { lang }).catch(() => undefined);
    return;
  }
  writeLangCookie(stored);
  applyLang(stored);
}
