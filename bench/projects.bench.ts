// npm run bench -- projects [--projects N] [--db pglite|postgres] [--seconds S] [--profile DIR] [--writes W]
// Starts the app on N generated projects and loads it with autocannon (20 connections), signed in
// as a manager: the project list filtered by stage and unit, sorted by date, 20 a page; and one
// project by id. Prints one JSON line per database, and to stderr the CPU time per request of the
// app, of the PostgreSQL backends serving it and of the load generator (autocannon, in this process),
// which says more than requests per second on a busy machine. --profile DIR writes the app's
// V8 CPU profile (node --cpu-prof) there. --writes W edits W projects a second during the list load.
// WUTONG_READ_CACHE=0 measures the app without its in-memory
// list pages (packages/db/src/read-cache.ts): every request then reads the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations, type Database } from '@wutong/db';
import { seedDemo, DEMO_PASSWORD } from '../apps/api/src/seeds/demo.js';
import { loadIndustries } from '../apps/api/src/seeds/industries.js';
import { args, dbTargets, serverUrl, type DbChoice } from './lib/args.js';

const ROOT = resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });
}

/** Fills a fresh database with the demo org and N projects spread over units, stages and dates, in SQL. */
async function generate(database: Database, n: number) {
  await runMigrations(database);
  await loadIndustries(database.db);
  await seedDemo(database.db, () => {}, false);
  const db = database.db;
  await db.execute(sql`
    insert into enterprises (region_id, name, name_norm, trade_name, origin)
    select 1, '宁波基准' || g || '号科技有限公司', '宁波基准' || g || '号科技有限公司', '基准' || g,
           (array['local','domestic_out_of_city','foreign','zhejiang_returning'])[1 + g % 4]
    from generate_series(1, ${n}) g`);
  await db.execute(sql`
    with u as (select array_agg(id order by id) ids from org_units where kind in ('township','department','park','state_company'))
    insert into projects (region_id, unit_id, enterprise_id, name, stage, intake, project_type, source, investment_minor,
                          reported_at, reported_by_unit_id, last_activity_at, next_due, stage_at)
    select 1, u.ids[1 + (g / 7) % array_length(u.ids, 1)], g, '基准项目' || g,
           (array['lead','negotiating','signed','registered','construction','production','dropped'])[1 + g % 7],
           'accepted', 'new', 'visit', (g % 1000 + 1) * 100000000::bigint,
           now() - ((g * 37) % 700) * interval '1 day' - (g % 86400) * interval '1 second',
           u.ids[1 + (g / 7) % array_length(u.ids, 1)],
           now() - ((g * 13) % 60) * interval '1 day',
           (current_date + ((g % 40) - 10)),
           now() - ((g * 11) % 300) * interval '1 day'
    from generate_series(1, ${n}) g, u`);
  await db.execute(sql`insert into project_units (project_id, unit_id, share_bp) select id, unit_id, 10000 from projects`);
  // a live table is vacuumed by autovacuum; a freshly loaded one is not yet
  await db.execute(sql`vacuum analyze`);
}

async function prepare(kind: DbChoice, n: number): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const dir = join(ROOT, 'bench/.data/projects', `pglite-${n}`);
    if (!existsSync(join(dir, 'ready'))) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const database = await openDatabase({ dataDir: dir });
      const t = Date.now();
      await generate(database, n);
      await database.close();
      mkdirSync(join(dir, 'ready'));
      console.error(`generated ${n} projects on PGlite in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    return { env: { DATA_DIR: dir }, cleanup: async () => {} };
  }
  const base = serverUrl();
  const name = `wutong_bench_projects_${n}`;
  const u = new URL(base);
  u.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  let ready = false;
  if (exists) {
    const c = new pg.Client({ connectionString: u.toString() });
    await c.connect();
    ready = !!(await c.query(`select 1 from information_schema.tables where table_name = 'bench_ready'`)).rowCount;
    await c.end();
  }
  if (!ready) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    const database = await openDatabase({ url: u.toString() });
    const t = Date.now();
    await generate(database, n);
    await database.db.execute(sql`create table bench_ready (at timestamptz default now())`);
    await database.close();
    console.error(`generated ${n} projects on PostgreSQL in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  await admin.end();
  return { env: { DATABASE_URL: u.toString(), WUTONG_DEMO: '0' }, cleanup: async () => {} };
}

