import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { arbitrations, orgUnits, projectProfiles, users } from '@wutong/db';
import type { Arbitration } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { unitInScope } from '../../platform/access.js';

const iso = (col: unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const isoOrNull = (col: unknown) => sql<string | null>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const unit = alias(orgUnits, 'unit');

export async function insertArbitration(ctx: RequestContext, v: { projectId: number; reason: string }) {
  const [row] = await ctx.db
    .insert(arbitrations)
    .values({ projectId: v.projectId, reason: v.reason, regionId: ctx.scope.regionId, claimantUnitId: ctx.user.unitId, claimantUserId: ctx.user.id })
    .returning({ id: arbitrations.id });
  return row!.id;
}

/** The centre (region reach) sees every item of its region; a claimant sees their own. */
function arbitrationInScope(ctx: RequestContext, regionWide: boolean): SQL {
  return regionWide ? eq(arbitrations.regionId, ctx.scope.regionId) : or(eq(arbitrations.claimantUserId, ctx.user.id), unitInScope(ctx, arbitrations.claimantUnitId))!;
}

export async function listArbitrations(ctx: RequestContext, regionWide: boolean, id?: number): Promise<(Arbitration & { projectUnitId: number; claimantUserId: number })[]> {
  const claimantUnit = alias(orgUnits, 'claimant_unit');
  const claimant = alias(users, 'claimant');
  return ctx.db
    .select({
      id: arbitrations.id,
      projectId: arbitrations.projectId,
      projectName: projectProfiles.name,
      projectUnitId: projectProfiles.unitId,
      claimantUnitId: arbitrations.claimantUnitId,
      claimantUnitName: claimantUnit.name,
      claimantUserName: claimant.displayName,
      claimantUserId: arbitrations.claimantUserId,
      currentUnitName: unit.name,
      reason: arbitrations.reason,
      status: sql<Arbitration['status']>`${arbitrations.status}`,
      decisionNote: arbitrations.decisionNote,
      createdAt: iso(arbitrations.createdAt),
      decidedAt: isoOrNull(arbitrations.decidedAt),
    })
    .from(arbitrations)
    .innerJoin(projectProfiles, eq(projectProfiles.id, arbitrations.projectId))
    .innerJoin(unit, eq(unit.id, projectProfiles.unitId))
    .innerJoin(claimantUnit, eq(claimantUnit.id, arbitrations.claimantUnitId))
    .innerJoin(claimant, eq(claimant.id, arbitrations.claimantUserId))
    .where(and(arbitrationInScope(ctx, regionWide), id ? eq(arbitrations.id, id) : undefined))
    .orderBy(desc(arbitrations.id))
    .limit(500);
}

export async function decideArbitration(ctx: RequestContext, id: number, status: 'upheld' | 'rejected', note: string) {
  await ctx.db
    .update(arbitrations)
    .set({ status, decisionNote: note, decidedBy: ctx.user.id, decidedAt: sql`now()` })
    .where(and(eq(arbitrations.id, id), eq(arbitrations.regionId, ctx.scope.regionId), eq(arbitrations.status, 'open')));
}

export async function countOpenArbitrations(ctx: RequestContext, regionWide: boolean) {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(arbitrations)
    .where(and(arbitrationInScope(ctx, regionWide), eq(arbitrations.status, 'open')));
  return r?.n ?? 0;
}

