// Regular bulletins (定期通报) and the assessment close (定期考核), C4.
//
// A bulletin's content is computed once, when its draft is generated, and kept as a JSON snapshot
// (`BulletinContent`): the Word document, the Excel annex and the page in the app are three
// renderings of that one structure. Values are in base units as in assessment.ts (counts, minor
// units of money, kWh, kg of CO₂); points in points (not hundredths).
import { z } from 'zod';
import { Int, IsoDate, Name, Text } from './common.js';
import { UnitKind } from './org.js';
import { AdjustmentLine, BulletinCompletionRanking, BulletinPeopleRow, BulletinPointsRow, IndicatorCode, IndicatorUnit, PeriodKey, SnapshotRef } from './assessment.js';

/* ── bulletins ───────────────────────────────────────────────────────────────────────────── */

export const BULLETIN_KINDS = ['weekly', 'monthly'] as const;
export const BulletinKind = z.enum(BULLETIN_KINDS);
export type BulletinKind = z.infer<typeof BulletinKind>;

/** draft → reviewed (审核) → published (签发); published bulletins are immutable. */
export const BULLETIN_STATUSES = ['draft', 'reviewed', 'published'] as const;
export const BulletinStatus = z.enum(BULLETIN_STATUSES);
export type BulletinStatus = z.infer<typeof BulletinStatus>;

/** A bulletin's period: '2026-04' (monthly) or '2026-W18' (weekly, ISO week, Monday to Sunday). */
export const BulletinPeriod = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2]|W(0[1-9]|[1-4]\d|5[0-3]))$/, { message: 'i18n:bulletin_period_format' })
  .meta({ examples: ['2026-04'] });
export type BulletinPeriod = z.infer<typeof BulletinPeriod>;

export const GenerateBulletin = z
  .object({
    kind: BulletinKind,
    /** must match the kind: '2026-04' for monthly, '2026-W18' for weekly */
    period: BulletinPeriod,
  })
  .strict();
export type GenerateBulletin = z.infer<typeof GenerateBulletin>;

export const UpdateBulletin = z.object({ notes: Text(4000) }).strict();
export type UpdateBulletin = z.infer<typeof UpdateBulletin>;

export const BulletinListQuery = z
  .object({
    kind: BulletinKind.optional(),
    status: BulletinStatus.optional(),
    year: Int(z.number().int().min(2000).max(2100)).optional(),
  })
  .strict();
export type BulletinListQuery = z.infer<typeof BulletinListQuery>;

export const BulletinSettings = z.object({
  weeklyEnabled: z.boolean(),
  monthlyEnabled: z.boolean(),
  /** 发文单位, e.g. 海曙区优商招商工作领导小组办公室 */
  issuingBody: z.string(),
  /** 版头: the red masthead, e.g. 海曙区招商引资工作通报 */
  masthead: z.string(),
  /** placeholders {region} {period} {kind}: e.g. 关于{period}全区招商引资工作情况的通报 */
  titlePattern: z.string(),
  updatedAt: z.string().nullable(),
});
export type BulletinSettings = z.infer<typeof BulletinSettings>;

export const UpdateBulletinSettings = z
  .object({
    weeklyEnabled: z.boolean(),
    monthlyEnabled: z.boolean(),
    issuingBody: Name(100),
    masthead: Name(60),
    titlePattern: Name(120).refine((s) => s.includes('{period}'), { message: 'i18n:bulletin_title_period' }),
  })
  .strict();
export type UpdateBulletinSettings = z.infer<typeof UpdateBulletinSettings>;

const Num = z.number();
const Who = z.object({ userId: z.number().int(), name: z.string(), at: z.string() }).nullable();

/** 一、总体进展: a headline indicator, year to date at the end of the period (the cockpit's figure). */
export const BulletinIndicator = z.object({
  indicator: IndicatorCode,
  name: z.string(),
  unit: IndicatorUnit,
  /** year to date at the end of the period */
  actual: Num,
  /** within the period itself */
  inPeriod: Num,
  target: Num.nullable(),
  completion: Num.nullable(),
  /** 序时进度 at the end of the period */
  timeProgress: Num,
});
export type BulletinIndicator = z.infer<typeof BulletinIndicator>;

export const BulletinProjectRow = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  enterpriseName: z.string(),
  unitName: z.string(),
  onDate: IsoDate,
  /** minor units of `currency` (the agreed investment of a signing, the registered capital of a landing) */
  amount: Num,
  currency: z.string(),
});
export type BulletinProjectRow = z.infer<typeof BulletinProjectRow>;

