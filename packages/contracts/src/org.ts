import { z } from 'zod';
import { Id, Name, Text } from './common.js';

/** Kinds of org unit. Rankings compare units within one kind (departments with departments…). */
export const UnitKind = z.enum([
  'region', // 行政区域: province, city or district — the root of a data scope
  'lead_group', // 领导小组
  'department', // 部门
  'township', // 镇乡街道
  'park', // 园区
  'state_company', // 国有企业
  'other',
]);
export type UnitKind = z.infer<typeof UnitKind>;

export const OrgUnit = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  path: z.string(),
  depth: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: UnitKind,
  active: z.boolean(),
  sortOrder: z.number().int(),
  userCount: z.number().int(),
  childCount: z.number().int(),
});
export type OrgUnit = z.infer<typeof OrgUnit>;

export const UnitCode = z
  .string()
  .trim()
  .max(20)
  .regex(/^[0-9A-Za-z_-]*$/, { message: 'i18n:letters_digits' });

export const CreateUnit = z
  .object({
    parentId: Id,
    name: Name(60),
    nameEn: Text(120).optional(),
    kind: UnitKind.exclude(['region']),
    code: UnitCode.optional(),
    sortOrder: z.number().int().min(0).max(100000).optional(),
  })
  .strict();
export type CreateUnit = z.infer<typeof CreateUnit>;

export const UpdateUnit = z
  .object({
    name: Name(60).optional(),
    nameEn: Text(120).nullable().optional(),
    kind: UnitKind.optional(),
    code: UnitCode.nullable().optional(),
    sortOrder: z.number().int().min(0).max(100000).optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateUnit = z.infer<typeof UpdateUnit>;

export const MoveUnit = z.object({ parentId: Id }).strict();
export type MoveUnit = z.infer<typeof MoveUnit>;

export const ListUnitsQuery = z
  .object({
    q: Text(60).optional(),
    includeInactive: z.enum(['true', 'false']).optional(),
  })
  .strict();
export type ListUnitsQuery = z.infer<typeof ListUnitsQuery>;

export const UnitList = z.object({ items: z.array(OrgUnit) });
