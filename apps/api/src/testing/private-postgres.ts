import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A PostgreSQL server of a test's own, on a port of its own, for what must never happen to the
 * shared server: stopping and restarting it, or refusing passwords. Built with the machine's
 * PostgreSQL 15 binaries (PG_BIN); as root, the server runs as the `postgres` user (initdb refuses
 * root). The caller stops it; the directory goes with it.
 */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export type PrivatePostgres = {
  port: number;
  /** postgres://postgres[:password]@127.0.0.1:port/<database> */
  url: (database?: string) => string;
  start: () => void;
  stop: () => void;
  /** stops the server and removes its directory */
  destroy: () => void;
};

/** Why a private server cannot be started here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) return `no PostgreSQL binaries in ${PG_BIN} (set PG_BIN)`;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root without a postgres user to run the server';
    }
  }
  return null;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function createPrivatePostgres(opts: { password?: string; port?: number; start?: boolean } = {}): Promise<PrivatePostgres> {
  const port = opts.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'wutong-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (bin: string, args: string[]) => {
    const cmd = join(PG_BIN, bin);
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe', cwd: dir });
  };
  const auth = ['--auth=trust'];
  if (opts.password) {
    const pw = join(dir, 'pw');
    writeFileSync(pw, opts.password);
    if (asRoot) execFileSync('chown', ['postgres', pw]);
    auth.splice(0, 1, '--auth=scram-sha-256', `--pwfile=${pw}`);
  }
  run('initdb', ['-D', data, '-U', 'postgres', ...auth, '-E', 'UTF8', '--locale=C.UTF-8']);
  const pg = {
    port,
    url: (database = 'postgres') => `postgres://postgres${opts.password ? `:${encodeURIComponent(opts.password)}` : ''}@127.0.0.1:${port}/${database}`,
    start: () => run('pg_ctl', ['-D', data, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, '-l', join(dir, 'log'), '-w', 'start']),
    stop: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    destroy: () => {
      try {
        pg.stop();
      } catch {
        /* not running */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  if (opts.start !== false) pg.start();
  return pg;
}
