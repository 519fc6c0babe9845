import { and, asc, eq } from 'drizzle-orm';
import { keyBlocks } from '@wutong/db';
import type { RequestContext } from '../../platform/context.js';

export async function listKeyBlocks(ctx: RequestContext) {
  return ctx.db.select({ id: keyBlocks.id, name: keyBlocks.name, nameEn: keyBlocks.nameEn }).from(keyBlocks).where(eq(keyBlocks.regionId, ctx.scope.regionId)).orderBy(asc(keyBlocks.id));
}

export async function keyBlockInRegion(ctx: RequestContext, id: number) {
  const [b] = await ctx.db.select({ id: keyBlocks.id }).from(keyBlocks).where(and(eq(keyBlocks.id, id), eq(keyBlocks.regionId, ctx.scope.regionId)));
  return !!b;
}
