import { shanghaiYear, type Cockpit, type CockpitPanels, type CockpitPanelsQuery, type CockpitQuery, type FactsQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { PANEL_PROVIDERS } from './panels.js';
import { COCKPIT_ROLES, exportFacts as exportAssessmentFacts, figures, listFacts as listAssessmentFacts } from '../assessment/index.js';

/**
 * 驾驶舱: the article's headline figures, live, gathered from the modules that own them — today the
 * assessment's indicators, rankings and funnel; every figure drills down to its records.
 */
export { COCKPIT_ROLES };

export const cockpit = (ctx: RequestContext, q: CockpitQuery): Promise<Cockpit> => figures(ctx, q);
export const listFacts = (ctx: RequestContext, q: FactsQuery) => listAssessmentFacts(ctx, q);
export const exportFacts = (ctx: RequestContext, q: FactsQuery) => exportAssessmentFacts(ctx, q);

/** The other modules' sections, in the order PANEL_PROVIDERS lists them. */
export async function panels(ctx: RequestContext, q: CockpitPanelsQuery): Promise<CockpitPanels> {
  const year = q.year ?? shanghaiYear();
  const out: CockpitPanels['panels'] = [];
  // one after the other: a request's queries share one connection
  for (const provide of PANEL_PROVIDERS) {
    const p = await provide(ctx, year);
    if (p) out.push(p);
  }
  return { year, panels: out };
}
