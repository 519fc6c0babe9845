import { defineJob } from '../../platform/jobs.js';
import { allRegions } from '../org/index.js';
import { notify } from '../notifications/index.js';
import { redLightProjects } from './red-lights.js';

const DIGEST_LINES = 20;

/**
 * 红灯预警 — every morning, each red-light project notifies its owner and the heads of its unit
 * (in-app, once per project per day: the dedupe key holds even when the day is re-run), and each
 * region's webhooks get one digest of the day's red lights instead of one message per project.
 */
export const lightsDaily = defineJob({
  name: 'lights.daily',
  defaultCron: '0 9 * * *',
  period: 'day',
  covers: 'current',
  description: { zh: '每日红灯预警：通知项目负责人和单位负责人', en: 'Daily red lights: notify project owners and unit heads' },
  run: async (ctx, period) => {
    const regions: Record<string, { red: number; notified: number; queued: number }> = {};
    for (const region of await allRegions(ctx.db)) {
      const red = await redLightProjects(ctx.db, region.id, ctx.now, ctx.lang);
      let notified = 0;
      let queued = 0;
      for (const p of red) {
        const userIds = [...(p.ownerUserId ? [p.ownerUserId] : []), ...p.unitHeadIds];
        const r = await notify(ctx, {
          kind: 'red_light',
          regionId: region.id,
          userIds,
          title: `红灯预警：${p.name}`,
          body: p.reasons.join('；'),
          link: `/projects/${p.id}`,
          entity: 'project',
          entityId: p.id,
          dedupeKey: `red_light:project:${p.id}:${period.key}`,
          webhook: false,
        });
        notified += r.notified;
      }
      if (red.length) {
        const lines = red.slice(0, DIGEST_LINES).map((p) => `- ${p.name}：${p.reasons.join('；')}`);
        if (red.length > DIGEST_LINES) lines.push(`- ……另有 ${red.length - DIGEST_LINES} 个`);
        const r = await notify(ctx, {
          kind: 'red_light',
          regionId: region.id,
          userIds: [],
          title: `${region.name} ${period.key} 红灯项目 ${red.length} 个`,
          body: lines.join('\n'),
          link: '/projects?light=red',
          dedupeKey: `red_light:digest:${region.id}:${period.key}`,
        });
        queued += r.queued;
      }
      regions[region.id] = { red: red.length, notified, queued };
    }
    return { regions };
  },
});
