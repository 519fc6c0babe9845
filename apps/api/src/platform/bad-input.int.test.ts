import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { startTestApp, type TestApp } from '../testing/app.js';
import { DEMO_PASSWORD } from '../seeds/demo.js';
import { BODY_LIMIT } from '../app.js';

describe('bad input gets a 400 naming the fields, and changes nothing', () => {
  let t: TestApp;
  let admin: string;
  let district: number;
  const counts = async () =>
    (
      await queryRows<{ u: number; o: number; a: number }>(
        t.database.db,
        sql`select (select count(*)::int from users) u, (select count(*)::int from org_units) o, (select count(*)::int from audit_log) a`,
      )
    )[0];

  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    admin = await t.login('admin', DEMO_PASSWORD);
    district = (await t.call('GET', '/api/org/units?q=海曙区', { cookie: admin })).json().items[0].id;
  });
  afterAll(() => t?.close());

  const cases: [string, unknown, string[]][] = [
    ['malformed JSON', '{"username": "a",', ['body']],
    ['wrong types', { username: 12, displayName: true, unitId: 'x', roles: 'admin', password: 1 }, ['username', 'displayName', 'unitId', 'roles', 'password']],
    ['unknown fields', { username: 'okname', displayName: '名', unitId: 1, roles: ['promoter'], password: 'Long-enough-1', isRoot: true, extra: 1 }, ['isRoot', 'extra']],
    ['over-long strings', { username: 'u'.repeat(41), displayName: '名'.repeat(41), unitId: 1, roles: ['promoter'], password: 'p'.repeat(129) }, ['username', 'displayName', 'password']],
    ['bad characters and an unknown role', { username: 'bad name!', displayName: '名', unitId: 1, roles: ['god'], password: 'short' }, ['username', 'roles.0', 'password']],
    ['missing fields', {}, ['username', 'displayName', 'unitId', 'roles', 'password']],
  ];

  for (const [name, body, fields] of cases) {
    it(name, async () => {
      const before = await counts();
      const res = await t.call('POST', '/api/users', { cookie: admin, body });
      expect(res.statusCode).toBe(400);
      expect(Object.keys(res.json().fields ?? {}).sort()).toEqual([...fields].sort());
      expect(res.json().message).toBe(name === 'malformed JSON' ? '请求体不是合法的 JSON' : '输入有误，请检查标出的字段');
      expect(await counts()).toEqual(before);
    });
  }

  it('oversize bodies', async () => {
    const before = await counts();
    const res = await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: district, name: 'x'.repeat(BODY_LIMIT + 10), kind: 'other' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('body');
    expect(await counts()).toEqual(before);
  });

  it('field messages follow the language', async () => {
    const res = await t.call('POST', '/api/users', { cookie: `${admin}; wutong_lang=en-US`, body: { username: 'bad name!' } });
    expect(res.json().message).toBe('Some fields are invalid');
    expect(res.json().fields.username).toBe('Letters, digits, _ . - only');
  });

  it('bad ids and query values', async () => {
    for (const url of ['/api/org/units/abc', '/api/org/units/-1', '/api/org/units/99999999999', '/api/users?limit=0', '/api/audit?from=2026-13', '/api/users?nope=1']) {
      const res = await t.call('GET', url, { cookie: admin });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().fields, url).toBeDefined();
    }
  });

  // the shapes that were once taken (issue 11.4): each must be a 400 naming the field, and change nothing
  it('booleans are not ids, impossible dates are refused in filters, null and string bodies are not updates', async () => {
    const project = (await t.call('GET', '/api/projects?limit=1', { cookie: admin })).json().items[0].id as number;
    const enterprise = (await t.call('GET', '/api/enterprises?limit=1', { cookie: admin })).json().items[0].id as number;
    const unit = (await t.call('GET', '/api/org/units?q=鼓楼', { cookie: admin })).json().items[0].id as number;
    const manager = await t.login('manager', DEMO_PASSWORD); // before the count: signing in is audited
    const before = await counts();
    const refused: [string, string, unknown, string][] = [
      ['POST', '/api/org/units', { parentId: true, name: '布尔单位', kind: 'other' }, 'parentId'],
      ['POST', `/api/org/units/${unit}/move`, { parentId: true }, 'parentId'],
      ['PATCH', `/api/projects/${project}`, { keyBlockId: true }, 'keyBlockId'],
      ['PUT', '/api/targets', { unitId: true, indicator: 'signed_count', year: 2026, value: 1 }, 'unitId'],
      ['DELETE', '/api/targets', { unitId: true, indicator: 'signed_count', year: 2026 }, 'unitId'],
      ['PATCH', `/api/projects/${project}`, 'null', 'body'],
      ['PATCH', `/api/org/units/${unit}`, 'null', 'body'],
      ['PATCH', `/api/enterprises/${enterprise}`, 'null', 'body'],
      ['POST', '/api/bulletins/1/review', '"str"', 'body'],
      ['POST', '/api/bulletins/1/reopen', '"str"', 'body'],
    ];
    for (const [method, url, body, field] of refused) {
      const res = await t.call(method, url, { cookie: admin, body });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().fields ?? {}), `${method} ${url}`).toContain(field);
    }
    for (const url of ['/api/projects', '/api/projects/board', '/api/projects/export', '/api/projects/inbox', '/api/audit']) {
      // the inbox is the investment centre's
      const cookie = url.endsWith('/inbox') ? manager : admin;
      const res = await t.call('GET', `${url}?from=2026-02-30`, { cookie });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().fields, url).toHaveProperty('from');
    }
    const meeting = await t.call('GET', '/api/coordination/meeting?meetingDate=2026-02-30', { cookie: admin });
    expect(meeting.statusCode).toBe(400);
    expect(meeting.json().fields).toHaveProperty('meetingDate');
    expect(await counts()).toEqual(before);
  });

  it('a plain DELETE needs no content type', async () => {
    const made = await t.call('POST', '/api/org/units', { cookie: admin, body: { parentId: district, name: '待删除的临时单位', kind: 'other' } });
    expect(made.statusCode, made.body).toBeLessThan(300);
    const res = await t.call('DELETE', `/api/org/units/${made.json().id}`, { cookie: admin, noBody: true });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect((await t.call('GET', `/api/org/units/${made.json().id}`, { cookie: admin })).statusCode).toBe(404);
  });

  it('no input of any shape on any route produces a 500', async () => {
    const doc = (await t.call('GET', '/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    // strings are sent as they are: 'null' and '"str"' are JSON bodies of those shapes, '{bad' is not JSON
    const junk: unknown[] = ['null', '"str"', 'true', [], 'text', 0, { id: true, parentId: true, unitId: true, keyBlockId: true }, { from: '2026-02-30', onDate: '2026-02-30', date: '2099-01-01' }, { amount: 1e30 }, { amount: -1 }, { amount: '1e3' }, { id: 'x' }, { name: '\u0000' }, { name: "'; drop table users; --" }, { parentId: -1 }, { parentId: 2 ** 40 }, { a: { b: { c: [] } } }, '{bad'];
    const ids = ['0', '1', 'x', '1e3', '%00', '99999999999999'];
    let calls = 0;
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      if (path === '/api/auth/logout') continue; // would end the admin session
      for (const method of Object.keys(methods)) {
        for (const id of ids) {
          const url = path.replace(/\{\w+\}/g, encodeURIComponent(id));
          const bodies = method === 'get' ? [undefined] : junk;
          for (const body of bodies) {
            const query = method === 'get' ? (calls % 2 ? '?q=%27%22%5C&limit=abc' : '?from=2026-02-30&to=2026-13-01&unitId=true&meetingDate=2026-02-30') : '';
            const res = await t.call(method.toUpperCase(), `${url}${query}`, { cookie: admin, body });
            if (res.statusCode >= 500) failures.push(`${method} ${url}${query} ${JSON.stringify(body)}: ${res.statusCode} ${res.body}`);
            calls++;
          }
        }
      }
    }
    // the figures the hardening note quotes
    console.log(JSON.stringify({ fuzz: 'bad-input', routes: Object.keys(doc.paths).length, calls, status5xx: failures.length }));
    expect(failures).toEqual([]);
    expect(calls).toBeGreaterThan(100);
    // every route × every id shape × every junk body: grows with each module, like the scope matrix
  }, 600_000);
});
