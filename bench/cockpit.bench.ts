// npm run bench -- cockpit [--projects N] [--ledger M] [--db pglite|postgres] [--queries Q] [--naive K]
//
// The cockpit at scale: N generated projects (default 1,000,000) with their stage histories and
// capital records, M points-ledger rows (default 10,000,000), the facts and rollups the
// assessment module keeps, B2's points rollup and this year's targets. Measured:
//   p95_ms        the cockpit as the API computes it — the service calls behind GET /api/cockpit
//                 and GET /api/rankings/units (points of this year, and of the year before for the
//                 change in rank) — for a region-wide leader, a township head and a manager narrowed
//                 to one township, round robin;
//   naive_p95_ms  the same figures from the raw tables: facts derived on the fly from stage events,
//                 capital records, projects and enterprises, grouped by month, unit, section, key
//                 block and origin; the funnel from projects; the unit ranking from the raw ledger.
// One JSON line per database on stdout; progress on stderr. Data sets are kept (bench/.data/cockpit,
// or database wutong_bench_cockpit_N_M) and reused.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, runMigrations, type Database } from '@wutong/db';
import type { RequestContext } from '../apps/api/src/platform/context.js';
import { computeScope, loadSessionUser } from '../apps/api/src/platform/access.js';
import { seedDemo } from '../apps/api/src/seeds/demo.js';
import { loadIndustries } from '../apps/api/src/seeds/industries.js';
import { seedAssessment } from '../apps/api/src/seeds/assessment.js';
import { figures as cockpit } from '../apps/api/src/modules/assessment/assessment.service.js';
import { desiredFactsSql } from '../apps/api/src/modules/assessment/facts.repository.js';
import { shanghaiYear as currentYear } from '@wutong/contracts';
import { args, dbTargets, percentile, serverUrl, type DbChoice } from './lib/args.js';

const ROOT = resolve(import.meta.dirname, '..');
const log = (m: string) => console.error(`[cockpit] ${m}`);

type Points = {
  unitRanking: (ctx: RequestContext, q: { period?: string }) => Promise<unknown>;
  rebuildRollups: (h: { db: Database['db'] }, regionId: number) => Promise<number>;
};

/** B2's points module, when it is there: the ranking's service call and its rollup rebuild. */
async function pointsModule(): Promise<Points | null> {
  try {
    const service = await import('../apps/api/src/modules/points/points.service.js');
    const repo = await import('../apps/api/src/modules/points/points.repository.js');
    return { unitRanking: service.unitRanking as Points['unitRanking'], rebuildRollups: repo.rebuildRollups as Points['rebuildRollups'] };
  } catch {
    return null;
  }
}

const STAGES = ['lead', 'negotiating', 'signed', 'registered', 'construction', 'production'];

