import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, type Database } from './client.js';

const server = { kind: 'postgres', raw: { pool: { options: { connectionString: 'postgres://app@db.internal:5433/wutong' } } } } as unknown as Database;
const embedded = { kind: 'pglite', raw: {} } as unknown as Database;
const netError = (code: string, port?: number) => Object.assign(new Error(`connect ${code}`), { code, ...(port ? { port } : {}) });
const wrapped = (cause: unknown) => Object.assign(new Error('Failed query: select 1\nparams: '), { cause });

describe('isDatabaseUnavailable: a 503 only for the database’s own outage', () => {
  it('takes a server shutting down or starting, a lost connection, and network errors of the database', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), server)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error('the database system is starting up'), { code: '57P03' })), server)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(new Error('Connection terminated unexpectedly')), server)).toBe(true);
    expect(isDatabaseUnavailable(wrapped(netError('ECONNREFUSED')), server)).toBe(true);
    expect(isDatabaseUnavailable(netError('ECONNREFUSED', 5433), server)).toBe(true);
  });

  it('leaves alone a webhook host refusing, a missing file, a wrong query, and anything on PGlite', () => {
    expect(isDatabaseUnavailable(netError('ECONNREFUSED', 8080), server)).toBe(false);
    expect(isDatabaseUnavailable(netError('ENOENT'), server)).toBe(false);
    expect(isDatabaseUnavailable(wrapped(Object.assign(new Error('duplicate key'), { code: '23505' })), server)).toBe(false);
    expect(isDatabaseUnavailable(wrapped(netError('ECONNREFUSED')), embedded)).toBe(false);
  });
});
