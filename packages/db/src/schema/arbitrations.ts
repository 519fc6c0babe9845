import { index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { projects } from './projects.js';

/** A conflicting claim on an enterprise's project, decided by the investment centre. */
export const arbitrations = pgTable(
  'arbitrations',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    claimantUnitId: integer('claimant_unit_id')
      .notNull()
      .references(() => orgUnits.id),
    claimantUserId: integer('claimant_user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('open'), // open | upheld | rejected
    decisionNote: text('decision_note'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('arbitrations_project_idx').on(t.projectId), index('arbitrations_claimant_idx').on(t.claimantUnitId)],
);

