import type { DataScope, SessionUser } from './context.js';

/**
 * Signed-in callers' user and scope, kept for a few seconds per session token so that a busy
 * user does not cost four queries a request. Anything that changes a user, a role or the org
 * tree clears it in this process; other instances clear theirs when the change feed announces it
 * (a sign-out, a password change, a role or unit change on any instance: migration 0016), and
 * at the latest after TTL_MS should the feed be down.
 */
const TTL_MS = 5000;
const MAX = 10_000;
const entries = new Map<string, { user: SessionUser; scope: DataScope; until: number }>();

export function cachedSession(tokenHash: string): { user: SessionUser; scope: DataScope } | undefined {
  const e = entries.get(tokenHash);
  if (!e) return undefined;
  if (e.until < Date.now()) {
    entries.delete(tokenHash);
    return undefined;
  }
  return e;
}

export function cacheSession(tokenHash: string, user: SessionUser, scope: DataScope) {
  if (entries.size >= MAX) entries.clear();
  entries.set(tokenHash, { user, scope, until: Date.now() + TTL_MS });
}

export function forgetSession(tokenHash: string) {
  entries.delete(tokenHash);
}

/** Users, roles or the org tree changed: every cached scope may be stale. */
export function forgetAllSessions() {
  entries.clear();
}
