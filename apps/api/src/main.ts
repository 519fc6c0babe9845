import { DatabaseRefused } from '@wutong/db';
import { loadConfig } from './platform/config.js';
import { openAndPrepare } from './bootstrap.js';
import { buildApp } from './app.js';
import { startWorkers } from './platform/runtime.js';
import { allWorkers } from './modules.js';

const started = Date.now();
const config = loadConfig();
let database;
try {
  database = await openAndPrepare(config, (m) => console.log(`[wutong] ${m}`));
} catch (e) {
  if (e instanceof DatabaseRefused) {
    console.error(`[wutong] ${e.message}`);
    process.exit(2);
  }
  throw e;
}
const app = await buildApp(database, config);
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
