// the i18next instance app/i18n.ts initialises
import i18n from 'i18next';

/** An error the server (or the network) reported, with the message already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    readonly requestId?: string,
    /** a refusal because the record exists already names it (enterprise_exists, likely_duplicate) */
    readonly existingId?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type AuthHandlers = { unauthenticated?: () => void; mustChangePassword?: () => void };
const handlers: AuthHandlers = {};

/** The router registers where to send the user when the session is gone or the password must change. */
export function setAuthHandlers(h: AuthHandlers) {
  Object.assign(handlers, h);
}

export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    s.set(k, String(v));
  }
  const q = s.toString();
  return q ? `?${q}` : '';
}

function isErrorBody(v: unknown): v is { code: string; message: string; fields?: Record<string, string>; requestId?: string; existingId?: unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string' && typeof (v as { message?: unknown }).message === 'string';
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const err = isErrorBody(body)
    ? new ApiError(res.status, body.code, body.message, body.fields ?? {}, body.requestId, typeof body.existingId === 'number' ? body.existingId : undefined)
    : new ApiError(res.status, 'http_error', i18n.t('errors.http', { status: res.status }));
  if (err.code === 'unauthenticated') handlers.unauthenticated?.();
  else if (err.code === 'password_must_change') handlers.mustChangePassword?.();
  return err;
}

async function send(method: string, path: string, params?: QueryParams, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    // the server refuses state-changing requests that are not JSON (its CSRF defence), DELETE included
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(`${path}${toQueryString(params)}`, init);
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!res.ok) throw await toApiError(res);
  return res;
}

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: QueryParams) => send('GET', path, params).then((r) => json<T>(r)),
  post: <T>(path: string, body?: unknown) => send('POST', path, undefined, body).then((r) => json<T>(r)),
  patch: <T>(path: string, body?: unknown) => send('PATCH', path, undefined, body).then((r) => json<T>(r)),
  put: <T>(path: string, body?: unknown) => send('PUT', path, undefined, body).then((r) => json<T>(r)),
  /** a DELETE may carry a JSON body naming what to delete (e.g. a target by unit, indicator and year) */
  delete: <T>(path: string, body?: unknown) => send('DELETE', path, undefined, body ?? {}).then((r) => json<T>(r)),
  /** Fetches a file and hands it to the browser as a download, keeping the server's file name. */
  async download(path: string, params?: QueryParams, fallbackName = 'download'): Promise<void> {
    const res = await send('GET', path, params);
    const blob = await res.blob();
    const cd = res.headers.get('content-disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(cd)?.[1];
    const plain = /filename="?([^";]+)"?/i.exec(cd)?.[1];
    const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
