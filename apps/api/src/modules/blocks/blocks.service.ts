import type { RequestContext } from '../../platform/context.js';
import * as repo from './blocks.repository.js';

/** 重点区块: the key blocks of the caller's region. */
export const listKeyBlocks = async (ctx: RequestContext) => ({ items: await repo.listKeyBlocks(ctx) });
export const keyBlockInRegion = (ctx: RequestContext, id: number) => repo.keyBlockInRegion(ctx, id);

/** Block names by id, in the caller's language (figures split by block). */
export async function keyBlockNames(ctx: RequestContext): Promise<Map<number, string>> {
  return new Map((await repo.listKeyBlocks(ctx)).map((b) => [b.id, ctx.lang === 'en-US' ? (b.nameEn ?? b.name) : b.name]));
}
