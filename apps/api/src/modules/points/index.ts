// Points by contribution (以贡献论英雄): scoring rules, the append-only ledger, rankings.
export { pointsModule } from './points.module.js';
export { peopleRanking, pointsRankings, rebuildRegion as rebuildPointsLedger, seedPoints, unitRanking } from './points.service.js';
