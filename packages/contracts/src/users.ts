import { z } from 'zod';
import { Id, Int, Name, Text } from './common.js';

export const Role = z.enum(['admin', 'leader', 'manager', 'unit_head', 'promoter', 'expert', 'fund_manager', 'enterprise']);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

/** How far a role reaches, as an org subtree (the server builds each caller's data scope from it). */
export type Reach = 'region' | 'subtree' | 'unit' | 'own';

/**
 * - region: the caller's whole region (district) — admin, leader (reads), manager (runs the pipeline)
 * - subtree: the caller's unit and its children — unit_head, fund_manager
 * - unit: the caller's unit only (plus their own records) — promoter
 * - own: only records that name the caller — expert, enterprise
 */
export const ROLE_REACH: Record<Role, Reach> = {
  admin: 'region',
  leader: 'region',
  manager: 'region',
  unit_head: 'subtree',
  fund_manager: 'subtree',
  promoter: 'unit',
  expert: 'own',
  enterprise: 'own',
};

const REACH_ORDER: readonly Reach[] = ['region', 'subtree', 'unit', 'own'];

/** The widest reach among a caller's roles. */
export function widestReach(roles: readonly Role[]): Reach {
  const reaches = new Set(roles.map((r) => ROLE_REACH[r]));
  return REACH_ORDER.find((r) => reaches.has(r)) ?? 'own';
}

export const Username = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[a-zA-Z0-9_.-]+$/, { message: 'i18n:username_chars' });
export const Password = z.string().min(8).max(128);

export const User = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  roles: z.array(Role),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  phone: z.string().nullable(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});
export type User = z.infer<typeof User>;

export const ListUsersQuery = z
  .object({
    q: Text(60).optional(),
    unitId: Id.optional(),
    role: Role.optional(),
    active: z.enum(['true', 'false']).optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
    offset: Int(z.number().int().min(0).max(1000000)).optional(),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const UserList = z.object({ items: z.array(User), total: z.number().int() });

export const Phone = z
  .string()
  .trim()
  .max(20)
  .regex(/^[0-9+\- ]*$/, { message: 'i18n:phone_chars' });

export const CreateUser = z
  .object({
    username: Username,
    displayName: Name(40),
    unitId: Id,
    roles: z.array(Role).min(1).max(8),
    password: Password,
    phone: Phone.optional(),
  })
  .strict();
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z
  .object({
    displayName: Name(40).optional(),
    unitId: Id.optional(),
    roles: z.array(Role).min(1).max(8).optional(),
    active: z.boolean().optional(),
    phone: Phone.nullable().optional(),
  })
  .strict();
export type UpdateUser = z.infer<typeof UpdateUser>;

export const ResetPassword = z.object({ newPassword: Password }).strict();
export type ResetPassword = z.infer<typeof ResetPassword>;
