import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { queryRows } from '@wutong/db';
import { refusal, startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';

const SIGNED = { contractDate: '2026-03-01', agreedInvestmentMinor: 500_000_000_00, agreedInvestmentCurrency: 'CNY', parties: '海曙区人民政府；寰采星科技(宁波)有限公司' };

describe('the closed loop', () => {
  // One database for the file's cases; each case reports the enterprises it works on, under
  // names no other case uses, and looks only at its own records.
  let t: TestApp;
  let gulou: string;
  let swj: string;
  let manager: string;
  let gulouUnitId: number;

  beforeAll(async () => {
    t = await startTestApp('demo');
    gulou = await t.login('promoter.gulou', DEMO_PASSWORD);
    swj = await t.login('promoter.swj', DEMO_PASSWORD);
    manager = await t.login('manager', DEMO_PASSWORD);
    gulouUnitId = (await t.call('GET', '/api/auth/me', { cookie: gulou })).json().unitId;
  });
  afterAll(() => t?.close());

  /** A lead of a new enterprise, reported by the 鼓楼街道 promoter: its project id. */
  const report = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await t.call('POST', '/api/leads', { cookie: gulou, body: { newEnterprise: { name }, contactName: '程经理', projectType: 'new', source: 'visit', ...extra } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().projectId as number;
  };
  const accept = async (projectId: number) => {
    const owner = (await t.call('GET', '/api/users?q=promoter.gulou', { cookie: manager })).json().items[0];
    const res = await t.call('POST', `/api/projects/${projectId}/accept`, { cookie: manager, body: { unitId: gulouUnitId, ownerUserId: owner.id } });
    expect(res.statusCode, res.body).toBe(200);
  };
  const move = async (projectId: number, body: Record<string, unknown>) => {
    const res = await t.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** Reported, accepted and signed: the state the later gates start from. */
  const signedProject = async (name: string) => {
    const id = await report(name);
    await accept(id);
    await move(id, { to: 'negotiating' });
    await move(id, { to: 'signed', evidence: { ...SIGNED, parties: `海曙区人民政府；${name}` } });
    return id;
  };

  it('a promoter reports a lead and is told who follows up by when', async () => {
    const res = await t.call('POST', '/api/leads', {
      cookie: gulou,
      body: { newEnterprise: { name: '寰采星科技(宁波)有限公司' }, contactName: '程经理', contactPhone: '13800000000', industryCode: 'C3985', investmentMinor: 100_000_000_00, projectType: 'new', source: 'fund', note: '金属掩膜版量产线' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'reported', followUpUnit: '鼓楼街道' });
    expect(res.json().followUpBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const projectId = res.json().projectId;
    const p = (await t.call('GET', `/api/projects/${projectId}`, { cookie: gulou })).json();
    expect(p).toMatchObject({ stage: 'lead', intake: 'pending', reportedByName: '张晓', reportedByUnitName: '鼓楼街道', nextStage: 'negotiating' });
    expect(p.coPromoters).toEqual([{ unitId: gulouUnitId, unitName: '鼓楼街道', shareBp: 10000 }]);
  });

  it('a second report of the same enterprise must join or claim', async () => {
    const projectId = await report('宁波重报测试精密机械有限公司');
    const enterpriseId = (await t.call('GET', `/api/projects/${projectId}`, { cookie: gulou })).json().enterprise.id;
    const base = { enterpriseId, contactName: '程经理', projectType: 'new', source: 'visit' };
    const dup = await t.call('POST', '/api/leads', { cookie: swj, body: base });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_project');
    expect(dup.json().fields).toHaveProperty('enterpriseId');
    const joined = await t.call('POST', '/api/leads', { cookie: swj, body: { ...base, duplicateAction: 'join' } });
    expect(joined.json()).toMatchObject({ outcome: 'joined', projectId });
    // a co-promoter sees the project now
    expect((await t.call('GET', `/api/projects/${projectId}`, { cookie: swj })).statusCode).toBe(200);
    const claimNoReason = await t.call('POST', '/api/leads', { cookie: swj, body: { ...base, duplicateAction: 'claim' } });
    expect(claimNoReason.statusCode).toBe(400);
    expect(claimNoReason.json().fields).toHaveProperty('claimReason');
    const claim = await t.call('POST', '/api/leads', { cookie: swj, body: { ...base, duplicateAction: 'claim', claimReason: '商务局 2026-01 已首次接洽' } });
    expect(claim.json()).toMatchObject({ outcome: 'claimed' });
    const mine = ((await t.call('GET', '/api/arbitrations', { cookie: manager })).json().items as { id: number; projectId: number }[]).filter((a) => a.projectId === projectId);
    expect(mine).toHaveLength(1);
    const arbitration = mine[0]!;
    expect(arbitration).toMatchObject({ status: 'open', claimantUnitName: '区商务局', currentUnitName: '鼓楼街道' });
    // the claimant sees their claim, not the claimed project's details
    const theirs = (await t.call('GET', '/api/arbitrations', { cookie: swj })).json().items.find((a: { id: number }) => a.id === arbitration.id);
    expect(theirs).toMatchObject({ projectName: '', currentUnitName: null });
    const decided = await t.call('POST', `/api/arbitrations/${arbitration.id}/decide`, { cookie: manager, body: { decision: 'upheld', note: '商务局提供了首次接洽记录' } });
    expect(decided.json().status).toBe('upheld');
    const p = (await t.call('GET', `/api/projects/${projectId}`, { cookie: manager })).json();
    expect(p.reportedByUnitName).toBe('区商务局');
    const again = await t.call('POST', `/api/arbitrations/${arbitration.id}/decide`, { cookie: manager, body: { decision: 'rejected', note: 'x' } });
    expect(again.statusCode).toBe(409);
  });

  it('the centre accepts the lead and assigns it; the promoter cannot run the inbox', async () => {
    const projectId = await report('宁波受理分派测试电子有限公司');
    const inbox = (await t.call('GET', '/api/projects/inbox', { cookie: manager })).json();
    expect(inbox.items.map((p: { id: number }) => p.id)).toContain(projectId);
    expect((await t.call('GET', '/api/projects/inbox', { cookie: gulou })).statusCode).toBe(403);
    const owner = (await t.call('GET', '/api/users?q=promoter.gulou', { cookie: manager })).json().items[0];
    const res = await t.call('POST', `/api/projects/${projectId}/accept`, { cookie: manager, body: { unitId: gulouUnitId, ownerUserId: owner.id } });
    expect(res.json()).toMatchObject({ intake: 'accepted', unitName: '鼓楼街道', ownerName: '张晓' });
    expect((await t.call('POST', `/api/projects/${projectId}/accept`, { cookie: manager, body: { unitId: gulouUnitId } })).statusCode).toBe(409);
    expect((await t.call('GET', '/api/projects/inbox', { cookie: manager })).json().items.map((p: { id: number }) => p.id)).not.toContain(projectId);
  });

  it('moves through gates with evidence; missing evidence is refused by field', async () => {
    const projectId = await report('宁波闸口测试新材料有限公司');
    await accept(projectId);
    expect((await move(projectId, { to: 'negotiating' })).stage).toBe('negotiating');
    const missing = await t.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body: { to: 'signed', evidence: { contractDate: '2026-03-01' } } });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().fields).sort()).toEqual(['evidence.agreedInvestmentCurrency', 'evidence.agreedInvestmentMinor', 'evidence.parties']);
    const skip = await t.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body: { to: 'production', evidence: {} } });
    expect(skip.statusCode).toBe(409);
    const signed = await t.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body: { to: 'signed', evidence: SIGNED } });
    expect(signed.json()).toMatchObject({ stage: 'signed', signedAt: '2026-03-01', investmentMinor: SIGNED.agreedInvestmentMinor, nextStage: 'registered' });
    expect(signed.json().gateFields).toEqual(['uscc', 'regCapitalMinor', 'regCapitalCurrency', 'registeredOn']);
    const badUscc = await t.call('POST', `/api/projects/${projectId}/transition`, {
      cookie: gulou,
      body: { to: 'registered', evidence: { uscc: '91110000600037341N', regCapitalMinor: 1, regCapitalCurrency: 'CNY', registeredOn: '2026-04-01' } },
    });
    expect(badUscc.statusCode).toBe(400);
    expect(badUscc.json().fields).toHaveProperty('evidence.uscc');
    const timeline = (await t.call('GET', `/api/projects/${projectId}/timeline`, { cookie: gulou })).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'stage').map((e: { title: string }) => e.title)).toEqual(['洽谈 → 签约', '线索 → 洽谈', '线索']);
  });

  it('keeps the stage history append-only', async () => {
    const projectId = await signedProject('宁波历史只增测试科技有限公司');
    const events = async () => JSON.stringify(await queryRows(t.database.db, sql`select * from project_stage_events where project_id = ${projectId} order by id`));
    const before = await events();
    expect(JSON.parse(before)).toHaveLength(3);
    expect(await refusal(t.database.db.execute(sql`update project_stage_events set to_stage = 'production' where project_id = ${projectId}`))).toMatch(/^P0001: .*append-only/);
    expect(await refusal(t.database.db.execute(sql`delete from project_stage_events where project_id = ${projectId}`))).toMatch(/^P0001: .*append-only/);
    expect(await events()).toBe(before);
  });

  it('drops with a reason and reopens where it stopped', async () => {
    const projectId = await signedProject('宁波终止重启测试科技有限公司');
    const noReason = await t.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body: { to: 'dropped' } });
    expect(noReason.json().fields).toHaveProperty('reason');
    expect((await move(projectId, { to: 'dropped', reason: '企业暂缓投资' })).droppedReason).toBe('企业暂缓投资');
    const reopened = await t.call('POST', `/api/projects/${projectId}/transition`, { cookie: gulou, body: { to: 'signed', reason: '企业恢复投资计划' } });
    expect(reopened.json()).toMatchObject({ stage: 'signed', droppedReason: null });
  });

  it('records capital in place append-only; a correction is a reversing entry, once', async () => {
    const projectId = await signedProject('宁波到位资金测试科技有限公司');
    const add = await t.call('POST', `/api/projects/${projectId}/capital`, { cookie: gulou, body: { category: 'foreign_usd', amountMinor: 25_700_000_00, recordedOn: '2026-06-30' } });
    const rec = add.json().items[0];
    expect(rec).toMatchObject({ currency: 'USD', amountMinor: 25_700_000_00, reversed: false });
    const rev = await t.call('POST', `/api/projects/${projectId}/capital/${rec.id}/reverse`, { cookie: gulou, body: { reason: '录入重复' } });
    expect(rev.json().items.find((r: { reversesId: number | null }) => r.reversesId === rec.id).amountMinor).toBe(-25_700_000_00);
    expect((await t.call('POST', `/api/projects/${projectId}/capital/${rec.id}/reverse`, { cookie: gulou, body: { reason: 'again' } })).statusCode).toBe(409);
    const p = (await t.call('GET', `/api/projects/${projectId}`, { cookie: gulou })).json();
    expect(p.capitalTotals).toEqual([{ category: 'foreign_usd', currency: 'USD', amountMinor: 0 }]);
    expect(await refusal(t.database.db.execute(sql`update capital_records set amount_minor = 1 where project_id = ${projectId}`))).toMatch(/^P0001: .*append-only/);
    expect(await refusal(t.database.db.execute(sql`delete from capital_records where project_id = ${projectId}`))).toMatch(/^P0001: .*append-only/);
  });

  it('lights: an uncontacted lead turns red with its reason; contact clears it; an overdue next step is yellow', async () => {
    const id = await report('宁波灯测试新材料有限公司');
    await t.database.db.execute(sql`update projects set reported_at = now() - interval '10 days' where id = ${id}`);
    let p = (await t.call('GET', `/api/projects/${id}`, { cookie: gulou })).json();
    expect(p.light).toBe('red');
    expect(p.lightReasons).toContain('3个工作日未联系');
    const en = (await t.call('GET', `/api/projects/${id}`, { cookie: `${gulou}; wutong_lang=en-US` })).json();
    expect(en.lightReasons).toContain('not contacted for 3 working days');
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await t.call('POST', `/api/projects/${id}/activities`, { cookie: gulou, body: { kind: 'visit', occurredOn: today, notes: '上门拜访', nextStep: '发送政策清单', nextDue: '2026-01-01' } });
    p = (await t.call('GET', `/api/projects/${id}`, { cookie: gulou })).json();
    expect(p.light).toBe('yellow');
    expect(p.lightReasons).toEqual(['下一步已逾期']);
    const yellows = (await t.call('GET', '/api/projects?light=yellow', { cookie: gulou })).json().items.map((x: { id: number }) => x.id);
    expect(yellows).toContain(id);
    const wb = (await t.call('GET', '/api/workbench', { cookie: gulou })).json();
    // the workbench puts what needs attention first: at least this yellow project
    expect(wb.myProjects[0].light).not.toBe('green');
    expect(wb.myLeads.map((x: { id: number }) => x.id)).toContain(id);
  });

  it('lists with filters, pinyin initials, keyset pages and an Excel export of the same', async () => {
    const signedId = await signedProject('翊澜分页科技(宁波)有限公司');
    // 25 enterprises with trade names of their own (names alike but for a number are held as likely duplicates)
    const trade = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水'.split('');
    for (let i = 0; i < 25; i++) await report(`宁波${trade[i]}${trade[24 - i]}分页测试科技有限公司`);
    const seen = new Set<number>();
    let cursor: string | null = null;
    let total: number;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null; total: number } = (
        await t.call('GET', `/api/projects?limit=7&sort=reportedAt${cursor ? `&cursor=${cursor}` : ''}`, { cookie: gulou })
      ).json();
      total = page.total;
      for (const p of page.items) {
        expect(seen.has(p.id)).toBe(false);
        seen.add(p.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(26);
    expect(seen.has(signedId)).toBe(true);
    const byInitials = (await t.call('GET', '/api/projects?q=ylfy', { cookie: gulou })).json();
    expect(byInitials.items.map((p: { id: number }) => p.id)).toEqual([signedId]);
    const signed = (await t.call('GET', '/api/projects?stage=signed', { cookie: gulou })).json();
    expect(signed.items.map((p: { id: number }) => p.id)).toContain(signedId);
    expect(signed.items.every((p: { stage: string }) => p.stage === 'signed')).toBe(true);
    const xlsx = await t.call('GET', '/api/projects/export', { cookie: gulou });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    expect(wb.worksheets[0]!.rowCount - 1).toBe(total);
    const board = (await t.call('GET', '/api/projects/board', { cookie: gulou })).json();
    expect(board.columns.map((c: { stage: string }) => c.stage)).toEqual(['lead', 'negotiating', 'signed', 'registered', 'construction', 'production', 'dropped']);
  });

  it('a trip visit becomes an activity and can file a lead', async () => {
    const trip = (await t.call('POST', '/api/trips', { cookie: gulou, body: { destination: '深圳', startOn: '2026-02-10', endOn: '2026-02-12', leader: '区委主要负责人', delegation: '招商中心、鼓楼街道' } })).json();
    const bad = await t.call('POST', '/api/trips', { cookie: gulou, body: { destination: '深圳', startOn: '2026-02-10', endOn: '2026-02-01', leader: 'x' } });
    expect(bad.json().fields).toHaveProperty('endOn');
    const withLead = await t.call('POST', `/api/trips/${trip.id}/visits`, {
      cookie: gulou,
      body: { occurredOn: '2026-02-11', notes: '拜访京东方', lead: { newEnterprise: { name: '深圳物联网创新科技有限公司' }, contactName: '赵总', projectType: 'new', source: 'trip' } },
    });
    expect(withLead.json().visits).toHaveLength(1);
    expect(withLead.json().visits[0].projectId).toBeTruthy();
    expect((await t.call('GET', `/api/projects/${withLead.json().visits[0].projectId}`, { cookie: gulou })).json().source).toBe('trip');
  });
});

