import type { ChangePassword, Login, Me } from '@wutong/contracts';
import type { PublicContext, RequestContext, SessionUser } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { DUMMY_HASH, hashPassword, newSessionToken, sha256, verifyPassword } from '../../platform/passwords.js';
import { loadSessionUser } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { forgetSession } from '../../platform/session-cache.js';
import * as users from '../users/index.js';
import * as repo from './auth.repository.js';

export const LOCK_AFTER_FAILURES = 5;
export const LOCK_MINUTES = 15;

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
 * Returns the new session's token; failures are counted per username, known or not. A language
 * picked on the sign-in page (`chosenLang`) wins over the one saved, and is saved.
 */
export async function login(ctx: PublicContext, input: Login, userAgent: string | undefined, sessionDays: number, chosenLang?: Me['lang']) {
  const username = input.username;
  const attempts = await repo.getAttempts(ctx.db, username);
  if (attempts?.lockedUntil && attempts.lockedUntil > new Date()) {
    throw new AppError(429, 'login_locked', { minutes: Math.ceil((attempts.lockedUntil.getTime() - Date.now()) / 60000) });
  }
  const candidate = await users.findByUsername(ctx.db, username);
  const ok = await verifyPassword(input.password, candidate?.passwordHash ?? DUMMY_HASH);
  if (!candidate || !ok) {
    const failures = await repo.recordFailure(ctx.db, username, LOCK_AFTER_FAILURES, LOCK_MINUTES);
    if (failures >= LOCK_AFTER_FAILURES) throw new AppError(429, 'login_locked', { minutes: LOCK_MINUTES });
    throw new AppError(401, 'login_failed');
  }
  if (!candidate.active) throw new AppError(403, 'account_inactive');
  await repo.clearFailures(ctx.db, username);
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
