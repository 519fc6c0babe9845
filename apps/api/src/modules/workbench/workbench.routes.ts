import { Workbench } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './workbench.service.js';

const tags = ['projects'];

export const workbenchRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/workbench',
    summary: '我的工作台: my projects by urgency, steps due, my reported leads, the inbox',
    tags,
    response: Workbench,
    handler: (ctx) => service.workbench(ctx),
  }),
];
