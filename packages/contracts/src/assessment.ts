// Assessment by contribution (C3), the cockpit (C10), talents and carbon (C11): the contracts the
// API validates with and the web app types its pages with.
//
// Values travel in each indicator's base unit, as integers:
//   count indicators → 1 per enterprise / project / person;
//   money → minor units (分 for CNY, cents for USD), in the indicator's currency;
//   kWh → kWh; CO₂ → kilograms (the UI shows tonnes).
// The web app scales them for display (万元 on lists, 亿元 on the cockpit, 万美元/亿美元).
import { z } from 'zod';
import { Id, IsoDate, Name, Text } from './common.js';
import { UnitKind } from './org.js';
import { EnterpriseOrigin } from './enterprises.js';
import { Stage } from './stages.js';

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
export const Year = z.coerce.number().int().min(2000).max(2100);

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

/** The records behind one figure: every filter a cockpit figure can carry. */
export const FactsQuery = z
  .object({
    /** every indicator when absent */
    indicator: IndicatorCode.optional(),
    year: Year.optional(),
    month: z.coerce.number().int().min(1).max(12).optional(),
    unitId: Id.optional(),
    /** 'true': the unit's own records only, not its children's (the cockpit's byUnit entry of the unit shown itself) */
    unitOnly: z.enum(['true', 'false']).optional(),
    /** a GB/T 4754 section letter; 'none' = projects without a classified industry */
    section: z.union([z.string().regex(/^[A-T]$/), z.literal('none')]).optional(),
    /** 0 = projects without a key block */
    keyBlockId: z.coerce.number().int().nonnegative().max(2147483647).optional(),
    origin: z.union([EnterpriseOrigin, z.literal('none')]).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
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

/* ── scoring rules and the points ledger ─────────────────────────────────────────────────── */

/** Events that score. */
export const POINT_EVENTS = ['lead_accepted', 'signed', 'registered', 'construction', 'production', 'capital'] as const;
export const PointEvent = z.enum(POINT_EVENTS);
export type PointEvent = z.infer<typeof PointEvent>;

const Pts = z.number().nonnegative().max(1e6);
const Factor = z.number().positive().max(100);

export const ScoringRules = z
  .object({
    /** points per event */
    events: z.object({ lead_accepted: Pts, signed: Pts, registered: Pts, construction: Pts, production: Pts }).strict(),
    /** points per 万元 (CNY) or per 万美元 (USD) of capital in place, by category */
    capitalPerWan: z.object({ foreign_usd: Pts, domestic_out_of_city: Pts, zhejiang_returning: Pts }).strict(),
    multipliers: z
      .object({
        /** by total investment (CNY, 万元), the highest threshold reached applies */
        size: z.array(z.object({ minInvestmentWan: z.number().nonnegative().max(1e9), factor: Factor })).max(10),
        /** GB/T 4754 codes or code prefixes (a section letter, a division) counted as priority industries */
        priorityIndustries: z.object({ codes: z.array(z.string().regex(/^[A-T]?\d{0,4}$/)).max(200), factor: Factor }).strict(),
        /** a project in a key block (重点区块) */
        keyBlock: Factor,
      })
      .strict(),
  })
  .strict();
export type ScoringRules = z.infer<typeof ScoringRules>;

/**
 * The demo's (and a new version form's) starting point. Capital: 1亿元 of out-of-city or 浙商回归
 * capital = 10 points (0.001 per 万元), 1,000万美元 of foreign capital = 7 points (0.007 per 万美元,
 * about the same per yuan). Size: ≥1亿元 ×1.2, ≥10亿元 ×1.5. Priority industries (海曙's 数字经济,
 * 生物医药, 新材料, 智能制造): I63–I65 software and IT services, C39 electronics, C27 medicine,
 * C265 synthetic materials, C3985 electronic materials, C34/C35 general and special equipment.
 */
export const DEFAULT_SCORING_RULES: ScoringRules = {
  events: { lead_accepted: 1, signed: 5, registered: 10, construction: 5, production: 10 },
  capitalPerWan: { foreign_usd: 0.007, domestic_out_of_city: 0.001, zhejiang_returning: 0.001 },
  multipliers: {
    size: [
      { minInvestmentWan: 10_000, factor: 1.2 },
      { minInvestmentWan: 100_000, factor: 1.5 },
    ],
    priorityIndustries: { codes: ['I63', 'I64', 'I65', 'C39', 'C27', 'C265', 'C3985', 'C34', 'C35'], factor: 1.2 },
    keyBlock: 1.2,
  },
};

export const CreateRuleVersion = z.object({ effectiveFrom: IsoDate, rules: ScoringRules, note: Name(500) }).strict();
export type CreateRuleVersion = z.infer<typeof CreateRuleVersion>;

export const RuleVersion = z.object({
  version: z.number().int(),
  effectiveFrom: IsoDate,
  rules: ScoringRules,
  note: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type RuleVersion = z.infer<typeof RuleVersion>;
export const RuleVersionList = z.object({ items: z.array(RuleVersion) });
export const CreateRuleVersionResult = z.object({ version: z.number().int(), rescoredEntries: z.number().int() });

/** How a ledger entry came about: rule × event × multipliers × share. */
export const PointExplanation = z.object({
  ruleVersion: z.number().int(),
  event: PointEvent,
  /** the base: the event's points, or capital (万元/万美元) × points per 万 */
  base: z.number(),
  capital: z.object({ category: z.string(), amountWan: z.number(), perWan: z.number() }).nullable(),
  multipliers: z.array(z.object({ kind: z.enum(['size', 'priority_industry', 'key_block']), factor: z.number() })),
  shareBp: z.number().int(),
});
export type PointExplanation = z.infer<typeof PointExplanation>;

export const PointsQuery = z
  .object({
    unitId: Id.optional(),
    userId: Id.optional(),
    projectId: Id.optional(),
    period: PeriodKey.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
  })
  .strict();
export type PointsQuery = z.infer<typeof PointsQuery>;

export const PointEntry = z.object({
  id: z.number().int(),
  onDate: IsoDate,
  unitId: z.number().int(),
  unitName: z.string(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  projectId: z.number().int(),
  projectName: z.string(),
  /** the event that scored: its kind and the record it comes from */
  eventKey: z.string(),
  points: z.number(),
  /** a reversal cancels an earlier entry (a corrected record or a rule change) */
  reversesId: z.number().int().nullable(),
  explanation: PointExplanation,
  createdAt: z.string(),
});
export type PointEntry = z.infer<typeof PointEntry>;
export const PointList = z.object({ items: z.array(PointEntry), total: z.number().int(), sum: z.number(), nextCursor: z.string().nullable() });
export type PointList = z.infer<typeof PointList>;

export const RebuildResult = z.object({ projects: z.number().int(), factsChanged: z.number().int(), entriesAppended: z.number().int() });
export type RebuildResult = z.infer<typeof RebuildResult>;

/* ── rankings ────────────────────────────────────────────────────────────────────────────── */

/** `period` defaults to the current month; `kind` narrows the unit ranking to one kind of unit. */
export const RankingQuery = z.object({ period: PeriodKey.optional(), kind: UnitKind.optional() }).strict();
export type RankingQuery = z.infer<typeof RankingQuery>;

/** Standard competition ranking: ties share a rank and the next rank skips (1, 1, 3). */
export const RankedUnit = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  points: z.number(),
  rank: z.number().int(),
  /** the rank in the previous period of the same kind; null when not ranked then */
  previousRank: z.number().int().nullable(),
  /** previousRank − rank: positive = moved up */
  change: z.number().int().nullable(),
});
export type RankedUnit = z.infer<typeof RankedUnit>;
export const UnitRanking = z.object({
  period: PeriodKey,
  previous: PeriodKey,
  /** units are compared within their kind: departments with departments, townships with townships */
  groups: z.array(z.object({ kind: UnitKind, items: z.array(RankedUnit) })),
});
export type UnitRanking = z.infer<typeof UnitRanking>;

export const RankedPerson = z.object({
  userId: z.number().int(),
  displayName: z.string(),
  unitName: z.string(),
  points: z.number(),
  rank: z.number().int(),
  previousRank: z.number().int().nullable(),
  change: z.number().int().nullable(),
});
export type RankedPerson = z.infer<typeof RankedPerson>;
export const PeopleRanking = z.object({ period: PeriodKey, previous: PeriodKey, items: z.array(RankedPerson) });
export type PeopleRanking = z.infer<typeof PeopleRanking>;

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
