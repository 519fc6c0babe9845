import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { assessmentFacts, assessmentProjects, queryRows, type Db } from '@wutong/db';
import { INDICATORS, type IndicatorCode } from '@wutong/contracts';
import { projectFacts, type ProjectSelection } from '../projects/index.js';

/**
 * Facts: the records behind every assessment figure, derived from the projects module's records
 * (read through its `projectFacts`).
 *
 * One row per (indicator, source, source id):
 *   - stage events: the first entry into 签约 / 落地 / 开工 / 投产 (a reopen from 终止 is not a new
 *     entry), dated by the gate's evidence (contractDate, registeredOn, startedOn, producedOn);
 *   - capital records: each record, reversals included (they carry negative amounts);
 *   - project attributes: talents (dated by registration), annual generation and CO₂ avoided
 *     (dated by production; tonnes → kg).
 * Projects count while their lead is pending or accepted (rejected and merged leads never do) and
 * keep their facts when dropped later: what happened, happened. Facts count for the owner unit.
 * Money is kept in the indicator's currency; other currencies convert at the dated FX rate (the
 * latest rate on or before the date, else the earliest one after it), and the conversion is kept.
 *
 * Everything is one SQL query over a set of projects: one project inside a command's transaction,
 * or a whole region for a rebuild.
 */

/** The currency an indicator is kept in; null for counts and physical units. */
export const INDICATOR_CURRENCY: Record<IndicatorCode, 'CNY' | 'USD' | null> = Object.fromEntries(
  INDICATORS.map((i) => [i.code, i.unit === 'cny' ? 'CNY' : i.unit === 'usd' ? 'USD' : null]),
) as Record<IndicatorCode, 'CNY' | 'USD' | null>;

const currencyValues = sql.raw(
  INDICATORS.filter((i) => INDICATOR_CURRENCY[i.code])
    .map((i) => `('${i.code}', '${INDICATOR_CURRENCY[i.code]}')`)
    .join(', '),
);

/** A date from the evidence JSON, or the day of the event (Asia/Shanghai) when it has none. */
const EV_COLS = sql.raw('ev.region_id, ev.unit_id, ev.owner_user_id, ev.enterprise_id, ev.key_block_id, ev.section, ev.origin');
const evDate = (key: string) => sql.raw(`coalesce(case when ev.evidence->>'${key}' ~ '^\\d{4}-\\d{2}-\\d{2}$' then (ev.evidence->>'${key}')::date end, ev.at_day)`);

export const FACT_COLUMNS = [
  'region_id',
  'unit_id',
  'user_id',
  'project_id',
  'enterprise_id',
  'indicator',
  'source',
  'source_id',
  'on_date',
  'value',
  'value_cny',
  'orig_amount',
  'orig_currency',
  'fx_rate',
  'fx_date',
  'industry_section',
  'key_block_id',
  'origin',
] as const;

