import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgTable, pgView, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { industries } from './industries.js';

/**
 * The enterprise registry of a region. Enterprises are shared by the whole region (every unit
 * must see that an enterprise is already known, or duplicate checks are blind); projects, which
 * carry the follow-up work, are scoped to units.
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    name: text('name').notNull(),
    /** normalised full name: half-width, no brackets or spaces */
    nameNorm: text('name_norm').notNull(),
    /** the distinctive part (字号), what matching keys on */
    tradeName: text('trade_name').notNull(),
    /** short exact keys (trade name, its pinyin, one-character wildcards…) behind a GIN index */
    matchKeys: text('match_keys').array().notNull().default(sql`'{}'::text[]`),
    uscc: text('uscc'),
    legalRep: text('legal_rep'),
    regCapitalMinor: bigint('reg_capital_minor', { mode: 'number' }),
    regCapitalCurrency: text('reg_capital_currency'),
    foundedOn: date('founded_on'),
    industryCode: text('industry_code').references(() => industries.code),
    regionCode: text('region_code'),
    origin: text('origin'),
    address: text('address'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    source: text('source'),
    /** the unit that entered the enterprise into the registry (the registry itself is region-wide) */
    unitId: integer('unit_id').references(() => orgUnits.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** merged into another record of the same enterprise: kept for its history, no longer listed */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => enterprises.id),
  },
  (t) => [
    uniqueIndex('enterprises_uscc_uq').on(t.uscc),
    index('enterprises_region_idx').on(t.regionId),
    // one record per enterprise: the same normalised name in a region is the same enterprise
    // (imports upsert by it, a lead naming it reports the known one, two parallel reports serialise on it)
    uniqueIndex('enterprises_region_norm_uq').on(t.regionId, t.nameNorm).where(sql`${t.mergedIntoId} is null`),
    index('enterprises_keys_gin').using('gin', t.matchKeys),
    index('enterprises_trade_trgm').using('gin', sql`${t.tradeName} gin_trgm_ops`),
    index('enterprises_name_trgm').using('gin', sql`${t.nameNorm} gin_trgm_ops`),
  ],
);
export type EnterpriseRow = typeof enterprises.$inferSelect;

/** Former names and aliases; matched like the current name. */
export const enterpriseNames = pgTable(
  'enterprise_names',
  {
    id: serial('id').primaryKey(),
    enterpriseId: integer('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(), // former | alias
    nameNorm: text('name_norm').notNull(),
    matchKeys: text('match_keys').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('enterprise_names_ent_idx').on(t.enterpriseId), index('enterprise_names_keys_gin').using('gin', t.matchKeys)],
);

/**
 * A background import of an Excel/CSV file into the registry. Progress is written here chunk by
 * chunk, so any app instance can report it; rejected rows keep their values and the reason.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    /** the unit the imported enterprises are registered by */
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    createdBy: integer('created_by').references(() => users.id),
    filename: text('filename').notNull(),
    status: text('status').notNull().default('queued'), // queued | running | done | failed
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    /** [{row, values, reason}] of rejected rows (capped), for the rejects download */
    rejects: jsonb('rejects').notNull().default([]),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** touched after every chunk: a running job whose heartbeat stops was interrupted */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('import_jobs_region_idx').on(t.regionId, t.createdAt)],
);
export type ImportJobRow = typeof importJobs.$inferSelect;

/**
 * What other modules may read of an enterprise in their own SQL (a published view, migration
 * 0016): they join this, never the table, so the registry can change its storage behind it.
 * Writes go through the enterprises module's service.
 */
export const enterpriseProfiles = pgView('enterprise_profiles', {
  id: integer('id').notNull(),
  regionId: integer('region_id').notNull(),
  name: text('name').notNull(),
  uscc: text('uscc'),
  origin: text('origin'),
  industryCode: text('industry_code'),
  regCapitalMinor: bigint('reg_capital_minor', { mode: 'number' }),
  regCapitalCurrency: text('reg_capital_currency'),
  foundedOn: date('founded_on'),
}).existing();
