import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inventory, openDatabase, restore, runMigrations, type Database, type Inventory } from '@wutong/db';
import { loadIndustries } from '../../seeds/industries.js';
import { seedDemo } from '../../seeds/demo.js';
import { tick } from '../scheduler/scheduler.js';
import { shanghaiDate, shanghaiMidnight } from '@wutong/contracts';
import { jobSchedules } from '@wutong/db';
import { disableEmbeddedBackups, embeddedBackupJob, enableEmbeddedBackups } from './backup.jobs.js';
import { registerJob } from '../../platform/jobs.js';

/**
 * The running app backs its embedded database up every night (nothing else may open it then):
 * the file restores to the same data, and only the newest few are kept.
 */
describe.skipIf(process.env.WUTONG_TEST_DB === 'postgres')('the nightly backup of the embedded database', () => {
  let dir: string;
  let backups: string;
  let database: Database;
  let before: Inventory;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wutong-nightly-'));
    backups = join(dir, 'backups');
    database = await openDatabase({ dataDir: join(dir, 'data') });
    await runMigrations(database);
    await loadIndustries(database.db);
    await seedDemo(database.db, undefined, false);
    before = await inventory(database.db);
  });
  afterAll(async () => {
    disableEmbeddedBackups();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('writes tonight’s backup while the app runs, keeps the newest three, and the file restores to the same data', async () => {
    mkdirSync(backups, { recursive: true });
    for (const d of ['2020-01-01', '2020-01-02', '2020-01-03']) writeFileSync(join(backups, `wutong-pglite-${d}.tar.gz`), 'old');
    registerJob(embeddedBackupJob);
    enableEmbeddedBackups(database, { dir: backups, keep: 3 });
    // due since last midnight (Shanghai): one run, today's
    const now = new Date();
    const today = shanghaiDate(now);
    await database.db.insert(jobSchedules).values({ job: 'backup.embedded', cron: '0 0 * * *', enabledSince: new Date(shanghaiMidnight(today).getTime() - 3600_000) });
    const report = await tick(database, { only: ['backup.embedded'], now: () => now, instance: 'test' });
    expect(report.runs.map((r) => [r.periodKey, r.status])).toEqual([[today, 'succeeded']]);

    expect(readdirSync(backups).sort()).toEqual(['wutong-pglite-2020-01-02.tar.gz', 'wutong-pglite-2020-01-03.tar.gz', `wutong-pglite-${today}.tar.gz`]);
    const target = join(dir, 'restored');
    await restore({ dataDir: target }, join(backups, `wutong-pglite-${today}.tar.gz`));
    const restored = await openDatabase({ dataDir: target });
    try {
      const after = await inventory(restored.db);
      // the scheduler's own rows changed while it ran the job: everything else is the same
      const { 'public.job_runs': _r1, 'public.job_schedules': _s1, ...rest } = after.tables;
      const { 'public.job_runs': _r2, 'public.job_schedules': _s2, ...expected } = before.tables;
      expect(rest).toEqual(expected);
    } finally {
      await restored.close();
    }
    expect(existsSync(join(backups, `wutong-pglite-${today}.tar.gz.partial`))).toBe(false);
  }, 180_000);
});
