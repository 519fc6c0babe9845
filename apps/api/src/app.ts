import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import { watchDataChanges, type Database } from '@wutong/db';
import type { Config } from './platform/config.js';
import { VERSION } from './platform/config.js';
import { AppError } from './platform/errors.js';
import { forgetAllSessions } from './platform/session-cache.js';
import { buildOpenApi, installErrorHandling, registerRoutes, requestLang, sendError } from './platform/http.js';
import { allRoutes, wireModules } from './modules.js';

export const BODY_LIMIT = 256 * 1024;

export async function buildApp(database: Database, config: Config, opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
    },
    // X-Forwarded-* only from the configured proxies: from anyone else they are the client's say-so
    trustProxy: config.trustProxy,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(cookie);
  // the web app's JS is ~4x smaller gzipped; API answers above 1 KB are compressed too
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });

  // CSRF: a state-changing request must carry JSON (a cross-site <form> cannot send it without a
  // CORS preflight, which we never grant) and the session cookie is SameSite=Strict.
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    const lang = requestLang(req);
    if (req.headers['sec-fetch-site'] === 'cross-site') return sendError(reply, lang, new AppError(403, 'cross_site'), String(req.id));
    const type = req.headers['content-type'] ?? '';
    // a DELETE that sends nothing needs no type (no form can send a DELETE across sites)
    const bodiless = req.method === 'DELETE' && !req.headers['transfer-encoding'] && (req.headers['content-length'] ?? '0') === '0';
    if (!bodiless && !/^application\/json\s*(;|$)/i.test(type)) return sendError(reply, lang, new AppError(415, 'json_required'), String(req.id));
  });

  // the change feed: list pages kept in memory (unless WUTONG_READ_CACHE=0), and signed-in
  // callers' cached scopes, dropped when any instance changes what they come from
  const stopFeed = await watchDataChanges(database, (msg) => app.log.warn(msg), { readCache: config.readCache, onSessionsChanged: forgetAllSessions });
  app.addHook('onClose', stopFeed);

  installErrorHandling(app, database);
  wireModules();
  const routes = allRoutes(config);
  registerRoutes(app, { database, config }, routes);
  const openapi = buildOpenApi(routes, VERSION);
  app.get('/api/openapi.json', async () => openapi);

  if (existsSync(config.webDir)) {
    // files are looked up per request (a rebuilt app is served without a restart); hashed
    // assets never change, everything else is revalidated
    await app.register(fastifyStatic, {
      root: config.webDir,
      wildcard: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // a missing asset is a real 404: answering it with index.html would give a blank page
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET' || !existsSync(config.webDir)) {
      return sendError(reply, requestLang(req), new AppError(404, 'route_not_found'), String(req.id));
    }
    // the single-page app owns every other path
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return app;
}
