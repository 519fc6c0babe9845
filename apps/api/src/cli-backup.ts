import { resolve } from 'node:path';
import { backup, defaultBackupFile, restore, type Target } from '@wutong/db';
import type { Config } from './platform/config.js';

/**
 * `npm run wutong -- backup [file]` and `restore <file> [--replace]`: the database the app would
 * use (DATABASE_URL, or the embedded one in DATA_DIR), with progress on stderr and a summary on
 * stdout. Neither migrates anything: a restored older backup is migrated by the next start.
 */
export async function backupCommand(command: 'backup' | 'restore', file: string | undefined, opts: { replace?: boolean }, config: Config): Promise<void> {
  const target: Target = config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir };
  const progress = (msg: string) => console.error(`  ${msg}`);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (command === 'backup') {
    const out = file ? resolve(file) : defaultBackupFile(target);
    console.error(`备份 / backing up ${'url' in target ? 'the PostgreSQL database' : `the embedded database in ${config.dataDir}`} → ${out}`);
    const r = await backup(target, out, progress);
    console.log(`备份完成 / backup written: ${r.file} (${mb(r.bytes)}, ${r.tables} tables, ${r.rows} rows, ${(r.ms / 1000).toFixed(1)} s)`);
    return;
  }
  if (!file) throw new Error('restore needs the backup file: npm run wutong -- restore <file> [--replace]');
  console.error(`恢复 / restoring ${resolve(file)} → ${'url' in target ? 'the PostgreSQL database' : `the embedded database in ${config.dataDir}`}`);
  const r = await restore(target, resolve(file), progress, opts);
  console.log(
    `恢复完成 / restored: ${r.tables} tables, ${r.rows} rows, ${(r.ms / 1000).toFixed(1)} s` +
      (r.keptAside ? `; the previous database is kept in ${r.keptAside} (delete it when satisfied)` : ''),
  );
}
