import { z } from 'zod';
import { Lang } from './common.js';
import { Password, Role } from './users.js';

export const Login = z.object({ username: z.string().trim().min(1).max(40), password: z.string().min(1).max(128) }).strict();
export type Login = z.infer<typeof Login>;

export const ChangePassword = z
  .object({ currentPassword: z.string().min(1).max(128), newPassword: Password })
  .strict()
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'i18n:must_differ',
  });
export type ChangePassword = z.infer<typeof ChangePassword>;

export const Me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  roles: z.array(Role),
  mustChangePassword: z.boolean(),
  lang: Lang,
});
export type Me = z.infer<typeof Me>;

export const SetLang = z.object({ lang: Lang }).strict();
