// Points by contribution (以贡献论英雄, C3): versioned scoring rules, the append-only ledger and the rankings of units and people.
import { z } from 'zod';
import { Id, Int, IsoDate, Name } from './common.js';
import { UnitKind } from './org.js';
import { PeriodKey } from './assessment.js';

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
    limit: Int(z.number().int().min(1).max(200)).optional(),
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