describe('project list filters', () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    manager = await t.login('manager', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('filters by a GB/T 4754 section letter, a code prefix with or without its letter, and an enterprise', async () => {
    const all = (await t.call('GET', '/api/projects?limit=1', { cookie: manager })).json().total;
    const c = (await t.call('GET', '/api/projects?industry=C&limit=200', { cookie: manager })).json();
    expect(c.total).toBeGreaterThan(0);
    expect(c.total).toBeLessThan(all);
    expect(c.items.every((p: { industryCode: string }) => Number(p.industryCode.slice(0, 2)) >= 13 && Number(p.industryCode.slice(0, 2)) <= 43)).toBe(true);
    const c36 = (await t.call('GET', '/api/projects?industry=C36', { cookie: manager })).json().total;
    expect((await t.call('GET', '/api/projects?industry=36', { cookie: manager })).json().total).toBe(c36);
    const one = c.items[0];
    const byEnterprise = (await t.call('GET', `/api/projects?enterpriseId=${one.enterpriseId}`, { cookie: manager })).json();
    expect(byEnterprise.items.map((p: { id: number }) => p.id)).toEqual([one.id]);
  });

  it('compares investment bounds in 万元 against CNY projects', async () => {
    const r = (await t.call('GET', '/api/projects?minInvestment=10000&maxInvestment=50000&limit=200', { cookie: manager })).json();
    expect(r.total).toBeGreaterThan(0);
    for (const p of r.items) {
      expect(p.investmentCurrency).toBe('CNY');
      expect(p.investmentMinor / 1_000_000).toBeGreaterThanOrEqual(10000);
      expect(p.investmentMinor / 1_000_000).toBeLessThanOrEqual(50000);
    }
  });
});

