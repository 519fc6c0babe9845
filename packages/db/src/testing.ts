import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, runMigrations, type Database } from './client.js';

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

/**
 * A database of its own for one test file, built from the committed migrations: PGlite in
 * memory by default, a fresh database on the PostgreSQL server when WUTONG_TEST_DB=postgres
 * (with TEST_DATABASE_URL pointing at the server). Same tests, both engines.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.WUTONG_TEST_DB === 'postgres') {
    if (!url) throw new Error('WUTONG_TEST_DB=postgres needs TEST_DATABASE_URL');
    watchOverlappingQueries();
    const name = `wutong_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // pg_trgm ignores Chinese unless the ctype is UTF-8
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ url: u.toString(), poolSize: 5 });
    await runMigrations(database);
    return {
      ...database,
      close: async () => {
        await database.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
        const seen = takeOverlappingQueries();
        if (seen.length) {
          throw new Error(`${seen.length} queries were sent to a connection still running another one (Promise.all inside a transaction?); first: ${seen[0]}`);
        }
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory' });
  await runMigrations(database);
  return database;
}
