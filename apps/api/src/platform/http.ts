import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z, type ZodType } from 'zod';
import { and, eq, gt } from 'drizzle-orm';
import { dataChanged, isDatabaseUnavailable, sessions, type Database } from '@wutong/db';
import type { Lang, Role } from '@wutong/contracts';
import type { Config } from './config.js';
import type { PublicContext, RequestContext } from './context.js';
import { computeScope, loadSessionUser } from './access.js';
import { AppError } from './errors.js';
import { sha256 } from './passwords.js';
import { cacheSession, cachedSession, forgetAllSessions } from './session-cache.js';
import { fieldMessage, isMessageCode, issueMessage, t, translateFieldMessage, type MessageCode } from '@wutong/contracts';

export const SESSION_COOKIE = 'wutong_session';
export const LANG_COOKIE = 'wutong_lang';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export type Input<P, Q, B> = { params: P; query: Q; body: B };

export type FileResult = { file: Buffer; filename: string; contentType: string };

type Common<P, Q, B> = {
  method: Method;
  /** fastify-style path, e.g. /api/org/units/:id */
  url: string;
  summary: string;
  tags: string[];
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /**
   * The entity each id names, in the path, the query or the body (e.g. { id: 'org_unit',
   * parentId: 'org_unit' }). The scope-matrix test reads this from the OpenAPI document to aim
   * every route at records outside the caller's scope, and fails on an id that is not declared.
   */
  entities?: Record<string, string>;
  /**
   * A command that names no record acts on the caller's own account ('self') or on their own
   * region's settings ('own-region'); the scope-matrix test requires one or the other.
   */
  acts?: 'self' | 'own-region';
  /**
   * 'region-names': the answer names units and people across the caller's region on purpose
   * (published rankings: 以贡献论英雄 is read by everyone). It still reveals no record: the
   * scope-matrix test then accepts unit and user names of the caller's own region, nothing more.
   */
  reveals?: 'region-names';
  /** Commands run in one transaction by default; login records failures outside of one. */
  transaction?: boolean;
  /** a larger request body limit in bytes for this route (file uploads as base64 JSON) */
  bodyLimit?: number;
};

export type PrivateRoute<P = unknown, Q = unknown, B = unknown, R = unknown> = Common<P, Q, B> & {
  public?: false;
  /** coarse permission: any of these roles; omitted = any signed-in user */
  roles?: readonly Role[];
  /** allowed while the user still has to change an initial password */
  allowMustChangePassword?: boolean;
  response: ZodType<R> | 'file';
  handler: (ctx: RequestContext, input: Input<P, Q, B>, reply: FastifyReply) => Promise<R | FileResult>;
};

export type PublicRoute<P = unknown, Q = unknown, B = unknown, R = unknown> = Common<P, Q, B> & {
  public: true;
  response: ZodType<R>;
  handler: (ctx: PublicContext, input: Input<P, Q, B>, reply: FastifyReply) => Promise<R>;
};

export type AnyRoute = PrivateRoute<any, any, any, any> | PublicRoute<any, any, any, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Typed identity: lets a route's handler see its own parsed input types. */
export function route<P = undefined, Q = undefined, B = undefined, R = unknown>(r: PrivateRoute<P, Q, B, R>): AnyRoute;
export function route<P = undefined, Q = undefined, B = undefined, R = unknown>(r: PublicRoute<P, Q, B, R>): AnyRoute;
export function route(r: AnyRoute): AnyRoute {
  return r;
}

export function requestLang(req: FastifyRequest): Lang {
  const cookie = req.cookies?.[LANG_COOKIE];
  if (cookie === 'en-US' || cookie === 'zh-CN') return cookie;
  const accept = req.headers['accept-language'] ?? '';
  return /^en/i.test(accept) ? 'en-US' : 'zh-CN';
}

/** A route that takes no body takes none: `"str"`, `[]` or `{ "x": 1 }` are refused; an absent or empty one is not. */
function refuseBody(value: unknown, lang: Lang, fields: Record<string, string>): undefined {
  const empty = value === undefined || value === null || (typeof value === 'object' && !Array.isArray(value) && !Object.keys(value as object).length);
  if (!empty) fields.body = t(lang, 'body_not_expected');
  return undefined;
}

