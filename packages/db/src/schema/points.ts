/**
 * 以贡献论英雄 — scoring rules, the points ledger and its rollup.
 *
 * scoring_rules   (region_id, version) → rules jsonb (contracts `ScoringRules`), effective_from.
 *                 Append-only. The version applying to an event dated D is the one with the
 *                 latest effective_from ≤ D (the highest version among equal dates).
 *
 * points_ledger   Append-only (trigger wutong_append_only). One row per (event, unit) credit:
 *                 `points` in integer hundredths (1 point = 100), `user_id` the person credited
 *                 with the same row (the owner of the project for the owner unit's share, the
 *                 reporter for a lead; null for other co-promoters' shares). A correction appends
 *                 a reversal (points negated, same on_date, reverses_id = the entry) and a new entry.
 *                 The live ledger = rows with reverses_id null that no row reverses.
 *
 * points_rollups  The rankings' read model, kept in the same transaction as ledger inserts:
 *                   (region_id, month, unit_id, user_id) → points (hundredths, net of reversals)
 *                 - month   = first day of the entry's on_date month (date), Asia/Shanghai days;
 *                 - user_id = 0: the unit's total; user_id > 0: that person's part credited
 *                   through this unit (a person's total = sum over their rows with user_id > 0).
 *                 Every ledger row adds its points to (unit, 0, month) and, when it names a
 *                 user, to (unit, user, month). Unit ranking of a period:
 *                   select unit_id, sum(points) from points_rollups
 *                   where region_id = $1 and user_id = 0 and month between $from and $to group by unit_id
 *                 Raw equivalent: sum(points) from points_ledger where region_id = $1 and
 *                 on_date between $fromDay and $toDay group by unit_id.
 */
import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { projects } from './projects.js';

export const scoringRules = pgTable(
  'scoring_rules',
  {
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    rules: jsonb('rules').notNull(),
    note: text('note').notNull().default(''),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.version] })],
);

export const pointsLedger = pgTable(
  'points_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    userId: integer('user_id').references(() => users.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    /** lead:<projectId> | stage:<stageEventId> | capital:<capitalRecordId> */
    eventKey: text('event_key').notNull(),
    onDate: date('on_date').notNull(),
    /** hundredths of a point */
    points: bigint('points', { mode: 'number' }).notNull(),
    ruleVersion: integer('rule_version').notNull(),
    shareBp: integer('share_bp').notNull(),
    explanation: jsonb('explanation').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('points_ledger_project_idx').on(t.projectId, t.eventKey),
    index('points_ledger_region_date_idx').on(t.regionId, t.onDate),
    index('points_ledger_unit_date_idx').on(t.unitId, t.onDate),
    index('points_ledger_user_date_idx').on(t.userId, t.onDate),
    // an entry is reversed at most once
    uniqueIndex('points_ledger_reverses_uq')
      .on(t.reversesId)
      .where(sql`${t.reversesId} is not null`),
  ],
);

export const pointsRollups = pgTable(
  'points_rollups',
  {
    regionId: integer('region_id').notNull(),
    month: date('month').notNull(),
    unitId: integer('unit_id').notNull(),
    /** 0 = the unit's total */
    userId: integer('user_id').notNull().default(0),
    points: bigint('points', { mode: 'number' }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.regionId, t.month, t.unitId, t.userId] })],
);
