import { date, index, integer, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';

export const trips = pgTable(
  'trips',
  {
    id: serial('id').primaryKey(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    destination: text('destination').notNull(),
    startOn: date('start_on').notNull(),
    endOn: date('end_on').notNull(),
    leader: text('leader').notNull(),
    delegation: text('delegation'),
    purpose: text('purpose'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('trips_unit_idx').on(t.unitId, t.startOn)],
);