/** Fills a migrated database with the demo org and the generated data, in SQL. */
async function generate(database: Database, n: number, m: number, points: Points | null) {
  const db = database.db;
  const t0 = Date.now();
  await loadIndustries(db);
  await seedDemo(db, () => {}, false);
  const [{ region }] = (await queryRows<{ region: number }>(db, sql`select id as region from org_units where kind = 'region'`)) as [{ region: number }];
  const unitIds = (await queryRows<{ id: number }>(db, sql`select id from org_units where kind in ('township', 'department', 'park', 'state_company') order by id`)).map((r) => r.id);
  const userIds = (await queryRows<{ id: number }>(db, sql`select id from users order by id`)).map((r) => r.id);
  await db.execute(sql`insert into key_blocks (region_id, name) select ${region}, '基准区块' || g from generate_series(1, 6) g`);
  const units = sql.raw(`(array[${unitIds.join(",")}])`);
  const users = sql.raw(`(array[${userIds.join(",")}])`);
  await db.transaction(async (tx) => {
    // bulk load: no FK or append-only triggers per row (the data is generated consistent)
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(sql`
      insert into enterprises (region_id, name, name_norm, trade_name, origin)
      select ${region}, '宁波驾驶舱基准' || g || '号有限公司', '宁波驾驶舱基准' || g || '号', '基准' || g,
             (array['local', 'domestic_out_of_city', 'foreign', 'zhejiang_returning'])[1 + g % 4]
      from generate_series(1, ${n}::int) g`);
    log(`enterprises: ${Math.round((Date.now() - t0) / 1000)} s`);
    await tx.execute(sql`
      with ind as (select array_agg(code) codes from (select code from industries where level = 'class' order by md5(code) limit 80) x),
           kb as (select array_agg(id order by id) ids from key_blocks where region_id = ${region})
      insert into projects (region_id, unit_id, owner_user_id, enterprise_id, name, stage, intake, project_type, source, industry_code, investment_minor,
                            key_block_id, talents, annual_generation_kwh, co2_avoided_t, reported_at, reported_by_unit_id, stage_at)
      select ${region}, ${units}[1 + (g / 7) % ${unitIds.length}::int], ${users}[1 + g % ${userIds.length}::int], g, '驾驶舱基准项目' || g,
             (array['lead', 'negotiating', 'signed', 'registered', 'construction', 'production', 'dropped'])[1 + g % 7],
             'accepted', 'new', 'visit', ind.codes[1 + g % 80], (g % 1000 + 1) * 100000000::bigint,
             case when g % 3 = 0 then null else kb.ids[1 + g % 6] end,
             case when g % 5 = 0 then g % 20 end, case when g % 11 = 0 then (g % 100) * 10000 end, case when g % 13 = 0 then (g % 500) end,
             now() - ((g * 37) % 1000) * interval '1 day', ${units}[1 + (g / 7) % ${unitIds.length}::int], now()
      from generate_series(1, ${n}::int) g, ind, kb`);
    log(`projects: ${Math.round((Date.now() - t0) / 1000)} s`);
    // stage histories: every step up to the stage (a dropped project was dropped after signing),
    // 20 days apart, from a first contact between 2024-01-01 and late 2026
    await tx.execute(sql`
      insert into project_stage_events (project_id, from_stage, to_stage, at, evidence)
      select p.id, case when i = 0 then null else (${sql.raw(`array['${STAGES.join("','")}']`)})[i] end,
             case when p.stage = 'dropped' and i = 3 then 'dropped' else (${sql.raw(`array['${STAGES.join("','")}']`)})[i + 1] end,
             (d + i * 20)::timestamp at time zone 'Asia/Shanghai',
             case when p.stage = 'dropped' and i = 3 then '{}'::jsonb
                  when i = 2 then jsonb_build_object('contractDate', to_char(d + i * 20, 'YYYY-MM-DD'), 'agreedInvestmentMinor', p.investment_minor,
                                                     'agreedInvestmentCurrency', case when p.id % 50 = 0 then 'USD' else 'CNY' end, 'parties', '基准')
                  when i = 3 then jsonb_build_object('uscc', '', 'regCapitalMinor', p.investment_minor / 5, 'regCapitalCurrency', case when p.id % 40 = 0 then 'HKD' else 'CNY' end,
                                                     'registeredOn', to_char(d + i * 20, 'YYYY-MM-DD'))
                  when i = 4 then jsonb_build_object('startedOn', to_char(d + i * 20, 'YYYY-MM-DD'), 'landOrCarrier', '基准')
                  when i = 5 then jsonb_build_object('producedOn', to_char(d + i * 20, 'YYYY-MM-DD'), 'firstOutput', '基准')
                  else '{}'::jsonb end
      from (select id, stage, investment_minor, date '2024-01-01' + ((id * 37) % 1000)::int as d,
                   case stage when 'dropped' then 3 else array_position(${sql.raw(`array['${STAGES.join("','")}']`)}, stage) - 1 end as k
            from projects where region_id = ${region}) p,
           lateral generate_series(0, p.k) i`);
    log(`stage events: ${Math.round((Date.now() - t0) / 1000)} s`);
    await tx.execute(sql`
      insert into capital_records (project_id, unit_id, category, amount_minor, currency, recorded_on, note)
      select p.id, p.unit_id, c.category, case when c.category = 'foreign_usd' then p.investment_minor / 70 else p.investment_minor / 10 end,
             case when c.category = 'foreign_usd' then 'USD' else 'CNY' end, date '2024-01-01' + ((p.id * 37) % 1000)::int + 60 + j * 30, '基准'
      from projects p join enterprises e on e.id = p.enterprise_id,
           lateral (select case e.origin when 'foreign' then 'foreign_usd' when 'zhejiang_returning' then 'zhejiang_returning' else 'domestic_out_of_city' end as category) c,
           lateral generate_series(1, 2) j
      where p.region_id = ${region} and p.stage in ('registered', 'construction', 'production')`);
    await tx.execute(sql`
      insert into capital_records (project_id, unit_id, category, amount_minor, currency, recorded_on, note, reverses_id)
      select project_id, unit_id, category, -amount_minor, currency, recorded_on + 10, '冲销', id from capital_records where id % 100 = 0`);
    log(`capital records: ${Math.round((Date.now() - t0) / 1000)} s`);
    if (points && m > 0) {
      await tx.execute(sql`
        insert into points_ledger (region_id, unit_id, user_id, project_id, event_key, on_date, points, rule_version, share_bp, explanation)
        select ${region}, ${units}[1 + g % ${unitIds.length}::int], case when g % 3 = 0 then ${users}[1 + g % ${userIds.length}::int] end,
               1 + g % ${n}::int, 'bench:' || g, date '2024-01-01' + (g % 1060)::int, 100 + g % 2000, 1, 10000, '{}'::jsonb
        from generate_series(1, ${m}::int) g`);
      log(`ledger: ${Math.round((Date.now() - t0) / 1000)} s`);
    }
  });
  // the derived read models: assessment facts and rollups (and this year's targets), the points rollup
  await db.transaction((tx) => seedAssessment(tx, region));
  log(`facts, rollups and targets: ${Math.round((Date.now() - t0) / 1000)} s`);
  if (points && m > 0) {
    await db.transaction((tx) => points.rebuildRollups({ db: tx }, region));
    log(`points rollup: ${Math.round((Date.now() - t0) / 1000)} s`);
  }
  await db.execute(sql`vacuum analyze`);
  log(`generated in ${Math.round((Date.now() - t0) / 1000)} s`);
}

