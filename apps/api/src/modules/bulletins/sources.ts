import type { RequestContext } from '../../platform/context.js';
import { listProjects } from '../projects/index.js';
import { listOverdueItems } from '../coordination/index.js';

/** What a bulletin prints besides the assessment's standings, from the modules that own it. */

/** The region's red-light projects now (lights describe the present, not a past day). */
export async function redLightProjects(rctx: RequestContext) {
  const out: Awaited<ReturnType<typeof listProjects>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await listProjects(rctx, { light: ['red'], limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < 5000);
  return out;
}

/** Coordination items overdue at the end of `asOf`, from their history. */
export async function overdueItems(rctx: RequestContext, asOf: string) {
  return listOverdueItems({ db: rctx.db, lang: 'zh-CN', regionId: rctx.scope.regionId }, asOf);
}
