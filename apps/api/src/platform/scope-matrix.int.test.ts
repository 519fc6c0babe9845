import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { startTestApp, type TestApp } from '../testing/app.js';
import { FIXTURE_CALLERS, FIXTURE_UNITS, FIXTURE_PASSWORD, seedScopeFixture, type Fixture, type FixtureRecord } from '../testing/scope-fixture.js';
import { sample } from '../testing/sample.js';

/**
 * The scope matrix: every route in the OpenAPI document × a caller of every role. Routes are
 * read from the document, so a new route is covered the moment it exists; ids are aimed at
 * records outside the caller's scope through the `x-wutong-entities` each route declares, and
 * an undeclared id fails the test.
 *
 * Oracle: every fixture record's text carries «UNIT» and users carry ‹username›; the hand-written
 * `sees` list of each caller says which tags may appear in anything they get back.
 */

type Op = {
  method: string;
  path: string;
  roles: string[];
  isPublic: boolean;
  entities: Record<string, string>;
  acts: string | null;
  reveals: string | null;
  pathParams: string[];
  queryParams: string[];
  body?: Record<string, unknown>;
};

type Rec = FixtureRecord;

// Each entity's records come from the fixture; a route naming an entity the fixture lacks fails.
// `any` is a filter that takes the id of any kind of record (the audit log's entityId).
const recordsOfEntity = (fx: Fixture, entity: string): Rec[] | undefined =>
  entity === 'any' ? [...fx.records.values()].flat() : fx.records.get(entity);


