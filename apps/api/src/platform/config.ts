import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
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
  /**
   * The reverse proxies whose X-Forwarded-For / -Proto / -Host are believed (addresses, CIDR
   * ranges, or proxy-addr's names loopback, linklocal, uniquelocal); false: none, the peer's
   * address is the client's. Anything else would let any client choose its own address and scheme.
   */
  trustProxy: string[] | false;
  /** how long a start waits for a PostgreSQL server that refuses connections (it may be starting too) */
  databaseWaitSeconds: number;
  /** where the embedded database's nightly backups go, and how many are kept */
  backupDir: string;
  backupKeep: number;
};

/** A setting the app cannot start with: main.ts prints the message alone, no stack. */
export class ConfigError extends Error {}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY: a comma-separated list of proxy addresses or CIDR ranges; unset, empty, 0 or false: trust none. */
export function parseTrustProxy(value: string | undefined): string[] | false {
  const v = value?.trim() ?? '';
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  const items = v.split(',').map((x) => x.trim()).filter(Boolean);
  for (const item of items) {
    const [addr, bits, ...more] = item.split('/');
    const family = isIP(addr ?? '');
    const okBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (PROXY_NAMES.has(item) || (family && okBits && more.length === 0)) continue;
    throw new ConfigError(
      `TRUST_PROXY 中的“${item}”不是地址、网段或 loopback/linklocal/uniquelocal，请只列出反向代理的地址（如 TRUST_PROXY=127.0.0.1,10.0.0.0/8）。 ` +
        `TRUST_PROXY item "${item}" is not an address, a CIDR range or loopback/linklocal/uniquelocal: list only your reverse proxies' addresses (e.g. TRUST_PROXY=127.0.0.1,10.0.0.0/8).`,
    );
  }
  return items;
}

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
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    databaseWaitSeconds: Number(env.DATABASE_WAIT_SECONDS ?? 60),
    backupDir: env.WUTONG_BACKUP_DIR ?? resolve(env.DATA_DIR ?? './data', 'backups'),
    backupKeep: Math.max(1, Number(env.WUTONG_BACKUP_KEEP ?? 7)),
  };
}
