import { CreateUnit, IdParams, ListUnitsQuery, MoveUnit, Ok, OrgUnit, UnitList, UpdateUnit } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './org.service.js';

const tags = ['org'];
const entities = { id: 'org_unit' };

export const orgRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/org/units',
    summary: 'Org units in my scope (flat, parents first)',
    tags,
    query: ListUnitsQuery,
    response: UnitList,
    handler: (ctx, { query }) => service.listUnits(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/org/units/:id',
    summary: 'One org unit',
    tags,
    params: IdParams,
    entities,
    response: OrgUnit,
    handler: (ctx, { params }) => service.getUnit(ctx, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/org/units',
    summary: 'Add a unit under a parent',
    tags,
    roles: ['admin'],
    body: CreateUnit,
    entities: { parentId: 'org_unit' },
    response: OrgUnit,
    handler: (ctx, { body }) => service.createUnit(ctx, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/org/units/:id',
    summary: 'Rename, recode or (de)activate a unit',
    tags,
    roles: ['admin'],
    params: IdParams,
    entities,
    body: UpdateUnit,
    response: OrgUnit,
    handler: (ctx, { params, body }) => service.updateUnit(ctx, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/org/units/:id/move',
    summary: 'Move a unit (with its subtree) under another parent',
    tags,
    roles: ['admin'],
    params: IdParams,
    body: MoveUnit,
    entities: { id: 'org_unit', parentId: 'org_unit' },
    response: OrgUnit,
    handler: (ctx, { params, body }) => service.moveUnit(ctx, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/org/units/:id',
    summary: 'Delete a unit that has no records',
    tags,
    roles: ['admin'],
    params: IdParams,
    entities,
    response: Ok,
    handler: (ctx, { params }) => service.deleteUnit(ctx, params.id),
  }),
];
