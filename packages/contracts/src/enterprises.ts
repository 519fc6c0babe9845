// Enterprise registry contracts, shared by the API (validation, OpenAPI) and the web forms.
import { z } from 'zod';
import { IndustryCode } from './industries.js';
import { Id, Int, Name, Text } from './common.js';

/* ── unified social credit code (统一社会信用代码, GB 32100-2015) ─────────────────────────── */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The check character of the first 17 characters, or null when one of them is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** True for an 18-character code (upper case) whose 18th character is its check character. */
export function isValidUscc(code: string): boolean {
  return USCC_SHAPE.test(code) && usccCheckChar(code.slice(0, 17)) === code[17];
}

/** Trimmed and upper-cased, then checked: shape first (a clear message while typing), then the check digit. */
export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .regex(USCC_SHAPE, { message: 'i18n:enterprise_uscc_format' })
  .refine(isValidUscc, { message: 'i18n:enterprise_uscc_check' });

/* ── shared parts ───────────────────────────────────────────────────────────────────────── */

export const ENTERPRISE_ORIGINS = ['local', 'domestic_out_of_city', 'foreign', 'zhejiang_returning'] as const;
/** 本地 / 市外内资 / 外资 / 浙商回归 */
export const EnterpriseOrigin = z.enum(ENTERPRISE_ORIGINS);
export type EnterpriseOrigin = z.infer<typeof EnterpriseOrigin>;

export const CURRENCIES = ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP', 'KRW', 'SGD', 'TWD', 'CHF', 'AUD', 'CAD'] as const;
export const Currency = z.enum(CURRENCIES);
export type Currency = z.infer<typeof Currency>;

/** Money: integer minor units (分, cents) and a currency; never a float. */
export const Money = z
  .object({
    amountMinor: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    currency: Currency,
  })
  .strict();
export type Money = z.infer<typeof Money>;

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'i18n:date_format' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) && s >= '1800-01-01';
  }, { message: 'i18n:date_format' });
/** a GB/T 4754-2017 code: a section letter, or a 2-4 digit division/group/class code */
/** a GB/T 2260 division code (6 digits), or a township's 9-digit code */
export const DivisionCode = z.string().trim().max(9).regex(/^\d{6}(?:\d{3})?$/, { message: 'i18n:enterprise_division_format' });

export const NAME_KINDS = ['former', 'alias'] as const;
export const EnterpriseNameKind = z.enum(NAME_KINDS);
export const EnterpriseAliasInput = z.object({ name: Name(200), kind: EnterpriseNameKind }).strict();
export const EnterpriseAlias = z.object({ id: z.number().int(), name: z.string(), kind: EnterpriseNameKind });
export type EnterpriseAlias = z.infer<typeof EnterpriseAlias>;

const Tag = Name(20);

/* ── the registry ───────────────────────────────────────────────────────────────────────── */

