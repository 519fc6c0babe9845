import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiSignIn,
  DESKTOP,
  launchBrowser,
  newPage,
  PHONE,
  pickOption,
  pickTreeOption,
  poll,
  screenshot,
  signIn,
  skipReason,
  startServer,
  type ApiCall,
  type RunningServer,
} from './harness.js';

// evaluated in the page (this file is type-checked without the DOM library)
const overflowX = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
const toast = (page: Page) => page.locator('.ant-message-notice').last();

type ProjectItem = { id: number; name: string; enterpriseName: string; unitName: string; stage: string };
type ProjectDetail = ProjectItem & { intake: string; ownerName: string | null; reportedByName: string | null; reportedByUnitName: string | null; coPromoters: { unitName: string }[] };

async function json<T>(api: ApiCall, path: string): Promise<T> {
  const res = await api('GET', path);
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Picks a GB/T 4754 class in the industry cascader by searching for its name. */
async function pickIndustry(page: Page, testId: string, name: string) {
  const picker = page.getByTestId(testId);
  await picker.click();
  await picker.locator('input').fill(name);
  await page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu-item', { hasText: name }).first().click();
}

// The closed loop from a phone to the project page: one server; each test reports (over the API)
// the enterprise it works on, under a name of its own, and takes it to the stage it starts from.
describe.skipIf(!!skipReason)('closed loop: report a lead on a phone, accept it, move it through the gates', () => {
  let server: RunningServer;
  let browser: Browser;
  let manager: ApiCall;
  let promoter: ApiCall;
  const newName = '宁波翊澜智能装备有限公司';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    manager = await apiSignIn(server.baseUrl, 'manager');
    promoter = await apiSignIn(server.baseUrl, 'promoter.gulou');
  });

  async function ok<T>(res: Promise<Response>, what: string): Promise<T> {
    const r = await res;
    if (!r.ok) throw new Error(`${what}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  }
  /** A 增资扩产 lead of 50,000,000 yuan (5,000 万元) reported by the 鼓楼街道 promoter, accepted for them (unless `pending`). */
  async function lead(name: string, opts: { pending?: boolean } = {}): Promise<number> {
    const r = await ok<{ projectId: number }>(
      promoter('POST', '/api/leads', { newEnterprise: { name }, contactName: '周经理', projectType: 'expansion', source: 'event', investmentMinor: 5_000_000_000 }),
      `report ${name}`,
    );
    if (!opts.pending) {
      const gulou = (await json<{ items: { id: number; name: string }[] }>(manager, `/api/org/units`)).items.find((u) => u.name === '鼓楼街道')!;
      const owner = (await json<{ items: { id: number }[] }>(manager, '/api/users?q=promoter.gulou')).items[0]!;
      await ok(manager('POST', `/api/projects/${r.projectId}/accept`, { unitId: gulou.id, ownerUserId: owner.id }), `accept ${name}`);
    }
    return r.projectId;
  }
  /** A lead taken through 洽谈 to 签约. */
  async function signedLead(name: string): Promise<number> {
    const id = await lead(name);
    await ok(promoter('POST', `/api/projects/${id}/transition`, { to: 'negotiating' }), 'negotiating');
    const evidence = { contractDate: '2026-03-01', agreedInvestmentMinor: 5_000_000_000, agreedInvestmentCurrency: 'CNY', parties: `海曙区人民政府；${name}` };
    await ok(promoter('POST', `/api/projects/${id}/transition`, { to: 'signed', evidence }), 'signed');
    return id;
  }
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('on a phone a promoter is warned of a duplicate, joins it, then reports a new enterprise and is told who follows up by when', async () => {
    // an enterprise of the demo data with an open project (not the promoter's own unit's)
    const open = await json<{ items: ProjectItem[] }>(manager, '/api/projects?stage=negotiating&limit=50');
    const taken = open.items.find((p) => p.unitName !== '鼓楼街道') ?? open.items[0]!;

    const { context, page, errors } = await newPage(browser, PHONE);
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('wb-attention').waitFor();
    expect(await page.getByTestId('home-scope').getAttribute('data-reach')).toBe('unit');
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'workbench-01-phone');

    // the prominent button on the workbench opens the form
    await page.getByTestId('workbench-report').click();
    await page.getByTestId('lead-form').waitFor();
    expect(new URL(page.url()).pathname).toBe('/leads/new');
    await screenshot(page, 'lead-01-phone-empty');

    // live duplicate hints under the name as it is typed
    await page.getByTestId('lead-enterprise').fill(taken.enterpriseName);
    const hint = page.getByTestId('lead-hint').filter({ hasText: taken.enterpriseName }).first();
    await hint.waitFor();
    expect(await hint.getByTestId('lead-hint-projects').textContent()).toMatch(/已有 \d+ 个项目/);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'lead-02-phone-duplicate-hints');

    // picking it: the form only allows joining that project or claiming the first report
    await hint.getByTestId('lead-hint-pick').click();
    await page.getByTestId('lead-picked').waitFor();
    await page.getByTestId('lead-duplicate').waitFor();
    expect(await page.getByTestId('lead-duplicate').textContent()).toContain('该企业已有项目在跟进');
    await page.getByTestId('lead-contact-name').fill('王总');
    await page.getByTestId('lead-submit').click();
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('请选择“加入该项目”或“申请认定首报”');
    await page.getByTestId('lead-duplicate-action').getByText('申请认定首报').click();
    await page.getByTestId('lead-submit').click();
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写申请理由');
    await page.getByTestId('lead-duplicate-action').getByText('加入该项目').click();
    await poll(() => page.getByTestId('lead-submit').textContent()).toBe('加入该项目');
    await screenshot(page, 'lead-03-phone-duplicate-choice');
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-success').waitFor();
    expect(await page.getByTestId('lead-success').getAttribute('data-outcome')).toBe('joined');
    expect(await page.getByTestId('lead-success-followup').textContent()).toMatch(new RegExp(`将由 ${taken.unitName} 在 \\d{4}-\\d{2}-\\d{2} 前联系企业并跟进`));
    await screenshot(page, 'lead-04-phone-joined');

    // a genuinely new enterprise
    await page.getByTestId('lead-success-another').click();
    await page.getByTestId('lead-enterprise').fill(newName);
    // a name like no other in the registry: no hints, so no "is it one of these?" confirmation either
    await page.getByTestId('lead-no-match').waitFor();
    await page.getByTestId('lead-contact-name').fill('周经理');
    await page.getByTestId('lead-contact-phone').fill('138 0000 1111');
    await page.getByTestId('lead-project-type').getByText('增资扩产').click();
    await pickOption(page, 'lead-source', '活动推介');
    await page.getByTestId('lead-investment').fill('5000');
    await pickIndustry(page, 'lead-industry', '计算机整机制造');
    await page.getByTestId('lead-note').fill('在上海推介会上接洽，计划在望春工业园区设立生产基地');
    // inline validation as the user types
    await page.getByTestId('lead-contact-phone').fill('138-0000-1111 转 8');
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('只能包含数字、+、- 和空格');
    await page.getByTestId('lead-contact-phone').fill('138 0000 1111');
    await poll(() => page.locator('.ant-form-item-explain-error').count()).toBe(0);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'lead-05-phone-new-filled');

    await page.getByTestId('lead-submit').click();
    const success = page.getByTestId('lead-success');
    await success.waitFor();
    expect(await page.getByTestId('lead-new-confirm').count()).toBe(0);
    expect(await success.getAttribute('data-outcome')).toBe('reported');
    expect(await page.getByTestId('lead-success-title').textContent()).toBe('线索已上报');
    expect(await page.getByTestId('lead-success-followup').textContent()).toMatch(/^将由 鼓楼街道 在 \d{4}-\d{2}-\d{2} 前联系企业并跟进$/);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'lead-06-phone-success');

    // the success screen links to the project
    await page.getByTestId('lead-success-project').click();
    await page.getByTestId('project-summary').waitFor();
    const newProjectId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(newProjectId).toBeGreaterThan(0);
    expect(await page.getByTestId('page-title').textContent()).toBe('宁波翊澜智能装备有限公司增资扩产项目');
    expect(await page.getByTestId('project-reporter').textContent()).toContain('鼓楼街道 · 张晓');
    expect(await page.getByTestId('project-investment').textContent()).toBe('5,000.00 万元');
    expect(await page.getByTestId('intake-tag').first().textContent()).toBe('待受理');
    // a lead moves on once accepted: no gate form yet, and no way around the inbox
    expect(await page.getByTestId('gate-card').textContent()).toContain('线索等待受理');
    expect(await page.getByTestId('gate-submit').count()).toBe(0);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'project-01-phone-lead');

    // and the workbench shows the lead waiting for acceptance
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-home').click();
    const row = page.getByTestId('wb-lead-row').filter({ hasText: '宁波翊澜智能装备有限公司增资扩产项目' });
    await row.waitFor();
    expect(await row.getByTestId('intake-tag').textContent()).toBe('待受理');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('the manager accepts the lead from the inbox and assigns it to 鼓楼街道 and the promoter', async () => {
    const newProjectId = await lead('宁波澜启精密机械有限公司', { pending: true });
    const { context, page, errors } = await newPage(browser, DESKTOP);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('stat-inbox').waitFor();
    const waiting = Number(await page.getByTestId('stat-inbox').textContent());
    expect(waiting).toBeGreaterThan(0);
    await poll(() => page.getByTestId('menu-inbox').locator('.ant-badge').textContent()).toBe(String(waiting));
    await screenshot(page, 'workbench-02-manager');

    await page.getByTestId('menu-inbox').click();
    const row = page.locator(`[data-testid="inbox-row"][data-project-id="${newProjectId}"]`);
    await row.waitFor();
    expect(await page.getByTestId('inbox-total').textContent()).toBe(`共 ${waiting} 条`);
    // oldest first: the lead just reported is the last one
    expect(await page.getByTestId('inbox-row').last().getAttribute('data-project-id')).toBe(String(newProjectId));
    expect(await row.textContent()).toContain('鼓楼街道');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'inbox-01-list');

    await row.getByTestId('inbox-accept').click();
    await pickTreeOption(page, 'accept-unit', '鼓楼街道');
    await pickOption(page, 'accept-owner', '张晓');
    await page.getByTestId('accept-note').fill('鼓楼街道首报，由张晓继续跟进');
    await screenshot(page, 'inbox-02-accept');
    await page.getByTestId('accept-submit').click();
    await poll(() => toast(page).textContent()).toContain('已受理，交由 鼓楼街道 跟进');
    await row.waitFor({ state: 'detached' });
    await poll(() => page.getByTestId('inbox-total').textContent()).toBe(`共 ${waiting - 1} 条`);
    await screenshot(page, 'inbox-03-accepted');

    const p = await json<ProjectDetail>(manager, `/api/projects/${newProjectId}`);
    expect(p).toMatchObject({ intake: 'accepted', unitName: '鼓楼街道', ownerName: '张晓', reportedByName: '张晓', reportedByUnitName: '鼓楼街道' });

    expect(errors).toEqual([]);
    await context.close();
  });

  test('on the project page it moves to 洽谈, then to 签约 once the gate evidence is complete', async () => {
    const name = '宁波澄岭文旅发展有限公司';
    const newProjectId = await lead(name);
    const { context, page, errors } = await newPage(browser, DESKTOP);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}/projects/${newProjectId}`);
    const gate = page.getByTestId('gate-card');
    await poll(() => gate.getAttribute('data-next')).toBe('negotiating');
    expect(await page.getByTestId('project-owner').textContent()).toBe('鼓楼街道 · 张晓');
    expect(await page.getByTestId('project-steps').getAttribute('data-current')).toBe('lead');
    await screenshot(page, 'project-02-lead');

    // 线索 → 洽谈 needs no evidence
    await page.getByTestId('gate-submit').click();
    await poll(() => gate.getAttribute('data-next')).toBe('signed');
    expect(await page.getByTestId('project-steps').getAttribute('data-current')).toBe('negotiating');
    await poll(() => toast(page).textContent()).toContain('已推进到「洽谈」');

    // 洽谈 → 签约: the checklist names the evidence; the amount and dates come prefilled
    expect(await page.getByTestId('gate-checklist').textContent()).toBe('签约日期协议投资额协议投资币种签约各方');
    expect(await page.getByTestId('gate-agreedInvestmentMinor').inputValue()).toBe('5,000.00');
    expect(await page.getByTestId('gate-contractDate').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // a missing field: the server refuses, and says which field under that field
    await page.getByTestId('gate-submit').click();
    const partiesItem = page.locator('.ant-form-item', { has: page.getByTestId('gate-parties') });
    await poll(() => partiesItem.locator('.ant-form-item-explain-error').textContent()).toBe('必填');
    await poll(() => toast(page).textContent()).toContain('缺少进入该阶段所需的材料');
    expect(await gate.getAttribute('data-next')).toBe('signed');
    await screenshot(page, 'project-03-gate-missing-field');

    await page.getByTestId('gate-parties').fill(`海曙区人民政府；${name}`);
    await poll(() => partiesItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.getByTestId('gate-submit').click();
    await poll(() => gate.getAttribute('data-next')).toBe('registered');
    expect(await page.getByTestId('project-steps').getAttribute('data-current')).toBe('signed');
    const signedEntry = page.getByTestId('timeline-entry').filter({ hasText: '洽谈 → 签约' });
    await signedEntry.waitFor();
    expect(await signedEntry.textContent()).toContain(`签约各方：海曙区人民政府；${name}`);
    expect(await signedEntry.textContent()).toContain('协议投资额：5,000.00 万元');
    await screenshot(page, 'project-04-signed');

    // log a contact with the next step: it is on the activities tab and in the timeline
    await page.getByRole('tab', { name: '跟进记录' }).click();
    await page.getByTestId('activity-add').click();
    await page.getByTestId('activity-notes').fill('签约后对接注册手续');
    await page.getByTestId('activity-next-step').fill('协助办理工商注册');
    await page.getByTestId('activity-submit').click();
    await page.getByTestId('activity-row').filter({ hasText: '协助办理工商注册' }).waitFor();
    await screenshot(page, 'project-05-activity');

    // capital in place, then corrected by a reversing entry (after a confirmation that says what happens)
    await page.getByRole('tab', { name: '到位资金' }).click();
    await page.getByTestId('capital-add').click();
    await page.locator('.ant-modal:visible input.ant-input-number-input').fill('1200');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await poll(() => page.getByTestId('capital-total-domestic_out_of_city').textContent()).toBe('1,200.00 万元');
    await page.getByTestId('capital-reverse').first().click();
    expect(await page.locator('.ant-modal:visible').textContent()).toContain('记录只能追加');
    await page.getByTestId('reverse-reason').fill('金额登记有误');
    await page.getByTestId('reverse-submit').click();
    await poll(() => page.getByTestId('capital-total-domestic_out_of_city').textContent()).toBe('0.00 万元');
    await screenshot(page, 'project-06-capital-reversed');

    const p = await json<ProjectDetail>(manager, `/api/projects/${newProjectId}`);
    expect(p.stage).toBe('signed');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('attributes, co-promoters that must add up to 100%, drop with a reason and reopen; a leader only reads', async () => {
    const newProjectId = await signedLead('宁波澜汇智能装备有限公司');
    const { context, page, errors } = await newPage(browser, DESKTOP);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}/projects/${newProjectId}`);
    await page.getByTestId('project-summary').waitFor();

    // edit attributes in the drawer: only what changed is sent
    await page.getByTestId('project-edit').click();
    const drawer = page.getByTestId('project-edit-drawer');
    await drawer.waitFor();
    await drawer.locator('.ant-form-item', { hasText: '预计用工（人）' }).locator('input').fill('320');
    await screenshot(page, 'project-07-edit-drawer');
    const patched = page.waitForRequest((r) => r.method() === 'PATCH');
    await page.getByTestId('project-edit-submit').click();
    expect(JSON.parse((await patched).postData() ?? '{}')).toEqual({ expectedJobs: 320 });
    await poll(() => toast(page).textContent()).toContain('已保存');

    // co-promoters: the editor refuses anything but 100%
    await page.getByTestId('co-edit').click();
    await page.locator('.ant-modal:visible').getByText('添加单位').click();
    await pickTreeOption(page, 'co-unit-1', '区商务局');
    await poll(() => page.getByTestId('co-sum').textContent()).toBe('每一行都要选择单位并填写分成');
    expect(await page.getByTestId('co-submit').isDisabled()).toBe(true);
    await page.getByTestId('co-percent-1').fill('40');
    await poll(() => page.getByTestId('co-sum').textContent()).toBe('合计须为 100%，当前 140.00%');
    await page.locator('.ant-modal:visible').getByText('平均分配').click();
    await poll(() => page.getByTestId('co-sum').textContent()).toBe('合计 100%');
    await screenshot(page, 'project-08-co-promoters');
    await page.getByTestId('co-submit').click();
    await poll(async () => (await page.getByTestId('co-row').allTextContents()).sort()).toEqual(['区商务局50.0%', '鼓楼街道50.0%']);

    // drop (the dialog says what happens), then reopen where it stopped
    await page.getByTestId('project-drop').click();
    expect(await page.locator('.ant-modal:visible').textContent()).toContain('可以重新启动，回到「签约」阶段');
    await page.getByTestId('drop-submit').click();
    await poll(() => page.locator('.ant-form-item-explain-error').allTextContents()).toContain('请填写原因');
    await page.getByTestId('drop-reason').fill('企业投资计划调整');
    await page.getByTestId('drop-submit').click();
    await page.getByTestId('project-reopen').waitFor();
    expect(await page.getByTestId('gate-card').textContent()).toContain('项目在「签约」阶段终止');
    await screenshot(page, 'project-09-dropped');
    await page.getByTestId('project-reopen').click();
    await page.getByTestId('reopen-reason').fill('企业重新确认投资');
    await page.getByTestId('reopen-submit').click();
    await poll(() => page.getByTestId('gate-card').getAttribute('data-next')).toBe('registered');
    await poll(() => toast(page).textContent()).toContain('项目已重新启动，回到「签约」');
    expect(errors).toEqual([]);
    await context.close();

    // a leader reads the same page without any of the actions
    const leader = await newPage(browser, DESKTOP);
    await signIn(leader.page, server.baseUrl, 'leader');
    await leader.page.getByTestId('header-user').waitFor();
    await leader.page.goto(`${server.baseUrl}/projects/${newProjectId}`);
    await leader.page.getByTestId('gate-card').waitFor();
    for (const id of ['project-edit', 'project-drop', 'gate-submit', 'co-edit']) expect(await leader.page.getByTestId(id).count()).toBe(0);
    expect(await leader.page.getByTestId('menu-report-lead').count()).toBe(1);
    expect(await leader.page.getByTestId('menu-inbox').count()).toBe(0);
    expect(leader.errors).toEqual([]);
    await leader.context.close();
  });

  test('the manager decides the open first-report claim, after a confirmation', async () => {
    const { context, page, errors } = await newPage(browser, DESKTOP);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('menu-arbitrations').click();
    const decide = page.getByTestId('arbitration-decide').first();
    await decide.waitFor();
    await screenshot(page, 'arbitration-01-open');
    await decide.click();
    await page.locator('.ant-modal:visible').getByText('驳回：首报维持不变').click();
    await page.getByTestId('decide-note').fill('鼓楼街道的走访记录早于推介会');
    await page.getByTestId('decide-submit').click();
    await page.getByTestId('decide-confirm').click();
    await poll(() => toast(page).textContent()).toContain('已认定');
    await page.getByTestId('arbitration-filter').getByText('已认定').click();
    await poll(() => page.getByTestId('arbitration-status').allTextContents()).toContain('已驳回');
    await screenshot(page, 'arbitration-02-decided');
    expect(errors).toEqual([]);
    await context.close();
  });
});
