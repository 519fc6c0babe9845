import { CreateUser, IdParams, ListUsersQuery, Ok, ResetPassword, UpdateUser, User, UserList } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './users.service.js';

const tags = ['users'];
const entities = { id: 'user' };
const roles = ['admin'] as const;

export const userRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/users',
    summary: 'Users in my scope',
    tags,
    roles: ['admin', 'leader', 'manager', 'unit_head'],
    query: ListUsersQuery,
    entities: { unitId: 'org_unit' },
    response: UserList,
    handler: (ctx, { query }) => service.listUsers(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/users/export',
    summary: 'The filtered user list as Excel',
    tags,
    roles: ['admin', 'leader', 'manager', 'unit_head'],
    query: ListUsersQuery,
    entities: { unitId: 'org_unit' },
    response: 'file',
    handler: (ctx, { query }) => service.exportUsers(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/users/:id',
    summary: 'One user',
    tags,
    params: IdParams,
    entities,
    response: User,
    handler: (ctx, { params }) => service.getUser(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/users',
    summary: 'Create a user (they change the password at first sign-in)',
    tags,
    roles,
    body: CreateUser,
    entities: { unitId: 'org_unit' },
    response: User,
    handler: (ctx, { body }) => service.createUser(ctx, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/users/:id',
    summary: 'Change unit, roles, name or status',
    tags,
    roles,
    params: IdParams,
    entities: { id: 'user', unitId: 'org_unit' },
    body: UpdateUser,
    response: User,
    handler: (ctx, { params, body }) => service.updateUser(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/users/:id/reset-password',
    summary: 'Set a temporary password',
    tags,
    roles,
    params: IdParams,
    entities,
    body: ResetPassword,
    response: Ok,
    handler: (ctx, { params, body }) => service.resetPassword(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/users/:id',
    summary: 'Delete a user who has no records',
    tags,
    roles,
    params: IdParams,
    entities,
    response: Ok,
    handler: (ctx, { params }) => service.deleteUser(ctx, params.id),
  }),
];
