import { defineEvent } from '../../platform/events.js';
import type { RequestContext } from '../../platform/context.js';

export type ArbitrationDecided = { arbitrationId: number; projectId: number; decision: 'upheld' | 'rejected'; claimantUnitId: number; claimantUserId: number };

export const arbitrationsEvents = {
  /** The centre decided a first-report claim; an upheld claim moves the 首报 credit (the projects module listens). */
  decided: defineEvent<ArbitrationDecided, RequestContext>('arbitrations.decided'),
};
