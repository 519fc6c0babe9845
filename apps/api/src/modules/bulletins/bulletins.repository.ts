import { and, desc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { bulletinFiles, bulletinSettings, bulletins, orgUnits, queryRows, userRoles, users, type Db } from '@wutong/db';
import type { BulletinContent, BulletinKind, BulletinListQuery, BulletinStatus, Role } from '@wutong/contracts';

/**
 * Bulletins belong to a region. Every read and write here names the region it works in; the
 * service passes the caller's region (`ctx.scope.regionId`) or, for a scheduled run, the region
 * the job is working on, and decides which statuses a caller may see.
 */

export type Handle = { db: Db };

export type SettingsRow = typeof bulletinSettings.$inferSelect;

export async function settings(h: Handle, regionId: number): Promise<SettingsRow | undefined> {
  const [row] = await h.db.select().from(bulletinSettings).where(eq(bulletinSettings.regionId, regionId));
  return row;
}

export async function saveSettings(h: Handle, regionId: number, s: Omit<SettingsRow, 'regionId' | 'updatedAt'>): Promise<void> {
  await h.db
    .insert(bulletinSettings)
    .values({ regionId, ...s })
    .onConflictDoUpdate({ target: bulletinSettings.regionId, set: { ...s, updatedAt: sql`now()` } });
}

export async function regionName(h: Handle, regionId: number): Promise<string> {
  const [row] = await h.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, regionId));
  return row?.name ?? '';
}

const who = (col: SQL) => sql<string | null>`(select u.display_name from users u where u.id = ${col})`;

const summaryColumns = {
  id: bulletins.id,
  regionId: bulletins.regionId,
  kind: bulletins.kind,
  period: bulletins.period,
  periodStart: bulletins.periodStart,
  periodEnd: bulletins.periodEnd,
  year: bulletins.year,
  issueNo: bulletins.issueNo,
  status: bulletins.status,
  title: bulletins.title,
  notes: bulletins.notes,
  snapshotId: bulletins.snapshotId,
  periodLabel: sql<string>`${bulletins.content}->>'periodLabel'`,
  generatedAt: bulletins.generatedAt,
  generatedBy: bulletins.generatedBy,
  generatedByName: who(sql`${bulletins.generatedBy}`),
  reviewedAt: bulletins.reviewedAt,
  reviewedBy: bulletins.reviewedBy,
  reviewedByName: who(sql`${bulletins.reviewedBy}`),
  publishedAt: bulletins.publishedAt,
  publishedBy: bulletins.publishedBy,
  publishedByName: who(sql`${bulletins.publishedBy}`),
  updatedAt: bulletins.updatedAt,
};
export type SummaryRow = Awaited<ReturnType<typeof listBulletins>>[number];

/** The region's bulletins; `statuses` is what the caller may see. */
export async function listBulletins(h: Handle, regionId: number, statuses: readonly BulletinStatus[], q: BulletinListQuery) {
  return h.db
    .select(summaryColumns)
    .from(bulletins)
    .where(
      and(
        eq(bulletins.regionId, regionId),
        inArray(bulletins.status, [...statuses]),
        q.kind ? eq(bulletins.kind, q.kind) : undefined,
        q.status ? eq(bulletins.status, q.status) : undefined,
        q.year ? eq(bulletins.year, q.year) : undefined,
      ),
    )
    .orderBy(desc(bulletins.periodEnd), desc(bulletins.kind), desc(bulletins.id))
    .limit(500);
}

export async function findBulletin(h: Handle, regionId: number, statuses: readonly BulletinStatus[], id: number, forUpdate = false) {
  const q = h.db
    .select({ ...summaryColumns, content: bulletins.content })
    .from(bulletins)
    .where(and(eq(bulletins.id, id), eq(bulletins.regionId, regionId), inArray(bulletins.status, [...statuses])));
  const [row] = forUpdate ? await q.for('update', { of: bulletins }) : await q;
  return row ? { ...row, content: row.content as BulletinContent } : undefined;
}
export type FullRow = NonNullable<Awaited<ReturnType<typeof findBulletin>>>;

