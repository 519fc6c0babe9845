import { sql } from 'drizzle-orm';
import { bigserial, check, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { projects } from './projects.js';

/**
 * A coordination item (协调事项 / 要素保障) raised from a project. Everything after `needed_by` is a
 * cache of the item's newest state, written in the same transaction as the event that changed it;
 * `coordination_events` is the history it can be rebuilt from.
 */
export const coordinationItems = pgTable(
  'coordination_items',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    neededBy: date('needed_by').notNull(),
    raisedByUserId: integer('raised_by_user_id').references(() => users.id),
    raisedByUnitId: integer('raised_by_unit_id').references(() => orgUnits.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    // ── the cache ──
    status: text('status').notNull().default('open'),
    level: text('level').notNull().default('unit'),
    leadUnitId: integer('lead_unit_id').references(() => orgUnits.id),
    deadline: date('deadline'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolutionNote: text('resolution_note'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    confirmedByUserId: integer('confirmed_by_user_id').references(() => users.id),
    confirmedContact: text('confirmed_contact'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('coordination_items_region_idx').on(t.regionId, t.status, t.level),
    index('coordination_items_project_idx').on(t.projectId),
    index('coordination_items_lead_idx').on(t.leadUnitId, t.status),
    check('coordination_items_category_ck', sql`${t.category} in ('land', 'energy', 'approval', 'finance', 'talent', 'infrastructure', 'other')`),
    check('coordination_items_status_ck', sql`${t.status} in ('open', 'assigned', 'resolved', 'closed')`),
    check('coordination_items_level_ck', sql`${t.level} in ('unit', 'department', 'lead_group')`),
  ],
);
export type CoordinationItemRow = typeof coordinationItems.$inferSelect;

/** The cooperating units (配合单位) of an item: part of the cache, replaced on each assignment. */
export const coordinationItemUnits = pgTable(
  'coordination_item_units',
  {
    itemId: integer('item_id')
      .notNull()
      .references(() => coordinationItems.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.unitId] }), index('coordination_item_units_unit_idx').on(t.unitId)],
);

/**
 * Append-only history of an item: raise, escalate, assign, progress, resolve, confirm, reopen and
 * the lead group's meeting outcome — who, when, with what note; `data` holds what the event set.
 */
export const coordinationEvents = pgTable(
  'coordination_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    itemId: integer('item_id')
      .notNull()
      .references(() => coordinationItems.id),
    kind: text('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: integer('by_user_id').references(() => users.id),
    byUnitId: integer('by_unit_id').references(() => orgUnits.id),
    note: text('note'),
    data: jsonb('data').notNull().default({}),
  },
  (t) => [
    index('coordination_events_item_idx').on(t.itemId, t.id),
    check('coordination_events_kind_ck', sql`${t.kind} in ('raise', 'escalate', 'assign', 'progress', 'resolve', 'confirm', 'reopen', 'meeting')`),
  ],
);
export type CoordinationEventRow = typeof coordinationEvents.$inferSelect;