/** Validates one part of a request (params, query or body), naming each field at fault in the caller's language. */
function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, lang: Lang, prefix: string, fields: Record<string, string>): T {
  if (!schema) return undefined as T;
  // an absent part is an empty one; `null` is a value (and not an object)
  const res = schema.safeParse(value === undefined ? {} : value, { error: (issue) => fieldMessage(lang, issue) });
  if (res.success) return res.data;
  for (const issue of res.error.issues) {
    // unknown keys: name each one, not the object holding them
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of keys) {
      const name = [prefix, ...path.map(String)].filter(Boolean).join('.') || prefix || 'body';
      fields[name] ??= issueMessage(lang, issue);
    }
  }
  return undefined as T;
}

export type AppDeps = { database: Database; config: Config };

/** X-Forwarded-For as the request carried it (several headers joined), for the audit log. */
function forwardedFor(req: FastifyRequest): { forwardedFor?: string } {
  const h = req.headers['x-forwarded-for'];
  const v = Array.isArray(h) ? h.join(', ') : h;
  return v ? { forwardedFor: v.slice(0, 300) } : {};
}

async function authenticate(req: FastifyRequest, deps: AppDeps, base: PublicContext): Promise<RequestContext | null> {
  const token = req.cookies?.[SESSION_COOKIE];
  if (!token || token.length > 200) return null;
  const db = deps.database.db;
  const tokenHash = sha256(token);
  const cached = cachedSession(tokenHash);
  if (cached) return { ...base, ...cached };
  const s = await db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, new Date())));
  if (!s[0]) return null;
  const user = await loadSessionUser(db, s[0].userId);
  if (!user) return null;
  const scope = await computeScope(db, user);
  cacheSession(tokenHash, user, scope);
  return { ...base, user, scope };
}

export function sendError(reply: FastifyReply, lang: Lang, err: AppError, requestId: string) {
  const fields = err.fields
    ? // a field's message may name what the refusal names (the enterprise already in the registry)
      Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, isMessageCode(v) ? t(lang, v, err.params) : translateFieldMessage(lang, v, err.params)]))
    : undefined;
  if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
  return reply.status(err.status).send({
    code: err.code,
    message: t(lang, err.code, { ...err.params, requestId }),
    ...(fields ? { fields } : {}),
    ...(err.extra ?? {}),
    requestId,
  });
}

/** Commands of these modules change users, roles or the org tree, and so anyone's scope. */
const SCOPE_TAGS = ['org', 'users', 'auth'];

export function registerRoutes(app: FastifyInstance, deps: AppDeps, routes: AnyRoute[]) {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      ...(r.bodyLimit ? { bodyLimit: r.bodyLimit } : {}),
      handler: async (req, reply) => {
        const lang = requestLang(req);
        const base: PublicContext = {
          db: deps.database.db,
          dbKind: deps.database.kind,
          lang,
          requestId: String(req.id),
          ip: req.ip,
          ...forwardedFor(req),
        };
        let ctx: PublicContext | RequestContext = base;
        if (!r.public) {
          const authed = await authenticate(req, deps, base);
          if (!authed) throw new AppError(401, 'unauthenticated');
          if (r.roles && !authed.user.roles.some((role) => r.roles!.includes(role))) throw new AppError(403, 'forbidden');
          if (authed.user.mustChangePassword && !r.allowMustChangePassword) throw new AppError(403, 'password_must_change');
          ctx = authed;
        }
        const fields: Record<string, string> = {};
        const input = {
          params: parsePart(r.params, req.params, lang, '', fields),
          query: parsePart(r.query, req.query, lang, '', fields),
          body: r.body ? parsePart(r.body, req.body, lang, '', fields) : refuseBody(req.body, lang, fields),
        };
        if (Object.keys(fields).length) throw new AppError(400, 'validation_failed', {}, fields);

        const run = (c: typeof ctx) => (r.handler as (c: unknown, i: unknown, rep: FastifyReply) => Promise<unknown>)(c, input, reply);
        const useTx = r.method !== 'GET' && r.transaction !== false;
        let result: unknown;
        try {
          result = useTx ? await deps.database.db.transaction((tx) => run({ ...ctx, db: tx })) : await run(ctx);
        } finally {
          // lists kept in memory may be stale now: the caller's next read must see this command
          if (r.method !== 'GET') dataChanged(deps.database.db);
        }
        // who may see what changed: cached scopes go, after the commit
        if (r.method !== 'GET' && SCOPE_TAGS.some((tag) => r.tags.includes(tag))) forgetAllSessions();

        if (r.response === 'file') {
          const f = result as FileResult;
          return reply
            .header('content-type', f.contentType)
            .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
            .send(f.file);
        }
        if (deps.config.validateResponses) {
          const check = r.response.safeParse(result);
          if (!check.success) {
            req.log.error({ issues: check.error.issues, url: r.url }, 'response does not match its contract');
            throw new Error(`response of ${r.method} ${r.url} does not match its contract`);
          }
        }
        return result;
      },
    });
  }
}

