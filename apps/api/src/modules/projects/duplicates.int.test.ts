import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { usccCheckChar } from '@wutong/contracts';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

/**
 * 首报 holds: one enterprise, one record, one open project — whether reports come one after
 * another, twenty at once, or as a variant of a name the registry knows.
 */
describe('duplicate reports and enterprise records', () => {
  let t: TestApp;
  let gulou: string;
  let swj: string;
  let manager: string;
  let seq = 0;
  /** a company name no other case uses */
  const fresh = (stem: string) => `${stem}${String.fromCharCode(0x4e00 + 37 * ++seq)}${String.fromCharCode(0x4e00 + 53 * seq)}科技有限公司`;
  const lead = (name: string, extra: Record<string, unknown> = {}) => ({ newEnterprise: { name, ...extra }, contactName: '张三', source: 'visit', projectType: 'new' });
  const count = async (q: ReturnType<typeof sql>) => Number((await queryRows<{ n: number }>(t.database.db, q))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp('demo');
    gulou = await t.login('promoter.gulou', DEMO_PASSWORD);
    swj = await t.login('promoter.swj', DEMO_PASSWORD);
    manager = await t.login('manager', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('twenty parallel reports of one new enterprise make one enterprise and one project; the rest must join or claim', async () => {
    const name = fresh('竞态');
    const callers = [gulou, swj, gulou, swj];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => t.call('POST', '/api/leads', { cookie: callers[i % 4], body: lead(name) })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.json()).toMatchObject({ code: 'duplicate_project', fields: { enterpriseId: expect.any(String) } });
    expect(await count(sql`select count(*)::int as n from enterprises where name = ${name}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from projects p join enterprises e on e.id = p.enterprise_id where e.name = ${name}`)).toBe(1);
  });

  it('twenty parallel registrations of one name make one enterprise; the rest are told its id', async () => {
    const name = fresh('并发登记');
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.call('POST', '/api/enterprises', { cookie: manager, body: { name } })));
    const ok = answers.filter((a) => a.statusCode === 200);
    expect(ok).toHaveLength(1);
    const id = ok[0]!.json().id;
    for (const a of answers.filter((x) => x.statusCode !== 200)) {
      expect(a.statusCode).toBe(409);
      expect(a.json()).toMatchObject({ code: 'enterprise_exists', existingId: id, fields: { name: expect.any(String) } });
    }
    expect(await count(sql`select count(*)::int as n from enterprises where name = ${name}`)).toBe(1);
  });

  it('an exact duplicate is refused with the existing enterprise’s id: the same name, or the same credit code', async () => {
    const name = fresh('重复登记');
    const uscc = `91330203MA2GQ1KL6${usccCheckChar('91330203MA2GQ1KL6')}`;
    const first = await t.call('POST', '/api/enterprises', { cookie: manager, body: { name, uscc } });
    expect(first.statusCode, first.body).toBe(200);
    const byName = await t.call('POST', '/api/enterprises', { cookie: manager, body: { name: name.replace('有限公司', '有限公司 ') } });
    expect(byName.json()).toMatchObject({ code: 'enterprise_exists', existingId: first.json().id, fields: { name: expect.any(String) } });
    const byCode = await t.call('POST', '/api/enterprises', { cookie: manager, body: { name: fresh('另一个'), uscc } });
    expect(byCode.json()).toMatchObject({ code: 'enterprise_exists', existingId: first.json().id, fields: { uscc: expect.any(String) } });
  });

  /** a registered enterprise and a variant of its name the matcher calls very likely the same */
  async function knownAndVariant() {
    const stem = fresh('岚光').replace('科技有限公司', '');
    const known = (await t.call('POST', '/api/enterprises', { cookie: manager, body: { name: `宁波${stem}电子股份有限公司` } })).json();
    const variant = `${stem}电子（宁波）有限公司`;
    const m = (await t.call('GET', `/api/enterprises/match?name=${encodeURIComponent(variant)}`, { cookie: gulou })).json();
    expect(m.candidates[0]).toMatchObject({ enterprise: { id: known.id }, likely: true });
    return { known, variant };
  }

  it('a new enterprise very like a known one needs a reason, and is then held for the centre; 首报 waits', async () => {
    const { known, variant } = await knownAndVariant();
    const before = await count(sql`select count(*)::int as n from projects`);
    const refused = await t.call('POST', '/api/leads', { cookie: gulou, body: lead(variant) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'likely_duplicate', existingId: known.id, fields: { 'newEnterprise.name': expect.any(String) } });
    // the field says which enterprise it is like
    expect(refused.json().fields['newEnterprise.name']).toContain(`“${known.name}”`);
    expect(await count(sql`select count(*)::int as n from projects`)).toBe(before);

    const held = await t.call('POST', '/api/leads', { cookie: gulou, body: lead(variant, { differsReason: '注册地不同，是另一家公司' }) });
    expect(held.json()).toMatchObject({ outcome: 'reported', duplicateReview: 'pending' });
    const id = held.json().projectId;
    const detail = (await t.call('GET', `/api/projects/${id}`, { cookie: manager })).json();
    expect(detail).toMatchObject({ duplicateReview: 'pending', duplicateReason: '注册地不同，是另一家公司', duplicateOf: { enterpriseId: known.id, enterpriseName: known.name } });
    const inbox = (await t.call('GET', '/api/projects/inbox?limit=200', { cookie: manager })).json().items;
    expect(inbox.find((p: { id: number }) => p.id === id)).toMatchObject({ duplicateReview: 'pending' });

    // accepted, but no 首报 points while the review is pending
    const unitId = (await t.call('GET', '/api/auth/me', { cookie: gulou })).json().unitId;
    expect((await t.call('POST', `/api/projects/${id}/accept`, { cookie: manager, body: { unitId } })).statusCode).toBe(200);
    const leadPoints = () => count(sql`select count(*)::int as n from points_ledger where project_id = ${id} and event_key = ${`lead:${id}`} and reverses_id is null`);
    expect(await leadPoints()).toBe(0);

    // a promoter cannot decide; the centre finds them distinct: the credit goes to the reporter
    expect((await t.call('POST', `/api/projects/${id}/duplicate-review`, { cookie: gulou, body: { decision: 'distinct' } })).statusCode).toBe(403);
    const decided = await t.call('POST', `/api/projects/${id}/duplicate-review`, { cookie: manager, body: { decision: 'distinct', note: '核实为两家' } });
    expect(decided.json()).toMatchObject({ duplicateReview: 'distinct' });
    expect(await leadPoints()).toBe(1);
    expect((await t.call('POST', `/api/projects/${id}/duplicate-review`, { cookie: manager, body: { decision: 'merge' } })).json().code).toBe('duplicate_reviewed');
  });

  it('the centre merges a held lead into the known enterprise: one record, one open project, every record kept', async () => {
    const { known, variant } = await knownAndVariant();
    // the known enterprise already has an open project, with capital in place
    const first = (await t.call('POST', '/api/leads', { cookie: swj, body: { enterpriseId: known.id, contactName: '李四', source: 'visit', projectType: 'new' } })).json().projectId;
    const held = (await t.call('POST', '/api/leads', { cookie: gulou, body: lead(variant, { differsReason: '以为是另一家' }) })).json().projectId;
    const heldEnterprise = (await t.call('GET', `/api/projects/${held}`, { cookie: manager })).json().enterprise.id;
    await t.call('POST', `/api/projects/${held}/activities`, { cookie: manager, body: { kind: 'visit', occurredOn: '2026-11-02', notes: '上门' } });
    const audits = () => count(sql`select count(*)::int as n from audit_log where action = 'merge' and entity = 'enterprise' and entity_id = ${String(known.id)}`);

    const merged = await t.call('POST', `/api/projects/${held}/duplicate-review`, { cookie: manager, body: { decision: 'merge', note: '同一家' } });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ id: first });
    const lead2 = (await t.call('GET', `/api/projects/${held}`, { cookie: manager })).json();
    expect(lead2).toMatchObject({ intake: 'merged', mergedIntoId: first, duplicateReview: 'merged' });
    // the reporting unit joins the project; the activity moved with it; the old record names the new
    const target = (await t.call('GET', `/api/projects/${first}`, { cookie: manager })).json();
    expect(target.coPromoters.map((c: { unitName: string }) => c.unitName)).toContain('鼓楼街道');
    expect((await t.call('GET', `/api/projects/${first}/activities`, { cookie: manager })).json().items.some((a: { notes: string }) => a.notes === '上门')).toBe(true);
    const [rec] = await queryRows<{ merged_into_id: number }>(t.database.db, sql`select merged_into_id from enterprises where id = ${heldEnterprise}`);
    expect(rec!.merged_into_id).toBe(known.id);
    expect(await audits()).toBe(1);
    // the variant name now finds the kept record, as an alias
    const m = (await t.call('GET', `/api/enterprises/match?name=${encodeURIComponent(variant)}`, { cookie: gulou })).json();
    expect(m.candidates[0].enterprise.id).toBe(known.id);
    expect(m.candidates.some((c: { enterprise: { id: number } }) => c.enterprise.id === heldEnterprise)).toBe(false);
    // stage history stays on the merged lead
    expect(await count(sql`select count(*)::int as n from project_stage_events where project_id = ${held}`)).toBeGreaterThan(0);
  });

  it('merging two records whose projects both hold capital moves it by reversal, on its own day, and keeps the sums', async () => {
    const a = (await t.call('POST', '/api/leads', { cookie: gulou, body: lead(fresh('合并甲')) })).json().projectId;
    const b = (await t.call('POST', '/api/leads', { cookie: swj, body: lead(fresh('合并乙')) })).json().projectId;
    const ent = async (id: number) => (await t.call('GET', `/api/projects/${id}`, { cookie: manager })).json().enterprise.id;
    const [ea, eb] = [await ent(a), await ent(b)];
    for (const [id, unit] of [
      [a, gulou],
      [b, swj],
    ] as const) {
      const unitId = (await t.call('GET', '/api/auth/me', { cookie: unit })).json().unitId;
      await t.call('POST', `/api/projects/${id}/accept`, { cookie: manager, body: { unitId } });
    }
    const cap = await t.call('POST', `/api/projects/${a}/capital`, { cookie: manager, body: { category: 'domestic_out_of_city', amountMinor: 123_456_00, recordedOn: '2026-10-15' } });
    expect(cap.statusCode, cap.body).toBe(200);
    const sum = (p: number) => count(sql`select coalesce(sum(amount_minor), 0)::bigint as n from capital_records where project_id = ${p}`);
    const facts = () => count(sql`select coalesce(sum(value), 0)::bigint as n from assessment_facts where indicator = 'domestic_capital_in_place' and project_id in (${a}, ${b})`);
    const factsBefore = await facts();

    expect((await t.call('POST', `/api/enterprises/${ea}/merge`, { cookie: swj, body: { intoEnterpriseId: eb } })).statusCode).toBe(403);
    expect((await t.call('POST', `/api/enterprises/${ea}/merge`, { cookie: manager, body: { intoEnterpriseId: ea } })).json().fields).toHaveProperty('intoEnterpriseId');
    const r = await t.call('POST', `/api/enterprises/${ea}/merge`, { cookie: manager, body: { intoEnterpriseId: eb, note: '同一企业' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(await sum(a)).toBe(0);
    expect(await sum(b)).toBe(123_456_00);
    const moved = await queryRows<{ recorded_on: string; reverses_id: number | null }>(
      t.database.db,
      sql`select to_char(recorded_on, 'YYYY-MM-DD') as recorded_on, reverses_id from capital_records where project_id in (${a}, ${b}) order by id`,
    );
    expect(moved.map((m) => m.recorded_on)).toEqual(['2026-10-15', '2026-10-15', '2026-10-15']);
    expect(await facts()).toBe(factsBefore);
    expect((await t.call('GET', `/api/projects/${a}`, { cookie: manager })).json()).toMatchObject({ intake: 'merged', mergedIntoId: b });
    // merged once: a second merge of the same record is refused
    expect((await t.call('POST', `/api/enterprises/${ea}/merge`, { cookie: manager, body: { intoEnterpriseId: eb } })).json().code).toBe('enterprise_merged');
  });
});
