import { and, asc, eq, ilike, like, or, sql } from 'drizzle-orm';
import { industries } from '@wutong/db';
import type { Industry, ListIndustriesQuery } from '@wutong/contracts';
import type { PublicContext, RequestContext } from '../../platform/context.js';

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reference data: the same for every region, so no scope applies. */
export async function listIndustries(ctx: RequestContext | PublicContext, q: ListIndustriesQuery): Promise<Industry[]> {
  const term = q.q?.trim();
  const rows = await ctx.db
    .select({ code: industries.code, name: industries.name, level: industries.level, parent: industries.parent, section: industries.section })
    .from(industries)
    .where(
      and(
        term ? or(ilike(industries.name, `%${escapeLike(term)}%`), like(industries.code, `${escapeLike(term.toUpperCase())}%`)) : undefined,
        q.level ? eq(industries.level, q.level) : undefined,
        q.parent ? eq(industries.parent, q.parent) : undefined,
      ),
    )
    // sections first, then codes in order: the cascader's natural order
    .orderBy(sql`length(${industries.code})`, asc(industries.code))
    .limit(2500);
  return rows as Industry[];
}

export async function industryName(ctx: RequestContext, code: string): Promise<string | undefined> {
  const [r] = await ctx.db.select({ name: industries.name }).from(industries).where(eq(industries.code, code));
  return r?.name;
}
