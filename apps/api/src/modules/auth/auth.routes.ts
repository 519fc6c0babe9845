import { ChangePassword, Login, Me, Ok, SetLang } from '@wutong/contracts';
import { LANG_COOKIE, SESSION_COOKIE, route, type AnyRoute } from '../../platform/http.js';
import type { Config } from '../../platform/config.js';
import * as service from './auth.service.js';

export function authRoutes(config: Config): AnyRoute[] {
  const cookieOpts = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: 'auto' as const,
  };
  return [
    route({
      method: 'POST',
      url: '/api/auth/login',
      summary: 'Sign in; sets the session cookie',
      tags: ['auth'],
      public: true,
      transaction: false,
      body: Login,
      response: Me,
      handler: async (ctx, { body }, reply) => {
        const cookieLang = reply.request.cookies[LANG_COOKIE];
        const chosen = cookieLang === 'zh-CN' || cookieLang === 'en-US' ? cookieLang : undefined;
        const { token, me } = await service.login(ctx, body, reply.request.headers['user-agent'], config.sessionDays, chosen);
        reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts, maxAge: config.sessionDays * 86400 });
        reply.setCookie(LANG_COOKIE, me.lang, { path: '/', sameSite: 'strict', maxAge: 365 * 86400 });
        return me;
      },
    }),
    route({
      method: 'GET',
      url: '/api/auth/me',
      summary: 'The signed-in user',
      tags: ['auth'],
      allowMustChangePassword: true,
      response: Me,
      handler: async (ctx) => service.toMe(ctx.user),
    }),
    route({
      method: 'POST',
      url: '/api/auth/logout',
      summary: 'Sign out',
      tags: ['auth'],
      allowMustChangePassword: true,
      acts: 'self',
      response: Ok,
      handler: async (ctx, _i, reply) => {
        await service.logout(ctx, reply.request.cookies[SESSION_COOKIE]);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/password',
      summary: 'Change my password',
      tags: ['auth'],
      allowMustChangePassword: true,
      acts: 'self',
      body: ChangePassword,
      response: Ok,
      handler: async (ctx, { body }, reply) => {
        await service.changePassword(ctx, body, reply.request.cookies[SESSION_COOKIE]);
        return { ok: true as const };
      },
    }),
    route({
      method: 'POST',
      url: '/api/auth/lang',
      summary: 'Set my language',
      tags: ['auth'],
      allowMustChangePassword: true,
      acts: 'self',
      body: SetLang,
      response: Ok,
      handler: async (ctx, { body }, reply) => {
        await service.setLang(ctx, body.lang);
        reply.setCookie(LANG_COOKIE, body.lang, { path: '/', sameSite: 'strict', maxAge: 365 * 86400 });
        return { ok: true as const };
      },
    }),
  ];
}
