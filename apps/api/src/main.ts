import { DatabaseRefused, type Database } from '@wutong/db';
import { ConfigError, loadConfig, type Config } from './platform/config.js';
import { openAndPrepare } from './bootstrap.js';
import { buildApp } from './app.js';
import { startWorkers } from './platform/runtime.js';
import { allWorkers } from './modules.js';
import { enableEmbeddedBackups } from './modules/system/index.js';

const started = Date.now();
let config: Config;
let database: Database;
try {
  config = loadConfig();
  database = await openAndPrepare(config, (m) => console.log(`[wutong] ${m}`));
} catch (e) {
  // a refusal is the operator's to fix: its message says what and how, a stack trace would bury it
  if (e instanceof DatabaseRefused || e instanceof ConfigError) {
    console.error(`[wutong] ${e.message}`);
    process.exit(2);
  }
  throw e;
}
const app = await buildApp(database, config);
// nobody else can open the embedded database while it runs: it backs itself up every night
enableEmbeddedBackups(database, { dir: config.backupDir, keep: config.backupKeep });
// scheduled jobs and webhook deliveries (WUTONG_SCHEDULER=0 turns them off on this instance)
const background =
  process.env.WUTONG_SCHEDULER === '0' ? null : startWorkers(database, allWorkers(), (msg, data) => app.log.info(data ?? {}, `[background] ${msg}`));
const shutdown = async () => {
  await background?.stop();
  await app.close();
  await database.close();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
await app.listen({ port: config.port, host: config.host });
console.log(
  `[wutong] serving on http://localhost:${config.port} (${database.kind}${database.kind === 'pglite' ? `, data in ${config.dataDir}` : ''}) — ready in ${Date.now() - started} ms`,
);
