import type { Db, DbKind } from '@wutong/db';
import type { Lang, Role } from '@wutong/contracts';

/**
 * What a signed-in caller may reach. Built once per request from the caller's roles and unit;
 * repositories take the whole context and filter by it, so no query runs without a scope.
 */
export type DataScope = {
  /** units whose records the caller reaches (subtrees expanded), sorted */
  unitIds: readonly number[];
  /** the caller's own id: "own records" are always in scope */
  userId: number;
  /** a role reaches the whole region: unitIds is every unit of it */
  regionWide: boolean;
  /** the region (district) the caller belongs to */
  regionId: number;
  regionPath: string;
};

export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  regionId: number;
  regionName: string;
  regionPath: string;
  roles: readonly Role[];
  mustChangePassword: boolean;
  lang: Lang;
};

export type RequestContext = {
  db: Db;
  dbKind: DbKind;
  lang: Lang;
  requestId: string;
  /** the peer's address, or the client's as named by a trusted proxy (TRUST_PROXY) */
  ip: string;
  /** the X-Forwarded-For header as received, when there was one: kept for the audit log, never believed on its own */
  forwardedFor?: string;
  user: SessionUser;
  scope: DataScope;
};

/** The context of a request before sign-in (login, health). It reaches no scoped table. */
export type PublicContext = Omit<RequestContext, 'user' | 'scope'> & { user?: undefined; scope?: undefined };
