import { and, eq, ne, sql } from 'drizzle-orm';
import { loginAttempts, sessions, users, type Db } from '@wutong/db';
import type { Lang } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';

// Sign-in happens before there is a scope: these functions touch only the named account.
export async function findLoginCandidate(db: Db, username: string) {
  const rows = await db
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active, unitId: users.unitId, username: users.username })
    .from(users)
    .where(eq(users.username, username));
  return rows[0];
}

export async function getAttempts(db: Db, username: string) {
  return (await db.select().from(loginAttempts).where(eq(loginAttempts.username, username)))[0];
}

export async function recordFailure(db: Db, username: string, lockAfter: number, lockMinutes: number) {
  const rows = await db
    .insert(loginAttempts)
    .values({ username, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.username,
      set: {
        // a lapsed lock starts the count again
        failures: sql`case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= now() then 1 else ${loginAttempts.failures} + 1 end`,
        lockedUntil: sql`case when ${loginAttempts.lockedUntil} is not null and ${loginAttempts.lockedUntil} <= now() then null else ${loginAttempts.lockedUntil} end`,
        lastFailureAt: sql`now()`,
      },
    })
    .returning({ failures: loginAttempts.failures });
  const failures = rows[0]?.failures ?? 1;
  if (failures >= lockAfter) {
    await db
      .update(loginAttempts)
      .set({ lockedUntil: sql`now() + make_interval(mins => ${lockMinutes})` })
      .where(eq(loginAttempts.username, username));
  }
  return failures;
}

export async function clearFailures(db: Db, username: string) {
  await db.delete(loginAttempts).where(eq(loginAttempts.username, username));
}

export async function createSession(db: Db, s: { tokenHash: string; userId: number; expiresAt: Date; userAgent?: string; ip: string }) {
  await db.insert(sessions).values({ ...s, userAgent: s.userAgent?.slice(0, 300) });
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, s.userId));
  // expired sessions of this user go when a new one comes
  await db.delete(sessions).where(and(eq(sessions.userId, s.userId), sql`${sessions.expiresAt} < now()`));
}

export async function deleteSession(ctx: RequestContext, tokenHash: string) {
  await ctx.db.delete(sessions).where(and(eq(sessions.tokenHash, tokenHash), eq(sessions.userId, ctx.user.id)));
}

export async function getOwnPasswordHash(ctx: RequestContext) {
  return (await ctx.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, ctx.user.id)))[0]!.h;
}

export async function setOwnPassword(ctx: RequestContext, passwordHash: string, keepSessionHash: string | null) {
  await ctx.db
    .update(users)
    .set({ passwordHash, mustChangePassword: false, updatedAt: sql`now()` })
    .where(eq(users.id, ctx.user.id));
  // other devices signed in with the old password are signed out
  await ctx.db
    .delete(sessions)
    .where(and(eq(sessions.userId, ctx.user.id), keepSessionHash ? ne(sessions.tokenHash, keepSessionHash) : sql`true`));
}

export async function setOwnLang(ctx: RequestContext, lang: Lang) {
  await setLang(ctx.db, ctx.user.id, lang);
}

export async function setLang(db: Db, userId: number, lang: Lang) {
  await db.update(users).set({ lang }).where(eq(users.id, userId));
}
