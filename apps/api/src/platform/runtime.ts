import type { Database } from '@wutong/db';
import type { Worker } from './module.js';

export type Background = { stop: () => Promise<void> };

/**
 * The app's background work: each module's workers (the scheduler's tick, webhook deliveries), each
 * run every `everyMs`, never two runs of one worker at once. Timers are unref'd: they never keep the
 * process alive. Started by main.ts, not by tests.
 */
export function startWorkers(database: Database, workers: readonly Worker[], log: (msg: string, data?: Record<string, unknown>) => void = () => {}): Background {
  let stopped = false;
  const running = new Map<string, Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  for (const w of workers) {
    const run = () => {
      if (stopped || running.has(w.name)) return;
      const p = w
        .run(database, log)
        .catch((e) => log(`${w.name} failed`, { error: String(e) }))
        .finally(() => running.delete(w.name));
      running.set(w.name, p);
    };
    timers.push(setTimeout(run, w.firstMs ?? w.everyMs), setInterval(run, w.everyMs));
  }
  for (const t of timers) t.unref();
  return {
    stop: async () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled(running.values());
    },
  };
}
