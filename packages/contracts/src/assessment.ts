// Assessment by contribution (C3), the cockpit (C10), talents and carbon (C11): the contracts the
// API validates with and the web app types its pages with.
//
// Values travel in each indicator's base unit, as integers:
//   count indicators → 1 per enterprise / project / person;
//   money → minor units (分 for CNY, cents for USD), in the indicator's currency;
//   kWh → kWh; CO₂ → kilograms (the UI shows tonnes).
// The web app scales them for display (万元 on lists, 亿元 on the cockpit, 万美元/亿美元).
import { z } from 'zod';
import { Id, Int, IsoDate, Name, Text } from './common.js';
import { UnitKind } from './org.js';
import { EnterpriseOrigin } from './enterprises.js';

/* ── the indicator catalogue ─────────────────────────────────────────────────────────────── */

/** What an indicator adds up, and from which records. */
export const MEASURES = [
  'count_registered', // enterprises whose project passed the 落地 gate
  'registered_capital', // their registered capital (CNY; other currencies converted at the dated FX rate)
  'capital_foreign_usd', // capital records, category foreign_usd (USD)
  'capital_domestic_out_of_city', // capital records, category domestic_out_of_city (CNY)
  'capital_zhejiang_returning', // capital records, category zhejiang_returning (CNY)
  'count_signed', // projects that passed the 签约 gate
  'signed_investment', // their agreed investment (CNY; converted where needed)
  'count_construction', // projects that passed the 开工 gate
  'count_production', // projects that passed the 投产 gate
  'talents', // high-level talents of registered projects
  'annual_generation_kwh', // annual generation of producing projects
  'co2_avoided_kg', // CO₂ avoided by producing projects
] as const;
export const Measure = z.enum(MEASURES);
export type Measure = z.infer<typeof Measure>;

/** The date a record is counted by. */
export const DateBasis = z.enum(['registered_on', 'contract_date', 'started_on', 'produced_on', 'recorded_on']);
export type DateBasis = z.infer<typeof DateBasis>;

/** 家 / 元 (shown as 万元·亿元) / 美元 (万美元·亿美元) / 个 / 人 / kWh / t */
export const IndicatorUnit = z.enum(['enterprise', 'cny', 'usd', 'project', 'person', 'kwh', 'co2_t']);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;

export const INDICATOR_CODES = [
  'enterprises_introduced',
  'registered_capital',
  'foreign_capital_used',
  'domestic_capital_in_place',
  'zhejiang_capital_in_place',
  'signed_projects',
  'signed_investment',
  'construction_projects',
  'production_projects',
  'talents',
  'annual_generation',
  'co2_avoided',
] as const;
export const IndicatorCode = z.enum(INDICATOR_CODES);
export type IndicatorCode = z.infer<typeof IndicatorCode>;

export type IndicatorDef = { code: IndicatorCode; zh: string; en: string; unit: IndicatorUnit; measure: Measure; dateBasis: DateBasis };

/** The built-in catalogue, in the order the cockpit shows it. */
export const INDICATORS: readonly IndicatorDef[] = [
  { code: 'enterprises_introduced', zh: '引进企业数', en: 'Enterprises introduced', unit: 'enterprise', measure: 'count_registered', dateBasis: 'registered_on' },
  { code: 'registered_capital', zh: '注册资金', en: 'Registered capital', unit: 'cny', measure: 'registered_capital', dateBasis: 'registered_on' },
  { code: 'foreign_capital_used', zh: '实际利用外资', en: 'Foreign capital actually used', unit: 'usd', measure: 'capital_foreign_usd', dateBasis: 'recorded_on' },
  { code: 'domestic_capital_in_place', zh: '市外内资到位资金', en: 'Out-of-city domestic capital in place', unit: 'cny', measure: 'capital_domestic_out_of_city', dateBasis: 'recorded_on' },
  { code: 'zhejiang_capital_in_place', zh: '浙商回归到位资金', en: 'Zhejiang-merchant capital in place', unit: 'cny', measure: 'capital_zhejiang_returning', dateBasis: 'recorded_on' },
  { code: 'signed_projects', zh: '签约项目数', en: 'Projects signed', unit: 'project', measure: 'count_signed', dateBasis: 'contract_date' },
  { code: 'signed_investment', zh: '签约投资额', en: 'Investment signed', unit: 'cny', measure: 'signed_investment', dateBasis: 'contract_date' },
  { code: 'construction_projects', zh: '开工项目数', en: 'Projects started', unit: 'project', measure: 'count_construction', dateBasis: 'started_on' },
  { code: 'production_projects', zh: '投产项目数', en: 'Projects in production', unit: 'project', measure: 'count_production', dateBasis: 'produced_on' },
  { code: 'talents', zh: '高层次人才', en: 'High-level talents', unit: 'person', measure: 'talents', dateBasis: 'registered_on' },
  { code: 'annual_generation', zh: '年发电量', en: 'Annual generation', unit: 'kwh', measure: 'annual_generation_kwh', dateBasis: 'produced_on' },
  { code: 'co2_avoided', zh: 'CO₂减排', en: 'CO₂ avoided', unit: 'co2_t', measure: 'co2_avoided_kg', dateBasis: 'produced_on' },
];
export const INDICATOR_BY_CODE = Object.fromEntries(INDICATORS.map((i) => [i.code, i])) as Record<IndicatorCode, IndicatorDef>;

