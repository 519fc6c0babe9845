import { spawn, execFileSync } from 'node:child_process';
import { existsSync, openSync, readSync, closeSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import { DatabaseRefused, dataDirHasDatabase, describeUrl, lockDataDir, openDatabase, queryRows, type Db, type DbKind } from './client.js';

/**
 * Backups of either database, in the engine's own format so that a restore gives back exactly
 * what was there, catalogs, sequences and extensions included:
 * - the embedded database (PGlite): its data directory as a gzipped tarball (`dumpDataDir`),
 *   taken after a checkpoint by the process that owns the directory; restored by unpacking it
 *   into a new data directory, the old one kept aside;
 * - a PostgreSQL server: `pg_dump --format=custom`, a consistent snapshot taken while the app
 *   runs; restored by `pg_restore` into psql as ONE transaction (all or nothing), after dropping
 *   what the database held when `replace` is given.
 * A backup of one engine does not restore into the other: the formats differ, and the refusal says so.
 */

export type Target = { url: string } | { dataDir: string };
export type Progress = (msg: string) => void;
export type TableSum = { rows: number; md5: string };
/** Every table's row count and checksum, and every sequence's value: equal before and after a round trip. */
export type Inventory = { tables: Record<string, TableSum>; sequences: Record<string, string | null> };
export type BackupResult = { file: string; bytes: number; ms: number; kind: DbKind; tables: number; rows: number };
export type RestoreResult = { ms: number; kind: DbKind; tables: number; rows: number; keptAside?: string };

async function tableNames(db: Db): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    // pg_class, not information_schema: its views take seconds on PGlite
    sql`select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'drizzle') and c.relkind = 'r' order by 1`,
  );
  return rows.map((r) => r.name);
}

const ident = (qualified: string) => {
  const [schema, table] = qualified.split('.');
  return sql`${sql.identifier(schema!)}.${sql.identifier(table!)}`;
};

/** Row counts only (cheap enough for progress and summaries), in one statement. */
export async function rowCounts(db: Db, progress?: Progress): Promise<Record<string, number>> {
  const names = await tableNames(db);
  if (!names.length) return {};
  const rows = await queryRows<{ name: string; n: number }>(
    db,
    sql.join(
      names.map((name) => sql`select ${name}::text as name, count(*)::int as n from ${ident(name)}`),
      sql` union all `,
    ),
  );
  const out = Object.fromEntries(rows.map((r) => [r.name, r.n]));
  names.forEach((name, i) => progress?.(`${i + 1}/${names.length} ${name}: ${out[name]}`));
  return out;
}

