import { Health } from '@wutong/contracts';
import { sql } from 'drizzle-orm';
import { route, type AnyRoute } from '../../platform/http.js';
import { VERSION } from '../../platform/config.js';

export const systemRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/health',
    summary: 'Liveness and which database serves',
    tags: ['system'],
    public: true,
    response: Health,
    handler: async (ctx) => {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, db: ctx.dbKind, version: VERSION };
    },
  }),
];
