/** The points feature as other features and the router see it; nothing else of it is imported from outside. */
import { lazyPage } from '../../shared/lazy-page';

export { exportPoints, usePoints, useUnitRanking } from './points-api';

// pages, each loaded with its route
export const PointsPage = /* @__PURE__ */ lazyPage(() => import('./points-page'), 'PointsPage');
export const RankingsPage = /* @__PURE__ */ lazyPage(() => import('./rankings-page'), 'RankingsPage');
export const ScoringRulesPage = /* @__PURE__ */ lazyPage(() => import('./scoring-rules-page'), 'ScoringRulesPage');
