// Assessment by contribution (以贡献论英雄): indicators and their facts, targets, completion, FX,
// the figures the cockpit shows, standings as of a day, and the close that freezes them.
export { assessmentModule } from './assessment.module.js';
export { COCKPIT_ROLES, exportFacts, figures, listFacts } from './assessment.service.js';
export { completionAsOf, factsBetween, regionFiguresAsOf, regionUnits, regionValuesBetween, targetAsOf, targetsOf, timeProgressAsOf, type CompletionAsOf, type OrgUnit, type RegionFigures } from './standings.js';
export { closePeriod, freeze, snapshotOfPeriod, type Frozen } from './close.service.js';
export { rebuildRegion as rebuildAssessmentFacts } from './facts.repository.js';
export { DISPLAY_FACTOR, DISPLAY_UNIT } from './progress.js';
