import type { CreateTrip, CreateTripVisit } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { hasRole, isUnitInScope } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { EDIT_ROLES, recordTripVisit, tripVisits, visitCounts } from '../projects/index.js';
import * as repo from './trips.repository.js';

/** 出访: outbound trips, whose visits become activities on projects, or new leads. */
export async function createTrip(ctx: RequestContext, input: CreateTrip) {
  if (!hasRole(ctx, ...EDIT_ROLES)) throw forbidden();
  const unitId = input.unitId ?? ctx.user.unitId;
  if (!isUnitInScope(ctx, unitId) && unitId !== ctx.user.unitId) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  const id = await repo.insertTrip(ctx, { ...input, unitId, delegation: input.delegation || null, purpose: input.purpose || null });
  await audit(ctx, { action: 'create', entity: 'trip', entityId: id, unitId, after: input });
  return getTrip(ctx, id);
}

export async function getTrip(ctx: RequestContext, id: number) {
  const t = await repo.findTrip(ctx, id);
  if (!t) throw notFound();
  const visits = await tripVisits(ctx, id);
  return { ...t, visitCount: visits.length, visits };
}

export async function listTrips(ctx: RequestContext) {
  const trips = await repo.listTrips(ctx);
  const counts = await visitCounts(
    ctx,
    trips.map((t) => t.id),
  );
  return { items: trips.map((t) => ({ ...t, visitCount: counts.get(t.id) ?? 0 })) };
}

/** Each visit on a trip becomes an activity, on an existing project or on a lead filed there and then. */
export async function addTripVisit(ctx: RequestContext, tripId: number, input: CreateTripVisit) {
  const trip = await repo.findTrip(ctx, tripId);
  if (!trip) throw notFound();
  if (!hasRole(ctx, ...EDIT_ROLES)) throw forbidden();
  const projectId = await recordTripVisit(ctx, { id: trip.id, unitId: trip.unitId, destination: trip.destination }, input);
  await audit(ctx, { action: 'visit', entity: 'trip', entityId: tripId, unitId: trip.unitId, after: { projectId, ...input } });
  return getTrip(ctx, tripId);
}
