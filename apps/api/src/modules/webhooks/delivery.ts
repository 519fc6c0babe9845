/**
 * The webhook delivery worker: claims due deliveries (FOR UPDATE SKIP LOCKED, so several app
 * instances share the queue without sending one twice), posts each in its format, and records the
 * outcome. A failed attempt is retried with exponential backoff — 30 s, 1 min, 2 min, 4 min, …
 * — and after MAX_ATTEMPTS the delivery stays failed (an admin may put it back in the queue).
 *
 * Formats
 * - dingtalk: `POST <url>&timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256(secret, "<ms>\n<secret>")>`
 *   with `{ msgtype: 'markdown', markdown: { title, text } }` — the DingTalk custom robot's
 *   加签 scheme. DingTalk answers 200 with `{ errcode, errmsg }`: errcode ≠ 0 is a failure.
 * - generic: `POST <url>` with JSON `{ id, event, title, body, link, entity, entityId, regionId, occurredAt }`
 *   and headers `X-Wutong-Event`, `X-Wutong-Delivery`, `X-Wutong-Timestamp: <ms>`,
 *   `X-Wutong-Signature: sha256=<hex HMAC-SHA256(secret, "<ms>.<raw body>")>` (when a secret is set).
 */
import { createHmac } from 'node:crypto';
import type { Db } from '@wutong/db';
import { claimDue, recordDelivered, recordFailure, type ClaimedDelivery } from './webhooks.repository.js';
import type { NotificationKind } from '@wutong/contracts';

/** The payload stored with each delivery; the format (DingTalk / generic) is applied when it is sent. */
export type EventPayload = {
  event: NotificationKind | 'test';
  regionId: number;
  title: string;
  body: string;
  link: string | null;
  entity: string | null;
  entityId: number | null;
  occurredAt: string;
};

export const MAX_ATTEMPTS = 8;
export const BACKOFF_BASE_MS = 30_000;
export const REQUEST_TIMEOUT_MS = 10_000;

/** The wait after the n-th failed attempt: 30 s · 2^(n−1). */
export function backoffMs(attempt: number): number {
  return BACKOFF_BASE_MS * 2 ** (attempt - 1);
}

export type DeliveryOptions = {
  now?: () => Date;
  limit?: number;
  timeoutMs?: number;
  /** absolute links in messages: https://wutong.example.gov.cn (WUTONG_PUBLIC_URL) */
  publicUrl?: string;
  /** only these deliveries (the "send test" action) */
  ids?: number[];
  fetch?: typeof fetch;
};

export type DeliveryReport = { attempted: number; delivered: number; retrying: number; failed: number };

export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export function genericSignature(secret: string, timestamp: number, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

const EVENT_LABEL: Record<string, string> = {
  bulletin_published: '通报发布',
  red_light: '红灯预警',
  assignment: '任务指派',
  overdue: '逾期提醒',
  test: '测试消息',
};

function absolute(link: string | null, publicUrl?: string): string | null {
  if (!link) return null;
  if (/^https?:\/\//.test(link)) return link;
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}` : null;
}

/** The HTTP request for one delivery (exported for the tests and the "send test" preview). */
export function buildRequest(d: Pick<ClaimedDelivery, 'id' | 'url' | 'format' | 'secret'>, payload: EventPayload, timestamp: number, publicUrl?: string) {
  const link = absolute(payload.link, publicUrl);
  if (d.format === 'dingtalk') {
    const label = EVENT_LABEL[payload.event] ?? payload.event;
    const text = [`#### 【${label}】${payload.title}`, '', payload.body.replace(/\n/g, '\n\n'), ...(link ? ['', `[查看详情](${link})`] : [])].join('\n');
    const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: payload.title, text } });
    let url = d.url;
    if (d.secret) url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(dingtalkSign(d.secret, timestamp))}`;
    return { url, body, headers: { 'content-type': 'application/json; charset=utf-8' } as Record<string, string> };
  }
  const body = JSON.stringify({
    id: d.id,
    event: payload.event,
    title: payload.title,
    body: payload.body,
    link,
    path: payload.link,
    entity: payload.entity,
    entityId: payload.entityId,
    regionId: payload.regionId,
    occurredAt: payload.occurredAt,
  });
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'user-agent': 'Wutong-Webhook/1',
    'x-wutong-event': payload.event,
    'x-wutong-delivery': String(d.id),
    'x-wutong-timestamp': String(timestamp),
  };
  if (d.secret) headers['x-wutong-signature'] = genericSignature(d.secret, timestamp, body);
  return { url: d.url, body, headers };
}

async function post(d: ClaimedDelivery, o: Required<Omit<DeliveryOptions, 'ids' | 'publicUrl'>> & { publicUrl?: string }): Promise<{ ok: boolean; status: number | null; error?: string }> {
  const req = buildRequest(d, d.payload as unknown as EventPayload, o.now().getTime(), o.publicUrl);
  try {
    const res = await o.fetch(req.url, { method: 'POST', headers: req.headers, body: req.body, signal: AbortSignal.timeout(o.timeoutMs), redirect: 'manual' });
    const text = (await res.text().catch(() => '')).slice(0, 500);
    if (res.status < 200 || res.status >= 300) return { ok: false, status: res.status, error: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
    if (d.format === 'dingtalk') {
      // DingTalk says "no" with 200 and a non-zero errcode (wrong signature, keyword missing, rate limit)
      try {
        const j = JSON.parse(text) as { errcode?: number; errmsg?: string };
        if (typeof j.errcode === 'number' && j.errcode !== 0) return { ok: false, status: res.status, error: `errcode ${j.errcode}: ${j.errmsg ?? ''}` };
      } catch {
        /* not JSON: a 2xx is taken as delivered */
      }
    }
    return { ok: true, status: res.status };
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const reason = err.name === 'TimeoutError' ? `timeout after ${o.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
    return { ok: false, status: null, error: reason };
  }
}

/** Claims and posts what is due at `now`; returns what happened. */
export async function deliverDue(db: Db, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const o = {
    now: options.now ?? (() => new Date()),
    limit: options.limit ?? 20,
    timeoutMs: options.timeoutMs ?? REQUEST_TIMEOUT_MS,
    fetch: options.fetch ?? fetch,
    publicUrl: options.publicUrl ?? process.env.WUTONG_PUBLIC_URL,
  };
  const report: DeliveryReport = { attempted: 0, delivered: 0, retrying: 0, failed: 0 };
  const claimed = await claimDue(db, { now: o.now(), limit: o.limit, leaseMs: o.timeoutMs + 60_000, ids: options.ids });
  for (const d of claimed) {
    report.attempted++;
    if (!d.enabled) {
      await recordFailure(db, d.id, d.attempts, null, 'webhook disabled', null);
      report.failed++;
      continue;
    }
    const r = await post(d, o);
    const now = o.now();
    if (r.ok) {
      await recordDelivered(db, d.id, d.attempts, r.status!, now);
      report.delivered++;
    } else if (d.attempts >= MAX_ATTEMPTS || d.event === 'test') {
      // a test is attempted once: the admin is looking at the answer
      await recordFailure(db, d.id, d.attempts, r.status, r.error ?? 'failed', null);
      report.failed++;
    } else {
      await recordFailure(db, d.id, d.attempts, r.status, r.error ?? 'failed', new Date(now.getTime() + backoffMs(d.attempts)));
      report.retrying++;
    }
  }
  return report;
}
