import { and, asc, count, desc, eq, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import { enterpriseNames, enterprises, importJobs, industries, queryRows } from '@wutong/db';
import type { Currency, EnterpriseAlias, EnterpriseListItem, EnterpriseOrigin, ImportJob, ListEnterprisesQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { nameFields, normaliseName } from './names.js';
import { normaliseUscc } from './uscc.js';

/**
 * The registry is shared by a whole region: every signed-in user reads the enterprises of their
 * own region and never another's. Every query here starts from this condition.
 */
const inRegion = (ctx: RequestContext) => eq(enterprises.regionId, ctx.scope.regionId);
/** Not merged into another record: what lists, matching and imports see. */
const live = isNull(enterprises.mergedIntoId);

const iso = (col: SQL | typeof enterprises.createdAt) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const columns = {
  id: enterprises.id,
  name: enterprises.name,
  tradeName: enterprises.tradeName,
  uscc: enterprises.uscc,
  legalRep: enterprises.legalRep,
  regCapitalMinor: enterprises.regCapitalMinor,
  regCapitalCurrency: enterprises.regCapitalCurrency,
  foundedOn: enterprises.foundedOn,
  industryCode: enterprises.industryCode,
  industryName: industries.name,
  regionCode: enterprises.regionCode,
  origin: enterprises.origin,
  address: enterprises.address,
  tags: enterprises.tags,
  source: enterprises.source,
  unitId: enterprises.unitId,
  createdBy: enterprises.createdBy,
  createdAt: iso(enterprises.createdAt),
  updatedAt: iso(sql`${enterprises.updatedAt}`),
};

type Row = {
  id: number;
  name: string;
  tradeName: string;
  uscc: string | null;
  legalRep: string | null;
  regCapitalMinor: number | null;
  regCapitalCurrency: string | null;
  foundedOn: string | null;
  industryCode: string | null;
  industryName: string | null;
  regionCode: string | null;
  origin: string | null;
  address: string | null;
  tags: string[];
  source: string | null;
  unitId: number | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
};

function toItem(r: Row): EnterpriseListItem {
  const { regCapitalMinor, regCapitalCurrency, origin, ...rest } = r;
  return {
    ...rest,
    origin: (origin as EnterpriseOrigin | null) ?? null,
    regCapital: regCapitalMinor === null ? null : { amountMinor: Number(regCapitalMinor), currency: (regCapitalCurrency ?? 'CNY') as Currency },
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filters(ctx: RequestContext, q: ListEnterprisesQuery): SQL {
  const conds: (SQL | undefined)[] = [inRegion(ctx), live];
  const term = q.q?.trim();
  if (term) {
    const norm = normaliseName(term);
    const pattern = `%${escapeLike(norm)}%`;
    conds.push(
      or(
        norm ? like(enterprises.nameNorm, pattern) : undefined,
        eq(enterprises.uscc, normaliseUscc(term)),
        norm ? sql`exists (select 1 from enterprise_names n where n.enterprise_id = "enterprises"."id" and n.name_norm like ${pattern})` : undefined,
      ),
    );
  }
  if (q.industry) {
    conds.push(
      /^[A-Z]$/.test(q.industry)
        ? sql`${enterprises.industryCode} in (select code from industries where section = ${q.industry})`
        : like(enterprises.industryCode, `${q.industry}%`),
    );
  }
  if (q.origin) conds.push(eq(enterprises.origin, q.origin));
  if (q.tag) conds.push(sql`${enterprises.tags} @> array[${q.tag}]::text[]`);
  return and(...conds)!;
}

const SORTS = {
  name: enterprises.nameNorm,
  createdAt: enterprises.createdAt,
  updatedAt: enterprises.updatedAt,
  regCapital: enterprises.regCapitalMinor,
  foundedOn: enterprises.foundedOn,
} as const;

export async function listEnterprises(ctx: RequestContext, q: ListEnterprisesQuery): Promise<{ items: EnterpriseListItem[]; total: number }> {
  const where = filters(ctx, q);
  const col = SORTS[q.sort ?? 'updatedAt'];
  const dir = q.order ?? (q.sort === 'name' ? 'asc' : 'desc');
  const rows = await ctx.db
    .select(columns)
    .from(enterprises)
    .leftJoin(industries, eq(industries.code, enterprises.industryCode))
    .where(where)
    .orderBy(dir === 'asc' ? sql`${col} asc nulls last` : sql`${col} desc nulls last`, asc(enterprises.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
  const [t] = await ctx.db.select({ n: count() }).from(enterprises).where(where);
  return { items: (rows as Row[]).map(toItem), total: t?.n ?? 0 };
}

export async function findEnterprise(ctx: RequestContext, id: number): Promise<EnterpriseListItem | undefined> {
  const rows = await ctx.db
    .select(columns)
    .from(enterprises)
    .leftJoin(industries, eq(industries.code, enterprises.industryCode))
    .where(and(eq(enterprises.id, id), inRegion(ctx)));
  return rows[0] ? toItem(rows[0] as Row) : undefined;
}

/** Aliases of enterprises already known to be in scope (callers pass ids they just read). */
export async function aliasesOf(ctx: RequestContext, ids: number[]): Promise<Map<number, EnterpriseAlias[]>> {
  const out = new Map<number, EnterpriseAlias[]>();
  if (!ids.length) return out;
  const rows = await ctx.db
    .select({ id: enterpriseNames.id, enterpriseId: enterpriseNames.enterpriseId, name: enterpriseNames.name, kind: enterpriseNames.kind })
    .from(enterpriseNames)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseNames.enterpriseId))
    .where(and(inArray(enterpriseNames.enterpriseId, ids), inRegion(ctx)))
    .orderBy(asc(enterpriseNames.id));
  for (const r of rows) {
    const list = out.get(r.enterpriseId) ?? [];
    list.push({ id: r.id, name: r.name, kind: r.kind as EnterpriseAlias['kind'] });
    out.set(r.enterpriseId, list);
  }
  return out;
}

/**
 * Who holds a USCC, in any region: codes are unique nationwide, so a code registered in another
 * region is refused too. Only whether it is here or elsewhere comes back, never the record.
 */
export async function usccHolder(ctx: RequestContext, uscc: string): Promise<{ id: number; here: boolean } | undefined> {
  const [r] = await ctx.db.select({ id: enterprises.id, regionId: enterprises.regionId }).from(enterprises).where(eq(enterprises.uscc, uscc));
  return r ? { id: r.id, here: r.regionId === ctx.scope.regionId } : undefined;
}

export type EnterpriseValues = {
  name: string;
  uscc: string | null;
  legalRep: string | null;
  regCapitalMinor: number | null;
  regCapitalCurrency: string | null;
  foundedOn: string | null;
  industryCode: string | null;
  regionCode: string | null;
  origin: string | null;
  address: string | null;
  tags: string[];
};

/**
 * Inserts an enterprise unless one with its normalised name (in the region) or its credit code is
 * there already — also one a parallel transaction is inserting: the unique indexes make the second
 * wait for the first and then insert nothing. Returns the new id, or undefined.
 */
export async function insertEnterprise(ctx: RequestContext, v: EnterpriseValues & { unitId: number; source: string }): Promise<number | undefined> {
  const [row] = await ctx.db
    .insert(enterprises)
    .values({ ...v, ...nameFields(v.name), regionId: ctx.scope.regionId, createdBy: ctx.user.id })
    .onConflictDoNothing()
    .returning({ id: enterprises.id });
  return row?.id;
}

/** Many at once (the importer): one statement per chunk. */
export async function insertEnterprises(ctx: RequestContext, list: (EnterpriseValues & { unitId: number; source: string })[]): Promise<number[]> {
  if (!list.length) return [];
  const rows = await ctx.db
    .insert(enterprises)
    .values(list.map((v) => ({ ...v, ...nameFields(v.name), regionId: ctx.scope.regionId, createdBy: ctx.user.id })))
    .returning({ id: enterprises.id });
  return rows.map((r) => r.id);
}

export async function updateEnterprise(ctx: RequestContext, id: number, v: Partial<EnterpriseValues>): Promise<void> {
  await ctx.db
    .update(enterprises)
    .set({ ...v, ...(v.name !== undefined ? nameFields(v.name) : {}), updatedAt: sql`now()` })
    .where(and(eq(enterprises.id, id), inRegion(ctx)));
}

export async function replaceAliases(ctx: RequestContext, id: number, aliases: { name: string; kind: string }[]): Promise<void> {
  // the id was read in scope by the caller; the sub-select keeps the delete in the region regardless
  await ctx.db.delete(enterpriseNames).where(and(eq(enterpriseNames.enterpriseId, id), sql`${enterpriseNames.enterpriseId} in (select id from enterprises where region_id = ${ctx.scope.regionId})`));
  await addAliases(ctx, id, aliases);
}

export async function addAliases(ctx: RequestContext, id: number, aliases: { name: string; kind: string }[]): Promise<void> {
  if (!aliases.length) return;
  await ctx.db.insert(enterpriseNames).values(
    aliases.map((a) => {
      const f = nameFields(a.name);
      return { enterpriseId: id, name: a.name, kind: a.kind, nameNorm: f.nameNorm, matchKeys: f.matchKeys };
    }),
  );
}

/* ── duplicate detection ────────────────────────────────────────────────────────────────── */

export type MatchRow = {
  id: number;
  name: string;
  uscc: string | null;
  industryCode: string | null;
  regionCode: string | null;
  origin: string | null;
  /** the registered name or alias that matched */
  matched: string;
  /** pg_trgm similarity of the normalised names */
  sim: number;
  usccMatch: boolean;
};

/** Per branch: enough for any real registry, and a bound on the work a very common key can cause. */
const CANDIDATES_PER_BRANCH = 300;

/**
 * Candidates of the caller's region that share a match key with the query (GIN on `match_keys`,
 * names and aliases alike), and the holder of the USCC; each with pg_trgm similarity of the
 * normalised names. Ranking is the service's.
 */
export async function matchCandidates(ctx: RequestContext, q: { keys: string[]; norm: string; uscc?: string }): Promise<MatchRow[]> {
  const region = ctx.scope.regionId;
  const cols = (matched: SQL, sim: SQL, usccMatch: SQL) =>
    sql`e.id, e.name, e.uscc, e.industry_code as "industryCode", e.region_code as "regionCode", e.origin, ${matched} as matched, ${sim} as sim, ${usccMatch} as "usccMatch"`;
  const parts: SQL[] = [];
  if (q.keys.length) {
    const keys = sql`array[${sql.join(
      q.keys.map((k) => sql`${k}`),
      sql`, `,
    )}]::text[]`;
    parts.push(sql`(select ${cols(sql`e.name`, sql`similarity(e.name_norm, ${q.norm})::float8`, sql`false`)}
      from enterprises e where e.region_id = ${region} and e.merged_into_id is null and e.match_keys && ${keys}
      order by sim desc limit ${CANDIDATES_PER_BRANCH})`);
    parts.push(sql`(select ${cols(sql`n.name`, sql`similarity(n.name_norm, ${q.norm})::float8`, sql`false`)}
      from enterprise_names n join enterprises e on e.id = n.enterprise_id
      where e.region_id = ${region} and e.merged_into_id is null and n.match_keys && ${keys}
      order by sim desc limit ${CANDIDATES_PER_BRANCH})`);
  }
  if (q.uscc) {
    parts.push(sql`(select ${cols(sql`e.name`, sql`1::float8`, sql`true`)} from enterprises e where e.region_id = ${region} and e.merged_into_id is null and e.uscc = ${q.uscc})`);
  }
  if (!parts.length) return [];
  return queryRows<MatchRow>(ctx.db, sql.join(parts, sql` union all `));
}

/**
 * How many open projects each enterprise has — the ones a new report must join or claim (not
 * dropped, rejected or merged). A plain count: the projects module owns the rest.
 */
export async function projectCounts(ctx: RequestContext, ids: number[]): Promise<Map<number, number>> {
  if (!ids.length) return new Map();
  const rows = await queryRows<{ id: number; n: number }>(
    ctx.db,
    sql`select p.enterprise_id as id, count(*)::int as n from project_profiles p
        where p.region_id = ${ctx.scope.regionId} and p.stage <> 'dropped' and p.intake in ('pending', 'accepted')
          and p.enterprise_id in (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})
        group by p.enterprise_id`,
  );
  return new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
}

/* ── import ─────────────────────────────────────────────────────────────────────────────── */

export type ExistingForImport = EnterpriseValues & { id: number; nameNorm: string; aliasNorms: string[] };

/** The region's enterprises holding any of these codes or normalised names, with their alias names. */
export async function findForImport(ctx: RequestContext, usccs: string[], norms: string[]): Promise<ExistingForImport[]> {
  if (!usccs.length && !norms.length) return [];
  const rows = await ctx.db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      nameNorm: enterprises.nameNorm,
      uscc: enterprises.uscc,
      legalRep: enterprises.legalRep,
      regCapitalMinor: enterprises.regCapitalMinor,
      regCapitalCurrency: enterprises.regCapitalCurrency,
      foundedOn: enterprises.foundedOn,
      industryCode: enterprises.industryCode,
      regionCode: enterprises.regionCode,
      origin: enterprises.origin,
      address: enterprises.address,
      tags: enterprises.tags,
      aliasNorms: sql<string[]>`coalesce((select array_agg(n.name_norm) from enterprise_names n where n.enterprise_id = "enterprises"."id"), '{}')`,
    })
    .from(enterprises)
    .where(and(inRegion(ctx), live, or(usccs.length ? inArray(enterprises.uscc, usccs) : undefined, norms.length ? inArray(enterprises.nameNorm, norms) : undefined)));
  return rows;
}

/** Codes among these held in other regions (refused: a code is unique nationwide). */
export async function usccsElsewhere(ctx: RequestContext, usccs: string[]): Promise<Set<string>> {
  if (!usccs.length) return new Set();
  const rows = await ctx.db
    .select({ uscc: enterprises.uscc })
    .from(enterprises)
    .where(and(inArray(enterprises.uscc, usccs), sql`${enterprises.regionId} <> ${ctx.scope.regionId}`));
  return new Set(rows.map((r) => r.uscc!));
}

export async function knownIndustryCodes(ctx: RequestContext, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await ctx.db.select({ code: industries.code }).from(industries).where(inArray(industries.code, codes));
  return new Set(rows.map((r) => r.code));
}

const jobColumns = {
  id: importJobs.id,
  filename: importJobs.filename,
  status: importJobs.status,
  total: importJobs.total,
  processed: importJobs.processed,
  inserted: importJobs.inserted,
  updated: importJobs.updated,
  unchanged: importJobs.unchanged,
  rejected: importJobs.rejected,
  error: importJobs.error,
  createdAt: iso(sql`${importJobs.createdAt}`),
  finishedAt: sql<string | null>`to_char(${importJobs.finishedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
  heartbeatAgeS: sql<number>`extract(epoch from now() - ${importJobs.heartbeatAt})::float8`,
};

export type JobRow = ImportJob & { heartbeatAgeS: number };

/** Import jobs are the region's, like the registry they fill. */
const jobInRegion = (ctx: RequestContext) => eq(importJobs.regionId, ctx.scope.regionId);

export async function insertJob(ctx: RequestContext, v: { filename: string; unitId: number }): Promise<number> {
  const [row] = await ctx.db
    .insert(importJobs)
    .values({ regionId: ctx.scope.regionId, unitId: v.unitId, createdBy: ctx.user.id, filename: v.filename })
    .returning({ id: importJobs.id });
  return row!.id;
}

export async function findJob(ctx: RequestContext, id: number): Promise<JobRow | undefined> {
  const [r] = await ctx.db.select(jobColumns).from(importJobs).where(and(eq(importJobs.id, id), jobInRegion(ctx)));
  return r ? ({ ...r, status: r.status as ImportJob['status'] } as JobRow) : undefined;
}

export type RejectRecord = { row: number; values: string[]; reason: string };

export async function jobRejects(ctx: RequestContext, id: number): Promise<{ headers: string[]; rejects: RejectRecord[] } | undefined> {
  const [r] = await ctx.db.select({ rejects: importJobs.rejects }).from(importJobs).where(and(eq(importJobs.id, id), jobInRegion(ctx)));
  if (!r) return undefined;
  const data = r.rejects as { headers?: string[]; rows?: RejectRecord[] } | RejectRecord[];
  return Array.isArray(data) ? { headers: [], rejects: data } : { headers: data.headers ?? [], rejects: data.rows ?? [] };
}

export async function updateJob(
  ctx: RequestContext,
  id: number,
  v: Partial<{ status: string; total: number; processed: number; inserted: number; updated: number; unchanged: number; rejected: number; error: string | null; finished: boolean }>,
  rejects?: { headers: string[]; rows: RejectRecord[] },
): Promise<void> {
  const { finished, ...cols } = v;
  await ctx.db
    .update(importJobs)
    .set({
      ...cols,
      heartbeatAt: sql`now()`,
      ...(finished ? { finishedAt: sql`now()` } : {}),
      ...(rejects ? { rejects } : {}),
    })
    .where(and(eq(importJobs.id, id), jobInRegion(ctx)));
}

export async function latestJobs(ctx: RequestContext, limit = 20): Promise<JobRow[]> {
  const rows = await ctx.db.select(jobColumns).from(importJobs).where(jobInRegion(ctx)).orderBy(desc(importJobs.id)).limit(limit);
  return rows.map((r) => ({ ...r, status: r.status as ImportJob['status'] }) as JobRow);
}

/* ── for other modules (through the service) ─────────────────────────────────────────────── */

/** An enterprise of the caller's region by id (a merged record answers with the one it was merged into). */
export async function findInRegion(ctx: RequestContext, id: number) {
  const [e] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, regionId: enterprises.regionId, mergedIntoId: enterprises.mergedIntoId })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), eq(enterprises.regionId, ctx.scope.regionId)));
  if (e?.mergedIntoId) return findInRegion(ctx, e.mergedIntoId);
  return e && { id: e.id, name: e.name, uscc: e.uscc, regionId: e.regionId };
}

/** Locks an enterprise of the region for the rest of the transaction (reports of it, merges, serialise on this). */
export async function lockEnterprise(ctx: RequestContext, id: number) {
  const [e] = await ctx.db.select().from(enterprises).where(and(eq(enterprises.id, id), inRegion(ctx))).for('update');
  return e;
}

/** Records that `fromId` is the same enterprise as `intoId`. */
export async function markMerged(ctx: RequestContext, fromId: number, intoId: number) {
  await ctx.db.update(enterprises).set({ mergedIntoId: intoId, uscc: null, updatedAt: sql`now()` }).where(and(eq(enterprises.id, fromId), inRegion(ctx)));
}

/** The holder of a credit code, in whichever region (the code is unique nationwide). */
export async function findByUscc(ctx: RequestContext, uscc: string) {
  const [e] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, regionId: enterprises.regionId })
    .from(enterprises)
    .where(eq(enterprises.uscc, uscc));
  return e;
}

/** The region's enterprise of exactly this normalised name. */
export async function findByNormalisedName(ctx: RequestContext, nameNorm: string) {
  const [e] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, regionId: enterprises.regionId })
    .from(enterprises)
    .where(and(eq(enterprises.regionId, ctx.scope.regionId), eq(enterprises.nameNorm, nameNorm), live))
    .orderBy(enterprises.id)
    .limit(1);
  return e;
}
