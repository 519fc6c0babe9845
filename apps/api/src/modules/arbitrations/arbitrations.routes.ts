import { Arbitration, ArbitrationList, DecideArbitration, IdParams } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './arbitrations.service.js';

// the API document groups claims with the closed loop they belong to
const tags = ['projects'];

export const arbitrationRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/arbitrations',
    summary: 'First-report claims: the centre sees its region, a claimant their own',
    tags,
    response: ArbitrationList,
    handler: (ctx) => service.listArbitrations(ctx),
  }),
  route({
    method: 'POST',
    url: '/api/arbitrations/:id/decide',
    summary: 'Decide a claim (the investment centre)',
    tags,
    roles: ['manager'],
    params: IdParams,
    body: DecideArbitration,
    entities: { id: 'arbitration' },
    response: Arbitration,
    handler: (ctx, { params, body }) => service.decideArbitration(ctx, params.id, body),
  }),
];
