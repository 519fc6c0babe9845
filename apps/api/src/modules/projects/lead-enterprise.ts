import { enterprises } from '@wutong/db';
import type { RequestContext } from '../../platform/context.js';
import { nameFields } from '../enterprises/names.js';

/** A lead names an enterprise the registry does not know yet: it enters the registry with its match keys. */
export async function createEnterpriseForLead(ctx: RequestContext, v: { name: string; uscc?: string }): Promise<number> {
  const [row] = await ctx.db
    .insert(enterprises)
    .values({ regionId: ctx.scope.regionId, name: v.name, ...nameFields(v.name), uscc: v.uscc || null, source: 'lead', createdBy: ctx.user.id })
    .returning({ id: enterprises.id });
  return row!.id;
}
