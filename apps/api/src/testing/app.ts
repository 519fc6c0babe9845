import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '@wutong/db/testing';
import type { Database } from '@wutong/db';
import { buildApp } from '../app.js';
import { loadIndustries } from '../seeds/industries.js';
import { loadConfig, type Config } from '../platform/config.js';

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  /** signs in and returns the session cookie header */
  login: (username: string, password: string) => Promise<string>;
  /** `remoteAddress`: the connection's peer (default 127.0.0.1) */
  call: (method: string, url: string, opts?: { cookie?: string; body?: unknown; headers?: Record<string, string>; remoteAddress?: string }) => Promise<LightMyRequestResponse>;
  close: () => Promise<void>;
};

export async function startTestApp(seed?: (database: Database) => Promise<void>, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await loadIndustries(database.db);
  if (seed) await seed(database);
  const config = { ...loadConfig({ NODE_ENV: 'test' }), webDir: '/nonexistent', demo: false, ...overrides };
  const app = await buildApp(database, config, { logger: false });
  await app.ready();
  const call: TestApp['call'] = (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.cookie) headers.cookie = opts.cookie;
    const hasBody = method !== 'GET' && method !== 'HEAD';
    if (hasBody && !headers['content-type']) headers['content-type'] = 'application/json';
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
      payload: hasBody ? (typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body ?? {})) : undefined,
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
