import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, runMigrations, type Database } from './client.js';

/**
 * A database of its own for one test file, built from the committed migrations: PGlite in
 * memory by default, a fresh database on the PostgreSQL server when WUTONG_TEST_DB=postgres
 * (with TEST_DATABASE_URL pointing at the server). Same tests, both engines.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (process.env.WUTONG_TEST_DB === 'postgres') {
    if (!url) throw new Error('WUTONG_TEST_DB=postgres needs TEST_DATABASE_URL');
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
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory' });
  await runMigrations(database);
  return database;
}
