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


/* ── panels other modules add to the cockpit ───────────────────────────────────────────── */

/** How a figure's value reads: money in minor units (shown in 万元/亿元), counts, shares, physical units. */
export const FigureKind = z.enum(['cny', 'usd', 'count', 'percent', 'days', 'kwh', 'co2_t', 'mw', 'number']);
export type FigureKind = z.infer<typeof FigureKind>;

/** One figure of a module's panel, with where the records that add up to it are. */
export const PanelFigure = z.object({
  key: z.string(),
  /** in the caller's language */
  label: z.string(),
  value: z.number().nullable(),
  kind: FigureKind,
  /** a short line under the figure (e.g. 目标 60 个工作日), in the caller's language */
  note: z.string().nullable(),
  /** GET path answering a RecordList: the records behind the figure (null: not drillable) */
  records: z.string().nullable(),
});
export type PanelFigure = z.infer<typeof PanelFigure>;

/** A module's section of the cockpit (the fund, incentive payouts, talents and carbon…). */
export const CockpitPanel = z.object({ key: z.string(), title: z.string(), figures: z.array(PanelFigure) });
export type CockpitPanel = z.infer<typeof CockpitPanel>;
export const CockpitPanels = z.object({ year: z.number().int(), panels: z.array(CockpitPanel) });
export type CockpitPanels = z.infer<typeof CockpitPanels>;
export const CockpitPanelsQuery = z.object({ year: Year.optional() }).strict();
export type CockpitPanelsQuery = z.infer<typeof CockpitPanelsQuery>;

/** The records behind a panel figure, as a table: `sum` (over every record, not just this page) equals the figure. */
export const RecordColumn = z.object({ key: z.string(), label: z.string(), kind: z.enum(['text', 'number', 'cny', 'usd', 'date', 'datetime', 'percent']) });
export type RecordColumn = z.infer<typeof RecordColumn>;
export const RecordList = z.object({
  columns: z.array(RecordColumn),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  total: z.number().int(),
  sum: z.number().nullable(),
  /** a link to each record's page, by row (e.g. /projects/12), when there is one */
  links: z.array(z.string().nullable()).optional(),
});
export type RecordList = z.infer<typeof RecordList>;
