/**
 * Assessment (C3), the cockpit (C10), talents and carbon (C11): FX rates, targets, and the derived
 * facts and rollups every cockpit figure is read from.
 *
 * fx_rates            (currency, on_date) → rate: 1 unit of currency = rate CNY from on_date until
 *                     the next rate. Global reference data.
 *
 * assessment_targets  (unit, indicator, year) → annual target, split none | quarter | month with
 *                     4 or 12 parts summing to it. Values in the indicator's base unit.
 *
 * assessment_facts    The records behind every figure: one row per (indicator, source, source_id),
 *                     derived from the projects module's data (stage events, capital records,
 *                     project attributes). A cache, not history: recomputed per project inside the
 *                     project command's transaction, rebuildable per region.
 *
 * assessment_rollups  The cockpit's read model, kept with the facts (delta upserts). Per unit, and
 *                     with unit_id 0 for the region's totals (dims month, section, block, origin):
 *                       dim 'month'   period = first day of the month, key ''
 *                       dim 'year'    period = 1 January, key '' (per unit only: ranks, by-unit split)
 *                       dim 'section' period = 1 January of the year, key = GB/T 4754 section or ''
 *                       dim 'block'   period = 1 January, key = key block id or ''
 *                       dim 'origin'  period = 1 January, key = enterprise origin or ''
 *                       dim 'stage'   period = 1970-01-01, indicator '', key = current stage
 *                     value = Σ fact values (base units), value_cny = Σ CNY equivalents of money
 *                     facts, n = number of facts (projects for 'stage').
 *
 * assessment_projects The funnel's memory: each counted project's unit and current stage, so a
 *                     change moves one count from the old stage to the new one.
 */
import { bigint, bigserial, date, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { projects } from './projects.js';

export const fxRates = pgTable(
  'fx_rates',
  {
    currency: text('currency').notNull(),
    onDate: date('on_date').notNull(),
    rate: numeric('rate', { precision: 14, scale: 6 }).notNull(),
    source: text('source'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.onDate] })],
);

export const assessmentTargets = pgTable(
  'assessment_targets',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    indicator: text('indicator').notNull(),
    year: integer('year').notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    annual: bigint('annual', { mode: 'number' }).notNull(),
    split: text('split').notNull().default('none'),
    parts: bigint('parts', { mode: 'number' }).array(),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.indicator, t.year] }), index('assessment_targets_region_idx').on(t.regionId, t.year, t.indicator)],
);

export const assessmentFacts = pgTable(
  'assessment_facts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionId: integer('region_id').notNull(),
    /** the project's owner unit */
    unitId: integer('unit_id').notNull(),
    /** the project's owner */
    userId: integer('user_id'),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    enterpriseId: integer('enterprise_id').notNull(),
    indicator: text('indicator').notNull(),
    /** stage_event | capital_record | project */
    source: text('source').notNull(),
    sourceId: bigint('source_id', { mode: 'number' }).notNull(),
    onDate: date('on_date').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
    /** money facts in CNY (foreign amounts converted at the dated rate); 0 for other facts */
    valueCny: bigint('value_cny', { mode: 'number' }).notNull().default(0),
    origAmount: bigint('orig_amount', { mode: 'number' }),
    origCurrency: text('orig_currency'),
    fxRate: numeric('fx_rate', { precision: 20, scale: 10 }),
    fxDate: date('fx_date'),
    industrySection: text('industry_section'),
    keyBlockId: integer('key_block_id'),
    origin: text('origin'),
  },
  (t) => [
    uniqueIndex('assessment_facts_source_uq').on(t.indicator, t.source, t.sourceId),
    index('assessment_facts_region_idx').on(t.regionId, t.indicator, t.onDate),
    index('assessment_facts_unit_idx').on(t.unitId, t.indicator, t.onDate),
    index('assessment_facts_project_idx').on(t.projectId),
  ],
);

export const assessmentRollups = pgTable(
  'assessment_rollups',
  {
    regionId: integer('region_id').notNull(),
    period: date('period').notNull(),
    dim: text('dim').notNull(),
    unitId: integer('unit_id').notNull(),
    indicator: text('indicator').notNull(),
    key: text('key').notNull().default(''),
    value: bigint('value', { mode: 'number' }).notNull().default(0),
    valueCny: bigint('value_cny', { mode: 'number' }).notNull().default(0),
    n: integer('n').notNull().default(0),
  },
  (t) => [
    // a view reads its units' rows (unit 0: the region's totals) by the key's prefix …
    primaryKey({ columns: [t.regionId, t.unitId, t.dim, t.period, t.indicator, t.key] }),
    // … and every unit's year totals and funnel (ranks, the by-unit split) by dimension
    index('assessment_rollups_dim_idx').on(t.regionId, t.dim, t.period),
  ],
);

export const assessmentProjects = pgTable(
  'assessment_projects',
  {
    projectId: integer('project_id')
      .primaryKey()
      .references(() => projects.id),
    regionId: integer('region_id').notNull(),
    unitId: integer('unit_id').notNull(),
    stage: text('stage').notNull(),
  },
  (t) => [index('assessment_projects_region_idx').on(t.regionId)],
);

export const assessmentSnapshots = pgTable(
  'assessment_snapshots',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    /** month | quarter | year */
    periodKind: text('period_kind').notNull(),
    /** '2026-04', '2026-Q2', '2026' */
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    frozenAt: timestamp('frozen_at', { withTimezone: true }).notNull().defaultNow(),
    /** null when the scheduler froze it */
    frozenBy: integer('frozen_by').references(() => users.id),
    data: jsonb('data').notNull(),
    checksum: text('checksum').notNull(),
  },
  (t) => [uniqueIndex('assessment_snapshots_period_uq').on(t.regionId, t.period), index('assessment_snapshots_kind_idx').on(t.regionId, t.periodKind, t.periodEnd)],
);
