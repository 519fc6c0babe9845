// The cockpit (驾驶舱, C10): the article's headline figures, live.
import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { UnitKind } from './org.js';
import { EnterpriseOrigin } from './enterprises.js';
import { Stage } from './stages.js';
import { IndicatorCode, IndicatorValues, Year } from './assessment.js';

/* ── cockpit ─────────────────────────────────────────────────────────────────────────────── */

export const CockpitQuery = z
  .object({
    /** defaults to the current year (Asia/Shanghai) */
    year: Year.optional(),
    /** narrow to one unit (and its children) within the caller's scope */
    unitId: Id.optional(),
  })
  .strict();
export type CockpitQuery = z.infer<typeof CockpitQuery>;

export const Headline = z.object({
  indicator: IndicatorCode,
  value: z.number(),
  target: z.number().nullable(),
  completion: z.number().nullable(),
  timeProgress: z.number(),
  /** the rank of the unit shown among units of its kind by completion rate; null for a whole region */
  rank: z.object({ rank: z.number().int(), of: z.number().int(), kind: UnitKind }).nullable(),
});
export type Headline = z.infer<typeof Headline>;

/** Where a figure adds CNY and converted foreign amounts, it says with which rates. */
export const FxNote = z.object({ currency: z.string(), rate: z.number(), onDate: IsoDate });

export const Cockpit = z.object({
  year: z.number().int(),
  asOf: z.string(),
  scope: z.object({ unitId: z.number().int(), unitName: z.string(), regionWide: z.boolean() }),
  headline: z.array(Headline),
  /** the three capital-in-place categories added in CNY, foreign capital converted */
  capitalInPlaceCny: z.object({ value: z.number(), fx: z.array(FxNote) }),
  trend: z.array(z.object({ month: z.string(), values: IndicatorValues })),
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), kind: UnitKind, values: IndicatorValues })),
  /** by GB/T 4754 section (门类, A–T); section null = not classified */
  byIndustry: z.array(z.object({ section: z.string().nullable(), name: z.string(), values: IndicatorValues })),
  byBlock: z.array(z.object({ keyBlockId: z.number().int().nullable(), name: z.string(), values: IndicatorValues })),
  byOrigin: z.array(z.object({ origin: EnterpriseOrigin.nullable(), values: IndicatorValues })),
  /** projects by current stage (open and closed), within scope */
  funnel: z.array(z.object({ stage: Stage, count: z.number().int() })),
});
export type Cockpit = z.infer<typeof Cockpit>;

