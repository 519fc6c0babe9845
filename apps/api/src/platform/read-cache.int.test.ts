import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp } from '../testing/app.js';
import { DEMO_PASSWORD } from '../seeds/demo.js';

// The project list is served from memory until a table it reads changes (packages/db/src/read-cache.ts).
describe('the read cache behind the project list', () => {
  let t: TestApp;
  let manager: string;
  let promoter: string;
  const LIST = '/api/projects?sort=reportedAt&dir=desc&limit=5';
  const first = async (cookie = manager) => (await t.call('GET', LIST, { cookie })).json().items[0] as { id: number; name: string; enterpriseName: string };

  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    manager = await t.login('manager', DEMO_PASSWORD);
    promoter = await t.login('promoter.gulou', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('serves a page from memory: a write that announces nothing is not seen', async () => {
    const p = await first();
    // triggers off for this one statement: the change feed hears nothing, so the kept page stays
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update projects set name = ${`${p.name}·静默`} where id = ${p.id}`);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect((await first()).name).toBe(p.name);
    // restore the name the same silent way, so the next test starts from the truth
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update projects set name = ${p.name} where id = ${p.id}`);
    });
  });

  it('a command through the API is seen by the next read at once', async () => {
    const p = await first();
    const res = await t.call('PATCH', `/api/projects/${p.id}`, { cookie: manager, body: { name: `${p.name}·改` } });
    expect(res.statusCode).toBe(200);
    expect((await first()).name).toBe(`${p.name}·改`);
    await t.call('PATCH', `/api/projects/${p.id}`, { cookie: manager, body: { name: p.name } });
    expect((await first()).name).toBe(p.name);
  });

  it('a write outside the API (a job, another instance, psql) is seen as soon as its notification arrives', async () => {
    const p = await first();
    await t.database.db.execute(sql`update enterprises set name = name || '·外部' where id = (select enterprise_id from projects where id = ${p.id})`);
    let seen = '';
    for (let i = 0; i < 50 && !seen.endsWith('·外部'); i++) {
      seen = (await first()).enterpriseName;
      if (!seen.endsWith('·外部')) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe(`${p.enterpriseName}·外部`);
  });

  it('callers with different scopes never share a page', async () => {
    const all = (await t.call('GET', LIST, { cookie: manager })).json();
    const mine = (await t.call('GET', LIST, { cookie: promoter })).json();
    expect(mine.total).toBeLessThan(all.total);
    // the promoter again, now that the manager's page is in memory: still the promoter's own
    expect((await t.call('GET', LIST, { cookie: promoter })).json()).toEqual(mine);
  });
});
