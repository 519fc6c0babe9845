import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { checkUtf8, openDatabase, queryRows, type Database, type DbKind } from '@wutong/db';
import type { RequestContext } from '../apps/api/src/platform/context.js';
import { matchEnterprises } from '../apps/api/src/modules/enterprises/enterprises.service.js';
import { DATA_DIR, buildDataset, makeQueries, rulesVersion, type Query } from './lib/dataset.js';
import { prepare } from './lib/load.js';
import { percentile } from './lib/rng.js';

/**
 * Duplicate detection at scale: N synthetic enterprises with realistic Chinese names (real word
 * pools), ~30 % with a valid USCC; queries are typed variants of real rows (region bracketed or
 * moved, a homophone, spaces and full-width brackets, no form word) and USCC look-ups, answered by
 * the API's own `matchEnterprises`. The naive baseline is pg_trgm `similarity()` over raw names.
 *
 *   npm run bench -- dedup [--rows N] [--db pglite|postgres] [--queries Q] [--naive K] [--verbose] [--all-indexes]
 *
 * One JSON line per database on stdout; progress on stderr.
 */

type Args = { rows: number; db?: DbKind; queries: number; naive: number; verbose: boolean; allIndexes: boolean };

function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 1_000_000, queries: 2000, naive: 20, verbose: false, allIndexes: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    switch (argv[i]) {
      case '--rows':
        a.rows = Number(v);
        i++;
        break;
      case '--db':
        if (v !== 'pglite' && v !== 'postgres') throw new Error('--db pglite|postgres');
        a.db = v;
        i++;
        break;
      case '--queries':
        a.queries = Number(v);
        i++;
        break;
      case '--naive':
        a.naive = Number(v);
        i++;
        break;
      case '--verbose':
        a.verbose = true;
        break;
      case '--all-indexes':
        a.allIndexes = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
  }
  if (!Number.isInteger(a.rows) || a.rows < 1000) throw new Error('--rows must be an integer ≥ 1000');
  return a;
}

const log = (m: string) => console.error(`[dedup] ${m}`);

async function openBenchDatabase(kind: DbKind, rows: number, tag: string): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ dataDir: resolve(DATA_DIR, `pglite-dedup-${rows}-${tag.split(':').slice(3).join('-')}`) });
  const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('--db postgres needs DATABASE_URL or TEST_DATABASE_URL');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rowCount } = await admin.query(`select 1 from pg_database where datname = 'wutong_bench' and shobj_description(oid, 'pg_database') = $1`, [tag]);
    // another data set (or rules) than this run's: start from a fresh database
    if (!rowCount) await admin.query(`drop database if exists wutong_bench with (force)`);
    // pg_trgm needs a UTF-8 ctype to see Chinese characters at all
    if (!rowCount) await admin.query(`create database wutong_bench template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = '/wutong_bench';
  const database = await openDatabase({ url: u.toString(), poolSize: 4 });
  await checkUtf8(database);
  return database;
}

function benchContext(database: Database, regionId: number): RequestContext {
  return {
    db: database.db,
    dbKind: database.kind,
    lang: 'zh-CN',
    requestId: 'bench',
    ip: '127.0.0.1',
    user: {
      id: 0, username: 'bench', displayName: 'bench', unitId: regionId, unitName: '基准测试区', unitPath: `/${regionId}/`,
      regionId, regionName: '基准测试区', regionPath: `/${regionId}/`, roles: ['manager'], mustChangePassword: false, lang: 'zh-CN',
    },
    scope: { unitIds: [regionId], userId: 0, regionWide: true, regionId, regionPath: `/${regionId}/` },
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

async function run(kind: DbKind, args: Args, file: string, queries: Query[]) {
  const tag = `bench:dedup:${args.rows}:${rulesVersion()}${args.allIndexes ? ':all' : ''}`;
  const database = await openBenchDatabase(kind, args.rows, tag);
  try {
    const regionId = await prepare(database, tag, file, log, args.allIndexes);
    if (kind === 'postgres') await database.db.execute(sql.raw(`comment on database wutong_bench is '${tag}'`));
    const ctx = benchContext(database, regionId);
    const ask = (q: Query) => matchEnterprises(ctx, q.uscc ? { uscc: q.uscc } : { name: q.name });
    for (const q of queries.slice(0, 50)) await ask(q); // warm the caches
    const times: number[] = [];
    const slow: [number, string][] = [];
    let variants = 0;
    let hits = 0;
    const misses = new Map<string, number>();
    for (const q of queries) {
      const t = performance.now();
      const res = await ask(q);
      const dt = performance.now() - t;
      times.push(dt);
      if (args.verbose) slow.push([dt, `${q.kind}: ${q.name ?? q.uscc} (${res.candidates.length} shown)`]);
      const first = res.candidates[0]?.enterprise.id;
      if (q.uscc) {
        if (first !== q.id) throw new Error(`USCC ${q.uscc} did not find row ${q.id}`);
        continue;
      }
      variants++;
      if (first === q.id) hits++;
      else {
        misses.set(q.kind, (misses.get(q.kind) ?? 0) + 1);
        if (args.verbose) log(`miss (${q.kind}): ${q.name} → ${res.candidates[0]?.enterprise.name ?? '(none)'} #${first}, want #${q.id}`);
      }
    }
    times.sort((a, b) => a - b);
    if (args.verbose) for (const [dt, what] of slow.sort((a, b) => b[0] - a[0]).slice(0, 15)) log(`slow ${dt.toFixed(1)} ms: ${what}`);
    const naive: number[] = [];
    for (const q of queries.filter((x) => x.name).slice(0, args.naive)) {
      const t = performance.now();
      await queryRows(database.db, sql`select id from enterprises order by similarity(name, ${q.name!}) desc limit 10`);
      naive.push(performance.now() - t);
    }
    naive.sort((a, b) => a - b);
    if (misses.size) log(`${kind}: misses by kind ${JSON.stringify(Object.fromEntries(misses))}`);
    const p99 = percentile(times, 99);
    const naiveP99 = percentile(naive, 99);
    console.log(
      JSON.stringify({
        bench: 'dedup',
        db: kind,
        rows: args.rows,
        p50_ms: round(percentile(times, 50)),
        p99_ms: round(p99),
        naive_p99_ms: round(naiveP99),
        ratio: Math.round(naiveP99 / p99),
        top1: Math.round((hits / variants) * 1000) / 1000,
      }),
    );
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]) {
  const args = parseArgs(argv);
  const kinds: DbKind[] = args.db ? [args.db] : ['pglite', ...(process.env.DATABASE_URL || process.env.TEST_DATABASE_URL ? (['postgres'] as const) : [])];
  const file = await buildDataset(args.rows, log);
  const nUscc = Math.round(args.queries * 0.2);
  const queries = makeQueries(args.rows, args.queries - nUscc, nUscc);
  log(`${queries.length} queries (${nUscc} USCC look-ups), naive baseline on ${args.naive}`);
  for (const kind of kinds) await run(kind, args, file, queries);
}
