import { checkUtf8, connectOrExplain, openDatabase, runMigrations, type Database } from '@wutong/db';
import type { Config } from './platform/config.js';
import { isEmpty, seedDemo } from './seeds/demo.js';
import { loadIndustries } from './seeds/industries.js';
import { wireModules } from './modules.js';

/**
 * Opens the database (waiting for a server that is still starting), refuses a non-UTF-8 one,
 * migrates, and fills demo data into an empty one when asked.
 */
export async function openAndPrepare(config: Config, log: (m: string) => void = () => {}): Promise<Database> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, poolSize: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  try {
    if (config.databaseUrl) await connectOrExplain(database, config.databaseUrl, { waitSeconds: config.databaseWaitSeconds, log });
    await checkUtf8(database);
    await runMigrations(database);
    // reference data every database needs, demo or not (idempotent)
    await loadIndustries(database.db);
    if (config.demo && (await isEmpty(database.db))) {
      // the seed runs project commands: their listeners (facts, points) run with them
      wireModules();
      await seedDemo(database.db, log);
    }
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}
