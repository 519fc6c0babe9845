import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, integer, jsonb, numeric, pgTable, pgView, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { enterprises } from './enterprises.js';
import { keyBlocks } from './blocks.js';
import { trips } from './trips.js';

/**
 * One entity from lead to production. `stage` is a cache of the newest stage event, written in the
 * same transaction; `project_stage_events` is the history it is derived from.
 */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    /** the owner unit: the project's data scope */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    ownerUserId: integer('owner_user_id').references(() => users.id),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    name: text('name').notNull(),
    /** pinyin initials of the name, for search by 首字母 */
    nameInitials: text('name_initials').notNull().default(''),
    stage: text('stage').notNull().default('lead'),
    stageAt: timestamp('stage_at', { withTimezone: true }).notNull().defaultNow(),
    /** lead intake: pending → accepted | rejected | merged */
    intake: text('intake').notNull().default('pending'),
    intakeNote: text('intake_note'),
    mergedIntoId: integer('merged_into_id'),
    projectType: text('project_type').notNull(), // new | expansion | zhejiang_returning | foreign
    source: text('source').notNull(), // visit | referral | trip | fund | event | other
    industryCode: text('industry_code'),
    investmentMinor: bigint('investment_minor', { mode: 'number' }),
    investmentCurrency: text('investment_currency').notNull().default('CNY'),
    fixedAssetMinor: bigint('fixed_asset_minor', { mode: 'number' }),
    fixedAssetCurrency: text('fixed_asset_currency').notNull().default('CNY'),
    keyBlockId: integer('key_block_id').references(() => keyBlocks.id),
    carrier: text('carrier'),
    expectedJobs: integer('expected_jobs'),
    expectedOutputMinor: bigint('expected_output_minor', { mode: 'number' }),
    expectedTaxMinor: bigint('expected_tax_minor', { mode: 'number' }),
    annualGenerationKwh: bigint('annual_generation_kwh', { mode: 'number' }),
    co2AvoidedT: numeric('co2_avoided_t'),
    talents: integer('talents'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactTitle: text('contact_title'),
    note: text('note'),
    /** 首报: the first valid report of this enterprise's project */
    reportedByUserId: integer('reported_by_user_id').references(() => users.id),
    reportedByUnitId: integer('reported_by_unit_id').references(() => orgUnits.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    firstReport: boolean('first_report').notNull().default(true),
    /** cached from activities, for lights and sorting */
    firstContactAt: timestamp('first_contact_at', { withTimezone: true }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    nextStep: text('next_step'),
    nextDue: date('next_due'),
    signedAt: date('signed_at'),
    droppedReason: text('dropped_reason'),
    /**
     * A lead that names a new enterprise very like a known one, reported anyway with a reason: the
     * known enterprise, the reason, and the centre's review (pending → distinct | merged). Its 首报
     * credit waits while the review is pending.
     */
    duplicateOfEnterpriseId: integer('duplicate_of_enterprise_id').references(() => enterprises.id),
    duplicateReason: text('duplicate_reason'),
    duplicateReview: text('duplicate_review'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // lists filter by unit (or region) and stage and sort by date; intake and region ride along so
    // that counting a filter never touches the table
    index('projects_scope_idx').on(t.unitId, t.stage, t.reportedAt, t.intake, t.regionId),
    index('projects_region_idx').on(t.regionId, t.stage, t.reportedAt, t.intake),
    index('projects_enterprise_idx').on(t.enterpriseId),
    // one open project per enterprise: a second report joins or claims it
    uniqueIndex('projects_one_open_per_enterprise').on(t.enterpriseId).where(sql`${t.intake} in ('pending', 'accepted') and ${t.stage} <> 'dropped'`),
    index('projects_owner_idx').on(t.ownerUserId),
    index('projects_reporter_idx').on(t.reportedByUserId),
    index('projects_name_trgm').using('gin', sql`${t.name} gin_trgm_ops`),
    index('projects_initials_idx').on(sql`${t.nameInitials} text_pattern_ops`),
  ],
);
export type ProjectRow = typeof projects.$inferSelect;

/** Co-promoting units and their credit shares in basis points (sum 10000). */
export const projectUnits = pgTable(
  'project_units',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    shareBp: integer('share_bp').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.unitId] }), index('project_units_unit_idx').on(t.unitId)],
);

/** Append-only stage history: who moved the project, when, with what evidence. */
export const projectStageEvents = pgTable(
  'project_stage_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: integer('by_user_id').references(() => users.id),
    evidence: jsonb('evidence').notNull().default({}),
    reason: text('reason'),
  },
  (t) => [index('stage_events_project_idx').on(t.projectId, t.id)],
);

export const activities = pgTable(
  'activities',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').references(() => projects.id),
    tripId: integer('trip_id').references(() => trips.id),
    /** the unit of the project (or of the trip), copied so the row is scoped on its own */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    kind: text('kind').notNull(), // visit | meeting_offline | meeting_online | call | reception | signing
    occurredOn: date('occurred_on').notNull(),
    place: text('place'),
    attendees: text('attendees'),
    notes: text('notes'),
    nextStep: text('next_step'),
    nextDue: date('next_due'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('activities_project_idx').on(t.projectId, t.occurredOn), index('activities_trip_idx').on(t.tripId), index('activities_unit_idx').on(t.unitId)],
);

/** Capital in place (资金到位): append-only; a correction is a reversing entry. */
export const capitalRecords = pgTable(
  'capital_records',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    category: text('category').notNull(), // foreign_usd | domestic_out_of_city | zhejiang_returning
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    recordedOn: date('recorded_on').notNull(),
    note: text('note'),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('capital_project_idx').on(t.projectId), index('capital_unit_date_idx').on(t.unitId, t.recordedOn)],
);

/** Traffic-light rules per region: thresholds in days (working days for lead contact). */
export const slaRules = pgTable(
  'sla_rules',
  {
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    rule: text('rule').notNull(), // lead_uncontacted | no_activity | signed_not_registered | next_step_overdue
    yellowDays: integer('yellow_days'),
    redDays: integer('red_days'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.rule] })],
);

/**
 * What other modules may read of a project in their own SQL (a published view, migration 0016):
 * its identity, owner unit and people (the data scope), stage and enterprise. Their queries join
 * this, never the projects tables, and take the scope condition from the projects module
 * (`projectProfileInScope`). Writes go through the projects module's service.
 */
export const projectProfiles = pgView('project_profiles', {
  id: integer('id').notNull(),
  regionId: integer('region_id').notNull(),
  unitId: integer('unit_id').notNull(),
  ownerUserId: integer('owner_user_id'),
  reportedByUserId: integer('reported_by_user_id'),
  reportedByUnitId: integer('reported_by_unit_id'),
  enterpriseId: integer('enterprise_id').notNull(),
  enterpriseName: text('enterprise_name').notNull(),
  name: text('name').notNull(),
  stage: text('stage').notNull(),
  intake: text('intake').notNull(),
  keyBlockId: integer('key_block_id'),
  industryCode: text('industry_code'),
  investmentMinor: bigint('investment_minor', { mode: 'number' }),
  investmentCurrency: text('investment_currency').notNull(),
}).existing();
