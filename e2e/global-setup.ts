import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openAndPrepare } from '../apps/api/src/bootstrap.js';
import { loadConfig } from '../apps/api/src/platform/config.js';

/**
 * vitest global setup of the browser tier: prepares the demo database once per run, exactly as a
 * first server start does (migrations, industries, demo data), and announces it in
 * WUTONG_E2E_TEMPLATE; each suite's server then starts on a copy (harness.ts), not on an empty
 * database it has to migrate and seed. PGlite: a data directory copied per suite; PostgreSQL:
 * a template database copied with CREATE DATABASE … TEMPLATE, dropped at the end.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = Date.now();
  if (process.env.WUTONG_E2E_DB === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('WUTONG_E2E_DB=postgres needs TEST_DATABASE_URL');
    const name = `wutong_e2etpl_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = async (q: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    try {
      // no connection may be left on a template when it is copied: this one closes here
      const database = await openAndPrepare({ ...loadConfig({ DATABASE_URL: u.toString(), WUTONG_DEMO: '1' }) });
      await database.close();
    } catch (e) {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      throw e;
    }
    process.env.WUTONG_E2E_TEMPLATE = name;
    if (process.env.WUTONG_TEST_TIMING === '1') console.log(`[e2e template] ${name} in ${Date.now() - started} ms`);
    return () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'wutong-e2e-template-'));
  const database = await openAndPrepare({ ...loadConfig({ DATA_DIR: dir, WUTONG_DEMO: '1' }) });
  await database.close();
  process.env.WUTONG_E2E_TEMPLATE = dir;
  if (process.env.WUTONG_TEST_TIMING === '1') console.log(`[e2e template] ${dir} in ${Date.now() - started} ms`);
  return async () => rmSync(dir, { recursive: true, force: true });
}
