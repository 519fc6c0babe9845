import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, launchBrowser, newPage, poll, screenshot, SCREENSHOT_DIR, signIn, skipReason, startServer, type ApiCall, type RunningServer } from './harness.js';

const DAY = 86_400_000;
/** A day of the Shanghai calendar, `offset` days from today. */
const shanghaiDay = (offset = 0) => new Date(Date.now() + 8 * 3600_000 + offset * DAY).toISOString().slice(0, 10);
const toast = (page: Page) => page.locator('.ant-message-notice').last();
/** An antd input's <input>, wherever the test id landed (on the input, or on its wrapper). */
const input = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
/** The form item (label, box and message) that holds a test id. */
const formItem = (page: Page, testId: string) => page.locator('.ant-form-item', { has: page.locator(`[data-testid="${testId}"]`) }).last();

async function json<T>(api: ApiCall, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const res = await api(method, path, body);
  expect(res.status, `${method} ${path}: ${res.status}`).toBe(200);
  return (await res.json()) as T;
}

type Detail = { id: number; name: string; intake: string; mergedIntoId: number | null; duplicateReview: string | null; canEdit: boolean; coPromoters: { unitName: string }[] };

describe.skipIf(!!skipReason)('a suspected duplicate waits for the centre; a day that does not exist is refused', () => {
  let server: RunningServer;
  let browser: Browser;
  let manager: ApiCall;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    manager = await apiSignIn(server.baseUrl, 'manager');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('another unit’s promoter reports a variant of a known company: asked why it differs, held; the manager sees the pair side by side and merges', async () => {
    // a registered company with an open project of 区商务局, and a variant of its name the matcher calls very likely the same
    const stem = '岚光翊瑀';
    const knownName = `宁波${stem}电子股份有限公司`;
    const variant = `${stem}电子（宁波）有限公司`;
    const known = await json<{ id: number }>(manager, 'POST', '/api/enterprises', { name: knownName });
    const swj = await apiSignIn(server.baseUrl, 'promoter.swj');
    const first = (await json<{ projectId: number }>(swj, 'POST', '/api/leads', { enterpriseId: known.id, contactName: '李四', source: 'visit', projectType: 'new' })).projectId;
    const match = await json<{ candidates: { enterprise: { id: number }; likely: boolean }[] }>(manager, 'GET', `/api/enterprises/match?name=${encodeURIComponent(variant)}`);
    expect(match.candidates[0]).toMatchObject({ enterprise: { id: known.id }, likely: true });
    const projectsBefore = (await json<{ total: number }>(manager, 'GET', '/api/projects?limit=1')).total;

    // 鼓楼街道's promoter types the variant: the hint says it is very likely the known one
    const promoter = await newPage(browser);
    const page = promoter.page;
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}/leads/new`);
    await page.getByTestId('lead-enterprise').fill(variant);
    await page.locator(`[data-testid="lead-hint"][data-enterprise-id="${known.id}"]`).waitFor();
    await page.getByTestId('lead-contact-name').fill('周经理');
    // an amount beyond the limit says the limit, from the catalogue
    await page.getByTestId('lead-investment').fill('1e30');
    await poll(() => formItem(page, 'lead-investment').locator('.ant-form-item-explain-error').textContent()).toBe('金额不能超过 10万亿元');
    await page.getByTestId('lead-investment').fill('800');
    await poll(() => formItem(page, 'lead-investment').locator('.ant-form-item-explain-error').count()).toBe(0);

    // "a new enterprise" is not one click: it needs a stated reason
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-likely').waitFor();
    expect(await page.getByTestId('lead-likely').getAttribute('data-enterprise-id')).toBe(String(known.id));
    expect(await page.getByTestId('lead-likely-message').textContent()).toContain(knownName);
    await poll(() => page.getByTestId('lead-submit').textContent()).toBe('确定是新企业，提交线索');
    await page.getByTestId('lead-submit').click();
    await poll(() => formItem(page, 'lead-differs-reason').locator('.ant-form-item-explain-error').textContent()).toBe('请填写原因');
    expect((await json<{ total: number }>(manager, 'GET', '/api/projects?limit=1')).total).toBe(projectsBefore);
    const reason = '注册地在杭州，法定代表人和经营范围都不同，是另一家公司';
    await page.getByTestId('lead-differs-reason').fill(reason);
    await screenshot(page, 'duplicates-01-lead-reason');
    await page.getByTestId('lead-submit').click();
    await page.getByTestId('lead-success').waitFor();
    expect(await page.getByTestId('lead-success-held').textContent()).toContain('首报待核实');
    await screenshot(page, 'duplicates-02-lead-held');
    // the project says 首报 waits
    await page.getByTestId('lead-success-project').click();
    await page.getByTestId('project-duplicate').waitFor();
    const held = Number(new URL(page.url()).pathname.split('/').pop());
    expect(await page.getByTestId('first-report-held').count()).toBe(1);
    // a promoter cannot decide
    expect(await page.getByTestId('duplicate-merge').count()).toBe(0);
    expect(promoter.errors).toEqual([]);
    await promoter.context.close();

    // the manager's inbox marks it and shows the pair side by side
    const centre = await newPage(browser);
    const mpage = centre.page;
    await signIn(mpage, server.baseUrl, 'manager');
    await mpage.getByTestId('header-user').waitFor();
    await mpage.goto(`${server.baseUrl}/inbox`);
    const row = mpage.locator(`[data-testid="inbox-row"][data-project-id="${held}"]`);
    await row.waitFor();
    expect(await row.getByTestId('inbox-duplicate-tag').textContent()).toBe('疑似重复');
    const pair = mpage.locator(`[data-testid="duplicate-pair"][data-project-id="${held}"]`);
    await pair.getByTestId('duplicate-new-name').waitFor();
    expect(await pair.getByTestId('duplicate-new-name').textContent()).toBe(variant);
    expect(await pair.getByTestId('duplicate-existing-name').textContent()).toBe(knownName);
    expect(await pair.getByTestId('duplicate-reason').textContent()).toContain(reason);
    await poll(() => pair.getByTestId('duplicate-existing').getByTestId('stage-tag').count()).toBe(1);
    expect(await pair.getByTestId('duplicate-existing-project').getAttribute('href')).toBe(`/projects/${first}`);
    // side by side: the two cards share a row
    const [a, b] = [await pair.getByTestId('duplicate-new').boundingBox(), await pair.getByTestId('duplicate-existing').boundingBox()];
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1);
    await pair.scrollIntoViewIfNeeded();
    await screenshot(mpage, 'duplicates-03-inbox-pair');

    // merging is confirmed first, then one record and one open project remain
    await pair.getByTestId('duplicate-note').fill('核实为同一家');
    await pair.getByTestId('duplicate-merge').click();
    await mpage.getByTestId('duplicate-merge-confirm').click();
    await poll(() => toast(mpage).textContent()).toContain('已合并');
    await poll(() => row.count()).toBe(0);
    const lead = await json<Detail>(manager, 'GET', `/api/projects/${held}`);
    expect(lead).toMatchObject({ intake: 'merged', mergedIntoId: first, duplicateReview: 'merged' });
    const target = await json<Detail>(manager, 'GET', `/api/projects/${first}`);
    expect(target.coPromoters.map((c) => c.unitName)).toContain('鼓楼街道');
    const after = await json<{ candidates: { enterprise: { id: number } }[] }>(manager, 'GET', `/api/enterprises/match?name=${encodeURIComponent(variant)}`);
    expect(after.candidates[0]!.enterprise.id).toBe(known.id);
    await screenshot(mpage, 'duplicates-04-merged');
    console.info(`[e2e] the duplicate pair in the inbox: ${SCREENSHOT_DIR}/duplicates-03-inbox-pair.png`);
    expect(centre.errors).toEqual([]);
    await centre.context.close();
  });

  test('the capital dialog refuses a day that does not exist, and one after today, naming the field; it saves the day shown', async () => {
    const list = await json<{ items: { id: number }[] }>(manager, 'GET', '/api/projects?stage=construction&limit=5');
    const id = list.items[0]!.id;
    expect((await json<Detail>(manager, 'GET', `/api/projects/${id}`)).canEdit).toBe(true);
    const records = async () => (await json<{ items: { recordedOn: string; amountMinor: number }[] }>(manager, 'GET', `/api/projects/${id}/capital`)).items;
    const before = (await records()).length;

    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('header-user').waitFor();
    await page.goto(`${server.baseUrl}/projects/${id}`);
    await page.getByRole('tab', { name: '到位资金' }).click();
    await page.getByTestId('capital-add').click();
    await page.getByTestId('capital-form').waitFor();
    const dateItem = formItem(page, 'capital-date');
    const dateError = () => dateItem.locator('.ant-form-item-explain-error').textContent();
    expect(await dateItem.locator('label').textContent()).toBe('到位日期');

    await input(page, 'capital-amount').fill('1e30');
    await poll(() => formItem(page, 'capital-amount').locator('.ant-form-item-explain-error').textContent()).toBe('金额不能超过 10万亿元');
    await input(page, 'capital-amount').fill('12.5');

    // the calendar fills the box with the day picked
    const date = input(page, 'capital-date');
    await page.getByTestId('capital-date-pick').click();
    await page.getByTestId('capital-date-calendar').locator(`td[title="${shanghaiDay(-2)}"]`).click();
    await poll(() => date.inputValue()).toBe(shanghaiDay(-2));
    await page.getByTestId('capital-date-calendar').waitFor({ state: 'hidden' });

    // 2026-02-30 stays as typed, and the dialog says under 到位日期 that there is no such day
    await date.fill('2026-02-30');
    await page.getByTestId('capital-submit').click();
    await poll(dateError).toBe('没有这一天，请检查年月日');
    expect(await date.inputValue()).toBe('2026-02-30');
    await screenshot(page, 'duplicates-05-capital-impossible-date');
    // after today (Asia/Shanghai): capital in place has happened
    await date.fill(shanghaiDay(1));
    await page.getByTestId('capital-submit').click();
    await poll(dateError).toBe('日期不能晚于今天');
    expect((await records()).length).toBe(before);

    // a real day, typed as people write it: shown as the contracts write it, and saved as shown
    const day = shanghaiDay(-3);
    await date.fill(`${day.slice(0, 4)}/${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`);
    await date.blur();
    await poll(() => date.inputValue()).toBe(day);
    await poll(() => dateItem.locator('.ant-form-item-explain-error').count()).toBe(0);
    await page.getByTestId('capital-submit').click();
    await poll(() => toast(page).textContent()).toContain('已登记');
    await poll(async () => (await records()).length).toBe(before + 1);
    const saved = (await records()).find((r) => r.amountMinor === 12_500_000);
    expect(saved?.recordedOn).toBe(day);
    expect(errors).toEqual([]);
    await context.close();
  });
});