export async function findByPeriod(h: Handle, regionId: number, kind: BulletinKind, period: string) {
  const [row] = await h.db
    .select({ id: bulletins.id, status: bulletins.status, notes: bulletins.notes })
    .from(bulletins)
    .where(and(eq(bulletins.regionId, regionId), eq(bulletins.kind, kind), eq(bulletins.period, period)))
    .for('update');
  return row;
}

/** The next issue number of a kind in a year: one more than the highest published. */
export async function nextIssueNo(h: Handle, regionId: number, kind: BulletinKind, year: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    h.db,
    sql`select coalesce(max(issue_no), 0)::int + 1 as n from bulletins
        where region_id = ${regionId} and kind = ${kind} and year = ${year} and status = 'published'`,
  );
  return row?.n ?? 1;
}

export type NewBulletin = {
  regionId: number;
  kind: BulletinKind;
  period: string;
  periodStart: string;
  periodEnd: string;
  year: number;
  issueNo: number;
  title: string;
  content: BulletinContent;
  notes: string;
  snapshotId: number | null;
  generatedBy: number | null;
};

export async function insertBulletin(h: Handle, b: NewBulletin): Promise<number> {
  const [row] = await h.db.insert(bulletins).values(b).returning({ id: bulletins.id });
  return row!.id;
}

/** Regenerates a draft (or a reviewed bulletin, which goes back to draft). Never a published one: the trigger refuses. */
export async function replaceDraft(h: Handle, id: number, b: Omit<NewBulletin, 'regionId' | 'kind' | 'period' | 'notes'>): Promise<void> {
  await h.db
    .update(bulletins)
    .set({ ...b, status: 'draft', generatedAt: sql`now()`, reviewedAt: null, reviewedBy: null, updatedAt: sql`now()` })
    .where(eq(bulletins.id, id));
}

export async function updateNotes(h: Handle, id: number, notes: string, content: BulletinContent): Promise<void> {
  await h.db.update(bulletins).set({ notes, content, updatedAt: sql`now()` }).where(eq(bulletins.id, id));
}

export async function setStatus(
  h: Handle,
  id: number,
  to: BulletinStatus,
  by: number,
  extra: { issueNo?: number; content?: BulletinContent; title?: string } = {},
): Promise<void> {
  const now = new Date();
  const stamp = to === 'reviewed' ? { reviewedAt: now, reviewedBy: by } : to === 'published' ? { publishedAt: now, publishedBy: by } : { reviewedAt: null, reviewedBy: null };
  await h.db
    .update(bulletins)
    .set({ status: to, ...stamp, ...extra, updatedAt: now })
    .where(eq(bulletins.id, id));
}

export async function deleteBulletin(h: Handle, id: number): Promise<void> {
  await h.db.delete(bulletins).where(eq(bulletins.id, id));
}

export async function insertFile(h: Handle, bulletinId: number, format: 'docx' | 'xlsx', content: Buffer, sha256: string): Promise<void> {
  await h.db.insert(bulletinFiles).values({ bulletinId, format, content, sha256, bytes: content.length });
}

export async function fileInfo(h: Handle, bulletinId: number) {
  return h.db
    .select({ format: bulletinFiles.format, bytes: bulletinFiles.bytes, sha256: bulletinFiles.sha256 })
    .from(bulletinFiles)
    .where(eq(bulletinFiles.bulletinId, bulletinId))
    .orderBy(bulletinFiles.format);
}

export async function fileContent(h: Handle, bulletinId: number, format: 'docx' | 'xlsx'): Promise<Buffer | undefined> {
  const [row] = await h.db
    .select({ content: bulletinFiles.content })
    .from(bulletinFiles)
    .where(and(eq(bulletinFiles.bulletinId, bulletinId), eq(bulletinFiles.format, format)));
  return row?.content;
}

/** Who reads a published bulletin: the region's active users with these roles. */
export async function readersOfRegion(h: Handle, regionPath: string, roles: readonly Role[]): Promise<number[]> {
  const rows = await h.db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.active, true), inArray(userRoles.role, [...roles]), like(orgUnits.path, `${regionPath}%`)))
    .orderBy(users.id);
  return rows.map((r) => r.id);
}