/** The facts the selected projects should have (their records read through the projects module). */
export function desiredFactsSql(sel: ProjectSelection): SQL {
  return sql`
    with ev as (
      select distinct on (se.project_id, se.to_stage) se.*
      from (${projectFacts.stageEntriesSql(sel)}) se
      where se.intake in ('pending', 'accepted') and se.from_stage is distinct from 'dropped'
      order by se.project_id, se.to_stage, se.id
    ),
    raw (source, source_id, project_id, indicator, on_date, amount, currency, region_id, unit_id, owner_user_id, enterprise_id, key_block_id, section, origin) as (
      select 'stage_event', ev.id, ev.project_id, 'signed_projects', ${evDate('contractDate')}, 1::bigint, null::text, ${EV_COLS} from ev where ev.to_stage = 'signed'
      union all
      select 'stage_event', ev.id, ev.project_id, 'signed_investment', ${evDate('contractDate')}, (ev.evidence->>'agreedInvestmentMinor')::bigint,
             coalesce(ev.evidence->>'agreedInvestmentCurrency', 'CNY'), ${EV_COLS}
      from ev where ev.to_stage = 'signed' and ev.evidence->>'agreedInvestmentMinor' is not null
      union all
      select 'stage_event', ev.id, ev.project_id, 'enterprises_introduced', ${evDate('registeredOn')}, 1, null, ${EV_COLS} from ev where ev.to_stage = 'registered'
      union all
      select 'stage_event', ev.id, ev.project_id, 'registered_capital', ${evDate('registeredOn')}, (ev.evidence->>'regCapitalMinor')::bigint,
             coalesce(ev.evidence->>'regCapitalCurrency', 'CNY'), ${EV_COLS}
      from ev where ev.to_stage = 'registered' and ev.evidence->>'regCapitalMinor' is not null
      union all
      select 'project', ev.project_id, ev.project_id, 'talents', ${evDate('registeredOn')}, ev.talents::bigint, null, ${EV_COLS}
      from ev where ev.to_stage = 'registered' and ev.talents > 0
      union all
      select 'stage_event', ev.id, ev.project_id, 'construction_projects', ${evDate('startedOn')}, 1, null, ${EV_COLS} from ev where ev.to_stage = 'construction'
      union all
      select 'stage_event', ev.id, ev.project_id, 'production_projects', ${evDate('producedOn')}, 1, null, ${EV_COLS} from ev where ev.to_stage = 'production'
      union all
      select 'project', ev.project_id, ev.project_id, 'annual_generation', ${evDate('producedOn')}, ev.annual_generation_kwh, null, ${EV_COLS}
      from ev where ev.to_stage = 'production' and ev.annual_generation_kwh > 0
      union all
      select 'project', ev.project_id, ev.project_id, 'co2_avoided', ${evDate('producedOn')}, round(ev.co2_avoided_t * 1000)::bigint, null, ${EV_COLS}
      from ev where ev.to_stage = 'production' and ev.co2_avoided_t > 0
      union all
      select 'capital_record', c.id, c.project_id,
             case c.category when 'foreign_usd' then 'foreign_capital_used' when 'domestic_out_of_city' then 'domestic_capital_in_place' else 'zhejiang_capital_in_place' end,
             c.recorded_on, c.amount_minor, c.currency, c.region_id, c.unit_id, c.owner_user_id, c.enterprise_id, c.key_block_id, c.section, c.origin
      from (${projectFacts.capitalRecordsSql(sel)}) c
      where c.intake in ('pending', 'accepted') and c.category in ('foreign_usd', 'domestic_out_of_city', 'zhejiang_returning')
    ),
    conv as (
      select r.*, ic.cur,
             case when r.currency is null or r.currency = 'CNY' then 1::numeric else fs.rate end as src_rate,
             fs.on_date as src_date,
             case when ic.cur = 'CNY' then 1::numeric else ft.rate end as tgt_rate,
             ft.on_date as tgt_date
      from raw r
      left join (values ${currencyValues}) ic (indicator, cur) on ic.indicator = r.indicator
      left join lateral (
        select f.rate, f.on_date from fx_rates f
        where f.currency = r.currency and r.currency <> 'CNY'
        order by f.on_date > r.on_date, abs(f.on_date - r.on_date) limit 1
      ) fs on true
      left join lateral (
        select f.rate, f.on_date from fx_rates f
        where f.currency = ic.cur and ic.cur <> 'CNY'
        order by f.on_date > r.on_date, abs(f.on_date - r.on_date) limit 1
      ) ft on true
    ),
    val as (
      select c.*,
             case
               when c.cur is null or c.currency = c.cur then c.amount
               when c.cur = 'CNY' then round(c.amount * c.src_rate)::bigint
               else round(c.amount * c.src_rate / c.tgt_rate)::bigint
             end as value,
             case
               when c.cur is null then 0::bigint
               when c.cur = 'CNY' and c.currency = 'CNY' then c.amount
               else round(c.amount * c.src_rate)::bigint
             end as value_cny,
             (c.cur is not null and c.currency <> c.cur) as converted
      from conv c
    )
    select v.region_id, v.unit_id, v.owner_user_id as user_id, v.project_id, v.enterprise_id, v.indicator, v.source, v.source_id,
           v.on_date, v.value, coalesce(v.value_cny, 0) as value_cny,
           case when v.converted then v.amount end as orig_amount,
           case when v.converted then v.currency end as orig_currency,
           case when v.converted then round(v.src_rate / v.tgt_rate, 10) end as fx_rate,
           case when v.converted then coalesce(v.src_date, v.tgt_date) end as fx_date,
           v.section as industry_section, v.key_block_id, v.origin
    from val v
    where v.value is not null and v.on_date is not null`;
}

