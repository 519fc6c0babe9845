import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { assessmentTargets, fxRates, industries, orgUnits, queryRows } from '@wutong/db';
import type { FactsQuery, FxRate, IndicatorCode, SetTarget, TargetSplit, UnitKind } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';

/**
 * Reads and writes of the assessment module. Every read is confined to the caller's region
 * (`ctx.scope.regionId`); which units of it a caller reaches is decided by the service, which
 * passes the unit set down (null = the whole region, for region-wide roles).
 */

export type RegionUnit = { id: number; parentId: number | null; path: string; name: string; kind: UnitKind; sortOrder: number; active: boolean };

/** The caller's region's org tree (a few dozen rows). */
export async function regionUnits(ctx: RequestContext): Promise<RegionUnit[]> {
  const rows = await ctx.db
    .select({ id: orgUnits.id, parentId: orgUnits.parentId, path: orgUnits.path, name: orgUnits.name, kind: orgUnits.kind, sortOrder: orgUnits.sortOrder, active: orgUnits.active })
    .from(orgUnits)
    .where(like(orgUnits.path, `${ctx.scope.regionPath}%`))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id));
  return rows as RegionUnit[];
}

const unitFilter = (col: string, units: readonly number[] | null): SQL =>
  units === null ? sql`true` : units.length ? sql.raw(`${col} in (${units.map(Number).join(',')})`) : sql`false`;

export type RollupRow = { dim: string; unitId: number; indicator: IndicatorCode | ''; key: string; period: string; value: number; valueCny: number; n: number };

/**
 * The rollup rows a view of one year needs: for the whole region (units null) the region's totals
 * (unit 0), each unit's year totals and the funnel; for a set of units, their own rows. Rows come
 * back as stored; the service adds them up.
 */
export async function yearRollups(ctx: RequestContext, year: number, units: readonly number[] | null): Promise<RollupRow[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-01`;
  const r = ctx.scope.regionId;
  const where =
    units === null
      ? sql`(region_id = ${r} and unit_id = 0 and ((dim in ('month', 'section', 'block', 'origin') and period between ${from}::date and ${to}::date) or dim = 'stage'))
            or (region_id = ${r} and dim = 'year' and period = ${from}::date)`
      : sql`region_id = ${r} and ${unitFilter('unit_id', units.filter((u) => u !== 0))}
            and ((dim in ('month', 'section', 'block', 'origin', 'year') and period between ${from}::date and ${to}::date) or dim = 'stage')`;
  // one JSON text instead of hundreds of rows: the embedded database's wire protocol costs per field
  const [row] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(dim, unit_id, indicator, key, period, value, value_cny, n)), '[]')::text as j from assessment_rollups where ${where}`,
  );
  return (JSON.parse(row?.j ?? '[]') as [string, number, string, string, string, number, number, number][]).map((x) => ({
    dim: x[0],
    unitId: x[1],
    indicator: x[2] as IndicatorCode | '',
    key: x[3],
    period: x[4],
    value: x[5],
    valueCny: x[6],
    n: x[7],
  }));
}

