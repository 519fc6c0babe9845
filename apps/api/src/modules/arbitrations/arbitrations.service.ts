import type { DecideArbitration } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { conflict, forbidden, notFound } from '../../platform/errors.js';
import { hasRole } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { arbitrationsEvents } from './arbitrations.events.js';
import * as repo from './arbitrations.repository.js';

/**
 * First-report claims (认定申请): a unit that reports an enterprise another unit already follows may
 * claim the 首报 credit; the investment centre decides. The centre (region reach) sees every claim
 * of its region; a claimant sees their own.
 */
const REGION_ROLES = ['admin', 'leader', 'manager'] as const;
const regionWide = (ctx: RequestContext) => hasRole(ctx, ...REGION_ROLES);

/** A claim on a project, made with a lead report (the projects module calls this). */
export async function openClaim(ctx: RequestContext, projectId: number, reason: string): Promise<number> {
  const id = await repo.insertArbitration(ctx, { projectId, reason });
  await audit(ctx, { action: 'claim', entity: 'arbitration', entityId: id, unitId: ctx.user.unitId, after: { projectId, reason } });
  return id;
}

export async function listArbitrations(ctx: RequestContext) {
  const wide = regionWide(ctx);
  const items = await repo.listArbitrations(ctx, wide);
  // a claimant follows their claim, not the project they claimed: that stays with its unit
  return { items: items.map(({ projectUnitId: _u, claimantUserId: _c, ...a }) => (wide ? a : { ...a, projectName: '', currentUnitName: null })) };
}

/** The centre decides; an upheld claim moves the first-report credit to the claimant. */
export async function decideArbitration(ctx: RequestContext, id: number, input: DecideArbitration) {
  if (!hasRole(ctx, 'manager')) throw forbidden();
  const [a] = await repo.listArbitrations(ctx, true, id);
  if (!a) throw notFound();
  if (a.status !== 'open') throw conflict('arbitration_closed');
  await repo.decideArbitration(ctx, id, input.decision, input.note);
  await arbitrationsEvents.decided.emit(ctx, { arbitrationId: id, projectId: a.projectId, decision: input.decision, claimantUnitId: a.claimantUnitId, claimantUserId: a.claimantUserId });
  await audit(ctx, { action: `arbitration_${input.decision}`, entity: 'arbitration', entityId: id, unitId: a.claimantUnitId, before: a, after: input });
  const [after] = await repo.listArbitrations(ctx, true, id);
  const { projectUnitId: _u, claimantUserId: _c, ...rest } = after!;
  return rest;
}

export const countOpenArbitrations = (ctx: RequestContext) => repo.countOpenArbitrations(ctx, regionWide(ctx));
