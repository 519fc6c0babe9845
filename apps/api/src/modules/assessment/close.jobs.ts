import type { PeriodKind } from '@wutong/contracts';
import { shanghaiDate } from '@wutong/contracts';
import { defineJob } from '../../platform/jobs.js';
import { allRegions } from '../org/index.js';
import { freeze } from './close.service.js';

/**
 * 定期考核: shortly after each month, quarter and year ends, every region's rankings are frozen.
 * A period already frozen (by hand, or by a monthly bulletin that needed it) is left as it is.
 */
const CLOSES: { kind: PeriodKind; cron: string; zh: string; en: string }[] = [
  { kind: 'month', cron: '30 0 1 * *', zh: '月度考核：冻结上月排名', en: 'Monthly close: freeze last month’s rankings' },
  { kind: 'quarter', cron: '40 0 1 1,4,7,10 *', zh: '季度考核：冻结上季度排名', en: 'Quarterly close: freeze last quarter’s rankings' },
  { kind: 'year', cron: '50 0 1 1 *', zh: '年度考核：冻结上年排名', en: 'Yearly close: freeze last year’s rankings' },
];

export const closeJobs = CLOSES.map((c) =>
  defineJob({
    name: `assessment.close.${c.kind}`,
    defaultCron: c.cron,
    period: c.kind,
    description: { zh: c.zh, en: c.en },
    run: async (ctx, period) => {
      const regions: Record<string, { snapshotId: number; created: boolean }> = {};
      for (const region of await allRegions(ctx.db)) {
        const f = await freeze(ctx, region.id, period.key, null, shanghaiDate(ctx.now));
        regions[region.id] = { snapshotId: f.id, created: f.created };
      }
      return { regions };
    },
  }),
);
