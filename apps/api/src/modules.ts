/**
 * The app's modules, in one list: what each brings (routes, scheduled jobs, event listeners,
 * background workers) is in its manifest (`modules/<m>/<m>.module.ts`), and nothing is registered
 * by importing a file. The order matters twice: routes are served in this order, and listeners of
 * one event run in this order (a project command updates assessment facts, then the points ledger).
 * `npm run wutong -- wiring` prints the result.
 */
import type { Config } from './platform/config.js';
import type { AnyRoute } from './platform/http.js';
import { connectListeners, type Listener } from './platform/events.js';
import { registerJob, unregisterJob, registeredJobs } from './platform/jobs.js';
import type { ModuleManifest, Worker } from './platform/module.js';
import { systemModule } from './modules/system/index.js';
import { authModule } from './modules/auth/index.js';
import { orgModule } from './modules/org/index.js';
import { usersModule } from './modules/users/index.js';
import { auditModule } from './modules/audit/index.js';
import { workbenchModule } from './modules/workbench/index.js';
import { projectsModule } from './modules/projects/index.js';
import { tripsModule } from './modules/trips/index.js';
import { arbitrationsModule } from './modules/arbitrations/index.js';
import { blocksModule } from './modules/blocks/index.js';
import { enterprisesModule } from './modules/enterprises/index.js';
import { industriesModule } from './modules/industries/index.js';
import { cockpitModule } from './modules/cockpit/index.js';
import { assessmentModule } from './modules/assessment/index.js';
import { schedulerModule } from './modules/scheduler/index.js';
import { notificationsModule } from './modules/notifications/index.js';
import { webhooksModule } from './modules/webhooks/index.js';
import { pointsModule } from './modules/points/index.js';
import { coordinationModule } from './modules/coordination/index.js';
import { bulletinsModule } from './modules/bulletins/index.js';

export const MODULES: readonly ModuleManifest[] = [
  systemModule,
  authModule,
  orgModule,
  usersModule,
  auditModule,
  workbenchModule,
  projectsModule,
  tripsModule,
  arbitrationsModule,
  blocksModule,
  enterprisesModule,
  industriesModule,
  cockpitModule,
  assessmentModule,
  schedulerModule,
  notificationsModule,
  webhooksModule,
  pointsModule,
  coordinationModule,
  bulletinsModule,
];

export function allRoutes(config: Config, modules: readonly ModuleManifest[] = MODULES): AnyRoute[] {
  return modules.flatMap((m) => m.routes?.(config) ?? []);
}

export const allListeners = (modules: readonly ModuleManifest[] = MODULES): Listener[] => modules.flatMap((m) => m.listeners ?? []);
export const allWorkers = (modules: readonly ModuleManifest[] = MODULES): Worker[] => modules.flatMap((m) => m.workers ?? []);

/**
 * Connects every module's listeners to the events they listen to and registers every module's
 * jobs. Idempotent (tests build the app many times in one process); called before the app serves
 * and before demo data is seeded (the seed runs project commands whose listeners must run too).
 */
export function wireModules(modules: readonly ModuleManifest[] = MODULES): void {
  connectListeners(allListeners(modules));
  const jobs = modules.flatMap((m) => m.jobs ?? []);
  const names = new Set(jobs.map((j) => j.name));
  // a job registered by an earlier wiring of other modules goes; test jobs (registered by tests) stay
  for (const j of registeredJobs()) if (!names.has(j.name) && !j.name.startsWith('test.')) unregisterJob(j.name);
  for (const j of jobs) registerJob(j);
}

/** What runs where, for people: every event and its listeners in order, every job, every worker. */
export function wiringTable(modules: readonly ModuleManifest[] = MODULES): string {
  const lines: string[] = [];
  const byEvent = new Map<string, string[]>();
  for (const m of modules) for (const l of m.listeners ?? []) byEvent.set(l.event.name, [...(byEvent.get(l.event.name) ?? []), l.name]);
  lines.push('events → listeners (in order):');
  for (const [e, ls] of byEvent) lines.push(`  ${e}`, ...ls.map((l, i) => `    ${i + 1}. ${l}`));
  lines.push('jobs:');
  for (const m of modules) for (const j of m.jobs ?? []) lines.push(`  ${j.name} (${m.name}) — ${j.defaultCron} Asia/Shanghai, ${j.period}: ${j.description.en}`);
  lines.push('workers:');
  for (const m of modules) for (const w of m.workers ?? []) lines.push(`  ${w.name} (${m.name}) — every ${w.everyMs / 1000} s`);
  lines.push(`routes: ${allRoutes({} as Config, modules).length} from ${modules.length} modules`);
  return lines.join('\n');
}
