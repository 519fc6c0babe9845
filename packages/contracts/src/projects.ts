import { z } from 'zod';
import { AmountMinor, Decimal, Id, Int, IsoDate, Name, PastDate, PositiveAmountMinor, Text } from './common.js';
import { Stage } from './stages.js';

export const ProjectType = z.enum(['new', 'expansion', 'zhejiang_returning', 'foreign']);
export type ProjectType = z.infer<typeof ProjectType>;
export const LeadSource = z.enum(['visit', 'referral', 'trip', 'fund', 'event', 'online', 'other']);
export type LeadSource = z.infer<typeof LeadSource>;
export const Intake = z.enum(['pending', 'accepted', 'rejected', 'merged']);
export type Intake = z.infer<typeof Intake>;
export const Light = z.enum(['green', 'yellow', 'red']);
export type Light = z.infer<typeof Light>;
export const ActivityKind = z.enum(['visit', 'meeting_offline', 'meeting_online', 'call', 'reception', 'signing']);
export type ActivityKind = z.infer<typeof ActivityKind>;
export const CapitalCategory = z.enum(['foreign_usd', 'domestic_out_of_city', 'zhejiang_returning']);
export type CapitalCategory = z.infer<typeof CapitalCategory>;
/** Each category is kept in the currency the indicator is reported in. */
export const CAPITAL_CURRENCY: Record<CapitalCategory, 'USD' | 'CNY'> = {
  foreign_usd: 'USD',
  domestic_out_of_city: 'CNY',
  zhejiang_returning: 'CNY',
};

const Currency = z.enum(['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP']);
const Amount = AmountMinor;
const Phone = Text(20).regex(/^[0-9+\- ]*$/, { message: 'i18n:phone_chars' });
const IndustryCode = z.string().regex(/^[A-T](\d{2,4})?$/, { message: 'i18n:industry_code' });

/**
 * 人人都是招商员: a lead as a promoter files it from a phone. The enterprise is an existing one
 * (picked from the live matches) or a new one. When the enterprise already has an open project,
 * the report must say what it is: joining that project, or claiming it (which opens arbitration).
 */
export const ReportLead = z
  .object({
    enterpriseId: Id.optional(),
    newEnterprise: z
      .object({
        name: Name(100),
        uscc: Text(18).optional(),
        /** why this is not the very similar enterprise the registry has (required when the match says it very likely is) */
        differsReason: Text(500).optional(),
      })
      .strict()
      .optional(),
    contactName: Name(40),
    contactPhone: Phone.optional(),
    contactTitle: Text(40).optional(),
    industryCode: IndustryCode.optional(),
    investmentMinor: Amount.optional(),
    investmentCurrency: Currency.optional(),
    projectType: ProjectType,
    source: LeadSource,
    note: Text(2000).optional(),
    duplicateAction: z.enum(['join', 'claim']).optional(),
    claimReason: Text(500).optional(),
  })
  .strict()
  .refine((v) => !!v.enterpriseId !== !!v.newEnterprise, { path: ['enterpriseId'], message: 'i18n:enterprise_required' })
  .refine((v) => v.duplicateAction !== 'claim' || !!v.claimReason?.trim(), { path: ['claimReason'], message: 'i18n:reason_required' });
export type ReportLead = z.infer<typeof ReportLead>;

export const ReportResult = z.object({
  outcome: z.enum(['reported', 'joined', 'claimed']),
  projectId: z.number().int().nullable(),
  arbitrationId: z.number().int().nullable(),
  /** who will follow up, and by when (the success screen says so) */
  followUpUnit: z.string(),
  followUpBy: z.string(),
  /** 'pending': reported as a new enterprise very like a known one; the centre reviews it before 首报 counts */
  duplicateReview: z.enum(['pending']).nullable().optional(),
});
export type ReportResult = z.infer<typeof ReportResult>;


/** The centre's decision on a lead held as a suspected duplicate. */
export const ReviewDuplicate = z.object({ decision: z.enum(['distinct', 'merge']), note: Text(500).optional() }).strict();
export type ReviewDuplicate = z.infer<typeof ReviewDuplicate>;

export const DuplicateReview = z.enum(['pending', 'distinct', 'merged']);
export type DuplicateReview = z.infer<typeof DuplicateReview>;

