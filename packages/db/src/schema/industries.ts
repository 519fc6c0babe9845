import { pgTable, text } from 'drizzle-orm/pg-core';

/** GB/T 4754-2017 industries, shipped reference data (section → division → group → class). */
export const industries = pgTable('industries', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  level: text('level').notNull(),
  parent: text('parent'),
  section: text('section').notNull(),
});

