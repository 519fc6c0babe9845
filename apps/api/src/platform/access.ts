import { and, inArray, like, or, sql, eq, type SQL, type AnyColumn } from 'drizzle-orm';
import { orgUnits, users, type Db } from '@wutong/db';
import { ROLE_REACH, type Role } from '@wutong/contracts';
import type { DataScope, RequestContext, SessionUser } from './context.js';
import { notFound } from './errors.js';

export { ROLE_REACH } from '@wutong/contracts';

export async function loadSessionUser(db: Db, userId: number): Promise<SessionUser | null> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      unitId: users.unitId,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      lang: users.lang,
      roles: sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = "users"."id"), '{}')`,
    })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(eq(users.id, userId));
  const u = rows[0];
  if (!u || !u.active) return null;
  const ancestors = pathIds(u.unitPath);
  const region = (
    await db
      .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
      .from(orgUnits)
      .where(and(inArray(orgUnits.id, ancestors), eq(orgUnits.kind, 'region')))
      .orderBy(sql`${orgUnits.depth} desc`)
      .limit(1)
  )[0] ?? { id: ancestors[0]!, name: u.unitName, path: `/${ancestors[0]}/` };
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    unitName: u.unitName,
    unitPath: u.unitPath,
    regionId: region.id,
    regionName: region.name,
    regionPath: region.path,
    roles: u.roles,
    mustChangePassword: u.mustChangePassword,
    lang: u.lang === 'en-US' ? 'en-US' : 'zh-CN',
  };
}

export function pathIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

export async function computeScope(db: Db, user: SessionUser): Promise<DataScope> {
  const prefixes = new Set<string>();
  const exact = new Set<number>();
  for (const role of user.roles) {
    const reach = ROLE_REACH[role];
    if (reach === 'region') prefixes.add(user.regionPath);
    else if (reach === 'subtree') prefixes.add(user.unitPath);
    else if (reach === 'unit') exact.add(user.unitId);
  }
  const ids = new Set(exact);
  if (prefixes.size > 0) {
    const rows = await db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(or(...[...prefixes].map((p) => like(orgUnits.path, `${p}%`))));
    for (const r of rows) ids.add(r.id);
  }
  return {
    unitIds: [...ids].sort((a, b) => a - b),
    regionWide: prefixes.has(user.regionPath),
    userId: user.id,
    regionId: user.regionId,
    regionPath: user.regionPath,
  };
}

/** The condition "this row's unit is in the caller's scope"; false when the scope has no unit. */
export function unitInScope(ctx: RequestContext, unitColumn: AnyColumn): SQL {
  return ctx.scope.unitIds.length ? inArray(unitColumn, [...ctx.scope.unitIds]) : sql`false`;
}

/** In scope by unit, or owned by the caller. */
export function recordInScope(ctx: RequestContext, unitColumn: AnyColumn, ownerColumn: AnyColumn): SQL {
  return or(unitInScope(ctx, unitColumn), eq(ownerColumn, ctx.scope.userId))!;
}

export function isUnitInScope(ctx: RequestContext, unitId: number): boolean {
  return ctx.scope.unitIds.includes(unitId);
}

/** Refuses an out-of-scope unit exactly like a missing one, so a caller cannot probe what exists. */
export function requireUnitInScope(ctx: RequestContext, unitId: number): void {
  if (!isUnitInScope(ctx, unitId)) throw notFound();
}

export function hasRole(ctx: { user?: SessionUser }, ...roles: Role[]): boolean {
  return !!ctx.user && ctx.user.roles.some((r) => roles.includes(r));
}
