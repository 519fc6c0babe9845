import type { CreateUnit, ListUnitsQuery, MoveUnit, OrgUnit, UpdateUnit } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { countReferences, describeReferences } from '../../platform/references.js';
import * as repo from './org.repository.js';

export const listUnits = (ctx: RequestContext, q: ListUnitsQuery) => repo.listUnits(ctx, q).then((items) => ({ items }));

export async function getUnit(ctx: RequestContext, id: number): Promise<OrgUnit> {
  const u = await repo.findUnit(ctx, id);
  if (!u) throw notFound();
  return u;
}

export async function createUnit(ctx: RequestContext, input: CreateUnit): Promise<OrgUnit> {
  const parent = await repo.lockUnit(ctx, input.parentId);
  if (!parent) throw new AppError(404, 'not_found', {}, { parentId: 'not_found' });
  const id = await repo.insertUnit(ctx, parent, input);
  const created = await getUnit(ctx.scope.unitIds.includes(id) ? ctx : withUnit(ctx, id), id);
  await audit(ctx, { action: 'create', entity: 'org_unit', entityId: id, unitId: id, after: created });
  return created;
}

/** A unit created inside the caller's scope is in scope from now on (the scope was computed before it existed). */
function withUnit(ctx: RequestContext, id: number): RequestContext {
  return { ...ctx, scope: { ...ctx.scope, unitIds: [...ctx.scope.unitIds, id] } };
}

function isRegionRoot(ctx: RequestContext, u: { id: number; kind: string }) {
  return u.id === ctx.scope.regionId || (u.kind === 'region' && !ctx.scope.unitIds.includes(u.id));
}

export async function updateUnit(ctx: RequestContext, id: number, input: UpdateUnit): Promise<OrgUnit> {
  const before = await getUnit(ctx, id);
  if (id === ctx.scope.regionId && (input.active === false || (input.kind && input.kind !== 'region'))) {
    throw new AppError(409, 'region_is_root', {}, input.active === false ? { active: 'region_is_root' } : { kind: 'region_is_root' });
  }
  await repo.updateUnit(ctx, id, input);
  const after = await getUnit(ctx, id);
  await audit(ctx, { action: input.active === false ? 'deactivate' : 'update', entity: 'org_unit', entityId: id, unitId: id, before, after });
  return after;
}

export async function moveUnit(ctx: RequestContext, id: number, input: MoveUnit): Promise<OrgUnit> {
  const unit = await repo.lockUnit(ctx, id);
  if (!unit) throw notFound();
  // every record the command names is checked for scope before any rule speaks about it
  const parent = await repo.lockUnit(ctx, input.parentId);
  if (!parent) throw new AppError(404, 'not_found', {}, { parentId: 'not_found' });
  if (isRegionRoot(ctx, unit)) throw conflict('region_is_root');
  if (parent.path.startsWith(unit.path)) throw conflict('unit_cycle', {}, { parentId: 'unit_cycle' });
  const before = await getUnit(ctx, id);
  if (unit.parentId !== parent.id) await repo.moveSubtree(ctx, unit, parent);
  const after = await getUnit(ctx, id);
  await audit(ctx, { action: 'move', entity: 'org_unit', entityId: id, unitId: id, before, after });
  return after;
}

export async function deleteUnit(ctx: RequestContext, id: number) {
  const unit = await repo.lockUnit(ctx, id);
  if (!unit) throw notFound();
  if (isRegionRoot(ctx, unit)) throw conflict('region_is_root');
  const refs = await countReferences(ctx.db, 'org_units', id);
  if (refs.length) throw conflict('unit_has_records', { refs: describeReferences(refs, ctx.lang) });
  const before = await getUnit(ctx, id);
  await repo.deleteUnit(ctx, id);
  await audit(ctx, { action: 'delete', entity: 'org_unit', entityId: id, unitId: unit.parentId, before });
  return { ok: true as const };
}

export { allRegions } from './org.repository.js';
