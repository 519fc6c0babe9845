import type { BulletinSection } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import type { BulletinPeriodInfo } from './periods.js';

/**
 * Sections other modules add to a bulletin (incentive payouts, talents and carbon…): each such
 * module exports a provider from its index.ts and one line here adds it. A provider reads with
 * the region-wide context it is given (a bulletin is the whole region's), for the period's days,
 * writes in Chinese (a bulletin is an official Chinese document), and returns null to add nothing.
 */
export type SectionProvider = (rctx: RequestContext, period: BulletinPeriodInfo) => Promise<BulletinSection | null>;

export const SECTION_PROVIDERS: readonly SectionProvider[] = [];

export async function collectSections(rctx: RequestContext, period: BulletinPeriodInfo): Promise<BulletinSection[]> {
  const out: BulletinSection[] = [];
  for (const provide of SECTION_PROVIDERS) {
    const s = await provide(rctx, period);
    if (s) out.push(s);
  }
  return out;
}