async function startServer(env: Record<string, string>, port: number, profileDir?: string): Promise<ChildProcess> {
  const prof = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    // no scheduled jobs in the measured instance: on a freshly generated database their first runs
    // (catching up over every project) would hold PGlite for seconds and be measured as the list
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', WUTONG_SCHEDULER: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('server did not start');
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/**
 * CPU time per request, in ms, of the app process and of the PostgreSQL backends serving it:
 * steadier than requests per second on a busy machine, where other processes take cores.
 */
async function cpuMeter(server: ChildProcess, backends: () => Promise<number[]>) {
  const pids = await backends();
  const client = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  const read = () => ({ app: cpuSeconds(server.pid), db: pids.reduce((s, p) => s + (cpuSeconds(p) || 0), 0), client: client() });
  const start = read();
  return (requests: number) => {
    const end = read();
    const per = (a: number, b: number) => Math.round(((b - a) * 1000 * 100) / requests) / 100;
    return { app: per(start.app, end.app), db: pids.length ? per(start.db, end.db) : null, client: per(start.client, end.client) };
  };
}

async function load(url: string, cookie: string, seconds: number, paths: string[]) {
  let i = 0;
  const r = await autocannon({
    url,
    connections: 20,
    duration: seconds,
    headers: { cookie },
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  if (r.non2xx) throw new Error(`${r.non2xx} non-2xx answers from ${paths[0]}`);
  return { rps: Math.round(r.requests.average), p99: r.latency.p99, requests: r.requests.total };
}

export async function main(argv: string[]) {
  const a = args(argv, { projects: { type: 'string' }, db: { type: 'string' }, seconds: { type: 'string' }, profile: { type: 'string' }, writes: { type: 'string' } });
  // --writes W: meanwhile W project edits a second through the API, each of which drops the kept pages
  const writesPerSecond = Number(a.writes ?? 0);
  const n = Number(a.projects ?? 100_000);
  const seconds = Number(a.seconds ?? 10);
  for (const kind of dbTargets(a.db)) {
    const { env, cleanup } = await prepare(kind, n);
    const port = await freePort();
    const server = await startServer(env, port, a.profile);
    // the PostgreSQL backends serving the app: their CPU is the database's share of a request
    const backends = async () => {
      if (!env.DATABASE_URL) return [];
      const c = new pg.Client({ connectionString: serverUrl() });
      await c.connect();
      const r = await c.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [new URL(env.DATABASE_URL).pathname.slice(1)]);
      await c.end();
      return r.rows.map((x) => x.pid);
    };
    try {
      const base = `http://127.0.0.1:${port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: DEMO_PASSWORD }) });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const units = ((await (await fetch(`${base}/api/org/units`, { headers: { cookie } })).json()) as { items: { id: number; kind: string }[] }).items.filter((u) => u.kind === 'township');
      const stages = ['negotiating', 'signed', 'registered', 'construction'];
      const listPaths = units.flatMap((u) => stages.map((s) => `/api/projects?stage=${s}&unitId=${u.id}&sort=reportedAt&dir=desc&limit=20`));
      const ids = Array.from({ length: 500 }, (_, k) => 1 + ((k * 7919) % n));
      const getPaths = ids.map((id) => `/api/projects/${id}`);
      // warm up both paths before measuring
      await load(base, cookie, 2, listPaths);
      const listCpu = await cpuMeter(server, backends);
      let writes = 0;
      const writer = writesPerSecond > 0
        ? setInterval(() => {
            const id = ids[writes++ % ids.length]!;
            void fetch(`${base}/api/projects/${id}`, { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ carrier: `bench ${writes}` }) });
          }, 1000 / writesPerSecond)
        : undefined;
      const list = await load(base, cookie, seconds, listPaths);
      clearInterval(writer);
      const listMs = listCpu(list.requests);
      await load(base, cookie, 1, getPaths);
      const getCpu = await cpuMeter(server, backends);
      const get = await load(base, cookie, seconds, getPaths);
      const getMs = getCpu(get.requests);
      console.log(JSON.stringify({ bench: 'projects', db: kind, projects: n, list_rps: list.rps, list_p99_ms: list.p99, get_rps: get.rps, get_p99_ms: get.p99, read_cache: process.env.WUTONG_READ_CACHE !== '0', ...(writesPerSecond ? { list_writes: writes } : {}) }));
      // CPU per request (ms): the app process (with PGlite: the database too), the PostgreSQL backends, autocannon
      console.error(
        JSON.stringify({
          cpu_ms_per_request: { list_app: listMs.app, list_db: listMs.db, list_client: listMs.client, get_app: getMs.app, get_db: getMs.db, get_client: getMs.client },
          load: loadavg().map((x) => Math.round(x * 100) / 100),
        }),
      );
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      await cleanup();
    }
  }
}

