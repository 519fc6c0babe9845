import { z } from 'zod';
import { Id, Int, Name } from './common.js';
import { NOTIFICATION_KINDS, NotificationKind } from './notifications.js';

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
    limit: Int(z.number().int().min(1).max(200)).optional(),
    before: Id.optional(),
  })
  .strict();
export type ListDeliveriesQuery = z.infer<typeof ListDeliveriesQuery>;

export const DeliveryList = z.object({ items: z.array(WebhookDelivery), nextBefore: z.number().int().nullable() });
export type DeliveryList = z.infer<typeof DeliveryList>;

/** The answer of "send test": the attempt made right away. */
export const WebhookTestResult = z.object({ delivery: WebhookDelivery });
export type WebhookTestResult = z.infer<typeof WebhookTestResult>;
