import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, runMigrations, type Database } from './client.js';

/**
 * Test databases. Each test file (or describe block) gets a database of its own: PGlite in memory
 * by default, a fresh database on the PostgreSQL server when WUTONG_TEST_DB=postgres (with
 * TEST_DATABASE_URL pointing at the server). Same tests, both engines.
 *
 * Migrating (and seeding) a database costs seconds, so a test run builds its starting points once
 * — *templates*, made by the run's global setup — and every test database is a copy of one:
 * - PGlite: a `dumpDataDir()` tarball on disk, loaded with `loadDataDir` (no initdb, no migrations);
 * - PostgreSQL: a template database, copied with `CREATE DATABASE … TEMPLATE`.
 * The run's templates are announced in WUTONG_TEST_TEMPLATES (a directory, or a name prefix);
 * without it (a file run outside the project's vitest config) a database is built from the
 * migrations as before, and the caller seeds it.
 */
export const TEMPLATES_ENV = 'WUTONG_TEST_TEMPLATES';

/**
 * Queries sent to a pg client that is still running another one: pg 8 queues them with a
 * deprecation warning, pg 9 will refuse them. It happens when code runs `Promise.all` over a
 * transaction (one connection). Every test database on the server watches for it and fails
 * its file on close, so the PostgreSQL pass of the integration tests catches it.
 */
const overlapping: string[] = [];
let watching = false;
function watchOverlappingQueries() {
  if (watching) return;
  watching = true;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown; _queryQueue?: unknown[] };
  const query = proto.query;
  proto.query = function (this: { _queryQueue?: unknown[] }, ...args: unknown[]) {
    if (this._queryQueue && this._queryQueue.length > 0) {
      const c = args[0];
      overlapping.push(String(typeof c === 'string' ? c : ((c as { text?: string } | undefined)?.text ?? '')).slice(0, 200));
    }
    return query.apply(this, args);
  };
}

/** The overlapping queries seen so far in this process (and forgets them). */
export function takeOverlappingQueries(): string[] {
  return overlapping.splice(0);
}


export type TestDbKind = 'pglite' | 'postgres';

export function testDbKind(): TestDbKind {
  return process.env.WUTONG_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('WUTONG_TEST_DB=postgres needs TEST_DATABASE_URL');
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(sqlText: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(sqlText);
  } finally {
    await admin.end();
  }
}

// pg_trgm ignores Chinese unless the ctype is UTF-8
const UTF8 = `ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`;

/** A database on the server that is dropped (connections and all) when closed. */
async function serverDatabase(name: string, from: string | undefined, poolSize: number): Promise<Database> {
  watchOverlappingQueries();
  await adminQuery(from ? `CREATE DATABASE ${name} TEMPLATE ${from}` : `CREATE DATABASE ${name} TEMPLATE template0 ${UTF8}`);
  const database = await openDatabase({ url: withDatabase(serverUrl(), name), poolSize });
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      const seen = takeOverlappingQueries();
      if (seen.length) {
        throw new Error(`${seen.length} queries were sent to a connection still running another one (Promise.all inside a transaction?); first: ${seen[0]}`);
      }
    },
  };
}

/** What the global setup announced: where this run's templates are, and which exist. */
type Announced = { kind: TestDbKind; location: string; names: string[] };

function announced(): Announced | undefined {
  const file = process.env[TEMPLATES_ENV];
  if (!file || !existsSync(file)) return undefined;
  const a = JSON.parse(readFileSync(file, 'utf8')) as Announced;
  // a run on the other engine (or a stale variable) has nothing for us
  return a.kind === testDbKind() ? a : undefined;
}

/** Whether this run has a template of that name. */
export function hasTemplate(name: string): boolean {
  return announced()?.names.includes(name) ?? false;
}

/**
 * A test database of its own. `template`: the name of one of this run's templates to start from
 * (see `hasTemplate`); without one, or when the run has none, a database migrated from the
 * committed migrations (`fresh: true` always migrates from scratch, to test the migrations).
 */
export async function createTestDatabase(opts: { template?: string; fresh?: boolean } = {}): Promise<Database> {
  const a = opts.fresh ? undefined : announced();
  const template = a && (opts.template ?? 'base');
  if (a && template && !a.names.includes(template)) throw new Error(`no test template «${template}» in this run (have: ${a.names.join(', ')})`);
  if (testDbKind() === 'postgres') {
    const name = `wutong_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    if (a && template) return serverDatabase(name, `${a.location}_${template.replace(/\W/g, '_')}`, 5);
    const database = await serverDatabase(name, undefined, 5);
    await runMigrations(database);
    return database;
  }
  if (a && template) {
    return openDatabase({ dataDir: 'memory', loadDataDir: new Blob([readFileSync(join(a.location, `${template}.tar`))]) });
  }
  const database = await openDatabase({ dataDir: 'memory' });
  await runMigrations(database);
  return database;
}

/**
 * Builds a run's templates (the global setup calls this once): `base` from the migrations, then
 * each named template from `base` (or from the template it names) through its build function.
 * Returns the file to announce in WUTONG_TEST_TEMPLATES and a teardown that removes everything.
 */
export async function buildTestTemplates(
  dir: string,
  templates: { name: string; from?: string; build: (database: Database) => Promise<void> }[],
): Promise<{ announce: string; teardown: () => Promise<void> }> {
  const kind = testDbKind();
  const names: string[] = [];
  const announce = join(dir, 'templates.json');
  if (kind === 'postgres') {
    await dropStaleServerTemplates();
    const prefix = `wutong_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    const dbName = (n: string) => `${prefix}_${n.replace(/\W/g, '_')}`;
    const teardown = async () => {
      for (const n of names) await adminQuery(`DROP DATABASE IF EXISTS ${dbName(n)} WITH (FORCE)`);
    };
    try {
      for (const t of templates) {
        await adminQuery(t.from ? `CREATE DATABASE ${dbName(t.name)} TEMPLATE ${dbName(t.from)}` : `CREATE DATABASE ${dbName(t.name)} TEMPLATE template0 ${UTF8}`);
        names.push(t.name);
        // a template database must have no connections left when it is copied: this pool ends here
        const database = await openDatabase({ url: withDatabase(serverUrl(), dbName(t.name)), poolSize: 2 });
        try {
          if (!t.from) await runMigrations(database);
          await t.build(database);
        } finally {
          await database.close();
        }
      }
    } catch (e) {
      await teardown();
      throw e;
    }
    writeFileSync(announce, JSON.stringify({ kind, location: prefix, names } satisfies Announced));
    return { announce, teardown };
  }
  for (const t of templates) {
    const database = t.from
      ? await openDatabase({ dataDir: 'memory', loadDataDir: new Blob([readFileSync(join(dir, `${t.from}.tar`))]) })
      : await openDatabase({ dataDir: 'memory' });
    try {
      if (!t.from) await runMigrations(database);
      await t.build(database);
      // uncompressed: loading skips the gunzip, and the files stay on this run's disk only
      const dump = await database.raw.pglite!.dumpDataDir('none');
      writeFileSync(join(dir, `${t.name}.tar`), Buffer.from(await dump.arrayBuffer()));
      names.push(t.name);
    } finally {
      await database.close();
    }
  }
  writeFileSync(announce, JSON.stringify({ kind, location: dir, names } satisfies Announced));
  return { announce, teardown: async () => {} };
}

/**
 * Template databases left by a run that was killed before its teardown: their names carry the pid
 * of the run that made them, and only those whose process is gone are dropped.
 */
async function dropStaleServerTemplates(): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'wutong\\_tpl\\_%'`);
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      if (!pid || isAlive(pid)) continue;
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
