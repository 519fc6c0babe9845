import { Cockpit, CockpitPanels, CockpitPanelsQuery, CockpitQuery, FactList, FactsQuery } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './cockpit.service.js';

// the API document keeps the cockpit with the assessment it shows
const tags = ['assessment'];
const VIEW = service.COCKPIT_ROLES;
const factEntities = { unitId: 'org_unit', keyBlockId: 'key_block' };

export const cockpitRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/cockpit',
    summary: '驾驶舱: headline figures with targets, completion and rank, trend by month, splits, funnel — within the caller’s scope',
    tags,
    roles: VIEW,
    query: CockpitQuery,
    entities: { unitId: 'org_unit' },
    response: Cockpit,
    handler: (ctx, { query }) => service.cockpit(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/cockpit/facts',
    summary: 'The records behind a cockpit figure; `sum` over all matches equals the figure',
    tags,
    roles: VIEW,
    query: FactsQuery,
    entities: factEntities,
    response: FactList,
    handler: (ctx, { query }) => service.listFacts(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/cockpit/facts/export',
    summary: 'The records behind a cockpit figure, as Excel',
    tags,
    roles: VIEW,
    query: FactsQuery,
    entities: factEntities,
    response: 'file',
    handler: (ctx, { query }) => service.exportFacts(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/api/cockpit/panels',
    summary: 'The cockpit’s sections from other modules (fund, payouts, talents and carbon…), each figure with the path of its records',
    tags,
    roles: VIEW,
    query: CockpitPanelsQuery,
    response: CockpitPanels,
    handler: (ctx, { query }) => service.panels(ctx, query),
  }),
];
