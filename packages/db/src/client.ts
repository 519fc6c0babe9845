import { mkdirSync, openSync, closeSync, readFileSync, writeFileSync, unlinkSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** One type for both drivers and for transactions: every query is written against `pg-core`. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export type Database = {
  db: Db;
  kind: DbKind;
  /** The raw driver, for COPY and diagnostics in benchmarks and tests. */
  raw: { pglite?: PGlite; pool?: pg.Pool };
  close: () => Promise<void>;
};

export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');

export class DatabaseRefused extends Error {}

/**
 * PGlite does not lock its data directory and two processes writing one directory corrupt it,
 * so a lockfile holding our pid makes one process its owner. A lockfile left by a dead process
 * is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'wutong.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (pid && isAlive(pid)) {
        throw new DatabaseRefused(
          `数据目录 ${dataDir} 正被进程 ${pid} 使用；同一数据目录只能由一个 Wutong 进程打开。\n` +
            `The data directory ${dataDir} is in use by process ${pid}; stop it or set DATA_DIR to another directory.`,
        );
      }
      unlinkSync(lockPath); // stale: its owner is gone
    }
  }
  throw new DatabaseRefused(`could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type OpenOptions = {
  /** postgres://… — a PostgreSQL server; otherwise PGlite */
  url?: string;
  /** PGlite data directory; 'memory' for an in-memory database (tests) */
  dataDir?: string;
  /** a PGlite data dump to start from (tests clone a migrated template this way) */
  loadDataDir?: Blob;
  poolSize?: number;
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    pool.on('error', () => {
      /* a dropped idle client is replaced on the next checkout */
    });
    const db = drizzlePg({ client: pool, schema }) as unknown as Db;
    return { db, kind: 'postgres', raw: { pool }, close: () => pool.end() };
  }
  const dir = opts.dataDir ?? './data';
  const release = dir === 'memory' ? () => {} : lockDataDir(dir);
  try {
    const pglite = await PGlite.create({
      dataDir: dir === 'memory' ? undefined : resolve(dir, 'pg'),
      extensions: { pg_trgm },
      loadDataDir: opts.loadDataDir,
    });
    const db = drizzlePglite({ client: pglite, schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      raw: { pglite },
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** Where a URL points, without its password: for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(DATABASE_URL)';
  }
}

const databaseName = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';
  } catch {
    return 'wutong';
  }
};

/** Errors that pass when the server has finished starting (or restarting): worth waiting for. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOENT', 'EPIPE']);
/** SQLSTATEs of a server shutting down, starting, out of connections, or a connection lost */
const SERVER_DOWN = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006']);
const TRANSIENT = new Set([...NETWORK, ...SERVER_DOWN]);
const DRIVER_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i;

function errorCode(e: unknown): string | undefined {
  const x = e as { code?: string; errors?: { code?: string }[]; cause?: unknown };
  return x.code ?? x.errors?.[0]?.code ?? (x.cause ? errorCode(x.cause) : undefined);
}

/**
 * True for the errors of a PostgreSQL server that is down, starting or restarting, as opposed to
 * a wrong query, or a network error of something else (a webhook's host, a missing file: same
 * codes). A network error counts when it is the database's: drizzle wrapped it around a query, or
 * it names the database's port.
 */
export function isDatabaseUnavailable(e: unknown, database?: Database): boolean {
  if (!database || database.kind !== 'postgres') return false;
  let wrapped = false;
  for (let x = e as { message?: string; code?: string; port?: number; cause?: unknown } | undefined, depth = 0; x && depth < 5; x = x.cause as typeof x, depth++) {
    if (x.code && SERVER_DOWN.has(x.code)) return true;
    if (DRIVER_MESSAGES.test(String(x.message ?? ''))) return true;
    if (x.code && NETWORK.has(x.code) && (wrapped || x.port === databasePort(database))) return true;
    // drizzle's wrapper: what it carries came from running a query
    if (/^Failed query:/.test(String(x.message ?? ''))) wrapped = true;
  }
  return false;
}

function databasePort(database: Database): number | undefined {
  const url = (database.raw.pool?.options as { connectionString?: string } | undefined)?.connectionString;
  try {
    return url ? Number(new URL(url).port || 5432) : undefined;
  } catch {
    return undefined;
  }
}

