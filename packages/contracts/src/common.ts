import { z } from 'zod';
import { isRealDate, shanghaiDate } from './calendar.js';

/**
 * A whole number as JSON writes it, or as text in a path or a query string ("42"). Never a
 * boolean, an empty string, "1.5" or "1e3": those are refused naming the field, not read as 1 or 0.
 */
export const Int = (n: z.ZodNumber) => z.union([n, z.string().trim().regex(/^-?\d{1,16}$/).transform(Number).pipe(n)], { error: 'i18n:integer' });
/** A number that may have decimals, likewise from JSON or from text. */
export const Decimal = (n: z.ZodNumber) => z.union([n, z.string().trim().regex(/^-?\d{1,16}(\.\d{1,9})?$/).transform(Number).pipe(n)], { error: 'i18n:not_number' });

/** Ids travel as positive integers; path params arrive as strings. */
export const Id = Int(z.number().int().positive().max(2147483647));
export const IdParams = z.object({ id: Id }).strict();
export type IdParams = z.infer<typeof IdParams>;

/** A calendar date as users and reports write it (Asia/Shanghai days): a day that exists (2026-02-30 does not). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'i18n:date_format' })
  .refine((d) => isRealDate(d), { message: 'i18n:date_invalid' });

/** A day something happened on: not later than today in Asia/Shanghai. */
export const PastDate = IsoDate.refine((d) => d <= shanghaiDate(), { message: 'i18n:date_future' });

/** Money in minor units (分): whole, not negative, at most 10^15 (10万亿元). */
export const AmountMinor = z
  .number()
  .max(1e15, { message: 'i18n:amount_max' })
  .min(0, { message: 'i18n:amount_negative' })
  .int({ message: 'i18n:integer' });
/** The same, more than zero (an agreed investment, a registered capital). */
export const PositiveAmountMinor = z
  .number()
  .max(1e15, { message: 'i18n:amount_max' })
  .positive({ message: 'i18n:amount_positive' })
  .int({ message: 'i18n:integer' });

export const Lang = z.enum(['zh-CN', 'en-US']);
export type Lang = z.infer<typeof Lang>;

// Control characters (NUL above all, which PostgreSQL cannot store) never belong in typed text.
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

/** A short single-line text a user types: trimmed, never empty, bounded. */
export const Name = (max = 100) => z.string().trim().min(1).max(max).regex(NO_CONTROL, { message: 'i18n:control_chars' });
/** Optional free text (may be empty): trimmed, bounded, no control characters. */
export const Text = (max = 500) => z.string().trim().max(max).regex(NO_CONTROL, { message: 'i18n:control_chars' });

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
  /** a refusal because the record exists already names it */
  existingId: z.number().int().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Ok = z.object({ ok: z.literal(true) });

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), nextCursor: z.string().nullable() });

export const Health = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
export type Health = z.infer<typeof Health>;
