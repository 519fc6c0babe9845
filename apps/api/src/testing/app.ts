import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, hasTemplate } from '@wutong/db/testing';
import type { Database } from '@wutong/db';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../platform/config.js';
import { wireModules } from '../modules.js';
import { buildTemplateInline, type TestTemplate } from './templates.js';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  /** signs in and returns the session cookie header */
  login: (username: string, password: string) => Promise<string>;
  /** `remoteAddress`: the connection's peer (default 127.0.0.1) */
  call: (method: string, url: string, opts?: { cookie?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string; /** send no body and no content type (a plain DELETE) */ noBody?: boolean }) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

type Seed = (database: Database) => Promise<void>;

/**
 * The app on a database of its own, copied from one of the run's templates (templates.ts):
 * `startTestApp('demo')`, `startTestApp('demo-pipeline')`, `startTestApp('base', seed)`; a seed
 * alone starts from `base`. What a test writes stays in its own copy.
 */
export async function startTestApp(from?: TestTemplate | Seed, seed?: Seed, overrides: Partial<Config> = {}): Promise<TestApp> {
  const template: TestTemplate = typeof from === 'string' ? from : 'base';
  const extra = typeof from === 'function' ? from : seed;
  let database: Database;
  if (hasTemplate(template)) {
    database = await createTestDatabase({ template });
  } else {
    database = await createTestDatabase();
    await buildTemplateInline(database, template);
  }
  wireModules();
  if (extra) await extra(database);
  const config = { ...loadConfig({ NODE_ENV: 'test' }), webDir: '/nonexistent', demo: false, ...overrides };
  const app = await buildApp(database, config, { logger: false });
  await app.ready();
  const call: TestApp['call'] = (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie) headers.cookie = opts.cookie;
    const hasBody = method !== 'GET' && method !== 'HEAD' && !opts.noBody;
    if (hasBody && !headers['content-type']) headers['content-type'] = 'application/json';
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
      payload: hasBody ? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body === undefined ? {} : opts.body)) : undefined,
    });
  };
  const login = async (username: string, password: string) => {
    const res = await call('POST', '/api/auth/login', { body: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((x) => x.name === 'wutong_session');
    return `wutong_session=${c!.value}`;
  };
  return {
    app,
    database,
    login,
    call,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/**
 * How a direct SQL statement ends: `CODE: message` of the PostgreSQL error (drizzle wraps it), or
 * 'not refused'. For the guards (triggers) that refuse what the API never does.
 */
export async function refusal(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (e) {
    const cause = ((e as { cause?: unknown }).cause ?? e) as { code?: string; message?: string };
    return `${cause.code}: ${cause.message}`;
  }
  return 'not refused';
}