/** Value per indicator code (base units, see the top of this file). */
export const IndicatorValues = z.record(IndicatorCode, z.number());
export type IndicatorValues = z.infer<typeof IndicatorValues>;

/* ── periods ─────────────────────────────────────────────────────────────────────────────── */

/** '2026' (year), '2026-Q4' (quarter) or '2026-11' (month), in Asia/Shanghai. */
export const PeriodKey = z.string().regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, { message: 'i18n:period_format' });
export type PeriodKey = z.infer<typeof PeriodKey>;
export const PeriodKind = z.enum(['month', 'quarter', 'year']);
export type PeriodKind = z.infer<typeof PeriodKind>;
export const Year = Int(z.number().int().min(2000).max(2100));

/* ── targets ─────────────────────────────────────────────────────────────────────────────── */

/** How a yearly target is split: not at all, by quarter (4 parts) or by month (12 parts). */
export const TargetSplit = z.enum(['none', 'quarter', 'month']);
export type TargetSplit = z.infer<typeof TargetSplit>;

const TargetValue = z.number().int().nonnegative().max(1e15);

export const SetTarget = z
  .object({
    unitId: Id,
    indicator: IndicatorCode,
    year: Year,
    /** the yearly target, in the indicator's base unit */
    annual: TargetValue,
    split: TargetSplit,
    /** 4 or 12 parts summing to `annual`; required unless split is none */
    parts: z.array(TargetValue).max(12).optional(),
  })
  .strict();
export type SetTarget = z.infer<typeof SetTarget>;

export const TargetKey = z.object({ unitId: Id, indicator: IndicatorCode, year: Year }).strict();
export type TargetKey = z.infer<typeof TargetKey>;

export const TargetsQuery = z.object({ year: Year.optional(), unitId: Id.optional(), indicator: IndicatorCode.optional() }).strict();
export type TargetsQuery = z.infer<typeof TargetsQuery>;

/** A unit's target for one indicator and year, with where it stands today. */
export const TargetRow = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  unitKind: UnitKind,
  indicator: IndicatorCode,
  year: z.number().int(),
  annual: z.number(),
  split: TargetSplit,
  parts: z.array(z.number()).nullable(),
  /** the actual so far this year (year to date) */
  actual: z.number(),
  /** actual ÷ annual (0..n); null when the target is 0 */
  completion: z.number().nullable(),
  /** 序时进度: the share of the year's target due by today (from the split, else days elapsed) */
  timeProgress: z.number(),
  updatedAt: z.string(),
});
export type TargetRow = z.infer<typeof TargetRow>;
export const TargetList = z.object({ items: z.array(TargetRow) });

/** Import of targets from the Excel template: base64 in JSON, like the enterprise import. */
export const ImportTargets = z.object({ filename: Name(200), contentBase64: z.string().min(1).max(20_000_000) }).strict();
export type ImportTargets = z.infer<typeof ImportTargets>;
export const ImportTargetsResult = z.object({
  imported: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), reason: z.string() })),
});
export type ImportTargetsResult = z.infer<typeof ImportTargetsResult>;

/* ── FX ──────────────────────────────────────────────────────────────────────────────────── */

/** A dated rate: 1 unit of `currency` is `rate` CNY from `onDate` until the next rate. */
export const FxRate = z.object({ currency: z.enum(['USD', 'EUR', 'HKD', 'JPY', 'GBP']), onDate: IsoDate, rate: z.number().positive().max(1000), source: Text(200).optional() });
export type FxRate = z.infer<typeof FxRate>;
export const SetFxRate = FxRate.strict();
export const FxRateList = z.object({ items: z.array(FxRate) });

/** The records behind one figure: every filter a cockpit figure can carry. */
export const FactsQuery = z
  .object({
    /** every indicator when absent */
    indicator: IndicatorCode.optional(),
    year: Year.optional(),
    month: Int(z.number().int().min(1).max(12)).optional(),
    unitId: Id.optional(),
    /** 'true': the unit's own records only, not its children's (the cockpit's byUnit entry of the unit shown itself) */
    unitOnly: z.enum(['true', 'false']).optional(),
    /** a GB/T 4754 section letter; 'none' = projects without a classified industry */
    section: z.union([z.string().regex(/^[A-T]$/), z.literal('none')]).optional(),
    /** 0 = projects without a key block */
    keyBlockId: Int(z.number().int().nonnegative().max(2147483647)).optional(),
    origin: z.union([EnterpriseOrigin, z.literal('none')]).optional(),
    cursor: z.string().max(200).optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
  })
  .strict();
export type FactsQuery = z.infer<typeof FactsQuery>;

