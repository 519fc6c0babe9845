import { IndustryList, ListIndustriesQuery } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './industries.service.js';

export const industryRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/industries',
    summary: 'GB/T 4754-2017 industries, for a searchable cascader (q: name or code prefix)',
    tags: ['industries'],
    query: ListIndustriesQuery,
    response: IndustryList,
    handler: (ctx, { query }) => service.listIndustries(ctx, query),
  }),
];
