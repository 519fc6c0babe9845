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
function acquireLock(dataDir: string): () => void {
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
  const release = dir === 'memory' ? () => {} : acquireLock(dir);
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
