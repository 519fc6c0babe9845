import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { assessmentSnapshots, type Db } from '@wutong/db';
import type { PeriodKind, SnapshotData, SnapshotListQuery } from '@wutong/contracts';

/** Frozen rankings of a region. Every query names the region. Append-only: there is no update. */

export type Handle = { db: Db };

const columns = {
  id: assessmentSnapshots.id,
  regionId: assessmentSnapshots.regionId,
  period: assessmentSnapshots.period,
  kind: assessmentSnapshots.periodKind,
  periodStart: assessmentSnapshots.periodStart,
  periodEnd: assessmentSnapshots.periodEnd,
  frozenAt: assessmentSnapshots.frozenAt,
  frozenBy: sql<string | null>`(select u.display_name from users u where u.id = ${assessmentSnapshots.frozenBy})`,
  checksum: assessmentSnapshots.checksum,
  adjustmentCount: sql<number>`jsonb_array_length(${assessmentSnapshots.data}->'adjustments')::int`,
};

export async function listSnapshots(h: Handle, regionId: number, q: SnapshotListQuery) {
  return h.db
    .select(columns)
    .from(assessmentSnapshots)
    .where(
      and(
        eq(assessmentSnapshots.regionId, regionId),
        q.kind ? eq(assessmentSnapshots.periodKind, q.kind) : undefined,
        q.year ? sql`extract(year from ${assessmentSnapshots.periodEnd}) = ${q.year}` : undefined,
      ),
    )
    .orderBy(desc(assessmentSnapshots.periodEnd), desc(assessmentSnapshots.id))
    .limit(500);
}

export async function findSnapshot(h: Handle, regionId: number, id: number) {
  const [row] = await h.db
    .select({ ...columns, data: assessmentSnapshots.data })
    .from(assessmentSnapshots)
    .where(and(eq(assessmentSnapshots.regionId, regionId), eq(assessmentSnapshots.id, id)));
  return row ? { ...row, data: row.data as SnapshotData } : undefined;
}

export async function findByPeriod(h: Handle, regionId: number, period: string) {
  const [row] = await h.db
    .select({ ...columns, data: assessmentSnapshots.data })
    .from(assessmentSnapshots)
    .where(and(eq(assessmentSnapshots.regionId, regionId), eq(assessmentSnapshots.period, period)));
  return row ? { ...row, data: row.data as SnapshotData } : undefined;
}
export type SnapshotRow = NonNullable<Awaited<ReturnType<typeof findByPeriod>>>;

/** Earlier snapshots of a kind ending on or after `since` and before `before`, oldest first. */
export async function earlierOfKind(h: Handle, regionId: number, kind: PeriodKind, since: string, before: string): Promise<SnapshotRow[]> {
  const rows = await h.db
    .select({ ...columns, data: assessmentSnapshots.data })
    .from(assessmentSnapshots)
    .where(
      and(
        eq(assessmentSnapshots.regionId, regionId),
        eq(assessmentSnapshots.periodKind, kind),
        gte(assessmentSnapshots.periodEnd, since),
        lt(assessmentSnapshots.periodEnd, before),
      ),
    )
    .orderBy(assessmentSnapshots.periodEnd);
  return rows.map((r) => ({ ...r, data: r.data as SnapshotData }));
}

/** Serialises closes of a region (two instances or a hand close racing the job). */
export async function lockRegionClose(h: Handle, regionId: number): Promise<void> {
  await h.db.execute(sql`select pg_advisory_xact_lock(hashtext('assessment-close'), ${regionId})`);
}

export async function insertSnapshot(
  h: Handle,
  s: { regionId: number; kind: PeriodKind; period: string; periodStart: string; periodEnd: string; frozenBy: number | null; data: SnapshotData; checksum: string },
): Promise<number> {
  const [row] = await h.db
    .insert(assessmentSnapshots)
    .values({ regionId: s.regionId, periodKind: s.kind, period: s.period, periodStart: s.periodStart, periodEnd: s.periodEnd, frozenBy: s.frozenBy, data: s.data, checksum: s.checksum })
    .returning({ id: assessmentSnapshots.id });
  return row!.id;
}