export const BulletinRedLight = z.object({
  projectId: z.number().int(),
  projectName: z.string(),
  enterpriseName: z.string(),
  unitName: z.string(),
  stage: z.string(),
  reason: z.string(),
});
export const BulletinOverdueItem = z.object({
  id: z.number().int(),
  title: z.string(),
  projectName: z.string(),
  category: z.string(),
  level: z.string(),
  leadUnitName: z.string(),
  dueOn: IsoDate,
  daysOverdue: z.number().int(),
});

/**
 * A section another module adds to a bulletin (incentive payouts, talents and carbon…): a heading,
 * sentences, and optionally a table — printed after the module sections of the bulletin's own,
 * numbered on, and as a sheet of the Excel annex.
 */
export const BulletinSection = z.object({
  key: z.string(),
  heading: z.string(),
  paragraphs: z.array(z.string()),
  table: z
    .object({
      caption: z.string(),
      columns: z.array(z.object({ label: z.string(), kind: z.enum(['text', 'number', 'cny', 'usd', 'date', 'percent']) })),
      rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
    })
    .nullable(),
});
export type BulletinSection = z.infer<typeof BulletinSection>;

export const BulletinContent = z.object({
  version: z.literal(1),
  regionName: z.string(),
  kind: BulletinKind,
  period: BulletinPeriod,
  /** 2026年4月 / 2026年第18周（4月27日至5月3日） */
  periodLabel: z.string(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  year: z.number().int(),
  /** 第N期 (per kind and year); tentative until published */
  issueNo: z.number().int(),
  issuingBody: z.string(),
  masthead: z.string(),
  title: z.string(),
  /** the issue date: the day of generation for a draft, the day of publishing once published */
  date: IsoDate,
  generatedAt: z.string(),
  /** the assessment snapshot of the period the bulletin cites (the month a monthly bulletin covers) */
  snapshot: SnapshotRef.nullable(),
  /** where the figures come from, said once under the tables */
  basis: z.string(),
  overall: z.object({
    timeProgress: Num,
    indicators: z.array(BulletinIndicator),
    /** 一、总体进展 in sentences, as printed (the page shows the same text as the Word document) */
    summary: z.array(z.string()),
  }),
  completionRankings: z.array(BulletinCompletionRanking),
  pointsRanking: z.object({
    /** the points period ranked: the month of a monthly bulletin, the month to date of a weekly one */
    period: PeriodKey,
    previous: PeriodKey,
    groups: z.array(z.object({ kind: UnitKind, items: z.array(BulletinPointsRow) })),
    people: z.array(BulletinPeopleRow),
  }),
  adjustments: z.array(AdjustmentLine),
  signings: z.object({ count: z.number().int(), totalCny: Num, items: z.array(BulletinProjectRow) }),
  landings: z.object({ count: z.number().int(), totalCny: Num, items: z.array(BulletinProjectRow) }),
  redLights: z.object({ count: z.number().int(), items: z.array(BulletinRedLight) }),
  overdueItems: z.object({ count: z.number().int(), items: z.array(BulletinOverdueItem) }),
  notes: z.string(),
  /** sections of other modules (absent in bulletins generated before they existed) */
  sections: z.array(BulletinSection).optional(),
});
export type BulletinContent = z.infer<typeof BulletinContent>;

export const BulletinSummary = z.object({
  id: z.number().int(),
  kind: BulletinKind,
  period: BulletinPeriod,
  periodLabel: z.string(),
  periodStart: IsoDate,
  periodEnd: IsoDate,
  year: z.number().int(),
  issueNo: z.number().int(),
  title: z.string(),
  status: BulletinStatus,
  generated: Who,
  reviewed: Who,
  published: Who,
  snapshotId: z.number().int().nullable(),
  updatedAt: z.string(),
});
export type BulletinSummary = z.infer<typeof BulletinSummary>;
export const BulletinList = z.object({ items: z.array(BulletinSummary) });
export type BulletinList = z.infer<typeof BulletinList>;

export const BulletinDetail = BulletinSummary.extend({
  content: BulletinContent,
  /** the archived files of a published bulletin */
  files: z.array(z.object({ format: z.enum(['docx', 'xlsx']), bytes: z.number().int(), sha256: z.string() })),
  /** what the caller may do with it now */
  can: z.object({ edit: z.boolean(), review: z.boolean(), publish: z.boolean(), reopen: z.boolean(), discard: z.boolean() }),
});
export type BulletinDetail = z.infer<typeof BulletinDetail>;

