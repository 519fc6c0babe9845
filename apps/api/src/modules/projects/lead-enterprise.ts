import { enterprises } from '@wutong/db';
import type { RequestContext } from '../../platform/context.js';

// TEMPORARY until the enterprises module lands its name keys: a bare insert.
export async function createEnterpriseForLead(ctx: RequestContext, v: { name: string; uscc?: string }): Promise<number> {
  const norm = v.name.normalize('NFKC').replace(/[\s()（）[\]【】]/g, '');
  const [row] = await ctx.db
    .insert(enterprises)
    .values({ regionId: ctx.scope.regionId, name: v.name, nameNorm: norm, tradeName: norm, uscc: v.uscc || null, source: 'lead', createdBy: ctx.user.id })
    .returning({ id: enterprises.id });
  return row!.id;
}
