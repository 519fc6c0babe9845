import { AuditList, ListAuditQuery } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './audit.service.js';

export const auditRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/audit',
    summary: 'The audit log of records in my scope, newest first (keyset by id)',
    tags: ['audit'],
    roles: ['admin'],
    query: ListAuditQuery,
    entities: { userId: 'user', entityId: 'any' },
    response: AuditList,
    handler: (ctx, { query }) => service.listAudit(ctx, query),
  }),
];
