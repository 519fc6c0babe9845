import { and, eq, ne, sql } from 'drizzle-orm';
import { loginAddressAttempts, loginAttempts, queryRows, sessions, type Db } from '@wutong/db';
import type { RequestContext } from '../../platform/context.js';

// Sign-in happens before there is a scope: these functions touch only the named account.
/** Seconds left on the longer of the two locks on this sign-in (the name on this address, the address), or 0. */
export async function lockSecondsLeft(db: Db, username: string, ip: string): Promise<number> {
  const [row] = await queryRows<{ s: number | null }>(
    db,
    sql`select ceil(extract(epoch from greatest(
          (select ${loginAttempts.lockedUntil} from ${loginAttempts} where ${loginAttempts.username} = ${username} and ${loginAttempts.ip} = ${ip}),
          (select ${loginAddressAttempts.lockedUntil} from ${loginAddressAttempts} where ${loginAddressAttempts.ip} = ${ip})
        ) - now()))::int as s`,
  );
  return Math.max(0, row?.s ?? 0);
}

/** After a day without failures a counter is forgotten (unless it is still locking). */
const EXPIRY = sql`interval '1 day'`;

/** Counts one failure of this name on this address; returns the new count (atomic under concurrent failures). */
export async function countUsernameFailure(db: Db, username: string, ip: string): Promise<number> {
  await db
    .delete(loginAttempts)
    .where(sql`${loginAttempts.lastFailureAt} < now() - ${EXPIRY} and (${loginAttempts.lockedUntil} is null or ${loginAttempts.lockedUntil} < now())`);
  const [row] = await db
    .insert(loginAttempts)
    .values({ username, ip, failures: 1 })
    .onConflictDoUpdate({
      target: [loginAttempts.username, loginAttempts.ip],
      set: { failures: sql`${loginAttempts.failures} + 1`, lastFailureAt: sql`now()` },
    })
    .returning({ failures: loginAttempts.failures });
  return row!.failures;
}

/** Counts one failure from this address, whatever the name; returns the new count. */
export async function countAddressFailure(db: Db, ip: string): Promise<number> {
  await db
    .delete(loginAddressAttempts)
    .where(
      sql`${loginAddressAttempts.lastFailureAt} < now() - ${EXPIRY} and (${loginAddressAttempts.lockedUntil} is null or ${loginAddressAttempts.lockedUntil} < now())`,
    );
  const [row] = await db
    .insert(loginAddressAttempts)
    .values({ ip, failures: 1 })
    .onConflictDoUpdate({ target: loginAddressAttempts.ip, set: { failures: sql`${loginAddressAttempts.failures} + 1`, lastFailureAt: sql`now()` } })
    .returning({ failures: loginAddressAttempts.failures });
  return row!.failures;
}

export async function lockUsername(db: Db, username: string, ip: string, seconds: number) {
  await db
    .update(loginAttempts)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip)));
}

export async function lockAddress(db: Db, ip: string, seconds: number) {
  await db
    .update(loginAddressAttempts)
    .set({ lockedUntil: sql`now() + make_interval(secs => ${seconds})` })
    .where(eq(loginAddressAttempts.ip, ip));
}

/** A success forgets this name's failures on this address; the address's own count stays (an attacker's own account must not reset it). */
export async function clearFailures(db: Db, username: string, ip: string) {
  await db.delete(loginAttempts).where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip)));
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
