import { z } from 'zod';

/** Ids travel as positive integers; path params arrive as strings and are coerced. */
export const Id = z.coerce.number().int().positive().max(2147483647);
export const IdParams = z.object({ id: Id }).strict();
export type IdParams = z.infer<typeof IdParams>;

/** A calendar date as users and reports write it (Asia/Shanghai days). */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'i18n:date_format' });

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
