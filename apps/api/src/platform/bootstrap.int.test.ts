import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { DatabaseRefused, checkUtf8, openDatabase, runMigrations, queryRows } from '@wutong/db';
import { createTestDatabase } from '@wutong/db/testing';

describe('database bootstrap', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it.skipIf(process.env.WUTONG_TEST_DB === 'postgres')('one process owns a PGlite data directory; a stale lock is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wutong-lock-'));
    dirs.push(dir);
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DatabaseRefused);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/in use by process/);
    await first.close();
    writeFileSync(join(dir, 'wutong.lock'), '999999'); // a pid that is not running
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });

  it('migrations apply twice without harm, and the audit log is append-only', async () => {
    // from scratch, not a copy of the run's migrated template: this is the test of the migrations
    const database = await createTestDatabase({ fresh: true });
    try {
      await runMigrations(database);
      await database.db.execute(sql`insert into audit_log (action, entity) values ('test', 'x')`);
      await expect(database.db.execute(sql`update audit_log set action = 'changed'`)).rejects.toThrow();
      await expect(database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
      const [r] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int n from audit_log where action = 'test'`);
      expect(r!.n).toBe(1);
      const [trgm] = await queryRows<{ s: number }>(database.db, sql`select similarity('宁波寰采星科技有限公司', '寰采星科技(宁波)有限公司') s`);
      expect(trgm!.s).toBeGreaterThan(0.3);
    } finally {
      await database.close();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)('refuses a PostgreSQL database whose ctype is not UTF-8', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `wutong_c_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'`);
    try {
      const u = new URL(url);
      u.pathname = `/${name}`;
      const database = await openDatabase({ url: u.toString() });
      try {
        await expect(checkUtf8(database)).rejects.toThrow(/UTF-8/);
      } finally {
        await database.close();
      }
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});