async function open(kind: DbChoice, n: number, m: number, points: Points | null): Promise<Database> {
  if (kind === 'pglite') {
    const dir = join(ROOT, 'bench/.data/cockpit', `pglite-${n}-${m}`);
    if (!existsSync(join(dir, 'ready'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const database = await openDatabase({ dataDir: dir });
      await runMigrations(database);
      await generate(database, n, m, points);
      await database.close();
      mkdirSync(join(dir, 'ready'));
    }
    const database = await openDatabase({ dataDir: dir });
    await runMigrations(database);
    return database;
  }
  const base = serverUrl();
  const name = `wutong_bench_cockpit_${n}_${m}`;
  const u = new URL(base);
  u.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  let ready = false;
  if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount) {
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    ready = !!(await c.query(`select 1 from information_schema.tables where table_name = 'bench_ready'`)).rowCount;
    await c.end();
  }
  if (!ready) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    const database = await openDatabase({ url: u.toString(), poolSize: 4 });
    await runMigrations(database);
    await generate(database, n, m, points);
    await database.db.execute(sql`create table bench_ready (at timestamptz default now())`);
    await database.close();
  }
  await admin.end();
  const database = await openDatabase({ url: u.toString(), poolSize: 4 });
  await runMigrations(database);
  return database;
}

async function contextFor(database: Database, username: string): Promise<RequestContext> {
  const [u] = await queryRows<{ id: number }>(database.db, sql`select id from users where username = ${username}`);
  const user = (await loadSessionUser(database.db, u!.id))!;
  return { db: database.db, dbKind: database.kind, lang: 'zh-CN', requestId: 'bench', ip: '127.0.0.1', user, scope: await computeScope(database.db, user) };
}

/** The cockpit's figures straight from the raw tables, for one set of units (null = the region). */
async function naive(database: Database, regionId: number, units: number[] | null, year: number, points: boolean) {
  const db = database.db;
  const unitCond = units ? sql.raw(`p.unit_id in (${units.join(',')})`) : sql`true`;
  const factUnitCond = units ? sql.raw(`f.unit_id in (${units.join(',')})`) : sql`true`;
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  const figures = await queryRows<Record<string, unknown>>(
    db,
    sql`select indicator, to_char(date_trunc('month', on_date), 'YYYY-MM') as month, unit_id, industry_section, key_block_id, origin,
               sum(value)::float8 as value, sum(value_cny)::float8 as value_cny
        from (${desiredFactsSql({ regionId })}) f
        where ${factUnitCond} and on_date >= ${from}::date and on_date < ${to}::date
        group by grouping sets ((indicator), (indicator, 2), (indicator, unit_id), (indicator, industry_section), (indicator, key_block_id), (indicator, origin))`,
  );
  const funnel = await queryRows(
    db,
    sql`select stage, count(*)::int as n from projects p where p.region_id = ${regionId} and ${unitCond} and p.intake in ('pending', 'accepted') group by stage`,
  );
  let ranking: unknown[] = [];
  if (points) {
    // this year and the year before (the change in rank), per unit, from the raw ledger
    ranking = await queryRows(
      db,
      sql`select unit_id, sum(points) filter (where on_date >= ${from}::date)::float8 as now, sum(points) filter (where on_date < ${from}::date)::float8 as before
          from points_ledger where region_id = ${regionId} and on_date >= ${`${year - 1}-01-01`}::date and on_date < ${to}::date group by unit_id`,
    );
  }
  return { figures, funnel, ranking };
}

