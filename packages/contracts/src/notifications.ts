import { z } from 'zod';
import { Id, Name } from './common.js';

// ── notifications ──

export const NOTIFICATION_KINDS = ['bulletin_published', 'red_light', 'assignment', 'overdue'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  entity: z.string().nullable(),
  entityId: z.number().int().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsQuery = z
  .object({
    /** only unread ones */
    unread: z.enum(['1', '0']).optional(),
    kind: NotificationKind.optional(),
    limit: z.coerce.number().int().min(1).max(100).optional(),
    /** keyset cursor: the last id seen */
    before: Id.optional(),
  })
  .strict();
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const NotificationList = z.object({
  items: z.array(Notification),
  /** the caller's unread count (all kinds) */
  unread: z.number().int(),
  nextBefore: z.number().int().nullable(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const UnreadCount = z.object({ unread: z.number().int() });
export type UnreadCount = z.infer<typeof UnreadCount>;

// ── webhooks ──

export const WEBHOOK_FORMATS = ['dingtalk', 'generic'] as const;
export const WebhookFormat = z.enum(WEBHOOK_FORMATS);
export type WebhookFormat = z.infer<typeof WebhookFormat>;

export const WebhookUrl = z
  .string()
  .trim()
  .max(1000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && !!u.hostname && !u.username && !u.password;
    } catch {
      return false;
    }
  }, { message: 'i18n:webhook_url' });

const Secret = z
  .string()
  .trim()
  .max(200)
  .regex(/^[\x21-\x7e]*$/, { message: 'i18n:webhook_secret_chars' });

export const Webhook = z.object({
  id: z.number().int(),
  name: z.string(),
  url: z.string(),
  format: WebhookFormat,
  events: z.array(NotificationKind),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  /** the secret's last 4 characters, to tell secrets apart */
  secretHint: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  pending: z.number().int(),
  failed: z.number().int(),
  lastDeliveredAt: z.string().nullable(),
});
export type Webhook = z.infer<typeof Webhook>;

export const WebhookList = z.object({ items: z.array(Webhook) });
export type WebhookList = z.infer<typeof WebhookList>;

export const CreateWebhook = z
  .object({
    name: Name(100),
    url: WebhookUrl,
    format: WebhookFormat,
    /** DingTalk: the robot's 加签 secret (SEC…); generic: the HMAC key; empty = unsigned */
    secret: Secret.optional(),
    events: z.array(NotificationKind).min(1, { message: 'i18n:webhook_events_empty' }).max(NOTIFICATION_KINDS.length),
    enabled: z.boolean().optional(),
  })
  .strict();
export type CreateWebhook = z.infer<typeof CreateWebhook>;

export const UpdateWebhook = z
  .object({
    name: Name(100).optional(),
    url: WebhookUrl.optional(),
    format: WebhookFormat.optional(),
    /** omitted = unchanged; '' = no secret */
    secret: Secret.optional(),
    events: z.array(NotificationKind).min(1, { message: 'i18n:webhook_events_empty' }).max(NOTIFICATION_KINDS.length).optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateWebhook = z.infer<typeof UpdateWebhook>;

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);

export const WebhookDelivery = z.object({
  id: z.number().int(),
  webhookId: z.number().int(),
  webhookName: z.string(),
  event: z.string(),
  title: z.string(),
  status: DeliveryStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const ListDeliveriesQuery = z
  .object({
    webhookId: Id.optional(),
    status: DeliveryStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).optional(),
    before: Id.optional(),
  })
  .strict();
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

export const DeliveryList = z.object({ items: z.array(WebhookDelivery), nextBefore: z.number().int().nullable() });
export type DeliveryList = z.infer<typeof DeliveryList>;

/** The answer of "send test": the attempt made right away. */
export const WebhookTestResult = z.object({ delivery: WebhookDelivery });
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;

// ── scheduler ──

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
    limit: z.coerce.number().int().min(1).max(200).optional(),
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
