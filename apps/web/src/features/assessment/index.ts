/** The assessment feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { assessmentAccess } from './access';
export { rankingsKey, useCompletionRanking } from './assessment-api';
export { Labeled, PeriodPicker, RankBadge, RankChange, RANKED_KINDS } from './bits';
export { CompletionRanking } from './completion-ranking';
export { currentPeriod, parsePeriod } from './periods';

// pages, each loaded with its route
export const FxRatesPage = /* @__PURE__ */ lazyPage(() => import('./fx-rates-page'), 'FxRatesPage');
export const TargetsPage = /* @__PURE__ */ lazyPage(() => import('./targets-page'), 'TargetsPage');
