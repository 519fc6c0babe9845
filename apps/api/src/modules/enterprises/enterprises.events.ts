import { defineEvent } from '../../platform/events.js';
import type { RequestContext } from '../../platform/context.js';

export const enterprisesEvents = {
  /**
   * An enterprise's attributes that other modules derive figures from (origin, industry, credit
   * code, registered capital) changed. Emitted in the command's transaction.
   */
  changed: defineEvent<{ enterpriseId: number }, RequestContext>('enterprises.changed'),
  /** `fromId` was found to be the same enterprise as `intoId` and merged into it: its projects follow. */
  merged: defineEvent<{ fromId: number; intoId: number }, RequestContext>('enterprises.merged'),
};