/** The year's totals per unit of the whole region (for completion rates and ranks). */
export async function yearTotalsByUnit(ctx: RequestContext, year: number, indicator?: IndicatorCode): Promise<{ unitId: number; indicator: IndicatorCode; value: number }[]> {
  const [row] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(unit_id, indicator, value)), '[]')::text as j from assessment_rollups
        where region_id = ${ctx.scope.regionId} and dim = 'year' and period = ${`${year}-01-01`}::date
          ${indicator ? sql`and indicator = ${indicator}` : sql``}`,
  );
  return (JSON.parse(row?.j ?? '[]') as [number, string, number][]).map((r) => ({ unitId: r[0], indicator: r[1] as IndicatorCode, value: r[2] }));
}

/* ── targets ────────────────────────────────────────────────────────────────────────────── */

export type TargetRecord = { unitId: number; indicator: IndicatorCode; year: number; annual: number; split: TargetSplit; parts: number[] | null; updatedAt: string };

const targetColumns = {
  unitId: assessmentTargets.unitId,
  indicator: sql<IndicatorCode>`${assessmentTargets.indicator}`,
  year: assessmentTargets.year,
  annual: assessmentTargets.annual,
  split: sql<TargetSplit>`${assessmentTargets.split}`,
  parts: assessmentTargets.parts,
  updatedAt: sql<string>`to_char(${assessmentTargets.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`,
};

function targetOut(r: { unitId: number; indicator: IndicatorCode; year: number; annual: number; split: TargetSplit; parts: unknown; updatedAt: string }): TargetRecord {
  return { ...r, annual: Number(r.annual), parts: Array.isArray(r.parts) ? r.parts.map(Number) : null };
}

/** Targets of the caller's region, optionally narrowed to units, a year and an indicator. */
export async function listTargets(ctx: RequestContext, q: { year?: number; units?: readonly number[] | null; indicator?: IndicatorCode }): Promise<TargetRecord[]> {
  const where = and(
    eq(assessmentTargets.regionId, ctx.scope.regionId),
    q.year ? eq(assessmentTargets.year, q.year) : undefined,
    q.indicator ? eq(assessmentTargets.indicator, q.indicator) : undefined,
    q.units === undefined || q.units === null ? undefined : q.units.length ? inArray(assessmentTargets.unitId, [...q.units]) : sql`false`,
  );
  // one JSON text for the whole list (see yearRollups)
  const [row] = await queryRows<{ j: string }>(
    ctx.db,
    sql`select coalesce(json_agg(json_build_array(unit_id, indicator, year, annual, split, parts,
                 to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) order by year, unit_id, indicator), '[]')::text as j
        from assessment_targets where ${where}`,
  );
  return (JSON.parse(row?.j ?? '[]') as [number, IndicatorCode, number, number, TargetSplit, number[] | null, string][]).map((r) =>
    targetOut({ unitId: r[0], indicator: r[1], year: r[2], annual: r[3], split: r[4], parts: r[5], updatedAt: r[6] }),
  );
}

export async function findTarget(ctx: RequestContext, k: { unitId: number; indicator: IndicatorCode; year: number }): Promise<TargetRecord | undefined> {
  const [r] = await ctx.db
    .select(targetColumns)
    .from(assessmentTargets)
    .where(
      and(
        eq(assessmentTargets.regionId, ctx.scope.regionId),
        eq(assessmentTargets.unitId, k.unitId),
        eq(assessmentTargets.indicator, k.indicator),
        eq(assessmentTargets.year, k.year),
      ),
    )
    .for('update');
  return r ? targetOut(r) : undefined;
}

export async function saveTarget(ctx: RequestContext, t: SetTarget) {
  const v = { annual: t.annual, split: t.split, parts: t.split === 'none' ? null : (t.parts ?? null), updatedBy: ctx.user.id, updatedAt: sql`now()` };
  await ctx.db
    .insert(assessmentTargets)
    .values({ unitId: t.unitId, indicator: t.indicator, year: t.year, regionId: ctx.scope.regionId, ...v })
    .onConflictDoUpdate({ target: [assessmentTargets.unitId, assessmentTargets.indicator, assessmentTargets.year], set: v });
}

export async function deleteTarget(ctx: RequestContext, k: { unitId: number; indicator: IndicatorCode; year: number }) {
  await ctx.db
    .delete(assessmentTargets)
    .where(
      and(
        eq(assessmentTargets.regionId, ctx.scope.regionId),
        eq(assessmentTargets.unitId, k.unitId),
        eq(assessmentTargets.indicator, k.indicator),
        eq(assessmentTargets.year, k.year),
      ),
    );
}

/* ── FX ─────────────────────────────────────────────────────────────────────────────────── */

/** Reference data, the same for every region. */
export async function listFxRates(ctx: Pick<RequestContext, 'db'>, currency?: string): Promise<FxRate[]> {
  const rows = await ctx.db
    .select({ currency: fxRates.currency, onDate: sql<string>`to_char(${fxRates.onDate}, 'YYYY-MM-DD')`, rate: sql<number>`${fxRates.rate}::float8`, source: fxRates.source })
    .from(fxRates)
    .where(currency ? eq(fxRates.currency, currency) : undefined)
    .orderBy(asc(fxRates.currency), sql`${fxRates.onDate} desc`);
  return rows.map((r) => ({ currency: r.currency as FxRate['currency'], onDate: r.onDate, rate: Number(r.rate), ...(r.source ? { source: r.source } : {}) }));
}

export async function saveFxRate(ctx: Pick<RequestContext, 'db'>, r: FxRate) {
  fxGeneration++;
  const v = { rate: String(r.rate), source: r.source || null, updatedAt: sql`now()` };
  await ctx.db
    .insert(fxRates)
    .values({ currency: r.currency, onDate: r.onDate, ...v })
    .onConflictDoUpdate({ target: [fxRates.currency, fxRates.onDate], set: v });
}

/* ── reference names ────────────────────────────────────────────────────────────────────── */

// The cockpit reads these on every call and they change rarely: kept a few seconds.
// Per database (a process may hold several: tests, benchmarks).
const TTL = 10_000;
const caches = new WeakMap<object, Map<string, { value: unknown; until: number }>>();
async function cached<T>(ctx: Pick<RequestContext, 'db'>, key: string, load: () => Promise<T>): Promise<T> {
  let cache = caches.get(ctx.db);
  if (!cache) caches.set(ctx.db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.value as T;
  const value = await load();
  cache.set(key, { value, until: Date.now() + TTL });
  return value;
}
/** Every database's cached FX rates go (a rate was set; a transaction's handle is not the pool's). */
let fxGeneration = 0;

/** GB/T 4754 sections (reference data). */
export async function sectionNames(ctx: RequestContext): Promise<Map<string, string>> {
  return cached(ctx, 'sections', async () => {
    const rows = await ctx.db.select({ code: industries.code, name: industries.name }).from(industries).where(eq(industries.level, 'section'));
    return new Map(rows.map((r) => [r.code, r.name]));
  });
}

/** One currency's rates, oldest first (the cockpit's FX notes); forgotten when a rate is set here. */
export async function fxRatesOf(ctx: RequestContext, currency: string): Promise<FxRate[]> {
  return cached(ctx, `fx:${fxGeneration}:${currency}`, async () => (await listFxRates(ctx, currency)).sort((a, b) => (a.onDate < b.onDate ? -1 : 1)));
}

/* ── drill-down ─────────────────────────────────────────────────────────────────────────── */

export type FactFilter = Omit<FactsQuery, 'cursor' | 'limit' | 'unitId'> & { units: readonly number[] | null };

function factWhere(ctx: RequestContext, f: FactFilter): SQL {
  const parts: SQL[] = [sql`f.region_id = ${ctx.scope.regionId}`, unitFilter('f.unit_id', f.units)];
  if (f.indicator) parts.push(sql`f.indicator = ${f.indicator}`);
  if (f.year) {
    const from = f.month ? `${f.year}-${String(f.month).padStart(2, '0')}-01` : `${f.year}-01-01`;
    const to = f.month ? (f.month === 12 ? `${f.year + 1}-01-01` : `${f.year}-${String(f.month + 1).padStart(2, '0')}-01`) : `${f.year + 1}-01-01`;
    parts.push(sql`f.on_date >= ${from}::date and f.on_date < ${to}::date`);
  } else if (f.month) parts.push(sql`extract(month from f.on_date) = ${f.month}`);
  if (f.section) parts.push(f.section === 'none' ? sql`f.industry_section is null` : sql`f.industry_section = ${f.section}`);
  if (f.keyBlockId !== undefined) parts.push(f.keyBlockId === 0 ? sql`f.key_block_id is null` : sql`f.key_block_id = ${f.keyBlockId}`);
  if (f.origin) parts.push(f.origin === 'none' ? sql`f.origin is null` : sql`f.origin = ${f.origin}`);
  return sql.join(parts, sql` and `);
}

export async function factsTotal(ctx: RequestContext, f: FactFilter): Promise<{ total: number; sum: number }> {
  const [r] = await queryRows<{ total: number; sum: number }>(
    ctx.db,
    sql`select count(*)::int as total, coalesce(sum(f.value), 0)::float8 as sum from assessment_facts f where ${factWhere(ctx, f)}`,
  );
  return { total: Number(r?.total ?? 0), sum: Number(r?.sum ?? 0) };
}

export type FactOut = {
  id: number;
  indicator: IndicatorCode;
  projectId: number;
  projectName: string;
  enterpriseName: string;
  unitId: number;
  unitName: string;
  onDate: string;
  value: number;
  origAmount: number | null;
  origCurrency: string | null;
  fxRate: number | null;
  fxDate: string | null;
  source: 'stage_event' | 'capital_record' | 'project';
  sourceId: number;
};

/** A page of facts, newest first; the cursor is (on_date, id) of the last row. */
export async function listFacts(ctx: RequestContext, f: FactFilter, page: { after?: [string, number]; limit: number }): Promise<FactOut[]> {
  const after = page.after ? sql`and (f.on_date, f.id) < (${page.after[0]}::date, ${page.after[1]})` : sql``;
  const rows = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select f.id, f.indicator, f.project_id, p.name as project_name, p.enterprise_name, f.unit_id, u.name as unit_name,
               to_char(f.on_date, 'YYYY-MM-DD') as on_date, f.value::float8 as value, f.orig_amount::float8 as orig_amount, f.orig_currency,
               f.fx_rate::float8 as fx_rate, to_char(f.fx_date, 'YYYY-MM-DD') as fx_date, f.source, f.source_id::float8 as source_id
        from assessment_facts f
        join project_profiles p on p.id = f.project_id
        join org_units u on u.id = f.unit_id
        where ${factWhere(ctx, f)} ${after}
        order by f.on_date desc, f.id desc
        limit ${page.limit}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    indicator: r.indicator as IndicatorCode,
    projectId: Number(r.project_id),
    projectName: String(r.project_name),
    enterpriseName: String(r.enterprise_name),
    unitId: Number(r.unit_id),
    unitName: String(r.unit_name),
    onDate: String(r.on_date),
    value: Number(r.value),
    origAmount: r.orig_amount === null ? null : Number(r.orig_amount),
    origCurrency: (r.orig_currency as string | null) ?? null,
    fxRate: r.fx_rate === null ? null : Number(r.fx_rate),
    fxDate: (r.fx_date as string | null) ?? null,
    source: r.source as FactOut['source'],
    sourceId: Number(r.source_id),
  }));
}

/** Unit codes of the caller's region (imports name units by code or name). */
export async function unitCodes(ctx: RequestContext): Promise<{ id: number; code: string | null }[]> {
  return ctx.db
    .select({ id: orgUnits.id, code: orgUnits.code })
    .from(orgUnits)
    .where(like(orgUnits.path, `${ctx.scope.regionPath}%`));
}
