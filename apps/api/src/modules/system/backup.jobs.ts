import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '@wutong/db';
import { defineJob } from '../../platform/jobs.js';

/**
 * 内置数据库每晚备份 — the embedded database belongs to the running process (a lockfile: two
 * processes on one PGlite directory corrupt it), so nothing else can back it up while the app
 * runs. The app does it itself, every night: a checkpoint, then the data directory as a gzipped
 * tarball (what `npm run wutong -- backup` writes, restored by `restore`) into the backup
 * directory, keeping the newest few. On a PostgreSQL server the job does nothing: pg_dump
 * (`npm run wutong -- backup`) runs beside the app, from the operator's own schedule.
 */
type Embedded = { database: Database; dir: string; keep: number };
let embedded: Embedded | null = null;

/** Called by main.ts on the embedded database; tests call it on theirs. */
export function enableEmbeddedBackups(database: Database, opts: { dir: string; keep: number }) {
  embedded = database.kind === 'pglite' ? { database, ...opts } : null;
}

export function disableEmbeddedBackups() {
  embedded = null;
}

const FILE = /^wutong-pglite-\d{4}-\d{2}-\d{2}\.tar\.gz$/;

export const embeddedBackupJob = defineJob({
  name: 'backup.embedded',
  defaultCron: '30 2 * * *',
  period: 'day',
  covers: 'current',
  description: { zh: '内置数据库每晚备份（服务器数据库请用 pg_dump）', en: 'Nightly backup of the embedded database (on a server: pg_dump)' },
  run: async (ctx, period) => {
    if (!embedded) return { skipped: ctx.dbKind === 'postgres' ? 'a server database: back it up with npm run wutong -- backup (pg_dump)' : 'not enabled here' };
    const { database, dir, keep } = embedded;
    const pglite = database.raw.pglite!;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `wutong-pglite-${period.key}.tar.gz`);
    const tmp = `${file}.partial`;
    // The run's own transaction is open on PGlite's one connection, so the checkpoint goes through
    // it (pglite.exec would wait for that transaction to end: a deadlock); dumpDataDir only waits
    // for the statement in progress. What the run has written is not committed yet: a restored copy
    // does not have it, and its first start runs the night again.
    await ctx.db.execute(sql`CHECKPOINT`);
    const blob = await pglite.dumpDataDir('gzip');
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file);
    const all = readdirSync(dir)
      .filter((f) => FILE.test(f))
      .sort();
    const removed = all.slice(0, Math.max(0, all.length - keep));
    for (const f of removed) rmSync(join(dir, f), { force: true });
    ctx.log('embedded database backed up', { file, bytes: statSync(file).size });
    return { file, bytes: statSync(file).size, kept: all.length - removed.length, removed };
  },
});
