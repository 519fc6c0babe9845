/**
 * Regular bulletins (定期通报) and the assessment close (定期考核), C4.
 *
 * bulletin_settings     per region: which kinds are on, the issuing body (发文单位), the masthead (版头)
 *                       and the title pattern.
 *
 * bulletins             one per (region, kind, period). `content` is the JSON snapshot computed when
 *                       the draft was generated (contracts `BulletinContent`); draft → reviewed →
 *                       published. A trigger refuses UPDATE and DELETE of a published row.
 *                       `issue_no` (第N期, per region, kind and year) is tentative on drafts and fixed
 *                       at publishing (unique among published bulletins).
 *
 * bulletin_files        the .docx and .xlsx rendered once at publishing: append-only (trigger).
 *
 * assessment_snapshots  the rankings frozen at the end of each month, quarter and year: append-only
 *                       (trigger), one per (region, period). `data` is contracts `SnapshotData`,
 *                       `checksum` the SHA-256 of its canonical JSON.
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from './org.js';
import { users } from './users.js';
import { assessmentSnapshots } from './assessment.js';

/** bytea, read back as a Buffer on both drivers (PGlite gives a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
  toDriver: (v) => v,
});

export const bulletinSettings = pgTable('bulletin_settings', {
  regionId: integer('region_id')
    .primaryKey()
    .references(() => orgUnits.id),
  weeklyEnabled: boolean('weekly_enabled').notNull().default(false),
  monthlyEnabled: boolean('monthly_enabled').notNull().default(true),
  issuingBody: text('issuing_body').notNull(),
  masthead: text('masthead').notNull(),
  titlePattern: text('title_pattern').notNull(),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type AssessmentSnapshotRow = typeof assessmentSnapshots.$inferSelect;

export const bulletins = pgTable(
  'bulletins',
  {
    id: serial('id').primaryKey(),
    regionId: integer('region_id')
      .notNull()
      .references(() => orgUnits.id),
    /** weekly | monthly */
    kind: text('kind').notNull(),
    /** '2026-04' or '2026-W18' */
    period: text('period').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    year: integer('year').notNull(),
    issueNo: integer('issue_no').notNull(),
    /** draft | reviewed | published */
    status: text('status').notNull().default('draft'),
    title: text('title').notNull(),
    content: jsonb('content').notNull(),
    notes: text('notes').notNull().default(''),
    snapshotId: integer('snapshot_id').references(() => assessmentSnapshots.id),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    generatedBy: integer('generated_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: integer('published_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('bulletins_period_uq').on(t.regionId, t.kind, t.period),
    uniqueIndex('bulletins_issue_uq').on(t.regionId, t.kind, t.year, t.issueNo).where(sql`${t.status} = 'published'`),
    index('bulletins_list_idx').on(t.regionId, t.periodEnd),
  ],
);
export type BulletinRow = typeof bulletins.$inferSelect;

export const bulletinFiles = pgTable(
  'bulletin_files',
  {
    bulletinId: integer('bulletin_id')
      .notNull()
      .references(() => bulletins.id),
    /** docx | xlsx */
    format: text('format').notNull(),
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.bulletinId, t.format] })],
);
