import { and, eq, inArray, sql } from 'drizzle-orm';
import { projects, userRoles, users, type Db } from '@wutong/db';
import type { Lang } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { lightSql } from './lights.js';
import { slaRulesFor } from './projects.repository.js';

export type RedLightProject = {
  id: number;
  name: string;
  unitId: number;
  ownerUserId: number | null;
  reasons: string[];
  /** active unit heads (单位负责人) of the project's unit */
  unitHeadIds: number[];
};

/**
 * The region's red-light projects now, by its own light rules, with who answers for each: the
 * owner and the heads of the owner unit. A system read for the daily red-light job (it runs for
 * every region, with no caller): the region is the scope.
 */
export async function redLightProjects(db: Db, regionId: number, now: Date, lang: Lang = 'zh-CN'): Promise<RedLightProject[]> {
  // slaRulesFor reads only the region and the database from its context
  const rules = await slaRulesFor({ db, scope: { regionId } } as unknown as RequestContext);
  const l = lightSql(rules, now, lang);
  const rows = await db
    .select({ id: projects.id, name: projects.name, unitId: projects.unitId, ownerUserId: projects.ownerUserId, codes: l.codes })
    .from(projects)
    .where(and(eq(projects.regionId, regionId), sql`${l.light} = 'red'`))
    .orderBy(projects.id);
  if (!rows.length) return [];
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const heads = await db
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.unitId, unitIds), eq(userRoles.role, 'unit_head'), eq(users.active, true)))
    .orderBy(users.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitId: r.unitId,
    ownerUserId: r.ownerUserId,
    reasons: l.describe(r.codes).lightReasons.filter((_, i) => r.codes[i]?.startsWith('red:')),
    unitHeadIds: heads.filter((h) => h.unitId === r.unitId).map((h) => h.id),
  }));
}