export const EnterpriseListItem = z.object({
  id: z.number().int(),
  name: z.string(),
  /** the distinctive part of the name (字号) as the matcher sees it */
  tradeName: z.string(),
  uscc: z.string().nullable(),
  legalRep: z.string().nullable(),
  regCapital: Money.nullable(),
  foundedOn: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  regionCode: z.string().nullable(),
  origin: EnterpriseOrigin.nullable(),
  address: z.string().nullable(),
  tags: z.array(z.string()),
  source: z.string().nullable(),
  unitId: z.number().int().nullable(),
  createdBy: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseListItem = z.infer<typeof EnterpriseListItem>;

export const Enterprise = EnterpriseListItem.extend({
  aliases: z.array(EnterpriseAlias),
  /** whether the caller may change it (manager, admin, or whoever registered it) */
  canEdit: z.boolean(),
});
export type Enterprise = z.infer<typeof Enterprise>;

export const CreateEnterprise = z
  .object({
    name: Name(200),
    uscc: Uscc.optional(),
    legalRep: Text(50).optional(),
    regCapital: Money.optional(),
    foundedOn: IsoDate.optional(),
    industryCode: IndustryCode.optional(),
    regionCode: DivisionCode.optional(),
    origin: EnterpriseOrigin.optional(),
    address: Text(200).optional(),
    tags: z.array(Tag).max(20).optional(),
    aliases: z.array(EnterpriseAliasInput).max(20).optional(),
    /** the registering unit: the caller's own unit when omitted, else one in their scope */
    unitId: Id.optional(),
  })
  .strict();
export type CreateEnterprise = z.infer<typeof CreateEnterprise>;

/** Only what is sent changes; null clears an optional field. `aliases`, when sent, replaces them all. */
export const UpdateEnterprise = z
  .object({
    name: Name(200).optional(),
    uscc: Uscc.nullable().optional(),
    legalRep: Text(50).nullable().optional(),
    regCapital: Money.nullable().optional(),
    foundedOn: IsoDate.nullable().optional(),
    industryCode: IndustryCode.nullable().optional(),
    regionCode: DivisionCode.nullable().optional(),
    origin: EnterpriseOrigin.nullable().optional(),
    address: Text(200).nullable().optional(),
    tags: z.array(Tag).max(20).optional(),
    aliases: z.array(EnterpriseAliasInput).max(20).optional(),
  })
  .strict();
export type UpdateEnterprise = z.infer<typeof UpdateEnterprise>;

export const ENTERPRISE_SORTS = ['name', 'createdAt', 'updatedAt', 'regCapital', 'foundedOn'] as const;

export const ListEnterprisesQuery = z
  .object({
    /** name, alias/former name or USCC */
    q: Text(100).optional(),
    /** a section letter (C) or a code prefix (39, 391, 3911) */
    industry: IndustryCode.optional(),
    origin: EnterpriseOrigin.optional(),
    tag: Text(20).optional(),
    sort: z.enum(ENTERPRISE_SORTS).optional(),
    order: z.enum(['asc', 'desc']).optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
    offset: Int(z.number().int().min(0).max(10_000_000)).optional(),
  })
  .strict();
export type ListEnterprisesQuery = z.infer<typeof ListEnterprisesQuery>;

export const EnterpriseList = z.object({ items: z.array(EnterpriseListItem), total: z.number().int() });
export type EnterpriseList = z.infer<typeof EnterpriseList>;

/* ── duplicate detection ────────────────────────────────────────────────────────────────── */

/** Live duplicate hints: a (partly typed) name, a USCC, or both. Neither gives no candidates. */
export const MatchQuery = z
  .object({
    name: Text(200).optional(),
    /** looked up exactly once it has 18 characters; shorter input is ignored, not refused */
    uscc: z
      .string()
      .trim()
      .toUpperCase()
      .max(18)
      .regex(/^[0-9A-Z]*$/, { message: 'i18n:enterprise_uscc_format' })
      .optional(),
    limit: Int(z.number().int().min(1).max(50)).optional(),
  })
  .strict();
export type MatchQuery = z.infer<typeof MatchQuery>;

export const MatchCandidate = z.object({
  enterprise: z.object({
    id: z.number().int(),
    name: z.string(),
    uscc: z.string().nullable(),
    industryCode: z.string().nullable(),
    regionCode: z.string().nullable(),
    origin: EnterpriseOrigin.nullable(),
  }),
  /** the registered name or alias that matched */
  matchedName: z.string(),
  /** 0…1: 1 is the same USCC or the same name; ≥ `likely` threshold reads as "probably the same enterprise" */
  similarity: z.number(),
  usccMatch: z.boolean(),
  /** likely the same enterprise (similarity at or above the duplicate threshold, or the same USCC) */
  likely: z.boolean(),
  projectCount: z.number().int(),
});
export type MatchCandidate = z.infer<typeof MatchCandidate>;

export const MatchResult = z.object({
  /** how the query name was read: region words, trade name (字号), industry words, company form */
  parsed: z
    .object({ regions: z.array(z.string()), tradeName: z.string(), industry: z.array(z.string()), form: z.string() })
    .nullable(),
  candidates: z.array(MatchCandidate),
});
export type MatchResult = z.infer<typeof MatchResult>;

/* ── import ─────────────────────────────────────────────────────────────────────────────── */

/** Files travel as base64 in JSON (state-changing requests are JSON only: the CSRF defence). */
export const StartImport = z
  .object({
    filename: Name(200).regex(/\.(xlsx|csv)$/i, { message: 'i18n:import_file_type' }),
    contentBase64: z
      .string()
      .min(1)
      .max(20 * 1024 * 1024)
      .regex(/^[A-Za-z0-9+/\r\n]*={0,2}[\r\n]*$/, { message: 'i18n:import_base64' }),
    /** the unit the imported enterprises are registered by: the caller's own when omitted */
    unitId: Id.optional(),
  })
  .strict();
export type StartImport = z.infer<typeof StartImport>;

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const ImportJob = z.object({
  id: z.number().int(),
  filename: z.string(),
  status: z.enum(IMPORT_STATUSES),
  total: z.number().int(),
  processed: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** Two records of one enterprise become one (the investment centre). */
export const MergeEnterprise = z.object({ intoEnterpriseId: Id, note: Text(500).optional() }).strict();
export type MergeEnterprise = z.infer<typeof MergeEnterprise>;
