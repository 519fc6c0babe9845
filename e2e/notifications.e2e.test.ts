import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { apiSignIn, launchBrowser, newPage, poll, screenshot, signIn, signOut, skipReason, startServer, type RunningServer } from './harness.js';

const toast = (page: Page) => page.locator('.ant-message-notice').last();
const SECRET = 'SECe2e0123456789abcdef0123456789abcdef0123456789abcdef01234567';

/**
 * Issue 5 in the browser: the scheduler page (the daily red-light job ran at start; re-run a day
 * by hand; a bad cron is refused on its field), webhooks (a DingTalk robot on a local receiver
 * that checks the signature; "send test"; the assignment event arrives through the delivery
 * worker), and the bell: an assignment reaches the promoter, who opens it from the drawer.
 */
describe.skipIf(!!skipReason)('notifications, webhooks and the scheduler', () => {
  let server: RunningServer;
  let browser: Browser;
  let receiver: Server;
  let hookUrl: string;
  const received: { verified: boolean; title: string; text: string }[] = [];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      req.on('end', () => {
        const q = new URL(req.url!, 'http://x').searchParams;
        const ts = q.get('timestamp') ?? '';
        const verified = q.get('sign') === createHmac('sha256', SECRET).update(`${ts}\n${SECRET}`).digest('base64');
        const body = JSON.parse(raw) as { markdown: { title: string; text: string } };
        received.push({ verified, title: body.markdown.title, text: body.markdown.text });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(verified ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }));
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/robot/send?access_token=e2e`;
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((r) => receiver?.close(r));
  });

  test('admin: scheduled jobs, a re-run by hand, a refused cron; a DingTalk webhook tested; the promoter’s bell', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'admin');
    await page.getByTestId('header-user').waitFor();

    // 定时任务: the daily red-light job ran once at start
    await page.getByTestId('menu-scheduler').click();
    await page.getByTestId('jobs-table').getByText('lights.daily').waitFor();
    await poll(() => page.getByTestId('runs-table').locator('tr[data-status="succeeded"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'scheduler-01-jobs');

    // a bad cron expression is refused on its field, nothing saved
    await page.getByTestId('job-edit-lights.daily').click();
    await page.getByTestId('cron-input').fill('0 25 * * *');
    await page.getByTestId('cron-save').click();
    await page.locator('.ant-form-item-explain-error', { hasText: '定时表达式不正确' }).waitFor();
    await page.getByTestId('cron-input').fill('30 8 * * *');
    await page.getByTestId('cron-save').click();
    await poll(() => page.getByTestId('job-cron-lights.daily').textContent()).toBe('30 8 * * *');

    // re-run today's red lights by hand, after a confirmation
    await page.getByTestId('job-rerun-lights.daily').click();
    await page.getByTestId('rerun-period').waitFor();
    await screenshot(page, 'scheduler-02-rerun-confirm');
    await page.getByTestId('rerun-ok').click();
    await poll(() => toast(page).textContent()).toContain('成功');
    await poll(() => page.getByTestId('runs-table').getByText('手动').count()).toBe(1);
    await screenshot(page, 'scheduler-03-runs');

    // Webhook 推送: a DingTalk robot on the local receiver, for assignments
    await page.getByTestId('menu-webhooks').click();
    await page.getByTestId('webhook-add').click();
    await page.getByTestId('webhook-name').fill('招商工作群机器人');
    await page.getByTestId('webhook-url').fill(hookUrl);
    await page.getByTestId('webhook-secret').fill(SECRET);
    await screenshot(page, 'webhooks-01-form');
    await page.getByTestId('webhook-save').click();
    await page.getByTestId('webhooks-table').getByText('招商工作群机器人').waitFor();
    const row = page.getByTestId('webhooks-table').locator('tr', { hasText: '招商工作群机器人' });
    await row.getByRole('button', { name: '发送测试' }).click();
    await poll(() => toast(page).textContent()).toContain('测试消息已送达');
    expect(received.filter((r) => r.title === '梧桐平台测试消息')).toEqual([expect.objectContaining({ verified: true })]);
    await poll(() => page.getByTestId('deliveries-table').getByText('已送达').count()).toBe(1);
    await screenshot(page, 'webhooks-02-tested');
    await signOut(page);

    // the centre assigns a waiting lead to promoter.gulou
    const manager = await apiSignIn(server.baseUrl, 'manager');
    const inbox = (await (await manager('GET', '/api/projects/inbox?limit=1')).json()) as { items: { id: number; name: string; unitId: number }[] };
    const users = (await (await manager('GET', '/api/users?q=promoter.gulou')).json()) as { items: { id: number; username: string; unitId: number }[] };
    const promoter = users.items.find((u) => u.username === 'promoter.gulou')!;
    const lead = inbox.items[0]!;
    const accepted = await manager('POST', `/api/projects/${lead.id}/accept`, { unitId: promoter.unitId, ownerUserId: promoter.id, note: '请尽快首次拜访' });
    expect(accepted.status).toBe(200);

    // the bell shows it; opening it goes to the project and reads it
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByTestId('bell').waitFor();
    const count = async () => {
      const sup = page.getByTestId('bell-count').locator('sup.ant-scroll-number');
      return (await sup.count()) ? Number(await sup.first().getAttribute('title')) : 0;
    };
    await poll(count).toBeGreaterThan(0);
    const before = await count();
    await page.getByTestId('bell').click();
    const item = page.getByTestId('bell-drawer').getByTestId('notification-item').filter({ hasText: `新项目指派：${lead.name}` });
    await item.waitFor();
    await screenshot(page, 'notifications-01-bell');
    await item.click();
    await page.waitForURL(`**/projects/${lead.id}`);
    await poll(count).toBe(before - 1);

    // 通知中心 lists it read; "mark all read" empties the badge
    await page.goto(`${server.baseUrl}/notifications`);
    await page.getByTestId('notifications-list').getByText(`新项目指派：${lead.name}`).waitFor();
    await screenshot(page, 'notifications-02-page');
    await page.getByTestId('notifications-mark-all').click();
    await poll(() => page.getByTestId('notifications-list').locator('[data-unread="1"]').count()).toBe(0);
    await poll(count).toBe(0);

    // the webhook got the assignment through the delivery worker, signed
    const assignment = () => received.filter((r) => r.title === `新项目指派：${lead.name}`);
    await expect.poll(() => assignment().length, { timeout: 30_000, interval: 200 }).toBe(1);
    expect(assignment()[0]!.verified).toBe(true);
    expect(assignment()[0]!.text).toContain('【任务指派】');

    expect(errors).toEqual([]);
    await context.close();
  });
});
