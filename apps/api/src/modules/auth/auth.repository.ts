import { and, eq, ne, sql } from 'drizzle-orm';
import { loginAttempts, sessions, type Db } from '@wutong/db';
import type { RequestContext } from '../../platform/context.js';

// Sign-in happens before there is a scope: these functions touch only the named account.
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
  // expired sessions of this user go when a new one comes
  await db.delete(sessions).where(and(eq(sessions.userId, s.userId), sql`${sessions.expiresAt} < now()`));
}

export async function deleteSession(ctx: RequestContext, tokenHash: string) {
  await ctx.db.delete(sessions).where(and(eq(sessions.tokenHash, tokenHash), eq(sessions.userId, ctx.user.id)));
}

/** Ends a user's sign-ins, but for the session given (the device that changed the password). */
export async function endSessions(db: Db, userId: number, keepSessionHash: string | null = null) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), keepSessionHash ? ne(sessions.tokenHash, keepSessionHash) : sql`true`));
}
