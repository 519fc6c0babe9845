import { and, desc, eq, or, sql } from 'drizzle-orm';
import { orgUnits, trips } from '@wutong/db';
import type { Trip } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { unitInScope } from '../../platform/access.js';

/** A trip is in scope when its unit is, or the caller planned it. */
const tripInScope = (ctx: RequestContext) => or(unitInScope(ctx, trips.unitId), eq(trips.createdBy, ctx.user.id));

const tripColumns = {
  id: trips.id,
  unitId: trips.unitId,
  unitName: orgUnits.name,
  destination: trips.destination,
  startOn: sql<string>`to_char(${trips.startOn}, 'YYYY-MM-DD')`,
  endOn: sql<string>`to_char(${trips.endOn}, 'YYYY-MM-DD')`,
  leader: trips.leader,
  delegation: trips.delegation,
  purpose: trips.purpose,
};

export type TripRow = Omit<Trip, 'visitCount'>;

export async function listTrips(ctx: RequestContext): Promise<TripRow[]> {
  return ctx.db
    .select(tripColumns)
    .from(trips)
    .innerJoin(orgUnits, eq(orgUnits.id, trips.unitId))
    .where(tripInScope(ctx))
    .orderBy(desc(trips.startOn), desc(trips.id))
    .limit(500);
}

export async function findTrip(ctx: RequestContext, id: number): Promise<TripRow | undefined> {
  const [t] = await ctx.db
    .select(tripColumns)
    .from(trips)
    .innerJoin(orgUnits, eq(orgUnits.id, trips.unitId))
    .where(and(eq(trips.id, id), tripInScope(ctx)));
  return t;
}

export async function insertTrip(ctx: RequestContext, v: typeof trips.$inferInsert) {
  const [row] = await ctx.db.insert(trips).values({ ...v, createdBy: ctx.user.id }).returning({ id: trips.id });
  return row!.id;
}
