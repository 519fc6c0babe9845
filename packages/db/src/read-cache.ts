import pg from 'pg';
import type { Database, Db } from './client.js';

/**
 * Results of hot reads (a project list page), kept in memory per database and dropped whenever
 * the data they come from changes.
 *
 * Why it is safe: every table such a read uses announces a change on commit (migration 0015:
 * `pg_notify('wutong_data_changed')` from statement triggers, whoever writes: this instance,
 * another one, a background job, psql). Each instance listens on its own connection and bumps a
 * version; an entry is served only while the version it was read under is current. The instance
 * that commits a command also bumps at once (`dataChanged`), so a user always reads their own
 * writes, without waiting for the notification. While the listening connection is down nothing
 * is served from memory. An entry also expires after TTL_MS, and the text's values carry the
 * caller's scope, so two callers share an entry only when they would read the same rows.
 *
 * What is cached is rows, never a response: the caller turns them into its answer (language,
 * light words) each time. Reads inside a transaction never use it.
 */
const TTL_MS = 30_000;
const MAX_ENTRIES = 2000;

type Entry = { version: number; until: number; rows: unknown[] };

class ReadCache {
  version = 0;
  /** false while the change feed is not (yet, or any more) listening: nothing is served then */
  live = false;
  readonly entries = new Map<string, Entry>();

  bump() {
    this.version++;
    this.entries.clear();
  }
}

/** by the driver object (PGlite or pg.Pool) behind the app's database; a transaction has another */
const caches = new WeakMap<object, ReadCache>();

function clientOf(db: Db): object | undefined {
  return (db as unknown as { _: { session: { client?: object } } })._.session.client;
}

function cacheOf(db: Db): ReadCache | undefined {
  const client = clientOf(db);
  return client ? caches.get(client) : undefined;
}

/** `load()`'s rows, from memory when this key was read under the current version. */
export async function cachedRows<R>(db: Db, key: string, load: () => Promise<R[]>): Promise<R[]> {
  const cache = cacheOf(db);
  if (!cache?.live) return load();
  const hit = cache.entries.get(key);
  const now = Date.now();
  if (hit && hit.version === cache.version && hit.until > now) return hit.rows as R[];
  const version = cache.version;
  const rows = await load();
  // a change that landed while this read ran may or may not be in its rows: keep them only if none did
  if (cache.live && cache.version === version) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.clear();
    cache.entries.set(key, { version, until: now + TTL_MS, rows });
  }
  return rows;
}

/** This instance committed a change: what it keeps in memory may be stale. */
export function dataChanged(db: Db) {
  cacheOf(db)?.bump();
}

export const DATA_CHANGED_CHANNEL = 'wutong_data_changed';
/** Sessions, users, roles or units changed (migration 0016): signed-in callers' cached scopes may be stale. */
export const SESSIONS_CHANGED_CHANNEL = 'wutong_sessions_changed';

export type WatchOptions = {
  /** keep list pages in memory (WUTONG_READ_CACHE); the feed runs for `onSessionsChanged` either way */
  readCache?: boolean;
  /** called on each sessions notification, and whenever the feed was down (anything may have changed) */
  onSessionsChanged?: () => void;
};

/**
 * The change feed of this database: turns the read cache on and tells the app when sessions,
 * users, roles or units change, whichever instance (or psql) changed them. It listens on PGlite
 * in process; on a server on a connection of its own, reconnected with backoff when it drops.
 * Returns the stop.
 */
export async function watchDataChanges(database: Database, log: (msg: string) => void = () => {}, opts: WatchOptions = {}): Promise<() => Promise<void>> {
  const client = clientOf(database.db);
  if (!client) return async () => {};
  const cache = new ReadCache();
  if (opts.readCache !== false) caches.set(client, cache);
  const changed = () => cache.bump();
  const sessionsChanged = () => opts.onSessionsChanged?.();

  if (database.raw.pglite) {
    const unlisten = await database.raw.pglite.listen(DATA_CHANGED_CHANNEL, changed);
    const unlistenSessions = await database.raw.pglite.listen(SESSIONS_CHANGED_CHANNEL, sessionsChanged);
    cache.live = true;
    return async () => {
      cache.live = false;
      caches.delete(client);
      await unlisten().catch(() => {});
      await unlistenSessions().catch(() => {});
    };
  }

  const pool = database.raw.pool!;
  let stopped = false;
  let listener: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;
  const down = () => {
    cache.live = false;
    cache.bump();
    sessionsChanged();
  };
  const again = () => {
    if (stopped) return;
    log(`read cache: no change feed, connecting again in ${delay} ms`);
    clearTimeout(retry);
    retry = setTimeout(() => void connect(), delay);
    delay = Math.min(delay * 2, 30_000);
  };
  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client(pool.options);
    c.on('notification', (n) => (n.channel === SESSIONS_CHANGED_CHANNEL ? sessionsChanged() : changed()));
    c.on('error', () => {
      /* 'end' follows */
    });
    c.on('end', () => {
      if (listener !== c) return;
      listener = undefined;
      down();
      again();
    });
    try {
      await c.connect();
      await c.query(`listen ${DATA_CHANGED_CHANNEL}`);
      await c.query(`listen ${SESSIONS_CHANGED_CHANNEL}`);
    } catch {
      await c.end().catch(() => {});
      again();
      return;
    }
    if (stopped) {
      await c.end().catch(() => {});
      return;
    }
    listener = c;
    delay = 500;
    // anything may have changed while nobody listened
    cache.bump();
    sessionsChanged();
    cache.live = true;
  };
  await connect();
  return async () => {
    stopped = true;
    down();
    caches.delete(client);
    if (retry) clearTimeout(retry);
    await listener?.end().catch(() => {});
  };
}
