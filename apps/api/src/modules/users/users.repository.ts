import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { orgUnits, userRoles, users, type Db } from '@wutong/db';
import type { Lang, ListUsersQuery, Role, User } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { recordInScope } from '../../platform/access.js';

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  unitName: orgUnits.name,
  roles: sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = "users"."id"), '{}')`,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  phone: users.phone,
  createdAt: sql<string>`to_char(${users.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  lastLoginAt: sql<string | null>`to_char(${users.lastLoginAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
};

/** A user is in scope when their unit is, and everybody sees themselves. */
const userInScope = (ctx: RequestContext) => recordInScope(ctx, users.unitId, users.id);

function filters(ctx: RequestContext, q: ListUsersQuery): SQL | undefined {
  const term = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    userInScope(ctx),
    term ? or(ilike(users.username, term), ilike(users.displayName, term), ilike(users.phone, term)) : undefined,
    q.unitId ? eq(users.unitId, q.unitId) : undefined,
    q.role ? sql`exists (select 1 from user_roles r where r.user_id = "users"."id" and r.role = ${q.role})` : undefined,
    q.active ? eq(users.active, q.active === 'true') : undefined,
  );
}

export async function listUsers(ctx: RequestContext, q: ListUsersQuery): Promise<{ items: User[]; total: number }> {
  const where = filters(ctx, q);
  const items = await ctx.db
    .select(columns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(where)
    .orderBy(asc(orgUnits.path), asc(users.username))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
  const [t] = await ctx.db.select({ n: count() }).from(users).where(where);
  return { items, total: t?.n ?? 0 };
}

export async function findUser(ctx: RequestContext, id: number): Promise<User | undefined> {
  const rows = await ctx.db
    .select(columns)
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
    .where(and(eq(users.id, id), userInScope(ctx)));
  return rows[0];
}

export async function insertUser(
  ctx: RequestContext,
  v: { username: string; displayName: string; unitId: number; passwordHash: string; phone?: string; roles: Role[] },
) {
  const [row] = await ctx.db
    .insert(users)
    .values({ username: v.username, displayName: v.displayName, unitId: v.unitId, passwordHash: v.passwordHash, phone: v.phone || null, mustChangePassword: true })
    .returning({ id: users.id });
  await ctx.db.insert(userRoles).values(v.roles.map((role) => ({ userId: row!.id, role })));
  return row!.id;
}

export async function updateUser(
  ctx: RequestContext,
  id: number,
  v: { displayName?: string; unitId?: number; active?: boolean; phone?: string | null; roles?: Role[] },
) {
  const { roles, ...cols } = v;
  await ctx.db
    .update(users)
    .set({ ...cols, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), userInScope(ctx)));
  if (roles) {
    await ctx.db.delete(userRoles).where(eq(userRoles.userId, id));
    await ctx.db.insert(userRoles).values([...new Set(roles)].map((role) => ({ userId: id, role })));
  }
}

export async function setPassword(ctx: RequestContext, id: number, passwordHash: string) {
  await ctx.db
    .update(users)
    .set({ passwordHash, mustChangePassword: true, updatedAt: sql`now()` })
    .where(and(eq(users.id, id), userInScope(ctx)));
}

export async function deleteUser(ctx: RequestContext, id: number) {
  await ctx.db.delete(users).where(and(eq(users.id, id), userInScope(ctx)));
}

// ── credentials: the auth module signs in and changes passwords through these ──

/** The account a sign-in names (before there is a scope: only that account is touched). */
export async function findByUsername(db: Db, username: string) {
  const rows = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, unitId: users.unitId, username: users.username })
    .from(users)
    .where(eq(users.username, username));
  return rows[0];
}

export async function recordSignIn(db: Db, userId: number) {
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, userId));
}

export async function passwordHashOf(db: Db, userId: number) {
  return (await db.select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)))[0]?.h;
}

export async function setOwnPasswordHash(db: Db, userId: number, passwordHash: string) {
  await db.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function setLang(db: Db, userId: number, lang: Lang) {
  await db.update(users).set({ lang }).where(eq(users.id, userId));
}
