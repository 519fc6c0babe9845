import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, truncateSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { inventory, openDatabase, queryRows, runMigrations, type Database, type Inventory } from '@wutong/db';
import { loadIndustries } from './seeds/industries.js';
import { seedDemo } from './seeds/demo.js';

/**
 * `npm run wutong -- backup` and `restore`, run as an operator runs them, on the demo data: what
 * comes back has every table with the same rows (count and checksum of every row) and every
 * sequence at the same value. The embedded database always; the server with TEST_DATABASE_URL.
 */
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const CLI = resolve(ROOT, 'apps/api/src/cli.ts');
const url = process.env.TEST_DATABASE_URL;

type Exit = { code: number | null; stdout: string; stderr: string };

function cli(args: string[], env: Record<string, string>): Promise<Exit> {
  const { DATABASE_URL: _u, DATA_DIR: _d, ...rest } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((res) => child.on('exit', (code) => res({ code, stdout, stderr })));
}

/** The demo data, and a few rows the demo lacks: Chinese text and JSON in the audit log, a sequence moved on. */
async function fill(database: Database) {
  await loadIndustries(database.db);
  await seedDemo(database.db, undefined, true);
  await database.db.execute(sql`insert into audit_log (action, entity, entity_id, after, ip, forwarded_for) values ('test', '备份', '一', '{"名称": "梧桐 \\"引号\\"\\n换行", "n": 1.5}', '203.0.113.1', '6.6.6.6')`);
  await database.db.execute(sql`select setval('org_units_id_seq', 5000)`);
}

function expectSame(after: Inventory, before: Inventory) {
  expect(Object.keys(after.tables)).toEqual(Object.keys(before.tables));
  for (const [name, sum] of Object.entries(before.tables)) expect([name, after.tables[name]]).toEqual([name, sum]);
  expect(after.sequences).toEqual(before.sequences);
  expect(Object.values(before.tables).reduce((a, t) => a + t.rows, 0)).toBeGreaterThan(5000);
}

// once per `npm test`: in its PGlite pass
describe.skipIf(process.env.WUTONG_TEST_DB === 'postgres')('backup and restore of the embedded database', () => {
  let dir: string;
  let source: string;
  let file: string;
  let before: Inventory;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wutong-backup-'));
    source = join(dir, 'source');
    file = join(dir, 'demo.tar.gz');
    const database = await openDatabase({ dataDir: source });
    try {
      await runMigrations(database);
      await fill(database);
      before = await inventory(database.db);
    } finally {
      await database.close();
    }
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('refuses while the app holds the data directory, and says what to do', async () => {
    const running = await openDatabase({ dataDir: source }); // this process plays the running app
    try {
      const r = await cli(['backup', file], { DATA_DIR: source });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`belongs to the running Wutong (process ${process.pid}): stop it first`);
      expect(existsSync(file)).toBe(false);
    } finally {
      await running.close();
    }
  });

  it('round-trips: every table’s rows and every sequence come back; a second restore needs --replace and keeps the old one aside', async () => {
    const b = await cli(['backup', file], { DATA_DIR: source });
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toMatch(/checkpoint\n\s+archiving the data directory/);
    expect(b.stdout).toMatch(new RegExp(`backup written: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+\\.\\d MB, \\d+ tables, \\d+ rows`));
    expect(statSync(file).size).toBeGreaterThan(100_000);

    const target = join(dir, 'restored');
    const r = await cli(['restore', file], { DATA_DIR: target });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/restored: \d+ tables, \d+ rows/);
    const restored = await openDatabase({ dataDir: target });
    try {
      expectSame(await inventory(restored.db), before);
      // it is a working database: it takes writes, and the moved sequence goes on from where it was
      await restored.db.execute(sql`insert into audit_log (action, entity) values ('after-restore', 'test')`);
      const [next] = await queryRows<{ id: number }>(restored.db, sql`select nextval('org_units_id_seq')::int as id`);
      expect(next!.id).toBe(5001);
    } finally {
      await restored.close();
    }

    const again = await cli(['restore', file], { DATA_DIR: target });
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining('add --replace')]);
    const replaced = await cli(['restore', file, '--replace'], { DATA_DIR: target });
    expect(replaced.code, replaced.stderr).toBe(0);
    const aside = readdirSync(target).filter((f) => f.startsWith('pg.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(replaced.stdout).toContain(`the previous database is kept in ${join(target, aside[0]!)}`);
    const back = await openDatabase({ dataDir: target });
    try {
      expectSame(await inventory(back.db), before);
    } finally {
      await back.close();
    }
  }, 300_000); // five runs of the CLI, each a process of its own

  it.skipIf(!url)('a backup of the embedded database does not go into a server, and says so', async () => {
    const r = await cli(['restore', file], { DATABASE_URL: url! });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('This backup is of the embedded database');
  });
});

