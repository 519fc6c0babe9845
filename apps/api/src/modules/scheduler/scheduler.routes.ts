import { JobNameParams, JobRun, ListRunsQuery, RerunBody, RunList, ScheduledJob, ScheduledJobList, UpdateSchedule } from '@wutong/contracts';
import { route, type AnyRoute } from '../../platform/http.js';
import * as service from './scheduler.service.js';

const tags = ['scheduler'];
const roles = ['admin'] as const;

export const schedulerRoutes: AnyRoute[] = [
  route({
    method: 'GET',
    url: '/api/scheduler/jobs',
    summary: 'Scheduled jobs with their schedule (Asia/Shanghai), last run and next run',
    tags,
    roles,
    response: ScheduledJobList,
    handler: (ctx) => service.listJobs(ctx),
  }),
  route({
    method: 'PUT',
    url: '/api/scheduler/jobs/:name',
    summary: 'Change a job’s cron expression or switch it on/off (installation-wide)',
    tags,
    roles,
    params: JobNameParams,
    acts: 'own-region',
    body: UpdateSchedule,
    response: ScheduledJob,
    handler: (ctx, { params, body }) => service.updateSchedule(ctx, params.name, body),
  }),
  route({
    method: 'GET',
    url: '/api/scheduler/runs',
    summary: 'Runs, newest first (filter by job and status; keyset: before = last id seen)',
    tags,
    roles,
    query: ListRunsQuery,
    response: RunList,
    handler: (ctx, { query }) => service.listRuns(ctx, query),
  }),
  route({
    method: 'POST',
    url: '/api/scheduler/runs/rerun',
    summary: 'Re-run a period by hand now (attempts + 1); answers with the run as it ended',
    tags,
    roles,
    acts: 'own-region',
    body: RerunBody,
    // the claim (and its audit entry) is one transaction, the job's run another
    transaction: false,
    response: JobRun,
    handler: (ctx, { body }) => service.rerun(ctx, body),
  }),
];
