import { createHash } from 'node:crypto';
import { PGlite, protocol, type messages } from '@electric-sql/pglite';
import { sql, type SQL } from 'drizzle-orm';
import type { PgPreparedQuery, PgSession, PreparedQueryConfig } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';
import { cachedRows } from './read-cache.js';

/**
 * Reads on a hot path: SQL text with named parameters (`p.unit_id = $unitId`), turned into a
 * prepared statement once per distinct text and executed with values.
 *
 * Per request this skips drizzle's query builder (~0.3 ms of CPU for a list query) and its
 * per-field row mapping: rows come back as the driver parses them, so the text names its columns
 * (`u.name as "unitName"`) and casts what the drivers would parse differently (bigint → float8,
 * timestamps → text). The text is the shape of the query (which filters are active, the sort, the
 * page size); values never go into it.
 *
 * The first MAX_NAMED texts become named (server-side) statements. On a PostgreSQL server each
 * connection parses one once, and PostgreSQL keeps a generic plan once it finds it as good as a
 * custom one (a page size written into the text, not a parameter, lets it). On PGlite the
 * statement is parsed once per database and each execution is one call into the engine (bind,
 * execute, sync) instead of five. The cap keeps query strings from filling the database's memory
 * with statements; past it a text is parsed and planned on each execution, as drizzle does.
 * Reads only: PGlite is not synced to its file system after these.
 */
const MAX_TEXTS = 2000;
const MAX_NAMED = 200;

type Compiled = { sql: string; names: string[]; name: string | undefined };

const compiled = new Map<string, Compiled>();
const named = new Set<string>();
/** prepared queries per drizzle session: the app's database keeps its own; a transaction's go with it */
const bySession = new WeakMap<object, Map<string, PgPreparedQuery<PreparedQueryConfig>>>();

/** `$name` → `$1`, … in order of first use; a name used twice is one parameter. */
function compile(text: string): Compiled {
  let c = compiled.get(text);
  if (c) return c;
  const names: string[] = [];
  const numbered = text.replace(/\$([a-zA-Z]\w*)/g, (_, n: string) => {
    let i = names.indexOf(n);
    if (i < 0) i = names.push(n) - 1;
    return `$${i + 1}`;
  });
  // the name follows from the text: a connection that parsed a name has exactly this statement
  let name: string | undefined = `wt_${createHash('sha1').update(numbered).digest('hex').slice(0, 24)}`;
  if (!named.has(name)) {
    if (named.size < MAX_NAMED) named.add(name);
    else name = undefined;
  }
  if (compiled.size >= MAX_TEXTS) compiled.clear();
  c = { sql: numbered, names, name };
  compiled.set(text, c);
  return c;
}

/** The rows of `text` (a SELECT with `$name` parameters) for these values; every name needs a value. */
export async function preparedRows<R>(db: Db, text: string, values: Record<string, unknown>): Promise<R[]> {
  const session = db._.session as unknown as PgSession & { client?: unknown };
  const c = compile(text);
  const params = c.names.map((n) => {
    if (!(n in values)) throw new Error(`no value for $${n}`);
    return values[n];
  });
  if (c.name && session.client instanceof PGlite) return pgliteRows<R>(session.client, c.name, c.sql, params);
  let queries = bySession.get(session);
  if (!queries) bySession.set(session, (queries = new Map()));
  let prepared = queries.get(text);
  if (!prepared) {
    prepared = session.prepareQuery({ sql: c.sql, params: c.names.map((n) => sql.placeholder(n)) }, undefined, c.name, false);
    if (queries.size >= MAX_TEXTS) queries.clear();
    queries.set(text, prepared);
  }
  const result = (await prepared.execute(values)) as { rows: R[] };
  return result.rows;
}

// ── PGlite: named statements through its wire protocol ──

type Statement = { paramTypes: number[]; fields: { name: string; dataTypeID: number }[] };
const pgliteStatements = new WeakMap<PGlite, Map<string, Statement>>();
const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function pgliteRows<R>(pg: PGlite, name: string, text: string, params: unknown[], retried = false): Promise<R[]> {
  await pg._checkReady();
  // like pg.query(): after any open transaction, one statement at a time
  return pg._runExclusiveTransaction(() =>
    pg._runExclusiveQuery(async () => {
      let statements = pgliteStatements.get(pg);
      if (!statements) pgliteStatements.set(pg, (statements = new Map()));
      let st = statements.get(name);
      if (!st) {
        const out = await pg.execProtocolStream(concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false });
        const paramTypes = (out.find((m) => m.name === 'parameterDescription') as messages.ParameterDescriptionMessage | undefined)?.dataTypeIDs ?? [];
        const fields = (out.find((m) => m.name === 'rowDescription') as messages.RowDescriptionMessage | undefined)?.fields ?? [];
        st = { paramTypes, fields: fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) };
        statements.set(name, st);
      }
      const types = st.paramTypes;
      const values = params.map((v, i) => {
        if (v === null || v === undefined) return null;
        const s = pg.serializers[types[i]!];
        return s ? s(v) : String(v);
      });
      let out: messages.BackendMessage[];
      try {
        out = await pg.execProtocolStream(concat([serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()]), { syncToFs: false });
      } catch (e) {
        // the statement is gone (DEALLOCATE ALL, DISCARD ALL): prepare it again, once
        if ((e as { code?: string }).code === '26000' && !retried) {
          statements.delete(name);
          return null;
        }
        throw e;
      }
      const parsers = st.fields.map((f) => pg.parsers[f.dataTypeID]);
      const rows: R[] = [];
      for (const m of out) {
        if (m.name !== 'dataRow') continue;
        const raw = (m as messages.DataRowMessage).fields;
        const row: Record<string, unknown> = {};
        for (let i = 0; i < st.fields.length; i++) {
          const v = raw[i] as string | null;
          const parse = parsers[i];
          row[st.fields[i]!.name] = v === null ? null : parse ? parse(v, st.fields[i]!.dataTypeID) : v;
        }
        rows.push(row as R);
      }
      return rows;
    }),
  ).then((rows) => rows ?? pgliteRows<R>(pg, name, text, params, true));
}

/**
 * preparedRows() through the read cache (read-cache.ts): the rows come from memory while the
 * tables they read have not changed. The rows are shared: copy before changing them.
 */
export function cachedPreparedRows<R>(db: Db, text: string, values: Record<string, unknown>): Promise<R[]> {
  return cachedRows(db, `${text}\u0000${JSON.stringify(values)}`, () => preparedRows<R>(db, text, values));
}

/** `text` with `$name` parameters as a drizzle SQL fragment carrying these values (every name needs one). */
export function sqlText(text: string, values: Record<string, unknown>): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const m of text.matchAll(/\$([a-zA-Z]\w*)/g)) {
    if (!(m[1]! in values)) throw new Error(`no value for $${m[1]}`);
    chunks.push(sql.raw(text.slice(last, m.index)), sql`${values[m[1]!]}`);
    last = m.index + m[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}