export type FactRow = {
  region_id: number;
  unit_id: number;
  user_id: number | null;
  project_id: number;
  enterprise_id: number;
  indicator: IndicatorCode;
  source: 'stage_event' | 'capital_record' | 'project';
  source_id: number;
  on_date: string;
  value: number;
  value_cny: number;
  orig_amount: number | null;
  orig_currency: string | null;
  fx_rate: string | null;
  fx_date: string | null;
  industry_section: string | null;
  key_block_id: number | null;
  origin: string | null;
};

const dayText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v).slice(0, 10));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Both drivers' answers in one shape: numbers as numbers, dates as YYYY-MM-DD, rates as fixed text. */
function normalise(r: Record<string, unknown>): FactRow {
  return {
    region_id: Number(r.region_id),
    unit_id: Number(r.unit_id),
    user_id: num(r.user_id),
    project_id: Number(r.project_id),
    enterprise_id: Number(r.enterprise_id),
    indicator: r.indicator as IndicatorCode,
    source: r.source as FactRow['source'],
    source_id: Number(r.source_id),
    on_date: dayText(r.on_date)!,
    value: Number(r.value),
    value_cny: Number(r.value_cny),
    orig_amount: num(r.orig_amount),
    orig_currency: (r.orig_currency as string | null) ?? null,
    fx_rate: r.fx_rate === null || r.fx_rate === undefined ? null : Number(r.fx_rate).toFixed(10),
    fx_date: dayText(r.fx_date),
    industry_section: (r.industry_section as string | null) ?? null,
    key_block_id: num(r.key_block_id),
    origin: (r.origin as string | null) ?? null,
  };
}

/** The fact columns as both drivers return them alike (dates and rates as text). */
const TEXT_SELECT = sql.raw(
  FACT_COLUMNS.map((c) => (c === 'on_date' || c === 'fx_date' ? `to_char(${c}, 'YYYY-MM-DD') as ${c}` : c === 'fx_rate' ? `fx_rate::text as fx_rate` : c)).join(', '),
);

const factKey = (f: Pick<FactRow, 'indicator' | 'source' | 'source_id'>) => `${f.indicator}|${f.source}|${f.source_id}`;
const sameFact = (a: FactRow, b: FactRow) => FACT_COLUMNS.every((c) => a[c] === b[c]);

/* ── rollups ────────────────────────────────────────────────────────────────────────────── */

export const STAGE_PERIOD = '1970-01-01';

type RollupKey = { regionId: number; period: string; dim: string; unitId: number; indicator: string; key: string };
type Delta = RollupKey & { value: number; valueCny: number; n: number };

/** Unit 0 in the rollups: the region's totals. */
export const REGION_TOTAL = 0;

/** The rollup rows a fact adds to (see the schema): its unit's, and the region's totals. */
function rollupKeys(f: FactRow): RollupKey[] {
  const year = `${f.on_date.slice(0, 4)}-01-01`;
  const dims = (unitId: number): RollupKey[] => {
    const base = { regionId: f.region_id, unitId, indicator: f.indicator };
    return [
      { ...base, dim: 'month', period: `${f.on_date.slice(0, 7)}-01`, key: '' },
      { ...base, dim: 'section', period: year, key: f.industry_section ?? '' },
      { ...base, dim: 'block', period: year, key: f.key_block_id === null ? '' : String(f.key_block_id) },
      { ...base, dim: 'origin', period: year, key: f.origin ?? '' },
    ];
  };
  return [...dims(f.unit_id), { regionId: f.region_id, unitId: f.unit_id, indicator: f.indicator, dim: 'year', period: year, key: '' }, ...dims(REGION_TOTAL)];
}