/** Counts and an md5 over every row's text (in a fixed order) per table, and every sequence's last value. */
export async function inventory(db: Db): Promise<Inventory> {
  const tables: Record<string, TableSum> = {};
  for (const name of await tableNames(db)) {
    const [r] = await queryRows<{ n: number; h: string }>(
      db,
      sql`select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${ident(name)} x`,
    );
    tables[name] = { rows: r!.n, md5: r!.h };
  }
  const seqs = await queryRows<{ name: string; v: string | null }>(
    db,
    sql`select schemaname || '.' || sequencename as name, last_value::text as v from pg_sequences where schemaname in ('public', 'drizzle') order by 1`,
  );
  return { tables, sequences: Object.fromEntries(seqs.map((s) => [s.name, s.v])) };
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** `wutong-pglite-20261204-153000.tar.gz` or `wutong-postgres-….dump` in the current directory. */
export function defaultBackupFile(target: Target): string {
  return resolve('url' in target ? `wutong-postgres-${stamp()}.dump` : `wutong-pglite-${stamp()}.tar.gz`);
}

const totals = (counts: Record<string, number>) => ({ tables: Object.keys(counts).length, rows: Object.values(counts).reduce((a, b) => a + b, 0) });

export async function backup(target: Target, file: string, progress: Progress = () => {}): Promise<BackupResult> {
  const started = Date.now();
  const tmp = `${file}.partial`;
  rmSync(tmp, { force: true });
  try {
    if ('dataDir' in target) {
      if (!dataDirHasDatabase(target.dataDir)) throw new DatabaseRefused(`${target.dataDir} 中没有数据库。 There is no database in ${target.dataDir} (DATA_DIR).`);
      const database = await openOwned(target.dataDir);
      try {
        progress('counting rows');
        const counts = await rowCounts(database.db, progress);
        progress('checkpoint');
        await database.raw.pglite!.exec('CHECKPOINT');
        progress('archiving the data directory');
        const blob = await database.raw.pglite!.dumpDataDir('gzip');
        writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
        renameSync(tmp, file);
        return { file, bytes: statSync(file).size, ms: Date.now() - started, kind: 'pglite', ...totals(counts) };
      } finally {
        await database.close();
      }
    }
    const database = await openDatabase({ url: target.url, poolSize: 1 });
    let counts: Record<string, number>;
    let bin: string;
    try {
      bin = await pgBinDir(database.db);
      progress('counting rows');
      counts = await rowCounts(database.db, progress);
    } finally {
      await database.close();
    }
    const n = Object.keys(counts).length;
    let done = 0;
    await runTool(join(bin, 'pg_dump'), ['--format=custom', '--verbose', `--file=${tmp}`], target.url, (line) => {
      const m = /dumping contents of table "([^"]+)"/.exec(line);
      if (m) progress(`dump ${++done}/${n} ${m[1]}`);
    });
    renameSync(tmp, file);
    return { file, bytes: statSync(file).size, ms: Date.now() - started, kind: 'postgres', ...totals(counts) };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Which engine wrote a backup file, from its first bytes. */
export function backupKind(file: string): DbKind | null {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(5);
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (head.toString('latin1') === 'PGDMP') return 'postgres';
  return null;
}

export async function restore(target: Target, file: string, progress: Progress = () => {}, opts: { replace?: boolean } = {}): Promise<RestoreResult> {
  const started = Date.now();
  if (!existsSync(file)) throw new DatabaseRefused(`找不到备份文件 ${file}。 No backup file at ${file}.`);
  const kind = backupKind(file);
  const into: DbKind = 'url' in target ? 'postgres' : 'pglite';
  if (!kind) throw new DatabaseRefused(`${file} 不是 Wutong 的备份（应为 .tar.gz 或 pg_dump 自定义格式）。 ${file} is not a Wutong backup (a PGlite .tar.gz or a pg_dump custom-format file).`);
  if (kind !== into) {
    throw new DatabaseRefused(
      kind === 'pglite'
        ? `该备份来自内置数据库，只能恢复到内置数据库：去掉 DATABASE_URL，用 DATA_DIR 指定目录。 This backup is of the embedded database: restore it without DATABASE_URL, into DATA_DIR.`
        : `该备份来自 PostgreSQL 服务器，只能恢复到服务器：设置 DATABASE_URL。 This backup is of a PostgreSQL server: restore it with DATABASE_URL set.`,
    );
  }
  return 'dataDir' in target ? restorePglite(target.dataDir, file, progress, !!opts.replace, started) : restorePostgres(target.url, file, progress, !!opts.replace, started);
}

async function restorePglite(dataDir: string, file: string, progress: Progress, replace: boolean, started: number): Promise<RestoreResult> {
  const release = lockOwned(dataDir);
  const pgDir = join(dataDir, 'pg');
  let keptAside: string | undefined;
  try {
    if (dataDirHasDatabase(dataDir)) {
      if (!replace) {
        throw new DatabaseRefused(
          `${dataDir} 中已有数据库；要用备份替换它，请加 --replace（原目录会保留为 pg.before-restore-…）。 ${dataDir} already holds a database: add --replace to replace it (the old one is kept as pg.before-restore-…).`,
        );
      }
      keptAside = join(dataDir, `pg.before-restore-${stamp()}`);
      renameSync(pgDir, keptAside);
      progress(`kept the current database aside in ${keptAside}`);
    } else if (existsSync(pgDir) && readdirSync(pgDir).length) {
      throw new DatabaseRefused(`${pgDir} 不是空目录。 ${pgDir} is not empty and holds no database: move it away first.`);
    }
    progress('unpacking the backup');
    let pglite: PGlite | undefined;
    try {
      pglite = await PGlite.create({ dataDir: pgDir, extensions: { pg_trgm }, loadDataDir: new Blob([readFileSync(file)]) });
      const { drizzle } = await import('drizzle-orm/pglite');
      progress('counting rows');
      const counts = await rowCounts(drizzle({ client: pglite }) as unknown as Db, progress);
      await pglite.close();
      return { ms: Date.now() - started, kind: 'pglite', ...totals(counts), ...(keptAside ? { keptAside } : {}) };
    } catch (e) {
      await pglite?.close().catch(() => {});
      rmSync(pgDir, { recursive: true, force: true });
      if (keptAside) renameSync(keptAside, pgDir);
      throw e;
    }
  } finally {
    release();
  }
}

async function restorePostgres(url: string, file: string, progress: Progress, replace: boolean, started: number): Promise<RestoreResult> {
  const database = await openDatabase({ url, poolSize: 1 });
  let bin: string;
  try {
    bin = await pgBinDir(database.db);
    const [busy] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
    );
    if (busy!.n > 0) {
      throw new DatabaseRefused(
        `数据库 ${describeUrl(url)} 还有 ${busy!.n} 个其他连接：请先停止所有 Wutong 实例再恢复。 The database ${describeUrl(url)} has ${busy!.n} other connections: stop every Wutong instance before restoring.`,
      );
    }
    const [held] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle') and c.relkind in ('r', 'p', 'v', 'm')`,
    );
    if (held!.n > 0 && !replace) {
      throw new DatabaseRefused(
        `数据库 ${describeUrl(url)} 不是空的（${held!.n} 张表）；要用备份替换其全部内容，请加 --replace。 The database ${describeUrl(url)} is not empty (${held!.n} tables): add --replace to replace all of it with the backup.`,
      );
    }
  } finally {
    await database.close();
  }
  // what the database held goes in the same transaction as the restore: a failure changes nothing
  const prelude = `DROP SCHEMA IF EXISTS drizzle CASCADE;\nDROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n`;
  let tables = 0;
  await pipeRestore(bin, file, url, prelude, (line) => {
    const m = /processing data for table "([^"]+)"/.exec(line);
    if (m) progress(`restore ${++tables} ${m[1]}`);
  });
  const after = await openDatabase({ url, poolSize: 1 });
  try {
    progress('counting rows');
    const counts = await rowCounts(after.db, progress);
    return { ms: Date.now() - started, kind: 'postgres', ...totals(counts) };
  } finally {
    await after.close();
  }
}