/** What a 503 tells the client to wait before trying again (Retry-After). */
export const DATABASE_RETRY_SECONDS = 5;

/** Maps every error to `{code, message, fields?}` in the caller's language; only the unexpected is a 500. */
export function installErrorHandling(app: FastifyInstance, database?: Database) {
  app.setErrorHandler((error: unknown, req, reply) => {
    const lang = requestLang(req);
    const id = String(req.id);
    if (error instanceof AppError) return sendError(reply, lang, error, id);
    const e = error as { code?: string; statusCode?: number; message?: string; constraint?: string; cause?: unknown };
    // drizzle wraps driver errors; the PostgreSQL code is on the cause
    const pgErr = (e.cause && typeof e.cause === 'object' ? e.cause : e) as { code?: string; constraint?: string };
    switch (e.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, lang, new AppError(400, 'body_too_large', { limit: formatLimit(req.routeOptions?.bodyLimit) }, { body: 'body_too_large' }), id);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, lang, new AppError(415, 'json_required'), id);
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, lang, new AppError(400, 'bad_json', {}, { body: 'bad_json' }), id);
    }
    if (error instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
      return sendError(reply, lang, new AppError(400, 'bad_json', {}, { body: 'bad_json' }), id);
    }
    if (isDatabaseUnavailable(error, database)) {
      // a server restarting or failing over: the pool reconnects by itself, the client retries
      req.log.warn({ err: error }, 'database unavailable');
      return sendError(reply, lang, new AppError(503, 'database_unavailable', { seconds: DATABASE_RETRY_SECONDS }, undefined, undefined, DATABASE_RETRY_SECONDS), id);
    }
    if (pgErr.code === '23505') return sendError(reply, lang, new AppError(409, 'unique_taken', {}, constraintField(pgErr.constraint)), id);
    if (pgErr.code === '23503') return sendError(reply, lang, new AppError(409, 'reference_missing'), id);
    if (pgErr.code === 'P0001') return sendError(reply, lang, new AppError(409, 'append_only'), id);
    if (pgErr.code && ['22P02', '22003', '22001', '22021', '22P05', '22007', '22008'].includes(pgErr.code)) {
      return sendError(reply, lang, new AppError(400, 'invalid_value'), id);
    }
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      const code: MessageCode = e.statusCode === 404 ? 'route_not_found' : 'invalid_value';
      return sendError(reply, lang, new AppError(e.statusCode, code), id);
    }
    req.log.error({ err: error }, 'unexpected error');
    return sendError(reply, lang, new AppError(500, 'internal'), id);
  });
}

function formatLimit(bytes = 256 * 1024): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function constraintField(constraint?: string): Record<string, MessageCode> | undefined {
  if (!constraint) return undefined;
  // users_username_unique → username; org_units_code_uq → code
  const m = /^[a-z]+(?:_[a-z]+)*?_([a-z]+)_(?:unique|uq|key)$/.exec(constraint);
  return m ? { [m[1]!]: 'unique_taken' } : undefined;
}

/**
 * A contract as JSON schema. zod leaves out a schema's examples when it holds a transform (the ids
 * and amounts that take numeric text): they are put back, because an example is how a contract whose
 * rules JSON schema cannot express (shares adding up to 100 %) shows a valid request.
 */
const jsonSchema = (s: ZodType, io: 'input' | 'output') => {
  const out = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  const examples = z.globalRegistry.get(s)?.examples;
  if (examples && !out.examples) out.examples = examples;
  return out;
};

/** The OpenAPI 3.1 document, generated from the same zod contracts that validate requests. */
export function buildOpenApi(routes: AnyRoute[], version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [
      ['path', r.params],
      ['query', r.query],
    ] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}${path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters,
      responses: {
        200:
          r.response === 'file'
            ? { description: 'a file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }
            : { description: 'OK', content: { 'application/json': { schema: jsonSchema(r.response, 'output') } } },
        default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
      'x-wutong-public': !!r.public,
      'x-wutong-roles': r.public ? [] : (r.roles ?? []),
      'x-wutong-entities': r.entities ?? {},
      'x-wutong-acts': r.acts ?? null,
      'x-wutong-reveals': r.reveals ?? null,
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    if (!r.public) op.security = [{ session: [] }];
    (paths[path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Wutong API', version, description: 'Wutong (梧桐) investment promotion platform' },
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } },
      schemas: {
        Error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } }, requestId: { type: 'string' } },
        },
      },
    },
    paths,
  };
}