export const Fact = z.object({
  id: z.number().int(),
  indicator: IndicatorCode,
  projectId: z.number().int(),
  projectName: z.string(),
  enterpriseName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  onDate: IsoDate,
  value: z.number(),
  /** the amount as reported, where it was converted */
  original: z.object({ amount: z.number(), currency: z.string(), rate: z.number(), rateDate: IsoDate }).nullable(),
  /** where the value comes from: a stage event, a capital record or the project's attributes */
  source: z.enum(['stage_event', 'capital_record', 'project']),
  sourceId: z.number().int(),
});
export type Fact = z.infer<typeof Fact>;
/** `sum` is the sum over every record the query matches (not just this page): it equals the figure. */
export const FactList = z.object({ items: z.array(Fact), total: z.number().int(), sum: z.number(), nextCursor: z.string().nullable() });
export type FactList = z.infer<typeof FactList>;

/** defaults: the current year, 引进企业数 */
export const CompletionRankingQuery = z.object({ year: Year.optional(), indicator: IndicatorCode.optional() }).strict();
export type CompletionRankingQuery = z.infer<typeof CompletionRankingQuery>;
export const CompletionRanking = z.object({
  year: z.number().int(),
  indicator: IndicatorCode,
  timeProgress: z.number(),
  groups: z.array(
    z.object({
      kind: UnitKind,
      items: z.array(
        z.object({ unitId: z.number().int(), unitName: z.string(), actual: z.number(), target: z.number(), completion: z.number().nullable(), rank: z.number().int() }),
      ),
    }),
  ),
});
export type CompletionRanking = z.infer<typeof CompletionRanking>;

/* ── rankings as bulletins and snapshots keep them ───────────────────────────────────────── */

const Num = z.number();

export const BulletinRankingRow = z.object({
  rank: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  actual: Num,
  target: Num,
  completion: Num.nullable(),
});
export const BulletinCompletionRanking = z.object({
  indicator: IndicatorCode,
  name: z.string(),
  unit: IndicatorUnit,
  timeProgress: Num,
  groups: z.array(z.object({ kind: UnitKind, items: z.array(BulletinRankingRow) })),
});
export type BulletinCompletionRanking = z.infer<typeof BulletinCompletionRanking>;

export const BulletinPointsRow = z.object({
  rank: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  points: Num,
  previousRank: z.number().int().nullable(),
  change: z.number().int().nullable(),
});
export const BulletinPeopleRow = z.object({
  rank: z.number().int(),
  displayName: z.string(),
  unitName: z.string(),
  points: Num,
});

/** A later correction of a closed period, shown in the next closed period (and its bulletin). */
export const AdjustmentLine = z.object({
  /** what changed: a unit's points for a period, or a unit's year-to-date actual of an indicator */
  measure: z.enum(['points', 'indicator']),
  indicator: IndicatorCode.nullable(),
  /** the closed period the correction belongs to, and the snapshot it is measured against */
  againstPeriod: PeriodKey,
  againstSnapshotId: z.number().int(),
  unitId: z.number().int(),
  unitName: z.string(),
  kind: UnitKind,
  frozen: Num,
  live: Num,
  /** live − frozen − adjustments recorded against that snapshot before */
  delta: Num,
});
export type AdjustmentLine = z.infer<typeof AdjustmentLine>;

export const SnapshotRef = z.object({ id: z.number().int(), period: PeriodKey, frozenAt: z.string(), checksum: z.string() });

/* ── the assessment close (定期考核) ───────────────────────────────────────────────────────── */

export const CloseAssessment = z.object({ period: PeriodKey.meta({ examples: ['2026-03'] }) }).strict();
export type CloseAssessment = z.infer<typeof CloseAssessment>;

export const SnapshotListQuery = z.object({ kind: PeriodKind.optional(), year: Int(z.number().int().min(2000).max(2100)).optional() }).strict();
export type SnapshotListQuery = z.infer<typeof SnapshotListQuery>;

export const SnapshotData = z.object({
  version: z.literal(1),
  regionName: z.string(),
  period: PeriodKey,
  kind: PeriodKind,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  /** points rankings of units (by kind) and of people for the period */
  unitRanking: z.object({
    period: PeriodKey,
    previous: PeriodKey,
    groups: z.array(z.object({ kind: UnitKind, items: z.array(BulletinPointsRow) })),
  }),
  peopleRanking: z.array(BulletinPeopleRow.extend({ userId: z.number().int() })),
  /** completion-rate rankings per indicator, year to date at the end of the period */
  completion: z.array(BulletinCompletionRanking),
  adjustments: z.array(AdjustmentLine),
});
export type SnapshotData = z.infer<typeof SnapshotData>;

export const SnapshotSummary = z.object({
  id: z.number().int(),
  period: PeriodKey,
  kind: PeriodKind,
  periodStart: IsoDate,
  periodEnd: IsoDate,
  frozenAt: z.string(),
  frozenBy: z.string().nullable(),
  checksum: z.string(),
  adjustmentCount: z.number().int(),
});
export type SnapshotSummary = z.infer<typeof SnapshotSummary>;
export const SnapshotList = z.object({ items: z.array(SnapshotSummary) });
export const SnapshotDetail = SnapshotSummary.extend({ data: SnapshotData });
export type SnapshotDetail = z.infer<typeof SnapshotDetail>;

