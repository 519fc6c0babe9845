import { defineJob } from '../../platform/jobs.js';
import { notifyOverdue } from './coordination.service.js';

/**
 * 协调事项超期提醒 — every morning, each coordination item whose deadline or needed-by date has
 * passed notifies the lead unit's heads (the project unit's heads while unassigned) and the
 * project's owner: once per item and due date, so a re-run of the day, or the next day, repeats
 * nothing; a new deadline that passes again is news again.
 */
export const coordinationOverdueDaily = defineJob({
  name: 'coordination.overdue',
  defaultCron: '30 8 * * *',
  period: 'day',
  covers: 'current',
  description: { zh: '每日协调事项超期提醒：通知牵头单位负责人和项目负责人', en: 'Daily overdue coordination items: notify lead unit heads and project owners' },
  run: (ctx, period) => notifyOverdue(ctx, period.start),
});
