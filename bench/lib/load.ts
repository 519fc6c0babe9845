import { createReadStream, readFileSync, statSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import { from as copyFrom } from 'pg-copy-streams';
import { orgUnits, runMigrations, type Database } from '@wutong/db';
import { COPY_COLUMNS } from './dataset.js';

/**
 * Loads a data set into `enterprises` of a migrated database, fast: secondary indexes are dropped,
 * rows arrive by COPY, the indexes are rebuilt once. A comment on the table names the data set,
 * so a database that already holds it is reused.
 */

type Exec = { query: <T>(text: string) => Promise<T[]>; copy: (file: string) => Promise<void>; done: () => Promise<void> };

async function executor(database: Database): Promise<Exec> {
  const cols = COPY_COLUMNS.join(', ');
  if (database.kind === 'pglite') {
    const p = database.raw.pglite!;
    return {
      query: async <T>(text: string) => (await p.query<T>(text)).rows,
      copy: async (file) => {
        await p.query(`copy enterprises (${cols}) from '/dev/blob'`, [], { blob: new Blob([readFileSync(file)]) });
      },
      done: async () => {},
    };
  }
  // one connection for the whole load: session settings (maintenance_work_mem) must hold for the index builds
  const client = await database.raw.pool!.connect();
  return {
    query: async <T>(text: string) => (await client.query(text)).rows as T[],
    copy: (file) => pipeline(createReadStream(file), client.query(copyFrom(`copy enterprises (${cols}) from stdin`))),
    done: async () => client.release(),
  };
}

/**
 * `allIndexes: false` leaves out the trigram indexes of names (they serve the registry's substring
 * search, not duplicate detection, and take most of the load time at 5 M rows).
 */
export async function prepare(database: Database, tag: string, file: string, log: (m: string) => void, allIndexes = false): Promise<number> {
  await runMigrations(database);
  const db = database.db;
  let [region] = await db.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.code} = 'BENCH'`);
  if (!region) {
    [region] = await db.insert(orgUnits).values({ name: '基准测试区', kind: 'region', code: 'BENCH', depth: 0, path: '/' }).returning({ id: orgUnits.id });
    await db.update(orgUnits).set({ path: `/${region!.id}/` }).where(sql`${orgUnits.id} = ${region!.id}`);
  }
  const regionId = region!.id;
  const x = await executor(database);
  try {
    const [c] = await x.query<{ tag: string | null }>(`select obj_description('enterprises'::regclass, 'pg_class') as tag`);
    if (c?.tag === tag) {
      log(`reusing the loaded data set (${tag})`);
      return regionId;
    }
    const t0 = Date.now();
    const indexes = await x.query<{ name: string; def: string }>(
      `select indexname as name, indexdef as def from pg_indexes where schemaname = 'public' and tablename = 'enterprises' and indexname <> 'enterprises_pkey'`,
    );
    // the history tables refuse TRUNCATE (append-only): a bench database holds nothing but this data set
    await x.query(`delete from enterprise_names`);
    await x.query(`delete from enterprises`);
    for (const ix of indexes) await x.query(`drop index if exists "${ix.name}"`);
    await x.copy(file);
    log(`copied ${Math.round(statSync(file).size / 1e6)} MB in ${Math.round((Date.now() - t0) / 1000)} s`);
    // the data file names region 1, what a fresh database gives its first unit
    if (regionId !== 1) await x.query(`update enterprises set region_id = ${Number(regionId)}`);
    await x.query(`select setval(pg_get_serial_sequence('enterprises', 'id'), (select max(id) from enterprises))`);
    const t1 = Date.now();
    const wanted = allIndexes ? indexes : indexes.filter((ix) => !/gin_trgm_ops/.test(ix.def));
    if (wanted.length < indexes.length) log(`left out: ${indexes.filter((ix) => !wanted.includes(ix)).map((ix) => ix.name).join(', ')} (--all-indexes builds them)`);
    const build = async (q: Exec['query'], ix: { name: string; def: string }) => {
      const t = Date.now();
      await q(ix.def);
      log(`index ${ix.name}: ${Math.round((Date.now() - t) / 1000)} s`);
    };
    if (database.kind === 'postgres') {
      // GIN builds use one core each: build them side by side, each on a connection of its own
      const slowest = [...wanted].sort((a, b) => Number(/gin/i.test(b.def)) - Number(/gin/i.test(a.def)));
      await Promise.all(
        [0, 1, 2].map(async (lane) => {
          const client = await database.raw.pool!.connect();
          try {
            await client.query(`set maintenance_work_mem = '1GB'`);
            for (const ix of slowest.filter((_, i) => i % 3 === lane)) await build(async <T>(text: string) => (await client.query(text)).rows as T[], ix);
          } finally {
            client.release();
          }
        }),
      );
    } else {
      for (const ix of wanted) await build(x.query, ix);
    }
    await x.query(`analyze enterprises`);
    await x.query(`comment on table enterprises is '${tag.replace(/'/g, "''")}'`);
    log(`indexes built in ${Math.round((Date.now() - t1) / 1000)} s`);
    return regionId;
  } finally {
    await x.done();
  }
}
