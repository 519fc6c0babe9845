import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { loadConfig } from './platform/config.js';
import { openAndPrepare } from './bootstrap.js';
import { createPrivatePostgres, freePort, privatePostgresUnavailable, type PrivatePostgres } from './testing/private-postgres.js';

/**
 * `npm start` with a DATABASE_URL that cannot work must say, in one line in Chinese and English,
 * what is wrong and what to do: no driver stack trace. A server that refuses connections is waited
 * for (it may be starting after the app). The app runs as a real process here, as an operator runs it.
 */
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const MAIN = resolve(ROOT, 'apps/api/src/main.ts');
const url = process.env.TEST_DATABASE_URL;

type Exit = { code: number | null; stdout: string; stderr: string };

function startApp(env: Record<string, string>): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', WUTONG_SCHEDULER: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  // an app that starts after all is stopped: the test then fails on its exit code
  child.stdout.on('data', () => stdout.includes('serving on') && child.kill('SIGTERM'));
  return new Promise((res) => child.on('exit', (code) => res({ code, stdout, stderr })));
}

/** The refusal: exit code 2, its last line says it in both languages, and nothing looks like a stack trace. */
function expectOneLineRefusal(r: Exit): string {
  expect(r.code).toBe(2);
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at |datctype|Failed query/m);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  const line = lines[0]!;
  expect(line).toMatch(/^\[wutong\] /);
  // Chinese first, then the same in English
  expect(line).toMatch(/^\[wutong\] [^a-z]*[\u4e00-\u9fff].*[。）] (The|Cannot|DATABASE_URL) [a-z]/);
  return line;
}

describe('start-up with a DATABASE_URL that cannot work', () => {
  it('refused connection: tries again for DATABASE_WAIT_SECONDS, then says where and what to check', async () => {
    const port = await freePort();
    const r = await startApp({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/wutong`, DATABASE_WAIT_SECONDS: '2' });
    const line = expectOneLineRefusal(r);
    expect(line).toContain(`127.0.0.1:${port}`);
    expect(line).toContain('ECONNREFUSED');
    expect(line).toMatch(/请确认 PostgreSQL 已启动.*check that PostgreSQL is running/);
    // it said it was waiting, at each try
    expect(r.stdout).toMatch(/trying again in 0\.5 s/);
  });

  it('a URL that is no postgres:// URL', async () => {
    const r = await startApp({ DATABASE_URL: 'mysql://root@localhost/wutong' });
    expect(expectOneLineRefusal(r)).toContain('postgres://user:password@host:5432/database');
  });

  it.skipIf(!url)('missing database: names it and gives the createdb command (needs TEST_DATABASE_URL)', async () => {
    const u = new URL(url!);
    u.pathname = `/wutong_missing_${process.pid}`;
    const r = await startApp({ DATABASE_URL: u.toString() });
    const line = expectOneLineRefusal(r);
    expect(line).toContain(`数据库 "wutong_missing_${process.pid}" 不存在`);
    expect(line).toContain(`createdb -T template0 -E UTF8 --lc-collate=C.UTF-8 --lc-ctype=C.UTF-8 wutong_missing_${process.pid}`);
  });

  const unavailable = privatePostgresUnavailable() ?? (url ? null : 'TEST_DATABASE_URL is not set');
  describe.skipIf(!!unavailable)(`on a server of the test’s own${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
    let server: PrivatePostgres;
    beforeAll(async () => {
      server = await createPrivatePostgres({ password: 'Right-pw-1', start: false });
    });
    afterAll(() => server?.destroy());

    it('waits for a server that starts after the app, then prepares the database', async () => {
      const logs: string[] = [];
      let waiting!: () => void;
      const firstRetry = new Promise<void>((r) => (waiting = r));
      const config = { ...loadConfig({ NODE_ENV: 'test' }), databaseUrl: server.url(), demo: false, databaseWaitSeconds: 120 };
      const opening = openAndPrepare(config, (m) => {
        logs.push(m);
        waiting();
      });
      await firstRetry; // the app has met a refused connection…
      server.start(); // …and the server comes up later
      const database = await opening;
      try {
        expect(logs[0]).toMatch(/暂不可用（ECONNREFUSED）.*not available \(ECONNREFUSED\)/);
        const [r] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from industries`);
        expect(r!.n).toBeGreaterThan(1000);
      } finally {
        await database.close();
      }
    });

    it('wrong password: says the server refused the sign-in and to check the user name and password', async () => {
      const wrong = server.url().replace('Right-pw-1', 'Wrong-pw-2');
      const line = expectOneLineRefusal(await startApp({ DATABASE_URL: wrong }));
      expect(line).toContain('数据库拒绝了登录');
      expect(line).toContain('check the user name and password in DATABASE_URL');
      expect(line).not.toContain('Wrong-pw-2');
    });
  });
});