describe('scope matrix: no caller sees or touches another unit’s records through any route', () => {
  let t: TestApp;
  let fx: Fixture;
  let ops: Op[];
  const cookies = new Map<string, string>();

  beforeAll(async () => {
    let fixture!: Fixture;
    t = await startTestApp(async (d) => {
      fixture = await seedScopeFixture(d);
    });
    fx = fixture;
    const doc = (await t.call('GET', '/api/openapi.json')).json() as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    ops = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const params = (op.parameters ?? []) as { name: string; in: string }[];
        const body = (op.requestBody as { content: Record<string, { schema: Record<string, unknown> }> } | undefined)?.content['application/json']?.schema;
        ops.push({
          method: method.toUpperCase(),
          path,
          roles: op['x-wutong-roles'] as string[],
          isPublic: op['x-wutong-public'] as boolean,
          entities: op['x-wutong-entities'] as Record<string, string>,
          acts: op['x-wutong-acts'] as string | null,
          reveals: (op['x-wutong-reveals'] as string | null | undefined) ?? null,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
          body,
        });
      }
    }
    for (const c of FIXTURE_CALLERS) cookies.set(c.username, await t.login(c.username, FIXTURE_PASSWORD));
  });
  afterAll(() => t?.close());

  const regionOf = (code: string): string => {
    const u = FIXTURE_UNITS.find((x) => x.code === code)!;
    return u.parent ? regionOf(u.parent) : u.code;
  };
  const visible = (caller: (typeof FIXTURE_CALLERS)[number], r: Rec) =>
    caller.sees.includes(r.unit) || r.owner === caller.username || (!!r.regionWide && regionOf(r.unit) === regionOf(caller.unit));

  function assertNoLeak(caller: (typeof FIXTURE_CALLERS)[number], body: string, where: string, reveals: string | null = null) {
    // a published ranking names the units and people of the caller's region, and nothing beyond it
    const sameRegion = (unit: string) => reveals === 'region-names' && regionOf(unit) === regionOf(caller.unit);
    for (const m of body.matchAll(/«([A-Z0-9]+)»/g)) {
      const unit = m[1]!;
      // one's own unit and region are named in one's own profile (the header shows them)
      if (!caller.sees.includes(unit) && unit !== caller.unit && unit !== regionOf(caller.unit) && !sameRegion(unit)) throw new Error(`${caller.username} got unit «${unit}» from ${where}`);
    }
    for (const m of body.matchAll(/‹([a-z0-9_]+)›/g)) {
      const u = fx.users.find((x) => x.username === m[1])!;
      if (!visible(caller, { id: u.id, unit: u.unit, owner: u.username }) && !sameRegion(u.unit)) throw new Error(`${caller.username} got user ‹${u.username}› from ${where}`);
    }
  }

  // The whole database's content as one statement (a hash of every row of every table but the
  // session tables), taken before and after each refused command. One round trip: the walk takes
  // thousands of them, so it is built once.
  let fingerprintQuery: SQL | undefined;
  async function fingerprint(): Promise<string> {
    if (!fingerprintQuery) {
      const tables = await queryRows<{ name: string }>(
        t.database.db,
        sql`select table_name as name from information_schema.tables
            where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', 'login_attempts', 'login_address_attempts')
            order by table_name`,
      );
      expect(tables.length).toBeGreaterThan(20);
      const parts = tables.map(
        ({ name }) => sql`${name}::text || ':' || (select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) from ${sql.identifier(name)} x)`,
      );
      fingerprintQuery = sql`select concat_ws(',', ${sql.join(parts, sql`, `)}) as h`;
    }
    const [r] = await queryRows<{ h: string }>(t.database.db, fingerprintQuery);
    return r!.h;
  }

  function idFields(op: Op): string[] {
    const bodyProps = Object.keys((op.body?.properties as Record<string, unknown> | undefined) ?? {});
    return [...op.pathParams, ...op.queryParams, ...bodyProps].filter((f) => f === 'id' || /Id$/.test(f));
  }

  it('finds the routes, and every id a route takes names its entity', () => {
    expect(ops.length).toBeGreaterThan(15);
    for (const op of ops) {
      for (const f of idFields(op)) {
        expect(op.entities[f], `${op.method} ${op.path}: field ${f} declares no entity`).toBeDefined();
        expect(recordsOfEntity(fx, op.entities[f]!)?.length, `${op.method} ${op.path}: entity ${op.entities[f]} has no fixture records`).toBeGreaterThan(0);
      }
      if (op.method !== 'GET' && !op.isPublic && idFields(op).length === 0) {
        // commands that name no record act on the caller's own account or region, and say so
        expect(op.acts, `${op.method} ${op.path} changes data but names no record and declares no 'acts'`).toMatch(/^(self|own-region)$/);
      }
    }
  });

  it('walks every route with every role', async () => {
    // each branch below counts what it checked, so every kind of route is seen to be exercised
    const counts = { forbiddenReads: 0, forbiddenCommands: 0, refusedByPath: 0, refusedByQuery: 0, refusedCommands: 0, allowedReads: 0, lists: 0 };
    for (const op of ops.filter((o) => !o.isPublic)) {
      for (const caller of FIXTURE_CALLERS) {
        const cookie = cookies.get(caller.username)!;
        const where = `${op.method} ${op.path} as ${caller.username}`;
        const fields = idFields(op);
        const allowed = op.roles.length === 0 || caller.roles.some((r) => op.roles.includes(r));
        const build = (ids: Record<string, number>) => {
          let url = op.path;
          const query = new URLSearchParams();
          const body = op.body ? ({ ...(sample(op.body as never) as object) } as Record<string, unknown>) : {};
          for (const [f, id] of Object.entries(ids)) {
            if (op.pathParams.includes(f)) url = url.replace(`{${f}}`, String(id));
            else if (op.queryParams.includes(f)) query.set(f, String(id));
            else body[f] = id;
          }
          return { url: query.size ? `${url}?${query}` : url, body };
        };
        const recordsOf = (f: string) => recordsOfEntity(fx, op.entities[f]!)!;

        if (!allowed) {
          const before = op.method === 'GET' ? '' : await fingerprint();
          const ids = Object.fromEntries(fields.map((f) => [f, recordsOf(f)[0]!.id]));
          const { url, body } = build(ids);
          const res = await t.call(op.method, url, { cookie, body });
          expect(res.statusCode, where).toBe(403);
          if (op.method === 'GET') {
            counts.forbiddenReads++;
          } else {
            expect(await fingerprint(), `${where} changed data`).toBe(before);
            counts.forbiddenCommands++;
          }
          continue;
        }

        // a baseline: every id in scope where the caller has any
        const inScope = Object.fromEntries(
          fields.map((f) => {
            const mine = recordsOf(f).filter((r) => visible(caller, r));
            return [f, (mine[0] ?? recordsOf(f)[0]!).id];
          }),
        );

        if (op.method === 'GET' && op.pathParams.length === 0) {
          const { url } = build({});
          const res = await t.call('GET', url, { cookie });
          expect(res.statusCode, where).toBe(200);
          assertNoLeak(caller, res.body, where, op.reveals);
          counts.lists++;
        }

        for (const f of fields) {
          const others = recordsOf(f).filter((r) => !visible(caller, r));
          // the nearest outsider (same region first) and one from the other region
          const targets = [others.find((r) => !r.unit.startsWith('R2')), others.find((r) => r.unit.startsWith('R2'))].filter(Boolean) as Rec[];
          for (const target of targets) {
            const { url, body } = build({ ...inScope, [f]: target.id });
            const w = `${where} with ${f}=${target.unit}/${target.id}`;
            if (op.method === 'GET') {
              const res = await t.call('GET', url, { cookie });
              if (op.pathParams.includes(f)) {
                // the record named in the path: answered like a missing one
                expect(res.statusCode, w).toBe(404);
                counts.refusedByPath++;
              } else {
                // a filter naming an outside record: an empty answer or 404, and never its data (below)
                expect([200, 404], w).toContain(res.statusCode);
                counts.refusedByQuery++;
              }
              assertNoLeak(caller, res.body, w, op.reveals);
            } else {
              const before = await fingerprint();
              const res = await t.call(op.method, url, { cookie, body });
              expect(res.statusCode, `${w}: ${res.body}`).toBe(404);
              expect(await fingerprint(), `${w} changed data`).toBe(before);
              counts.refusedCommands++;
            }
          }
          // in scope, a read answers: the refusals above are about scope, not a broken request
          if (op.method === 'GET' && op.pathParams.includes(f)) {
            const mine = recordsOf(f).find((r) => visible(caller, r));
            if (mine) {
              const res = await t.call('GET', build({ ...inScope, [f]: mine.id }).url, { cookie });
              expect(res.statusCode, `${where} in scope`).toBe(200);
              assertNoLeak(caller, res.body, where, op.reveals);
              counts.allowedReads++;
            }
          }
        }
      }
    }
    expect(counts.refusedByPath + counts.refusedByQuery + counts.refusedCommands).toBeGreaterThan(50);
    expect(counts.forbiddenReads + counts.forbiddenCommands).toBeGreaterThan(20);
    for (const [k, n] of Object.entries(counts)) expect(n, `${k}: a kind of check the walk never made`).toBeGreaterThan(0);
    // every route × 11 callers × in- and out-of-scope ids, with a database fingerprint around each
    // command: minutes, not seconds, and growing with every module
  }, 900_000);

  it('answers an id that does not exist exactly like one out of scope', async () => {
    const cookie = cookies.get('t1_promoter')!;
    const missing = await t.call('GET', '/api/org/units/999999', { cookie });
    const outside = await t.call('GET', `/api/org/units/${fx.unitIds.get('T2')}`, { cookie });
    expect(outside.statusCode).toBe(missing.statusCode);
    expect(outside.json().code).toBe(missing.json().code);
    expect(outside.json().message).toBe(missing.json().message);
  });
});
