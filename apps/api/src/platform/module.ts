import type { Database } from '@wutong/db';
import type { Config } from './config.js';
import type { AnyRoute } from './http.js';
import type { JobDefinition } from './jobs.js';
import type { Listener } from './events.js';

/** Background work that repeats while the app runs (the scheduler's tick, webhook deliveries). */
export type Worker = {
  name: string;
  everyMs: number;
  /** the first run, this long after start (default: everyMs) */
  firstMs?: number;
  run: (database: Database, log: (msg: string, data?: Record<string, unknown>) => void) => Promise<unknown>;
};

/**
 * What a module brings to the app, in one place: its routes, its scheduled jobs, the events it
 * listens to, and its background workers. `modules.ts` lists every module's manifest; nothing is
 * registered by importing a file.
 */
export type ModuleManifest = {
  name: string;
  routes?: (config: Config) => AnyRoute[];
  jobs?: readonly JobDefinition[];
  listeners?: readonly Listener[];
  workers?: readonly Worker[];
};
