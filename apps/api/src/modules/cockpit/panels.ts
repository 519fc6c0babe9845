import type { CockpitPanel } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';

/**
 * The cockpit's sections from other modules: each module that has headline figures of its own
 * (the fund, incentive payouts, talents and carbon…) exports a provider from its index.ts, and
 * one line here adds it. A provider answers within the caller's scope, in the caller's language,
 * and gives each figure the path of the records that add up to it (a `RecordList` route of its own).
 * A provider returns null when it has nothing to show the caller (a role that does not see it).
 */
export type PanelProvider = (ctx: RequestContext, year: number) => Promise<CockpitPanel | null>;

export const PANEL_PROVIDERS: readonly PanelProvider[] = [];