/** Opens a PGlite directory for a backup, with a message that fits when the app holds it. */
async function openOwned(dataDir: string) {
  try {
    return await openDatabase({ dataDir });
  } catch (e) {
    throw inUse(e, dataDir);
  }
}

function lockOwned(dataDir: string) {
  try {
    return lockDataDir(dataDir);
  } catch (e) {
    throw inUse(e, dataDir);
  }
}

function inUse(e: unknown, dataDir: string) {
  if (!(e instanceof DatabaseRefused) || !/in use by process (\d+)/.test(e.message)) return e;
  const pid = /in use by process (\d+)/.exec(e.message)![1];
  return new DatabaseRefused(
    `内置数据库 ${dataDir} 正由运行中的 Wutong（进程 ${pid}）使用：请先停止它（备份只需几秒），或使用它每晚写入 backups 目录的备份。 ` +
      `The embedded database in ${dataDir} belongs to the running Wutong (process ${pid}): stop it first (a backup takes seconds), or use the backup it writes every night (WUTONG_BACKUP_DIR, default ${dataDir}/backups).`,
  );
}

/**
 * The directory of a pg_dump / pg_restore / psql at least as new as the server (pg_dump refuses
 * a newer server): PG_BIN, then /usr/lib/postgresql/<major>/bin and newer, then the PATH.
 */
