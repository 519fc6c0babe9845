import type { CreateUser, ListUsersQuery, ResetPassword, Role, UpdateUser, User } from '@wutong/contracts';
import { exportWorkbook, pick, sheet, type Bilingual, type Column } from '../../platform/excel.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { requireUnitInScope } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/passwords.js';
import { countReferences, describeReferences } from '../../platform/references.js';
import { countUserActions } from '../audit/index.js';
import { usersEvents } from './users.events.js';
import * as repo from './users.repository.js';

export const listUsers = (ctx: RequestContext, q: ListUsersQuery) => repo.listUsers(ctx, q);

export async function getUser(ctx: RequestContext, id: number): Promise<User> {
  const u = await repo.findUser(ctx, id);
  if (!u) throw notFound();
  return u;
}

function requireTargetUnit(ctx: RequestContext, unitId: number) {
  try {
    requireUnitInScope(ctx, unitId);
  } catch {
    throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  }
}

export async function createUser(ctx: RequestContext, input: CreateUser): Promise<User> {
  requireTargetUnit(ctx, input.unitId);
  const id = await repo.insertUser(ctx, {
    ...input,
    roles: [...new Set(input.roles)],
    passwordHash: await hashPassword(input.password),
  });
  const created = await getUser(ctx, id);
  await audit(ctx, { action: 'create', entity: 'user', entityId: id, unitId: input.unitId, after: created });
  return created;
}

export async function updateUser(ctx: RequestContext, id: number, input: UpdateUser): Promise<User> {
  const before = await getUser(ctx, id);
  if (input.unitId !== undefined) requireTargetUnit(ctx, input.unitId);
  if (id === ctx.user.id && input.active === false) throw new AppError(409, 'self_deactivate', {}, { active: 'self_deactivate' });
  // an admin cannot lock themselves out of administration
  if (id === ctx.user.id && input.roles && !input.roles.includes('admin') && ctx.user.roles.includes('admin')) {
    throw new AppError(409, 'role_not_grantable', {}, { roles: 'role_not_grantable' });
  }
  await repo.updateUser(ctx, id, input);
  if (input.active === false) await usersEvents.credentialsRevoked.emit(ctx, { userId: id });
  const after = await getUser(ctx, id);
  await audit(ctx, { action: input.active === false ? 'deactivate' : 'update', entity: 'user', entityId: id, unitId: after.unitId, before, after });
  return after;
}

export async function resetPassword(ctx: RequestContext, id: number, input: ResetPassword) {
  const u = await getUser(ctx, id);
  await repo.setPassword(ctx, id, await hashPassword(input.newPassword));
  await usersEvents.credentialsRevoked.emit(ctx, { userId: id });
  await audit(ctx, { action: 'reset_password', entity: 'user', entityId: id, unitId: u.unitId });
  return { ok: true as const };
}

export async function deleteUser(ctx: RequestContext, id: number) {
  const u = await getUser(ctx, id);
  if (id === ctx.user.id) throw conflict('self_deactivate');
  const refs = await countReferences(ctx.db, 'users', id);
  const actions = await countUserActions(ctx, id);
  if (actions) refs.push({ table: 'audit_log', count: actions });
  if (refs.length) throw conflict('user_has_records', { refs: describeReferences(refs, ctx.lang) });
  await repo.deleteUser(ctx, id);
  await audit(ctx, { action: 'delete', entity: 'user', entityId: id, unitId: u.unitId, before: u });
  return { ok: true as const };
}

const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: ['管理员', 'admin'],
  leader: ['领导小组', 'leader'],
  manager: ['招商中心', 'manager'],
  unit_head: ['单位负责人', 'unit_head'],
  promoter: ['招商员', 'promoter'],
  expert: ['专家', 'expert'],
  fund_manager: ['基金经理', 'fund_manager'],
  enterprise: ['企业', 'enterprise'],
};

const USER_COLUMNS: Column<User>[] = [
  { key: 'username', header: ['用户名', 'Username'], width: 18 },
  { key: 'displayName', header: ['姓名', 'Name'], width: 14 },
  { key: 'unitName', header: ['单位', 'Unit'], width: 24 },
  { key: 'roles', header: ['角色', 'Roles'], width: 24 },
  { key: 'phone', header: ['手机', 'Phone'], width: 16 },
  { key: 'active', header: ['状态', 'Status'], width: 8 },
  { key: 'lastLoginAt', header: ['最近登录', 'Last sign-in'], width: 22 },
];

/** Exactly the filtered list, every page of it. */
export async function exportUsers(ctx: RequestContext, q: ListUsersQuery) {
  const rows = async function* () {
    for (let offset = 0; ; offset += 200) {
      const page = await repo.listUsers(ctx, { ...q, limit: 200, offset });
      yield* page.items;
      if (page.items.length < 200) break;
    }
  };
  const columns = USER_COLUMNS.map((c) =>
    c.key === 'roles'
      ? { ...c, value: (u: User) => u.roles.map((r) => pick(ctx.lang, ROLE_LABELS[r])).join(pick(ctx.lang, ['、', ', '])) }
      : c.key === 'active'
        ? { ...c, value: (u: User) => pick(ctx.lang, u.active ? ['启用', 'active'] : ['停用', 'inactive']) }
        : c,
  );
  return exportWorkbook(ctx.lang, ['用户.xlsx', 'users.xlsx'], [sheet({ name: ['用户', 'Users'], columns, rows: rows() })]);
}
