import type { Workbench } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { myWork } from '../projects/index.js';
import { countOpenArbitrations } from '../arbitrations/index.js';

/**
 * 我的工作台: what needs the caller today, gathered from the modules that own the work — red and
 * yellow projects first, next steps due, leads reported and waiting, the inbox, open claims.
 */
export async function workbench(ctx: RequestContext): Promise<Workbench> {
  return { ...(await myWork(ctx)), openArbitrations: await countOpenArbitrations(ctx) };
}