async function pgBinDir(db: Db): Promise<string> {
  const [v] = await queryRows<{ n: number }>(db, sql`select current_setting('server_version_num')::int as n`);
  const major = Math.floor(v!.n / 10000);
  const candidates = [process.env.PG_BIN, ...[major, major + 1, major + 2, major + 3].map((m) => `/usr/lib/postgresql/${m}/bin`)].filter((d): d is string => !!d);
  for (const dir of candidates) if (existsSync(join(dir, 'pg_dump'))) return dir;
  try {
    const found = execFileSync('sh', ['-c', 'command -v pg_dump'], { encoding: 'utf8' }).trim();
    const version = Number(/(\d+)/.exec(execFileSync(found, ['--version'], { encoding: 'utf8' }).replace(/^\D+/, ''))?.[1]);
    if (version >= major) return found.replace(/\/pg_dump$/, '');
  } catch {
    /* not on the PATH */
  }
  throw new DatabaseRefused(
    `找不到 ${major} 或更新版本的 pg_dump：请安装 postgresql-client-${major}，或用 PG_BIN 指定其目录。 No pg_dump of version ${major} or newer: install postgresql-client-${major}, or point PG_BIN at its directory.`,
  );
}

/** The URL without its password, which goes in PGPASSWORD instead (a command line is visible to every user). */
function toolEnv(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function lines(stream: NodeJS.ReadableStream, each: (line: string) => void, keep: string[]) {
  let rest = '';
  stream.on('data', (b: Buffer) => {
    const parts = (rest + b.toString()).split('\n');
    rest = parts.pop()!;
    for (const l of parts) {
      each(l);
      keep.push(l);
      if (keep.length > 20) keep.shift();
    }
  });
}

function runTool(cmd: string, args: string[], url: string, onLine: (line: string) => void): Promise<void> {
  const { dbname, env } = toolEnv(url);
  return new Promise((res, rej) => {
    const child = spawn(cmd, [...args, `--dbname=${dbname}`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const tail: string[] = [];
    lines(child.stderr, onLine, tail);
    child.on('error', rej);
    child.on('exit', (code) => (code === 0 ? res() : rej(new DatabaseRefused(`${cmd} exited ${code}: ${tail.filter((l) => !/^pg_dump: (dumping|reading|identifying|finding|flagging|saving|last built-in|processing)/.test(l)).slice(-3).join(' | ')}`))));
  });
}

/**
 * pg_restore's script into psql inside one transaction opened after `prelude`'s BEGIN: the COMMIT
 * is written only once pg_restore has finished well. Should it fail halfway (a damaged file),
 * psql's input just ends, the session closes and PostgreSQL rolls everything back (psql's own
 * --single-transaction would commit whatever had arrived by then).
 */
async function pipeRestore(bin: string, file: string, url: string, prelude: string, onLine: (line: string) => void): Promise<void> {
  const { dbname, env } = toolEnv(url);
  const psql = spawn(join(bin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${dbname}`], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const tool = spawn(join(bin, 'pg_restore'), ['--no-owner', '--no-privileges', '--verbose', '--file=-', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise<number | null>((res, rej) => {
      child.on('error', rej);
      child.on('exit', (code) => res(code));
    });
  const psqlErr: string[] = [];
  const toolErr: string[] = [];
  lines(psql.stderr!, () => {}, psqlErr);
  lines(tool.stderr!, onLine, toolErr);
  // psql stops at the first error and stops reading: pg_restore then only loses its reader
  psql.stdin!.on('error', () => {});
  psql.stdin!.write(`BEGIN;\n${prelude}`);
  tool.stdout!.pipe(psql.stdin!, { end: false });
  const psqlDone = exited(psql);
  const toolCode = await exited(tool);
  await new Promise<void>((res) => (tool.stdout!.readableEnded ? res() : tool.stdout!.on('end', () => res())));
  psql.stdin!.end(toolCode === 0 ? 'COMMIT;\n' : '');
  const psqlCode = await psqlDone;
  if (psqlCode === 0 && toolCode === 0) return;
  const why = (psqlErr.length ? psqlErr : toolErr.filter((l) => !/^pg_restore: (processing|creating|executing|connecting|implied)/.test(l))).slice(-3).join(' | ');
  throw new DatabaseRefused(`恢复失败，数据库未作任何改动：${why} The restore failed and changed nothing: ${why}`);
}
