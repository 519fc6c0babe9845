import { integer, pgTable, serial, text } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';

/** Key blocks of a region (重点区块), e.g. 宁波西枢纽. */
export const keyBlocks = pgTable('key_blocks', {
  id: serial('id').primaryKey(),
  regionId: integer('region_id')
    .notNull()
    .references(() => orgUnits.id),
  name: text('name').notNull(),
  nameEn: text('name_en'),
});

