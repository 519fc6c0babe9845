import { KeyBlockList } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './blocks.service.js';

const tags = ['projects'];

export const blockRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/key-blocks',
    summary: 'Key blocks (重点区块) of my region',
    tags,
    response: KeyBlockList,
    handler: (ctx) => service.listKeyBlocks(ctx),
  }),
];