export const ProjectListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  stage: Stage,
  stageAt: z.string(),
  intake: Intake,
  enterpriseId: z.number().int(),
  enterpriseName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  ownerUserId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  industryCode: z.string().nullable(),
  investmentMinor: z.number().nullable(),
  investmentCurrency: z.string(),
  origin: z.string().nullable(),
  keyBlockId: z.number().int().nullable(),
  reportedAt: z.string(),
  nextStep: z.string().nullable(),
  nextDue: z.string().nullable(),
  lastActivityAt: z.string().nullable(),
  light: Light,
  lightReasons: z.array(z.string()),
  /** a lead held as a suspected duplicate of a known enterprise, and where its review stands */
  duplicateReview: DuplicateReview.nullable(),
});
export type ProjectListItem = z.infer<typeof ProjectListItem>;

/** A comma-separated list in a query string, e.g. stage=lead,signed */
const Csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]])).max(10));

export const ListProjectsQuery = z
  .object({
    q: Text(60).optional(),
    stage: Csv(Stage.options).optional(),
    intake: Csv(Intake.options).optional(),
    unitId: Id.optional(),
    ownerUserId: Id.optional(),
    enterpriseId: Id.optional(),
    /** a GB/T 4754 section letter (C), or a code prefix with or without its letter (C36, 36, 3670) */
    industry: z.string().regex(/^([A-T]|[A-T]?\d{2,4})$/, { message: 'i18n:industry_code' }).optional(),
    keyBlockId: Id.optional(),
    light: Csv(Light.options).optional(),
    origin: z.enum(['local', 'domestic_out_of_city', 'foreign', 'zhejiang_returning']).optional(),
    /** 万元, CNY projects only */
    minInvestment: Decimal(z.number().min(0).max(1e13)).optional(),
    maxInvestment: Decimal(z.number().min(0).max(1e13)).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    mine: z.enum(['owner', 'reporter']).optional(),
    sort: z.enum(['reportedAt', 'stageAt', 'investment', 'name', 'nextDue']).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export type ListProjectsQuery = z.infer<typeof ListProjectsQuery>;

export const ProjectList = z.object({ items: z.array(ProjectListItem), total: z.number().int(), nextCursor: z.string().nullable() });

export const CoPromoter = z.object({ unitId: z.number().int(), unitName: z.string(), shareBp: z.number().int() });

export const ProjectDetail = ProjectListItem.extend({
  projectType: ProjectType,
  source: LeadSource,
  intakeNote: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  fixedAssetMinor: z.number().nullable(),
  fixedAssetCurrency: z.string(),
  carrier: z.string().nullable(),
  expectedJobs: z.number().int().nullable(),
  expectedOutputMinor: z.number().nullable(),
  expectedTaxMinor: z.number().nullable(),
  annualGenerationKwh: z.number().nullable(),
  co2AvoidedT: z.number().nullable(),
  talents: z.number().int().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactTitle: z.string().nullable(),
  note: z.string().nullable(),
  reportedByUserId: z.number().int().nullable(),
  reportedByName: z.string().nullable(),
  reportedByUnitId: z.number().int().nullable(),
  reportedByUnitName: z.string().nullable(),
  signedAt: z.string().nullable(),
  droppedReason: z.string().nullable(),
  enterprise: z.object({ id: z.number().int(), name: z.string(), uscc: z.string().nullable(), origin: z.string().nullable(), industryCode: z.string().nullable() }),
  coPromoters: z.array(CoPromoter),
  nextStage: Stage.nullable(),
  /** where a dropped project returns when reopened */
  reopenTo: Stage.nullable(),
  /** the fields the next gate asks for */
  gateFields: z.array(z.string()),
  capitalTotals: z.array(z.object({ category: CapitalCategory, currency: z.string(), amountMinor: z.number() })),
  canEdit: z.boolean(),
  duplicateReason: z.string().nullable(),
  /** the known enterprise this lead may duplicate, with its open project where the caller reaches it */
  duplicateOf: z
    .object({
      enterpriseId: z.number().int(),
      enterpriseName: z.string(),
      uscc: z.string().nullable(),
      projectId: z.number().int().nullable(),
      projectName: z.string().nullable(),
      unitName: z.string().nullable(),
    })
    .nullable(),
});
export type ProjectDetail = z.infer<typeof ProjectDetail>;

export const UpdateProject = z
  .object({
    name: Name(120).optional(),
    projectType: ProjectType.optional(),
    industryCode: IndustryCode.nullable().optional(),
    investmentMinor: Amount.nullable().optional(),
    investmentCurrency: Currency.optional(),
    fixedAssetMinor: Amount.nullable().optional(),
    fixedAssetCurrency: Currency.optional(),
    keyBlockId: Id.nullable().optional(),
    carrier: Text(200).nullable().optional(),
    expectedJobs: z.number().int().min(0).max(1e7).nullable().optional(),
    expectedOutputMinor: Amount.nullable().optional(),
    expectedTaxMinor: Amount.nullable().optional(),
    annualGenerationKwh: z.number().int().min(0).max(1e13).nullable().optional(),
    co2AvoidedT: z.number().min(0).max(1e9).nullable().optional(),
    talents: z.number().int().min(0).max(1e6).nullable().optional(),
    contactName: Text(40).nullable().optional(),
    contactPhone: Phone.nullable().optional(),
    contactTitle: Text(40).nullable().optional(),
    note: Text(2000).nullable().optional(),
  })
  .strict();
export type UpdateProject = z.infer<typeof UpdateProject>;

export const SetCoPromoters = z
  .object({ units: z.array(z.object({ unitId: Id, shareBp: z.number().int().min(1).max(10000) }).strict()).min(1).max(20) })
  .strict()
  .refine((v) => v.units.reduce((s, u) => s + u.shareBp, 0) === 10000, { path: ['units'], message: 'i18n:shares_sum' })
  .refine((v) => new Set(v.units.map((u) => u.unitId)).size === v.units.length, { path: ['units'], message: 'i18n:duplicate_units' })
  .meta({ examples: [{ units: [{ unitId: 1, shareBp: 6000 }, { unitId: 2, shareBp: 4000 }] }] });
export type SetCoPromoters = z.infer<typeof SetCoPromoters>;

export const AcceptLead = z.object({ unitId: Id, ownerUserId: Id.optional(), note: Text(500).optional() }).strict();
export type AcceptLead = z.infer<typeof AcceptLead>;
export const RejectLead = z.object({ reason: Name(500) }).strict();
export const MergeLead = z.object({ intoProjectId: Id, note: Text(500).optional() }).strict();
export type MergeLead = z.infer<typeof MergeLead>;

export const CreateActivity = z
  .object({
    kind: ActivityKind,
    occurredOn: PastDate,
    place: Text(200).optional(),
    attendees: Text(500).optional(),
    notes: Text(4000).optional(),
    nextStep: Text(500).optional(),
    nextDue: IsoDate.optional(),
  })
  .strict();
export type CreateActivity = z.infer<typeof CreateActivity>;

export const Activity = z.object({
  id: z.number().int(),
  projectId: z.number().int().nullable(),
  tripId: z.number().int().nullable(),
  kind: ActivityKind,
  occurredOn: z.string(),
  place: z.string().nullable(),
  attendees: z.string().nullable(),
  notes: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextDue: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type Activity = z.infer<typeof Activity>;

export const CreateCapital = z
  .object({ category: CapitalCategory, amountMinor: PositiveAmountMinor, recordedOn: PastDate, note: Text(500).optional() })
  .strict();
export type CreateCapital = z.infer<typeof CreateCapital>;
export const ReverseCapital = z.object({ reason: Name(500) }).strict();

export const CapitalRecord = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  category: CapitalCategory,
  amountMinor: z.number(),
  currency: z.string(),
  recordedOn: z.string(),
  note: z.string().nullable(),
  reversesId: z.number().int().nullable(),
  reversed: z.boolean(),
  createdByName: z.string().nullable(),
});
export type CapitalRecord = z.infer<typeof CapitalRecord>;

export const TimelineEntry = z.object({
  kind: z.enum(['stage', 'activity', 'capital']),
  at: z.string(),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()),
  by: z.string().nullable(),
});
export const Timeline = z.object({ items: z.array(TimelineEntry) });

export const CapitalList = z.object({ items: z.array(CapitalRecord) });
export const ActivityList = z.object({ items: z.array(Activity) });

export const Board = z.object({
  columns: z.array(z.object({ stage: Stage, total: z.number().int(), items: z.array(ProjectListItem) })),
});

export const SlaRuleCode = z.enum(['lead_uncontacted', 'no_activity', 'signed_not_registered', 'next_step_overdue']);
export type SlaRuleCode = z.infer<typeof SlaRuleCode>;
export const SlaRule = z.object({ rule: SlaRuleCode, yellowDays: z.number().int().min(0).max(3650).nullable(), redDays: z.number().int().min(0).max(3650).nullable() });
export type SlaRule = z.infer<typeof SlaRule>;
export const SlaRules = z.object({ items: z.array(SlaRule) });
export const UpdateSlaRules = z.object({ items: z.array(SlaRule.strict()).min(1).max(4) }).strict();
