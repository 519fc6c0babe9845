import type { IndustryList, ListIndustriesQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import * as repo from './industries.repository.js';

export async function listIndustries(ctx: RequestContext, q: ListIndustriesQuery): Promise<IndustryList> {
  return { items: await repo.listIndustries(ctx, q) };
}

/** Whether a GB/T 4754-2017 code exists (enterprises refuse unknown codes with a field message). */
export async function industryExists(ctx: RequestContext, code: string): Promise<boolean> {
  return (await repo.industryName(ctx, code)) !== undefined;
}