/** One line, Chinese then English: what is wrong with DATABASE_URL and what to do. */
function explain(e: unknown, url: string, waited: number): string {
  const where = describeUrl(url);
  const db = databaseName(url);
  const code = errorCode(e);
  const msg = String((e as Error)?.message ?? e);
  if (code && TRANSIENT.has(code)) {
    return (
      `无法连接数据库 ${where}（${code}，已等待 ${waited} 秒）：请确认 PostgreSQL 已启动、地址和端口正确，或用 DATABASE_WAIT_SECONDS 等待更久。 ` +
      `Cannot reach the database at ${where} (${code}, waited ${waited} s): check that PostgreSQL is running and the host and port in DATABASE_URL are right, or wait longer with DATABASE_WAIT_SECONDS.`
    );
  }
  if (code === 'ENOTFOUND') {
    return `找不到数据库主机 ${where}：请检查 DATABASE_URL 中的主机名。 The database host in DATABASE_URL (${where}) does not resolve: check its host name.`;
  }
  if (code === '3D000') {
    return (
      `数据库 "${db}" 不存在（${where}）：请先创建：createdb -T template0 -E UTF8 --lc-collate=C.UTF-8 --lc-ctype=C.UTF-8 ${db} 。 ` +
      `The database "${db}" does not exist on ${where}: create it first with createdb -T template0 -E UTF8 --lc-collate=C.UTF-8 --lc-ctype=C.UTF-8 ${db}`
    );
  }
  if (code === '28P01' || code === '28000' || /SASL|password/i.test(msg)) {
    return (
      `数据库拒绝了登录 ${where}（${msg}）：请检查 DATABASE_URL 中的用户名和密码（密码中的特殊字符需 URL 编码）。 ` +
      `The database refused the sign-in to ${where} (${msg}): check the user name and password in DATABASE_URL (URL-encode special characters in the password).`
    );
  }
  if (/SSL/i.test(msg)) {
    return `数据库的 SSL 设置不符（${msg}）：请检查 DATABASE_URL 中的 sslmode。 The database's SSL setting does not match (${msg}): check sslmode in DATABASE_URL.`;
  }
  return `无法使用数据库 ${where}：${msg}。请检查 DATABASE_URL。 Cannot use the database at ${where}: ${msg}. Check DATABASE_URL.`;
}

/**
 * The first contact with a PostgreSQL server, before migrations: waits up to `waitSeconds` for a
 * server that refuses connections or is starting (in production the database often starts after
 * the app), saying so at each try, and turns anything else into one line (Chinese, English) that
 * says what is wrong and what to do, instead of a driver's stack trace.
 */
export async function connectOrExplain(database: Database, url: string, opts: { waitSeconds?: number; log?: (msg: string) => void } = {}): Promise<void> {
  if (database.kind !== 'postgres') return;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    /* refused below */
  }
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol)) {
    throw new DatabaseRefused(
      `DATABASE_URL 应形如 postgres://用户:密码@主机:5432/数据库 。 DATABASE_URL must look like postgres://user:password@host:5432/database.`,
    );
  }
  const waitMs = Math.max(0, opts.waitSeconds ?? 60) * 1000;
  const started = Date.now();
  let delay = 500;
  for (;;) {
    try {
      await database.raw.pool!.query('select 1');
      return;
    } catch (e) {
      const waited = Math.round((Date.now() - started) / 1000);
      const code = errorCode(e);
      if (!code || !TRANSIENT.has(code) || Date.now() - started + delay > waitMs) throw new DatabaseRefused(explain(e, url, waited));
      opts.log?.(
        `数据库 ${describeUrl(url)} 暂不可用（${code}），${delay / 1000} 秒后重试（最多等待 ${waitMs / 1000} 秒）… The database at ${describeUrl(url)} is not available (${code}); trying again in ${delay / 1000} s (waiting up to ${waitMs / 1000} s)…`,
      );
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 5000);
    }
  }
}

/** pg_trgm ignores CJK characters in a database whose ctype is not UTF-8. */
export async function checkUtf8(database: Database): Promise<void> {
  if (database.kind !== 'postgres') return;
  const [row] = await queryRows<{ datctype: string; encoding: string }>(
    database.db,
    sql`select datctype, pg_encoding_to_char(encoding) as encoding from pg_database where datname = current_database()`,
  );
  if (!row || !/utf-?8/i.test(row.datctype) || !/utf8/i.test(row.encoding)) {
    throw new DatabaseRefused(
      `数据库的字符分类 (LC_CTYPE=${row?.datctype}, encoding=${row?.encoding}) 不是 UTF-8，中文模糊检索无法工作。\n` +
        `The database's ctype is ${row?.datctype} (encoding ${row?.encoding}), not UTF-8: Chinese fuzzy search (pg_trgm) would silently fail.\n` +
        `Create it with: CREATE DATABASE wutong TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';`,
    );
  }
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // Several app instances may start at once: one migrates, the others wait for it.
  const client = await database.raw.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(774411)');
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock(774411)').catch(() => {});
    client.release();
  }
}

export function dataDirHasDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'pg', 'PG_VERSION'));
}

/** Raw SQL rows, the same on both drivers (each returns `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
