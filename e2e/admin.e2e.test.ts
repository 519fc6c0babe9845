import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiSignIn,
  launchBrowser,
  newPage,
  pickOption,
  pickTreeOption,
  poll,
  screenshot,
  signIn,
  signOut,
  skipReason,
  startServer,
  type RunningServer,
} from './harness.js';

const notice = (page: Page) => page.locator('.ant-notification-notice').last();
const toast = (page: Page) => page.locator('.ant-message-notice').last();

// One server for the admin suite; each test works on its own units and accounts, so none depends on another.
describe.skipIf(!!skipReason)('administration', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('admin → new department and unit head → first sign-in changes the password → scope is the unit', async () => {
    const { context, page, errors } = await newPage(browser);
    const unitName = '区投资促进局';
    const username = 'head.tzcj';
    const initialPassword = 'Init@2026a';
    const ownPassword = 'Mine@2026b';

    // admin signs in and lands on the home page with the region-wide scope
    await signIn(page, server.baseUrl, 'admin');
    await poll(() => page.getByTestId('header-user').textContent()).toBe('系统管理员');
    await poll(() => page.getByTestId('home-scope').getAttribute('data-reach')).toBe('region');
    await screenshot(page, 'admin-01-home');

    // a new department under 海曙区 (the root is selected by default)
    await page.getByTestId('menu-org').click();
    await page.getByTestId('org-tree').getByText('鼓楼街道').waitFor();
    await poll(() => page.getByTestId('org-details-name').textContent()).toBe('海曙区');
    await page.getByTestId('org-add-child').click();
    await page.getByTestId('unit-name').fill(unitName);
    await page.getByTestId('unit-name-en').fill('Investment Bureau');
    await page.getByTestId('unit-code').fill('HS-TZCJ');
    await screenshot(page, 'admin-02-org-add-unit');
    await page.getByTestId('unit-form-submit').click();
    await poll(() => page.getByTestId('org-details-name').textContent()).toBe(unitName);
    await poll(() => page.getByTestId('org-tree').getByText(unitName).count()).toBe(1);
    await screenshot(page, 'admin-03-org-unit-created');

    // a unit head in it; inline validation marks a bad username before anything is sent
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').getByText('head.gulou').waitFor();
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-username').fill('x!');
    await page.getByText('3–40 个字符，只能包含字母、数字和 _ . -').first().waitFor();
    await page.getByTestId('user-username').fill(username);
    await page.getByTestId('user-display-name').fill('赵局长');
    await pickTreeOption(page, 'user-unit', unitName);
    // the form suggests 招商员; this user is the unit's head instead
    await page.getByTestId('user-roles').locator('.ant-select-selection-item-remove').first().click();
    await pickOption(page, 'user-roles', '单位负责人');
    await page.keyboard.press('Escape');
    await page.getByTestId('user-password').fill(initialPassword);
    await page.getByTestId('user-phone').fill('0574-87000000');
    await screenshot(page, 'admin-04-user-form');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-drawer').waitFor({ state: 'hidden' });
    const row = page.getByTestId('users-table').locator('tr', { hasText: username });
    await poll(() => row.textContent()).toContain(unitName);
    expect(await row.textContent()).toContain('单位负责人');
    expect(await row.textContent()).toContain('待改初始密码');
    await screenshot(page, 'admin-05-users-created');

    // the audit log recorded both, with the new unit's fields shown when the row is opened
    await page.getByTestId('menu-audit').click();
    const created = page.getByTestId('audit-table').locator('tr', { hasText: '组织单位' }).filter({ hasText: '新建' }).first();
    await created.click();
    await poll(() => page.getByTestId('audit-after').first().textContent()).toContain(unitName);
    // each entry shows the address the request came from, as the app received it
    expect(await created.getByTestId('audit-address').textContent()).toBe('127.0.0.1');
    await screenshot(page, 'admin-06-audit');
    // filters: one person, one kind of record
    await page.getByTestId('audit-user-filter').click();
    await page.getByTestId('audit-user-filter').locator('input').fill('adm');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '系统管理员 (admin)' }).click();
    await pickOption(page, 'audit-entity-filter', '用户');
    await poll(async () => (await page.getByTestId('audit-table').locator('tr.ant-table-row').allTextContents()).every((r) => r.includes('系统管理员') && r.includes('用户'))).toBe(true);
    expect(await page.getByTestId('audit-table').locator('tr.ant-table-row', { hasText: '新建' }).count()).toBeGreaterThan(0);

    await signOut(page);

    // the new head must replace the initial password before anything else
    await signIn(page, server.baseUrl, username, initialPassword);
    await page.getByTestId('must-change-alert').waitFor();
    expect(new URL(page.url()).pathname).toBe('/password');
    await screenshot(page, 'head-01-must-change-password');
    await page.getByTestId('password-current').fill(initialPassword);
    await page.getByTestId('password-new').fill(ownPassword);
    await page.getByTestId('password-confirm').fill(ownPassword);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('welcome-card').waitFor();
    await poll(() => page.getByTestId('header-unit').textContent()).toBe(unitName);
    expect(await page.getByTestId('home-scope').getAttribute('data-reach')).toBe('subtree');
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    await screenshot(page, 'head-02-home');

    // the org page shows their unit only: not the district, not a township elsewhere
    await page.getByTestId('menu-org').click();
    const tree = page.getByTestId('org-tree');
    await tree.getByText(unitName).waitFor();
    expect(await tree.getByText('鼓楼街道').count()).toBe(0);
    expect(await tree.getByText('海曙区', { exact: true }).count()).toBe(0);
    expect(await page.getByTestId('org-add-child').count()).toBe(0);
    await screenshot(page, 'head-03-org');

    // the users page lists the people of their unit only
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').getByText(username).waitFor();
    await poll(() => page.getByTestId('users-total').textContent()).toBe('共 1 条');
    const names = await page.getByTestId('user-row-username').allTextContents();
    expect(names).toEqual([username]);
    expect(await page.getByTestId('users-create').count()).toBe(0);
    await screenshot(page, 'head-04-users');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('units: search, refuse to delete one with records, add, move, deactivate, reactivate, delete', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'admin');
    await page.getByTestId('menu-org').click();

    // the filter keeps matches and the chain above them
    await page.getByTestId('org-search').locator('input').fill('商务');
    await poll(() => page.getByTestId('org-tree').locator('[data-testid^="org-node-"]').allTextContents()).toEqual(['海曙区', '区商务局']);
    await page.getByTestId('org-tree').getByText('区商务局').click();
    await poll(() => page.getByTestId('org-details-name').textContent()).toBe('区商务局');
    await page.getByTestId('org-search').locator('input').fill('不存在的单位');
    await page.getByText('没有匹配“不存在的单位”的单位').waitFor();
    await page.getByTestId('org-search').locator('input').fill('');

    // a unit with people cannot go: the server's reason is shown
    await page.getByTestId('org-delete').click();
    await page.getByTestId('org-delete-confirm').click();
    await poll(() => notice(page).textContent()).toContain('不能删除');
    await screenshot(page, 'manage-01-unit-has-records');

    // add a task force under 区招商中心, then move it under 区商务局
    await page.getByTestId('org-tree').getByText('区招商中心').click();
    await page.getByTestId('org-add-child').click();
    await page.getByTestId('unit-name').fill('重点项目专班');
    await page.getByTestId('unit-form-submit').click();
    await poll(() => page.getByTestId('org-details-name').textContent()).toBe('重点项目专班');
    await page.getByTestId('org-move').click();
    await pickTreeOption(page, 'unit-move-parent', '区商务局');
    await screenshot(page, 'manage-02-move');
    await page.getByTestId('unit-move-submit').click();
    await poll(() => page.getByTestId('org-details').textContent()).toContain('海曙区 / 区商务局 / 重点项目专班');

    // deactivate (after confirming) greys it out; reactivate brings it back
    await page.getByTestId('org-deactivate').click();
    await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
    await poll(() => page.getByTestId('org-details').textContent()).toContain('已停用');
    expect(await page.getByTestId('org-tree').locator('.wt-tree-inactive', { hasText: '重点项目专班' }).count()).toBeGreaterThan(0);
    await screenshot(page, 'manage-03-deactivated');
    await page.getByTestId('org-activate').click();
    await page.getByTestId('org-deactivate').waitFor();

    // an empty unit can be deleted; the parent is selected afterwards
    await page.getByTestId('org-delete').click();
    await page.getByTestId('org-delete-confirm').click();
    await poll(() => page.getByTestId('org-details-name').textContent()).toBe('区商务局');
    expect(await page.getByTestId('org-tree').getByText('重点项目专班').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });

  test('users: server field errors land on the field, edit, reset password, export, filters, delete', async () => {
    // a second administrator who has changed something: the log holds their actions, so they cannot be deleted
    const admin = await apiSignIn(server.baseUrl, 'admin');
    const units = (await (await admin('GET', '/api/org/units')).json()) as { items: { id: number; code: string | null; parentId: number | null }[] };
    const root = units.items.find((u) => u.parentId === null)!;
    const centre = units.items.find((u) => u.code === 'HS-ZSZX')!;
    const created = await admin('POST', '/api/users', { username: 'admin2', displayName: '副管理员', unitId: root.id, roles: ['admin'], password: 'Init@2026a' });
    expect(created.status).toBe(200);
    const admin2 = await apiSignIn(server.baseUrl, 'admin2', 'Init@2026a');
    expect((await admin2('POST', '/api/auth/password', { currentPassword: 'Init@2026a', newPassword: 'Second@2026' })).status).toBe(200);
    expect((await admin2('PATCH', `/api/org/units/${centre.id}`, { sortOrder: 12 })).status).toBe(200);
    // and a fresh account with no history at all, which can go
    expect((await admin('POST', '/api/users', { username: 'temp.clerk', displayName: '临时文员', unitId: centre.id, roles: ['promoter'], password: 'Init@2026a' })).status).toBe(200);

    const { context, page, errors } = await newPage(browser);
    await signIn(page, server.baseUrl, 'admin');
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').getByText('head.gulou').waitFor();

    // a taken username: the server's message is put on the username field
    await page.getByTestId('users-create').click();
    await page.getByTestId('user-username').fill('admin');
    await page.getByTestId('user-display-name').fill('重名测试');
    await page.getByTestId('user-password').fill('Password1');
    await page.getByTestId('user-form-submit').click();
    await page.locator('.ant-form-item-has-error').filter({ has: page.getByTestId('user-username') }).getByText('该值已被使用').waitFor();
    await screenshot(page, 'manage-04-username-taken');
    await page.locator('.ant-drawer-close').click();
    await page.getByTestId('user-drawer').waitFor({ state: 'hidden' });

    // edit by clicking the row
    await page.getByTestId('users-table').locator('tr', { hasText: 'promoter.swj' }).click();
    await page.getByTestId('user-phone').fill('13800000000');
    await page.getByTestId('user-form-submit').click();
    await page.getByTestId('user-drawer').waitFor({ state: 'hidden' });
    await poll(() => page.getByTestId('users-table').locator('tr', { hasText: 'promoter.swj' }).textContent()).toContain('13800000000');

    // reset a password from the row's menu
    await page.getByTestId('user-more-promoter.swj').click();
    await page.locator('.ant-dropdown:visible').getByText('重置密码').click();
    await page.getByTestId('reset-password-input').fill('Temp@2026x');
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await poll(() => toast(page).textContent()).toContain('密码已重置');

    // filters narrow the list and export exactly that
    await pickTreeOption(page, 'users-unit-filter', '鼓楼街道');
    await poll(() => page.getByTestId('users-total').textContent()).toBe('共 2 条');
    expect(new URL(page.url()).searchParams.get('unitId')).not.toBeNull();
    const download = page.waitForEvent('download');
    await page.getByTestId('users-export').click();
    expect((await download).suggestedFilename()).toBe('用户.xlsx');
    await page.getByTestId('users-q').locator('input').fill('张');
    await poll(() => page.getByTestId('user-row-username').allTextContents()).toEqual(['promoter.gulou']);
    await screenshot(page, 'manage-05-filtered');

    // someone with records cannot be deleted: the server's reason is shown
    await page.getByTestId('users-reset').click();
    await page.getByTestId('users-table').getByText('admin2', { exact: true }).waitFor();
    await page.getByTestId('user-more-admin2').click();
    await page.locator('.ant-dropdown:visible').getByText('删除').click();
    await page.getByTestId('user-delete-confirm').click();
    await poll(() => notice(page).textContent()).toContain('仍有关联记录');
    await screenshot(page, 'manage-06-user-has-records');

    // someone without records can
    await page.getByTestId('users-table').getByText('temp.clerk', { exact: true }).waitFor();
    await page.getByTestId('user-more-temp.clerk').click();
    await page.locator('.ant-dropdown:visible').getByText('删除').click();
    await page.getByTestId('user-delete-confirm').click();
    await poll(() => page.getByTestId('users-table').getByText('temp.clerk', { exact: true }).count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
