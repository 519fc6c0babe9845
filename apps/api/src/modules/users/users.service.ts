import type { CreateUser, ListUsersQuery, ResetPassword, UpdateUser, User } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { requireUnitInScope } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/passwords.js';
import { countReferences, describeReferences } from '../../platform/references.js';
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
  const after = await getUser(ctx, id);
  await audit(ctx, { action: input.active === false ? 'deactivate' : 'update', entity: 'user', entityId: id, unitId: after.unitId, before, after });
  return after;
}

export async function resetPassword(ctx: RequestContext, id: number, input: ResetPassword) {
  const u = await getUser(ctx, id);
  await repo.setPassword(ctx, id, await hashPassword(input.newPassword));
  await audit(ctx, { action: 'reset_password', entity: 'user', entityId: id, unitId: u.unitId });
  return { ok: true as const };
}

export async function deleteUser(ctx: RequestContext, id: number) {
  const u = await getUser(ctx, id);
  if (id === ctx.user.id) throw conflict('self_deactivate');
  const refs = await countReferences(ctx.db, 'users', id);
  const actions = await repo.countActions(ctx, id);
  if (actions) refs.push({ table: 'audit_log', count: actions });
  if (refs.length) throw conflict('user_has_records', { refs: describeReferences(refs, ctx.lang) });
  await repo.deleteUser(ctx, id);
  await audit(ctx, { action: 'delete', entity: 'user', entityId: id, unitId: u.unitId, before: u });
  return { ok: true as const };
}

const ROLE_LABELS: Record<string, string> = {
  admin: '管理员', leader: '领导小组', manager: '招商中心', unit_head: '单位负责人', promoter: '招商员', expert: '专家', fund_manager: '基金经理', enterprise: '企业',
};

/** Exactly the filtered list, every page of it. */
export async function exportUsers(ctx: RequestContext, q: ListUsersQuery) {
  // loaded on first export: it is a fifth of the start-up time otherwise
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(ctx.lang === 'en-US' ? 'Users' : '用户');
  const zh = ctx.lang !== 'en-US';
  ws.columns = [
    { header: zh ? '用户名' : 'Username', key: 'username', width: 18 },
    { header: zh ? '姓名' : 'Name', key: 'displayName', width: 14 },
    { header: zh ? '单位' : 'Unit', key: 'unitName', width: 24 },
    { header: zh ? '角色' : 'Roles', key: 'roles', width: 24 },
    { header: zh ? '手机' : 'Phone', key: 'phone', width: 16 },
    { header: zh ? '状态' : 'Status', key: 'active', width: 8 },
    { header: zh ? '最近登录' : 'Last sign-in', key: 'lastLoginAt', width: 22 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (let offset = 0; ; offset += 200) {
    const page = await repo.listUsers(ctx, { ...q, limit: 200, offset });
    for (const u of page.items) {
      ws.addRow({
        ...u,
        roles: u.roles.map((r) => (zh ? ROLE_LABELS[r] : r)).join(zh ? '、' : ', '),
        active: u.active ? (zh ? '启用' : 'active') : zh ? '停用' : 'inactive',
      });
    }
    if (page.items.length < 200) break;
  }
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: zh ? '用户.xlsx' : 'users.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
}
