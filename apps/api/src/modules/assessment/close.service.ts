import { createHash } from 'node:crypto';
import {
  INDICATOR_BY_CODE,
  parsePeriodKeyAmong,
  shanghaiDate,
  type PeriodKind,
  type AdjustmentLine,
  type BulletinCompletionRanking,
  type IndicatorCode,
  type SnapshotData,
  type SnapshotDetail,
  type SnapshotListQuery,
  type SnapshotSummary,
  type UnitKind,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { regionContext, type BaseContext } from '../../platform/region-context.js';
import { pointsRankings } from '../points/index.js';
import { completionAsOf, regionUnits, type CompletionAsOf, type OrgUnit } from './standings.js';
import * as repo from './close.repository.js';

/** A period closed: a month, a quarter or a year of the Shanghai calendar. */
export type ClosePeriod = { kind: PeriodKind; period: string; year: number; start: string; end: string };

export function closePeriod(key: string): ClosePeriod | null {
  const p = parsePeriodKeyAmong(['year', 'quarter', 'month'], key);
  return p && { kind: p.kind as PeriodKind, period: p.key, year: Number(p.key.slice(0, 4)), start: p.start, end: p.end };
}

/**
 * 定期考核: at the end of each month, quarter and year the rankings are frozen as a snapshot —
 * points rankings of units (within their kind) and of people, completion-rate rankings per
 * indicator (year to date at the period's end). Snapshots are append-only (trigger) and carry a
 * SHA-256 of their canonical JSON.
 *
 * Later corrections (a reversed ledger entry, a capital record dated in a closed period) never
 * change a snapshot; they appear as adjustment lines of the next period closed:
 * - points: for every earlier snapshot S of the same kind (this year and last), each unit's live
 *   points for S's period − S's frozen points − the adjustments already recorded against S (by
 *   any snapshot frozen since: periods may be closed out of order);
 * - completion actuals (year to date): against the latest earlier snapshot of the same kind in
 *   this year and the last one of the previous year, the same difference. (A later snapshot of the
 *   same year already contains what was corrected before it was frozen, so comparing the latest
 *   one counts every correction exactly once.)
 */

/** Who may close a period by hand. */
export const CLOSE_ROLES = ['admin'] as const;

/** Canonical JSON: object keys sorted, so the checksum does not depend on key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

export const checksumOf = (data: SnapshotData) => createHash('sha256').update(canonicalJson(data)).digest('hex');

const toCompletion = (c: CompletionAsOf): BulletinCompletionRanking => {
  const def = INDICATOR_BY_CODE[c.indicator];
  return { indicator: c.indicator, name: def.zh, unit: def.unit, timeProgress: c.timeProgress, groups: c.groups };
};

/** The unit totals a snapshot froze: points per unit. */
function frozenPoints(s: SnapshotData): Map<number, { points: number; unitName: string; kind: UnitKind }> {
  const m = new Map<number, { points: number; unitName: string; kind: UnitKind }>();
  for (const g of s.unitRanking.groups) for (const x of g.items) m.set(x.unitId, { points: x.points, unitName: x.unitName, kind: g.kind });
  return m;
}

function frozenActuals(s: SnapshotData): Map<string, { actual: number; unitName: string; kind: UnitKind }> {
  const m = new Map<string, { actual: number; unitName: string; kind: UnitKind }>();
  for (const c of s.completion) for (const g of c.groups) for (const x of g.items) m.set(`${c.indicator}|${x.unitId}`, { actual: x.actual, unitName: x.unitName, kind: g.kind });
  return m;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What was already recorded against a snapshot (by the snapshots frozen since). */
function recordedAgainst(later: repo.SnapshotRow[], snapshotId: number, key: (a: AdjustmentLine) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of later) for (const a of s.data.adjustments) if (a.againstSnapshotId === snapshotId) m.set(key(a), (m.get(key(a)) ?? 0) + a.delta);
  return m;
}

async function adjustments(rctx: RequestContext, units: OrgUnit[], p: ClosePeriod): Promise<AdjustmentLine[]> {
  const regionId = rctx.scope.regionId;
  const since = `${p.year - 1}-01-01`;
  const earlier = await repo.earlierOfKind(rctx, regionId, p.kind, since, p.end);
  // what was already recorded against a snapshot: by any snapshot frozen so far (periods may be closed out of order)
  const frozenSoFar = await repo.earlierOfKind(rctx, regionId, p.kind, since, '9999-12-31');
  const lines: AdjustmentLine[] = [];
  const unitKinds = new Map(units.map((u) => [u.id, u]));

  // points, per earlier period
  for (const s of earlier) {
    const recorded = recordedAgainst(frozenSoFar, s.id, (a) => (a.measure === 'points' ? String(a.unitId) : ''));
    const frozen = frozenPoints(s.data);
    const live = (await pointsRankings(rctx, s.period)).units;
    const liveMap = new Map<number, { points: number; unitName: string; kind: UnitKind }>();
    for (const g of live.groups) for (const x of g.items) liveMap.set(x.unitId, { points: x.points, unitName: x.unitName, kind: g.kind });
    for (const unitId of new Set([...frozen.keys(), ...liveMap.keys()])) {
      const f = frozen.get(unitId)?.points ?? 0;
      const l = liveMap.get(unitId)?.points ?? 0;
      const delta = round2(l - f - (recorded.get(String(unitId)) ?? 0));
      if (Math.abs(delta) < 0.005) continue;
      const u = liveMap.get(unitId) ?? frozen.get(unitId)!;
      lines.push({ measure: 'points', indicator: null, againstPeriod: s.period, againstSnapshotId: s.id, unitId, unitName: u.unitName, kind: u.kind, frozen: f, live: l, delta });
    }
  }

  // completion actuals, against the latest earlier snapshot of this year and the last of the previous year
  const bases = [earlier.filter((s) => s.periodEnd.startsWith(String(p.year))).pop(), earlier.filter((s) => s.periodEnd.startsWith(String(p.year - 1))).pop()].filter(
    (s): s is repo.SnapshotRow => !!s,
  );
  for (const s of bases) {
    const frozen = frozenActuals(s.data);
    if (!frozen.size) continue;
    const recorded = recordedAgainst(frozenSoFar, s.id, (a) => (a.measure === 'indicator' ? `${a.indicator}|${a.unitId}` : ''));
    const indicators = [...new Set([...frozen.keys()].map((k) => k.split('|')[0] as IndicatorCode))];
    const live = await completionAsOf(rctx, units, s.periodEnd, indicators);
    for (const c of live) {
      for (const g of c.groups) {
        for (const x of g.items) {
          const key = `${c.indicator}|${x.unitId}`;
          const f = frozen.get(key);
          if (!f) continue;
          const delta = x.actual - f.actual - (recorded.get(key) ?? 0);
          if (delta === 0) continue;
          lines.push({
            measure: 'indicator',
            indicator: c.indicator,
            againstPeriod: s.period,
            againstSnapshotId: s.id,
            unitId: x.unitId,
            unitName: x.unitName,
            kind: unitKinds.get(x.unitId)?.kind ?? g.kind,
            frozen: f.actual,
            live: x.actual,
            delta,
          });
        }
      }
    }
  }
  return lines;
}

/** Computes the snapshot of a period for a region (nothing written). */
export async function snapshotData(rctx: RequestContext, p: ClosePeriod): Promise<SnapshotData> {
  const units = await regionUnits(rctx);
  const ranking = await pointsRankings(rctx, p.period);
  const completion = await completionAsOf(rctx, units, p.end);
  return {
    version: 1,
    regionName: rctx.user.regionName,
    period: p.period,
    kind: p.kind,
    periodStart: p.start,
    periodEnd: p.end,
    unitRanking: {
      period: ranking.units.period,
      previous: ranking.units.previous,
      groups: ranking.units.groups.map((g) => ({
        kind: g.kind,
        items: g.items.map((x) => ({ rank: x.rank, unitId: x.unitId, unitName: x.unitName, points: x.points, previousRank: x.previousRank, change: x.change })),
      })),
    },
    peopleRanking: ranking.people.items.map((x) => ({ rank: x.rank, userId: x.userId, displayName: x.displayName, unitName: x.unitName, points: x.points })),
    completion: completion.map(toCompletion),
    adjustments: await adjustments(rctx, units, p),
  };
}

export type Frozen = { id: number; created: boolean; period: string };

/**
 * Freezes a region's period once: an existing snapshot is returned as it is. `base` is the caller's
 * (or the job's) context: its transaction, its request id; `frozenBy` the user, null for the job.
 * The period must have ended (Asia/Shanghai) on `today`.
 */
export async function freeze(base: BaseContext, regionId: number, period: string, frozenBy: number | null, today: string): Promise<Frozen> {
  const p = closePeriod(period);
  if (!p) throw new AppError(400, 'validation_failed', {}, { period: 'invalid_value' });
  if (p.end >= today) throw new AppError(400, 'validation_failed', {}, { period: 'period_not_ended' });
  await repo.lockRegionClose(base, regionId);
  const existing = await repo.findByPeriod(base, regionId, period);
  if (existing) return { id: existing.id, created: false, period };
  const rctx = await regionContext(base, regionId);
  const data = await snapshotData(rctx, p);
  const id = await repo.insertSnapshot(base, { regionId, kind: p.kind, period, periodStart: p.start, periodEnd: p.end, frozenBy, data, checksum: checksumOf(data) });
  await audit(base as Parameters<typeof audit>[0], { action: 'freeze', entity: 'assessment_snapshot', entityId: id, unitId: regionId, after: { period, adjustments: data.adjustments.length } });
  return { id, created: true, period };
}

/** The snapshot of a period, if frozen. */
export async function snapshotOfPeriod(h: repo.Handle, regionId: number, period: string) {
  return repo.findByPeriod(h, regionId, period);
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function summary(r: Awaited<ReturnType<typeof repo.listSnapshots>>[number]): SnapshotSummary {
  return {
    id: r.id,
    period: r.period,
    kind: r.kind as SnapshotSummary['kind'],
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    frozenAt: iso(r.frozenAt),
    frozenBy: r.frozenBy,
    checksum: r.checksum,
    adjustmentCount: Number(r.adjustmentCount),
  };
}

export async function listSnapshots(ctx: RequestContext, q: SnapshotListQuery): Promise<{ items: SnapshotSummary[] }> {
  return { items: (await repo.listSnapshots(ctx, ctx.scope.regionId, q)).map(summary) };
}

export async function getSnapshot(ctx: RequestContext, id: number): Promise<SnapshotDetail> {
  const r = await repo.findSnapshot(ctx, ctx.scope.regionId, id);
  if (!r) throw notFound();
  return { ...summary(r), data: r.data };
}

/** Close a period by hand (an admin): refused when it is already frozen. */
export async function closeByHand(ctx: RequestContext, period: string): Promise<SnapshotDetail> {
  const today = shanghaiDate();
  const existing = await repo.findByPeriod(ctx, ctx.scope.regionId, period);
  if (existing) throw new AppError(409, 'snapshot_exists', { period }, { period: 'snapshot_exists' });
  const f = await freeze(ctx, ctx.scope.regionId, period, ctx.user.id, today);
  if (!f.created) throw new AppError(409, 'snapshot_exists', { period }, { period: 'snapshot_exists' });
  return getSnapshot(ctx, f.id);
}
