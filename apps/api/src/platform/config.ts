import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
export const VERSION: string = JSON.parse(readFileSync(resolve(ROOT_DIR, 'package.json'), 'utf8')).version;

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  webDir: string;
  logLevel: string;
  sessionDays: number;
  /** validate every response against its contract (on in tests: it catches drift early) */
  validateResponses: boolean;
  /** keep project list pages in memory until their data changes (packages/db/src/read-cache.ts) */
  readCache: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: env.DATA_DIR ?? './data',
    // embedded: demo data by default (it is a trial); on a server only when asked
    demo: env.WUTONG_DEMO ? env.WUTONG_DEMO === '1' : !databaseUrl,
    webDir: env.WEB_DIR ?? resolve(ROOT_DIR, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionDays: Number(env.SESSION_DAYS ?? 7),
    validateResponses: env.NODE_ENV === 'test' || env.WUTONG_VALIDATE_RESPONSES === '1',
    readCache: env.WUTONG_READ_CACHE !== '0',
  };
}
