import type { Lang } from '@wutong/contracts';
import { api } from './api-client';
import { applyLang, currentLang, writeLangCookie } from '../app/i18n';

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
