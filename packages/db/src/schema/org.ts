import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * The org tree. `path` is the materialised chain of ids ("/1/4/9/", self included) so that a
 * data scope — "this unit and everything under it" — is one indexed prefix match.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: serial('id').primaryKey(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgUnits.id),
    path: text('path').notNull().default(''),
    depth: integer('depth').notNull().default(0),
    code: text('code'),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').notNull(),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_units_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('org_units_parent_idx').on(t.parentId),
    uniqueIndex('org_units_code_uq').on(t.code),
  ],
);
export type OrgUnitRow = typeof orgUnits.$inferSelect;