describe('intake before gates, duplicates by name, reopen target', () => {
  let t: TestApp;
  let promoter: string;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp('demo');
    promoter = await t.login('promoter.gulou', DEMO_PASSWORD);
    manager = await t.login('manager', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('a pending lead cannot move until it is accepted', async () => {
    const r = (await t.call('POST', '/api/leads', { cookie: promoter, body: { newEnterprise: { name: '宁波受理测试科技有限公司' }, contactName: '王', projectType: 'new', source: 'visit' } })).json();
    const early = await t.call('POST', `/api/projects/${r.projectId}/transition`, { cookie: promoter, body: { to: 'negotiating' } });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('lead_not_accepted');
    const me = (await t.call('GET', '/api/auth/me', { cookie: promoter })).json();
    await t.call('POST', `/api/projects/${r.projectId}/accept`, { cookie: manager, body: { unitId: me.unitId } });
    expect((await t.call('POST', `/api/projects/${r.projectId}/transition`, { cookie: promoter, body: { to: 'negotiating' } })).statusCode).toBe(200);
    await t.call('POST', `/api/projects/${r.projectId}/transition`, { cookie: promoter, body: { to: 'dropped', reason: '暂缓' } });
    expect((await t.call('GET', `/api/projects/${r.projectId}`, { cookie: promoter })).json().reopenTo).toBe('negotiating');
  });

  it('a "new" enterprise written like a known one is the known one', async () => {
    const first = (await t.call('POST', '/api/leads', { cookie: promoter, body: { newEnterprise: { name: '寰采星科技（宁波）有限公司' }, contactName: '程', projectType: 'new', source: 'fund' } })).json();
    const again = await t.call('POST', '/api/leads', { cookie: promoter, body: { newEnterprise: { name: '寰采星科技(宁波)有限公司 ' }, contactName: '程', projectType: 'new', source: 'fund' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('duplicate_project');
    expect(first.outcome).toBe('reported');
  });
});
