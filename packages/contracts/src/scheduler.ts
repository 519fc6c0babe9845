import { z } from 'zod';
import { Id, Int } from './common.js';

export const PeriodKindSchema = z.enum(['day', 'week', 'month', 'quarter', 'year']);
export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export const RunTrigger = z.enum(['schedule', 'catchup', 'manual', 'retry', 'takeover']);

export const JobRun = z.object({
  id: z.number().int(),
  job: z.string(),
  periodKey: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: RunStatus,
  trigger: RunTrigger,
  attempts: z.number().int(),
  instance: z.string(),
  scheduledFor: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  error: z.string().nullable(),
  result: z.unknown(),
});
export type JobRun = z.infer<typeof JobRun>;

export const ScheduledJob = z.object({
  name: z.string(),
  description: z.string(),
  period: PeriodKindSchema,
  covers: z.enum(['previous', 'current']),
  cron: z.string(),
  defaultCron: z.string(),
  enabled: z.boolean(),
  enabledSince: z.string(),
  /** the next fire time and the period it will run */
  nextRunAt: z.string().nullable(),
  nextPeriodKey: z.string().nullable(),
  lastRun: JobRun.nullable(),
  failedRuns: z.number().int(),
});
export type ScheduledJob = z.infer<typeof ScheduledJob>;

export const ScheduledJobList = z.object({ items: z.array(ScheduledJob), timezone: z.string() });
export type ScheduledJobList = z.infer<typeof ScheduledJobList>;

export const JobNameParams = z.object({ name: z.string().regex(/^[a-z][a-z0-9_.-]{1,63}$/) }).strict();

export const UpdateSchedule = z
  .object({
    cron: z.string().trim().min(1).max(100).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateSchedule = z.infer<typeof UpdateSchedule>;

export const ListRunsQuery = z
  .object({
    job: z.string().max(64).optional(),
    status: RunStatus.optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
    before: Id.optional(),
  })
  .strict();
export type ListRunsQuery = z.infer<typeof ListRunsQuery>;

export const RunList = z.object({ items: z.array(JobRun), nextBefore: z.number().int().nullable() });
export type RunList = z.infer<typeof RunList>;

export const RerunBody = z
  .object({
    job: z.string().max(64),
    /** the period key: 2026-03-05, 2026-W10, 2026-03, 2026-Q1 or 2026 by the job's period */
    period: z.string().trim().max(20),
  })
  .strict();
export type RerunBody = z.infer<typeof RerunBody>;
