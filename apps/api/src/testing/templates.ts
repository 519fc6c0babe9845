import type { Database } from '@wutong/db';
import { loadIndustries } from '../seeds/industries.js';
import { seedDemo } from '../seeds/demo.js';

/**
 * The starting points of integration tests, built once per run by the global setup
 * (global-setup.ts) and copied for every test database:
 * - `base`: migrated, with the GB/T 4754 industries every database loads at start;
 * - `demo`: base + the Haishu org tree, demo users, scoring rules and FX rates (no pipeline);
 * - `demo-pipeline`: base + the full demo data, with its living project pipeline.
 * Dates in the demo data are relative to the day the template is built, as they were to the day
 * a test seeded them.
 */
export const TEST_TEMPLATES = [
  { name: 'base', build: (d: Database) => loadIndustries(d.db) },
  { name: 'demo', from: 'base', build: (d: Database) => seedDemo(d.db, undefined, false) },
  { name: 'demo-pipeline', from: 'base', build: (d: Database) => seedDemo(d.db) },
] as const satisfies readonly { name: string; from?: string; build: (d: Database) => Promise<void> }[];

export type TestTemplate = (typeof TEST_TEMPLATES)[number]['name'];

/** Builds a template's content into a migrated database: what a run without templates does inline. */
export async function buildTemplateInline(database: Database, name: TestTemplate): Promise<void> {
  const t = TEST_TEMPLATES.find((x) => x.name === name)!;
  if ('from' in t) await buildTemplateInline(database, t.from);
  await t.build(database);
}
