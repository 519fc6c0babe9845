import { and, asc, eq, ilike, like, or, sql } from 'drizzle-orm';
import { orgUnits, type Db } from '@wutong/db';
import type { CreateUnit, ListUnitsQuery, OrgUnit, UnitKind, UpdateUnit } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { unitInScope } from '../../platform/access.js';

const columns = {
  id: orgUnits.id,
  parentId: orgUnits.parentId,
  path: orgUnits.path,
  depth: orgUnits.depth,
  code: orgUnits.code,
  name: orgUnits.name,
  nameEn: orgUnits.nameEn,
  kind: sql<UnitKind>`${orgUnits.kind}`,
  active: orgUnits.active,
  sortOrder: orgUnits.sortOrder,
  // qualified by hand: inside a subquery drizzle would leave "id" to bind to the inner table
  userCount: sql<number>`(select count(*)::int from users u where u.unit_id = "org_units"."id")`,
  childCount: sql<number>`(select count(*)::int from org_units c where c.parent_id = "org_units"."id")`,
};

export async function listUnits(ctx: RequestContext, q: ListUnitsQuery): Promise<OrgUnit[]> {
  const term = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return ctx.db
    .select(columns)
    .from(orgUnits)
    .where(
      and(
        unitInScope(ctx, orgUnits.id),
        q.includeInactive === 'true' ? undefined : eq(orgUnits.active, true),
        term ? or(ilike(orgUnits.name, term), ilike(orgUnits.nameEn, term), ilike(orgUnits.code, term)) : undefined,
      ),
    )
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.id));
}

export async function findUnit(ctx: RequestContext, id: number): Promise<OrgUnit | undefined> {
  const rows = await ctx.db
    .select(columns)
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), unitInScope(ctx, orgUnits.id)));
  return rows[0];
}

/** Locks the row for the rest of the command, so that two moves of one subtree serialise. */
export async function lockUnit(ctx: RequestContext, id: number) {
  const rows = await ctx.db
    .select({ id: orgUnits.id, path: orgUnits.path, depth: orgUnits.depth, kind: orgUnits.kind, parentId: orgUnits.parentId })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), unitInScope(ctx, orgUnits.id)))
    .for('update');
  return rows[0];
}

export async function insertUnit(ctx: RequestContext, parent: { path: string; depth: number }, v: CreateUnit) {
  const [row] = await ctx.db
    .insert(orgUnits)
    .values({
      parentId: v.parentId,
      name: v.name,
      nameEn: v.nameEn || null,
      kind: v.kind,
      code: v.code || null,
      sortOrder: v.sortOrder ?? 0,
      depth: parent.depth + 1,
    })
    .returning({ id: orgUnits.id });
  await ctx.db
    .update(orgUnits)
    .set({ path: `${parent.path}${row!.id}/` })
    .where(eq(orgUnits.id, row!.id));
  return row!.id;
}

export async function updateUnit(ctx: RequestContext, id: number, v: UpdateUnit) {
  await ctx.db
    .update(orgUnits)
    .set({ ...v, code: v.code === '' ? null : v.code, updatedAt: sql`now()` })
    .where(and(eq(orgUnits.id, id), unitInScope(ctx, orgUnits.id)));
}

/** Re-roots a whole subtree: every descendant's path and depth follow its new parent. */
export async function moveSubtree(ctx: RequestContext, unit: { id: number; path: string; depth: number }, parent: { id: number; path: string; depth: number }) {
  const newPath = `${parent.path}${unit.id}/`;
  const shift = parent.depth + 1 - unit.depth;
  await ctx.db
    .update(orgUnits)
    .set({ parentId: parent.id, updatedAt: sql`now()` })
    .where(eq(orgUnits.id, unit.id));
  await ctx.db
    .update(orgUnits)
    .set({
      path: sql`${newPath} || substr(${orgUnits.path}, ${unit.path.length + 1})`,
      depth: sql`${orgUnits.depth} + ${shift}`,
    })
    .where(and(like(orgUnits.path, `${unit.path}%`), unitInScope(ctx, orgUnits.id)));
}

export async function deleteUnit(ctx: RequestContext, id: number) {
  await ctx.db.delete(orgUnits).where(and(eq(orgUnits.id, id), unitInScope(ctx, orgUnits.id)));
}

/** Every region (district) root: system jobs loop over them, each region its own scope. */
export async function allRegions(db: Db): Promise<{ id: number; name: string; path: string }[]> {
  return db.select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.kind, 'region')).orderBy(orgUnits.id);
}