// once per `npm test`: in its PostgreSQL pass (or whenever the file runs alone with TEST_DATABASE_URL)
const noServer = !url ? 'TEST_DATABASE_URL is not set' : process.env.WUTONG_TEST_DB === 'pglite' ? 'runs in the PostgreSQL pass' : null;
describe.skipIf(!!noServer)(`backup and restore on the PostgreSQL server${noServer ? ` (skipped: ${noServer})` : ''}`, () => {
  const names = { source: `wutong_t_bk_src_${process.pid}`, target: `wutong_t_bk_dst_${process.pid}` };
  const dbUrl = (name: string) => {
    const u = new URL(url!);
    u.pathname = `/${name}`;
    return u.toString();
  };
  let dir: string;
  let file: string;
  let before: Inventory;

  async function admin(statements: string[]) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      for (const s of statements) await c.query(s);
    } finally {
      await c.end();
    }
  }
  async function inventoryOf(name: string) {
    const d = await openDatabase({ url: dbUrl(name), poolSize: 1 });
    try {
      return await inventory(d.db);
    } finally {
      await d.close();
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wutong-backup-pg-'));
    file = join(dir, 'demo.dump');
    await admin(Object.values(names).flatMap((n) => [`DROP DATABASE IF EXISTS ${n}`, `CREATE DATABASE ${n} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`]));
    const database = await openDatabase({ url: dbUrl(names.source), poolSize: 2 });
    try {
      await runMigrations(database);
      await fill(database);
      before = await inventory(database.db);
    } finally {
      await database.close();
    }
  });
  afterAll(async () => {
    await admin(Object.values(names).map((n) => `DROP DATABASE IF EXISTS ${n} WITH (FORCE)`));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips while the source is in use; refuses a database with data or with connections; a damaged file changes nothing', async () => {
    // the app is running on the source: pg_dump takes its snapshot anyway
    const running = await openDatabase({ url: dbUrl(names.source), poolSize: 1 });
    try {
      await running.db.execute(sql`select 1`);
      const b = await cli(['backup', file], { DATABASE_URL: dbUrl(names.source) });
      expect(b.code, b.stderr).toBe(0);
      expect(b.stderr).toMatch(/dump \d+\/\d+ public\.projects/);
    } finally {
      await running.close();
    }

    const r = await cli(['restore', file], { DATABASE_URL: dbUrl(names.target) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/restore \d+ public\.projects/);
    expectSame(await inventoryOf(names.target), before);

    expect((await cli(['restore', file], { DATABASE_URL: dbUrl(names.target) })).stderr).toContain('add --replace');
    const connected = await openDatabase({ url: dbUrl(names.target), poolSize: 1 });
    // a connection held open for the whole check (an idle pooled one may close while the CLI starts)
    const held = await connected.raw.pool!.connect();
    try {
      await held.query('select 1');
      const busy = await cli(['restore', file, '--replace'], { DATABASE_URL: dbUrl(names.target) });
      expect([busy.code, busy.stderr]).toEqual([1, expect.stringContaining('stop every Wutong instance before restoring')]);
    } finally {
      held.release();
      await connected.close();
    }

    // a damaged backup: pg_restore fails halfway, and the database keeps what it had
    const damaged = join(dir, 'damaged.dump');
    copyFileSync(file, damaged);
    truncateSync(damaged, Math.floor(statSync(file).size * 0.6));
    const fail = await cli(['restore', damaged, '--replace'], { DATABASE_URL: dbUrl(names.target) });
    expect([fail.code, fail.stderr]).toEqual([1, expect.stringContaining('The restore failed and changed nothing')]);
    expectSame(await inventoryOf(names.target), before);

    const replaced = await cli(['restore', file, '--replace'], { DATABASE_URL: dbUrl(names.target) });
    expect(replaced.code, replaced.stderr).toBe(0);
    expectSame(await inventoryOf(names.target), before);
  }, 300_000);
});