export async function main(argv: string[]) {
  const a = args(argv, { projects: { type: 'string' }, ledger: { type: 'string' }, db: { type: 'string' }, queries: { type: 'string' }, naive: { type: 'string' } });
  const n = Number(a.projects ?? 1_000_000);
  const m = Number(a.ledger ?? 10_000_000);
  const queries = Number(a.queries ?? 60);
  const naiveRuns = Number(a.naive ?? 3);
  if (!Number.isInteger(n) || n < 1000) throw new Error('--projects must be an integer ≥ 1000');
  if (!Number.isInteger(m) || m < 0) throw new Error('--ledger must be an integer ≥ 0');
  const points = await pointsModule();
  if (!points) log('the points module is not there: the ledger part is left out');
  for (const kind of dbTargets(a.db)) {
    const database = await open(kind, n, m, points);
    try {
      const year = currentYear();
      const leader = await contextFor(database, 'leader');
      const head = await contextFor(database, 'head.gulou');
      const manager = await contextFor(database, 'manager');
      const regionId = leader.scope.regionId;
      const [township] = await queryRows<{ id: number }>(database.db, sql`select id from org_units where kind = 'township' and code <> '330203005' order by id limit 1`);
      const townshipUnits = async (id: number) =>
        (await queryRows<{ id: number }>(database.db, sql`select id from org_units where path like (select path from org_units where id = ${id}) || '%'`)).map((r) => r.id);
      const views = [
        { ctx: leader, q: { year }, units: null as number[] | null },
        { ctx: head, q: { year }, units: await townshipUnits(head.user.unitId) },
        { ctx: manager, q: { year, unitId: township!.id }, units: await townshipUnits(township!.id) },
      ];
      const withPoints = !!points && m > 0;
      const fast = async (i: number) => {
        const v = views[i % views.length]!;
        const c = await cockpit(v.ctx, v.q);
        if (withPoints) await points!.unitRanking(v.ctx, { period: String(year) });
        return c;
      };
      for (let i = 0; i < 6; i++) await fast(i);
      const times: number[] = [];
      for (let i = 0; i < queries; i++) {
        const t = performance.now();
        await fast(i);
        times.push(performance.now() - t);
      }
      // the same figures from the raw tables, and a check that they agree with the cockpit
      const check = await cockpit(leader, { year });
      const raw = await naive(database, regionId, null, year, withPoints);
      for (const h of check.headline) {
        const r = raw.figures.find((f) => f.indicator === h.indicator && f.month === null && f.unit_id === null && f.industry_section === null && f.key_block_id === null && f.origin === null);
        const v = Number(r?.value ?? 0);
        if (v !== h.value) log(`MISMATCH ${h.indicator}: cockpit ${h.value}, raw ${v}`);
      }
      const naiveTimes: number[] = [];
      for (let i = 0; i < naiveRuns; i++) {
        const v = views[i % views.length]!;
        const t = performance.now();
        await naive(database, regionId, v.units, year, withPoints);
        naiveTimes.push(performance.now() - t);
      }
      times.sort((x, y) => x - y);
      naiveTimes.sort((x, y) => x - y);
      const p95 = percentile(times, 95);
      const naiveP95 = percentile(naiveTimes, 95);
      const [{ facts, rollups }] = (await queryRows<{ facts: number; rollups: number }>(
        database.db,
        sql`select (select count(*)::int from assessment_facts) as facts, (select count(*)::int from assessment_rollups) as rollups`,
      )) as [{ facts: number; rollups: number }];
      log(`facts ${facts}, rollup rows ${rollups}; cockpit p50 ${percentile(times, 50).toFixed(1)} ms over ${queries} calls; naive ${naiveTimes.map((x) => Math.round(x)).join(', ')} ms`);
      console.log(
        JSON.stringify({ bench: 'cockpit', db: kind, projects: n, ledger: withPoints ? m : 0, p95_ms: Number(p95.toFixed(1)), naive_p95_ms: Number(naiveP95.toFixed(1)), ratio: Number((naiveP95 / p95).toFixed(1)) }),
      );
    } finally {
      await database.close();
    }
  }
}
