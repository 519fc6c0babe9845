import type { Database } from '@wutong/db';
import { tick, instanceName, type SchedulerOptions } from './scheduler.js';
import { deliverDue } from '../webhooks/delivery.js';

export type Background = { stop: () => Promise<void>; instance: string };

/**
 * The app's background work: a scheduler tick every ~30 s (the first one right after start, which
 * is when missed periods are caught up) and the webhook delivery worker every ~10 s. Timers are
 * unref'd: they never keep the process alive. Started by main.ts, not by tests.
 */
export function startBackground(
  database: Database,
  opts: { tickMs?: number; deliveryMs?: number; firstTickMs?: number; log?: (msg: string, data?: Record<string, unknown>) => void } & SchedulerOptions = {},
): Background {
  const log = opts.log ?? (() => {});
  const instance = opts.instance ?? instanceName();
  let ticking: Promise<unknown> | null = null;
  let delivering: Promise<unknown> | null = null;
  let stopped = false;

  const runTick = () => {
    if (ticking || stopped) return;
    ticking = tick(database, { ...opts, instance, log })
      .catch((e) => log('scheduler tick failed', { error: String(e) }))
      .finally(() => (ticking = null));
  };
  const runDelivery = () => {
    if (delivering || stopped) return;
    delivering = deliverDue(database.db)
      .then((r) => {
        if (r.attempted) log('webhook deliveries', r);
      })
      .catch((e) => log('webhook delivery failed', { error: String(e) }))
      .finally(() => (delivering = null));
  };

  const first = setTimeout(runTick, opts.firstTickMs ?? 1000);
  const ticker = setInterval(runTick, opts.tickMs ?? 30_000);
  const deliverer = setInterval(runDelivery, opts.deliveryMs ?? 10_000);
  for (const t of [first, ticker, deliverer]) t.unref();

  return {
    instance,
    stop: async () => {
      stopped = true;
      clearTimeout(first);
      clearInterval(ticker);
      clearInterval(deliverer);
      await Promise.allSettled([ticking, delivering]);
    },
  };
}
