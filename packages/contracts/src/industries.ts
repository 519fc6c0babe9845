// GB/T 4754-2017, the national industry classification: reference data every region shares.
import { z } from 'zod';
import { Text } from './common.js';

export const IndustryCode = z.string().trim().max(4).regex(/^(?:[A-T]|\d{2,4})$/, { message: 'i18n:enterprise_industry_format' });

export const INDUSTRY_LEVELS = ['section', 'division', 'group', 'class'] as const;
export const IndustryLevel = z.enum(INDUSTRY_LEVELS);

export const Industry = z.object({
  code: z.string(),
  name: z.string(),
  level: IndustryLevel,
  parent: z.string().nullable(),
  section: z.string(),
});
export type Industry = z.infer<typeof Industry>;

export const ListIndustriesQuery = z
  .object({
    /** part of a name, or a code prefix */
    q: Text(40).optional(),
    level: IndustryLevel.optional(),
    /** the children of this code */
    parent: IndustryCode.optional(),
  })
  .strict();
export type ListIndustriesQuery = z.infer<typeof ListIndustriesQuery>;

export const IndustryList = z.object({ items: z.array(Industry) });
export type IndustryList = z.infer<typeof IndustryList>;
