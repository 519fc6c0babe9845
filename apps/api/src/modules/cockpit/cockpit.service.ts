import type { Cockpit, CockpitQuery, FactsQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { COCKPIT_ROLES, exportFacts as exportAssessmentFacts, figures, listFacts as listAssessmentFacts } from '../assessment/index.js';

/**
 * 驾驶舱: the article's headline figures, live, gathered from the modules that own them — today the
 * assessment's indicators, rankings and funnel; every figure drills down to its records.
 */
export { COCKPIT_ROLES };

export const cockpit = (ctx: RequestContext, q: CockpitQuery): Promise<Cockpit> => figures(ctx, q);
export const listFacts = (ctx: RequestContext, q: FactsQuery) => listAssessmentFacts(ctx, q);
export const exportFacts = (ctx: RequestContext, q: FactsQuery) => exportAssessmentFacts(ctx, q);
