import type { ChangePassword, Login, Me } from '@wutong/contracts';
import type { PublicContext, RequestContext, SessionUser } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { DUMMY_HASH, hashPassword, newSessionToken, sha256, verifyPassword } from '../../platform/passwords.js';
import { loadSessionUser } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { forgetSession } from '../../platform/session-cache.js';
import * as users from '../users/index.js';
import * as repo from './auth.repository.js';

/**
 * Sign-in throttling, as trusted systems do it: failures are counted per (username, client
 * address) and per address, and each lock after the free attempts lasts twice the one before,
 * up to a cap. A guesser slows down on their own address; the real user on another address signs
 * in as usual; nobody can lock someone else's account from afar. An address spraying many names
 * is slowed by its own counter, which allows more failures (an office behind one NAT shares it).
 */
export type ThrottlePolicy = { free: number; firstLockSeconds: number; maxLockSeconds: number };
export const USERNAME_ADDRESS_POLICY: ThrottlePolicy = { free: 5, firstLockSeconds: 60, maxLockSeconds: 3600 };
export const ADDRESS_POLICY: ThrottlePolicy = { free: 30, firstLockSeconds: 60, maxLockSeconds: 3600 };

/** How long the lock started by the `failures`-th failure lasts: 0 within the free attempts, then 1, 2, 4 … minutes up to the cap. */
export function lockSeconds(failures: number, p: ThrottlePolicy): number {
  if (failures < p.free) return 0;
  return Math.min(p.maxLockSeconds, p.firstLockSeconds * 2 ** Math.min(failures - p.free, 30));
}

const locked = (seconds: number) => new AppError(429, 'login_locked', { minutes: Math.ceil(seconds / 60) }, undefined, undefined, seconds);

export function toMe(u: SessionUser): Me {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    unitName: u.unitName,
    regionId: u.regionId,
    regionName: u.regionName,
    roles: [...u.roles],
    mustChangePassword: u.mustChangePassword,
    lang: u.lang,
  };
}

/**
 * Returns the new session's token. Failures count against this name on this address and against
 * the address (see the policies above); a lock refuses before the password is even checked. A
 * language picked on the sign-in page (`chosenLang`) wins over the one saved, and is saved.
 */
export async function login(ctx: PublicContext, input: Login, userAgent: string | undefined, sessionDays: number, chosenLang?: Me['lang']) {
  const username = input.username;
  const waiting = await repo.lockSecondsLeft(ctx.db, username, ctx.ip);
  if (waiting > 0) throw locked(waiting);
  const candidate = await users.findByUsername(ctx.db, username);
  const ok = await verifyPassword(input.password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !ok) throw await failed(ctx, username, candidate?.unitId ?? null);
  if (!candidate.active) throw new AppError(403, 'account_inactive');
  await repo.clearFailures(ctx.db, username, ctx.ip);
  const token = newSessionToken();
  await ctx.db.transaction(async (tx) => {
    await repo.createSession(tx, {
      tokenHash: sha256(token),
      userId: candidate.id,
      expiresAt: new Date(Date.now() + sessionDays * 86400_000),
      userAgent,
      ip: ctx.ip,
    });
    await users.recordSignIn(tx, candidate.id);
    await audit({ ...ctx, db: tx, user: candidate }, { action: 'login', entity: 'session', entityId: candidate.id, unitId: candidate.unitId });
    if (chosenLang) await users.setLang(tx, candidate.id, chosenLang);
  });
  const user = (await loadSessionUser(ctx.db, candidate.id))!;
  return { token, me: toMe(user) };
}

/** Counts a failed sign-in; a failure that starts a lock answers 429 and is written to the audit log. */
async function failed(ctx: PublicContext, username: string, unitId: number | null): Promise<AppError> {
  const byName = await repo.countUsernameFailure(ctx.db, username, ctx.ip);
  const byAddress = await repo.countAddressFailure(ctx.db, ctx.ip);
  const nameLock = lockSeconds(byName, USERNAME_ADDRESS_POLICY);
  const addressLock = lockSeconds(byAddress, ADDRESS_POLICY);
  if (nameLock > 0) {
    await repo.lockUsername(ctx.db, username, ctx.ip, nameLock);
    // the account's unit, when the name is real, so that its administrators read the entry
    await audit(ctx, { action: 'login_locked', entity: 'login', entityId: username.slice(0, 40), unitId, after: { username, ip: ctx.ip, failures: byName, seconds: nameLock } });
  }
  if (addressLock > 0) {
    await repo.lockAddress(ctx.db, ctx.ip, addressLock);
    await audit(ctx, { action: 'login_locked', entity: 'login_address', entityId: ctx.ip, unitId: null, after: { ip: ctx.ip, failures: byAddress, seconds: addressLock } });
  }
  const seconds = Math.max(nameLock, addressLock);
  return seconds > 0 ? locked(seconds) : new AppError(401, 'login_failed');
}

export async function logout(ctx: RequestContext, token: string | undefined) {
  if (token) {
    await repo.deleteSession(ctx, sha256(token));
    forgetSession(sha256(token));
  }
  await audit(ctx, { action: 'logout', entity: 'session', entityId: ctx.user.id, unitId: ctx.user.unitId });
}

export async function changePassword(ctx: RequestContext, input: ChangePassword, token: string | undefined) {
  const ok = await verifyPassword(input.currentPassword, (await users.passwordHashOf(ctx.db, ctx.user.id)) ?? DUMMY_HASH);
  if (!ok) throw new AppError(400, 'password_wrong', {}, { currentPassword: 'password_wrong' });
  await users.setOwnPasswordHash(ctx.db, ctx.user.id, await hashPassword(input.newPassword));
  // other devices signed in with the old password are signed out
  await repo.endSessions(ctx.db, ctx.user.id, token ? sha256(token) : null);
  await audit(ctx, { action: 'change_password', entity: 'user', entityId: ctx.user.id, unitId: ctx.user.unitId });
}

export async function setLang(ctx: RequestContext, lang: Me['lang']) {
  await users.setLang(ctx.db, ctx.user.id, lang);
}

/** An administrator deactivated the user or reset their password: every sign-in of theirs ends. */
export async function endAllSessions(ctx: RequestContext, userId: number) {
  await repo.endSessions(ctx.db, userId);
}