class Deltas {
  private m = new Map<string, Delta>();
  add(k: RollupKey, value: number, valueCny: number, n: number) {
    const id = [k.regionId, k.period, k.dim, k.unitId, k.indicator, k.key].join('|');
    const d = this.m.get(id) ?? { ...k, value: 0, valueCny: 0, n: 0 };
    d.value += value;
    d.valueCny += valueCny;
    d.n += n;
    this.m.set(id, d);
  }
  fact(f: FactRow, sign: 1 | -1) {
    for (const k of rollupKeys(f)) this.add(k, sign * f.value, sign * f.value_cny, sign);
  }
  /** the non-zero deltas, in key order (a fixed lock order across concurrent commands) */
  list(): Delta[] {
    return [...this.m.entries()]
      .filter(([, d]) => d.value !== 0 || d.valueCny !== 0 || d.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
  }
}

async function applyDeltas(db: Db, deltas: Delta[]) {
  if (!deltas.length) return;
  const rows = sql.join(
    deltas.map((d) => sql`(${d.regionId}::int, ${d.period}::date, ${d.dim}::text, ${d.unitId}::int, ${d.indicator}::text, ${d.key}::text, ${d.value}::bigint, ${d.valueCny}::bigint, ${d.n}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    insert into assessment_rollups as r (region_id, period, dim, unit_id, indicator, key, value, value_cny, n)
    values ${rows}
    on conflict (region_id, period, dim, unit_id, indicator, key)
    do update set value = r.value + excluded.value, value_cny = r.value_cny + excluded.value_cny, n = r.n + excluded.n`);
  // a row whose last fact went away goes too
  const regions = [...new Set(deltas.map((d) => d.regionId))];
  const periods = [...new Set(deltas.map((d) => d.period))];
  await db.execute(sql`
    delete from assessment_rollups
    where region_id in ${sql.raw(`(${regions.join(',')})`)} and period in (${sql.join(
      periods.map((p) => sql`${p}::date`),
      sql`, `,
    )}) and n = 0`);
}

/* ── keeping one project's facts in step ────────────────────────────────────────────────── */

/**
 * Recomputes the facts of some projects (desired vs stored), writes the difference and moves the
 * rollups by it. Runs inside the caller's transaction. Returns the number of facts changed.
 */
export async function syncProjects(ctx: { db: Db }, projectIds: number[]): Promise<number> {
  if (!projectIds.length) return 0;
  const db = ctx.db;
  const ids = sql.raw(`(${projectIds.map((id) => Number(id)).join(',')})`);
  const desired = (await queryRows<Record<string, unknown>>(db, sql`select ${TEXT_SELECT} from (${desiredFactsSql({ projectIds })}) x`)).map(normalise);
  const storedRows = await queryRows<Record<string, unknown> & { id: number }>(
    db,
    sql`select id, ${TEXT_SELECT} from assessment_facts where project_id in ${ids} order by id for update`,
  );
  const stored = new Map(storedRows.map((r) => [factKey(normalise(r)), { id: Number(r.id), row: normalise(r) }]));
  const deltas = new Deltas();
  let changed = 0;
  const inserts: FactRow[] = [];
  for (const d of desired) {
    const k = factKey(d);
    const s = stored.get(k);
    stored.delete(k);
    if (s && sameFact(s.row, d)) continue;
    changed++;
    if (s) {
      deltas.fact(s.row, -1);
      await db.update(assessmentFacts).set(toInsert(d)).where(eq(assessmentFacts.id, s.id));
    } else inserts.push(d);
    deltas.fact(d, 1);
  }
  if (inserts.length) await db.insert(assessmentFacts).values(inserts.map(toInsert));
  const gone = [...stored.values()];
  if (gone.length) {
    await db.delete(assessmentFacts).where(
      inArray(
        assessmentFacts.id,
        gone.map((g) => g.id),
      ),
    );
    for (const g of gone) deltas.fact(g.row, -1);
    changed += gone.length;
  }
  await syncStages(db, projectIds, deltas);
  await applyDeltas(db, deltas.list());
  return changed;
}

/** The funnel: each counted project's current stage, moved from the old stage's count to the new one. */
async function syncStages(db: Db, projectIds: number[], deltas: Deltas) {
  const now = await queryRows<{ id: number; region_id: number; unit_id: number; stage: string }>(
    db,
    sql`select p.id, p.region_id, p.unit_id, p.stage from (${projectFacts.projectRowsSql({ projectIds })}) p where p.intake in ('pending', 'accepted')`,
  );
  const before = await db.select().from(assessmentProjects).where(inArray(assessmentProjects.projectId, projectIds)).for('update');
  const beforeBy = new Map(before.map((b) => [b.projectId, b]));
  const nowBy = new Map(now.map((r) => [Number(r.id), { projectId: Number(r.id), regionId: Number(r.region_id), unitId: Number(r.unit_id), stage: r.stage }]));
  // each unit's count, and the region's (unit 0)
  const keys = (b: { regionId: number; unitId: number; stage: string }) =>
    [b.unitId, REGION_TOTAL].map((unitId) => ({ regionId: b.regionId, period: STAGE_PERIOD, dim: 'stage', unitId, indicator: '', key: b.stage }));
  for (const id of projectIds) {
    const b = beforeBy.get(id);
    const n = nowBy.get(id);
    if (b && n && b.unitId === n.unitId && b.stage === n.stage) continue;
    if (b) {
      for (const k of keys(b)) deltas.add(k, -1, 0, -1);
      await db.delete(assessmentProjects).where(eq(assessmentProjects.projectId, id));
    }
    if (n) {
      for (const k of keys(n)) deltas.add(k, 1, 0, 1);
      await db.insert(assessmentProjects).values(n);
    }
  }
}

function toInsert(f: FactRow): typeof assessmentFacts.$inferInsert {
  return {
    regionId: f.region_id,
    unitId: f.unit_id,
    userId: f.user_id,
    projectId: f.project_id,
    enterpriseId: f.enterprise_id,
    indicator: f.indicator,
    source: f.source,
    sourceId: f.source_id,
    onDate: f.on_date,
    value: f.value,
    valueCny: f.value_cny,
    origAmount: f.orig_amount,
    origCurrency: f.orig_currency,
    fxRate: f.fx_rate,
    fxDate: f.fx_date,
    industrySection: f.industry_section,
    keyBlockId: f.key_block_id,
    origin: f.origin,
  };
}

/** Projects whose facts depend on an FX rate: a foreign amount, or foreign capital (its CNY equivalent). */
export async function projectsUsingFx(ctx: { db: Db }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    ctx.db,
    sql`select distinct project_id as id from assessment_facts where orig_currency is not null or indicator = 'foreign_capital_used'`,
  );
  return [...new Set([...rows.map((r) => Number(r.id)), ...(await projectFacts.projectsWithForeignAmounts(ctx.db))])].sort((a, b) => a - b);
}

/* ── a region from scratch ──────────────────────────────────────────────────────────────── */

/**
 * Recomputes a region's facts set-wise (desired vs stored, only differences written), then its
 * rollups and funnel from the facts. Must run inside a transaction (a temporary table holds the
 * desired facts). Returns the number of projects and of facts changed.
 */
export async function rebuildRegion(ctx: { db: Db }, regionId: number): Promise<{ projects: number; factsChanged: number }> {
  const db = ctx.db;
  const cols = sql.raw(FACT_COLUMNS.join(', '));
  const dcols = sql.raw(FACT_COLUMNS.map((c) => `d.${c}`).join(', '));
  const fcols = sql.raw(FACT_COLUMNS.map((c) => `f.${c}`).join(', '));
  await db.execute(sql`drop table if exists assessment_desired`);
  await db.execute(sql`create temporary table assessment_desired as ${desiredFactsSql({ regionId })}`);
  await db.execute(sql`create index on assessment_desired (indicator, source, source_id)`);
  await db.execute(sql`analyze assessment_desired`);
  const [del] = await queryRows<{ n: number; kept: number }>(
    db,
    sql`with d as (
          delete from assessment_facts f where f.region_id = ${regionId} and not exists (
            select 1 from assessment_desired d
            where d.indicator = f.indicator and d.source = f.source and d.source_id = f.source_id and row(${dcols}) is not distinct from row(${fcols}))
          returning (exists (select 1 from assessment_desired d where d.indicator = f.indicator and d.source = f.source and d.source_id = f.source_id))::int as kept)
        select count(*)::int as n, coalesce(sum(kept), 0)::int as kept from d`,
  );
  const [ins] = await queryRows<{ n: number }>(
    db,
    sql`with i as (
          insert into assessment_facts (${cols})
          select ${dcols} from assessment_desired d
          where not exists (select 1 from assessment_facts f where f.indicator = d.indicator and f.source = d.source and f.source_id = d.source_id)
          returning 1)
        select count(*)::int as n from i`,
  );
  await db.execute(sql`drop table assessment_desired`);
  await rebuildRollups(db, regionId);
  const projects = await projectFacts.countProjects(db, regionId);
  // a changed fact is deleted and inserted again: count it once
  const changed = Number(del?.n ?? 0) + Number(ins?.n ?? 0) - Number(del?.kept ?? 0);
  return { projects, factsChanged: changed };
}

/** The region's rollups and funnel, recomputed from its facts and projects. */
export async function rebuildRollups(db: Db, regionId: number) {
  await db.execute(sql`delete from assessment_rollups where region_id = ${regionId}`);
  // per unit and dimension, then the region's totals (unit 0) from those
  await db.execute(sql`
    insert into assessment_rollups (region_id, period, dim, unit_id, indicator, key, value, value_cny, n)
    select region_id, date_trunc('month', on_date)::date, 'month', unit_id, indicator, '', sum(value), sum(value_cny), count(*)
    from assessment_facts where region_id = ${regionId} group by 1, 2, 4, 5
    union all
    select region_id, date_trunc('year', on_date)::date, 'section', unit_id, indicator, coalesce(industry_section, ''), sum(value), sum(value_cny), count(*)
    from assessment_facts where region_id = ${regionId} group by 1, 2, 4, 5, 6
    union all
    select region_id, date_trunc('year', on_date)::date, 'block', unit_id, indicator, coalesce(key_block_id::text, ''), sum(value), sum(value_cny), count(*)
    from assessment_facts where region_id = ${regionId} group by 1, 2, 4, 5, 6
    union all
    select region_id, date_trunc('year', on_date)::date, 'origin', unit_id, indicator, coalesce(origin, ''), sum(value), sum(value_cny), count(*)
    from assessment_facts where region_id = ${regionId} group by 1, 2, 4, 5, 6`);
  await db.execute(sql`
    insert into assessment_rollups (region_id, period, dim, unit_id, indicator, key, value, value_cny, n)
    select region_id, period, dim, ${REGION_TOTAL}, indicator, key, sum(value), sum(value_cny), sum(n)
    from assessment_rollups where region_id = ${regionId} and dim in ('month', 'section', 'block', 'origin') group by 1, 2, 3, 5, 6
    union all
    select region_id, date_trunc('year', period)::date, 'year', unit_id, indicator, '', sum(value), sum(value_cny), sum(n)
    from assessment_rollups where region_id = ${regionId} and dim = 'month' group by 1, 2, 4, 5`);
  await db.execute(sql`delete from assessment_projects where region_id = ${regionId}`);
  await db.execute(sql`
    insert into assessment_projects (project_id, region_id, unit_id, stage)
    select p.id, p.region_id, p.unit_id, p.stage from (${projectFacts.projectRowsSql({ regionId })}) p where p.intake in ('pending', 'accepted')`);
  await db.execute(sql`
    insert into assessment_rollups (region_id, period, dim, unit_id, indicator, key, value, value_cny, n)
    select region_id, ${STAGE_PERIOD}::date, 'stage', unit_id, '', stage, count(*), 0, count(*)
    from assessment_projects where region_id = ${regionId} group by region_id, unit_id, stage
    union all
    select region_id, ${STAGE_PERIOD}::date, 'stage', ${REGION_TOTAL}, '', stage, count(*), 0, count(*)
    from assessment_projects where region_id = ${regionId} group by region_id, stage`);
}
