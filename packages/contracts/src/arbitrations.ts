import { z } from 'zod';
import { Name } from './common.js';

export const Arbitration = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  claimantUnitId: z.number().int(),
  claimantUnitName: z.string(),
  claimantUserName: z.string(),
  currentUnitName: z.string().nullable(),
  reason: z.string(),
  status: z.enum(['open', 'upheld', 'rejected']),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Arbitration = z.infer<typeof Arbitration>;
export const ArbitrationList = z.object({ items: z.array(Arbitration) });
export const DecideArbitration = z.object({ decision: z.enum(['upheld', 'rejected']), note: Name(1000) }).strict();
export type DecideArbitration = z.infer<typeof DecideArbitration>;
