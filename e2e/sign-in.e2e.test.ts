import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, PHONE, poll, screenshot, signIn, signOut, skipReason, startServer, type RunningServer } from './harness.js';

// evaluated in the page (this file is type-checked without the DOM library)
const overflowX = async (page: Page) => Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));

// One server for these; each test signs in as a different demo account, so none depends on another.
describe.skipIf(!!skipReason)('signing in and getting around: language, roles, lock-out, phone', () => {
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

  test('switching on the login page and in the header changes labels, server messages and the stored preference', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${server.baseUrl}/login`);
    await poll(() => page.getByTestId('login-title').textContent()).toBe('梧桐 · 招商引资全流程管理平台');
    expect(await page.locator('label[for="login-username"]').textContent()).toBe('用户名');

    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('login-title').textContent()).toBe('Wutong · Investment Promotion Platform');
    expect(await page.locator('label[for="login-username"]').textContent()).toBe('Username');
    expect((await context.cookies()).find((c) => c.name === 'wutong_lang')?.value).toBe('en-US');

    // the server reads the cookie: its refusal comes back in English
    await signIn(page, server.baseUrl, 'manager', 'not-the-password');
    await poll(() => page.getByTestId('login-error').textContent()).toContain('Wrong username or password');
    await screenshot(page, 'lang-01-login-en-error');

    // a choice made before signing in wins over the stored preference (zh-CN) and is saved
    await signIn(page, server.baseUrl, 'manager');
    await page.getByTestId('welcome-card').waitFor();
    await poll(() => page.getByTestId('menu-org').textContent()).toBe('Organisation');
    expect(await page.getByTestId('welcome-card').textContent()).toContain('Welcome, 李主任');
    expect(await page.getByTestId('home-scope').textContent()).toContain('All units of the whole district');
    await page.getByTestId('menu-users').click();
    await page.getByTestId('users-table').getByText('head.gulou').waitFor();
    expect(await page.locator('.ant-table-thead').first().textContent()).toContain('Username');
    await poll(() => page.getByTestId('users-total').textContent()).toMatch(/in total/);
    expect(await page.getByTestId('users-table').textContent()).toContain('Unit head');
    await screenshot(page, 'lang-02-users-en');

    // it survives a reload (cookie) and a new sign-in (profile)
    await page.reload();
    await poll(() => page.getByTestId('menu-users').textContent()).toBe('Users');

    // and back to Chinese from the header
    await page.getByTestId('lang-switch').click();
    await poll(() => page.getByTestId('menu-users').textContent()).toBe('用户管理');
    expect(await page.locator('.ant-table-thead').first().textContent()).toContain('用户名');
    await poll(() => page.getByTestId('users-total').textContent()).toBe('共 10 条');
    await screenshot(page, 'lang-03-users-zh');
    await signOut(page);
    await signIn(page, server.baseUrl, 'manager');
    await poll(() => page.getByTestId('menu-org').textContent()).toBe('组织架构');

    expect(errors).toEqual([]);
    await context.close();
  });

  test('a promoter sees only the home page; a direct link to users says no access', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${server.baseUrl}/users?unitId=1`);
    // not signed in: to the login page, and back to the link afterwards
    await page.getByTestId('login-username').waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/users?unitId=1');
    await signIn(page, server.baseUrl, 'promoter.gulou');
    await page.getByText('无权访问').waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    for (const id of ['menu-org', 'menu-users', 'menu-audit']) expect(await page.getByTestId(id).count()).toBe(0);
    await screenshot(page, 'access-01-promoter-forbidden');
    await page.getByTestId('menu-home').click();
    expect(await page.getByTestId('home-scope').textContent()).toContain('本单位（鼓楼街道）');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('an expert is told their scope is their own records', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, server.baseUrl, 'expert');
    await poll(() => page.getByTestId('home-scope').textContent()).toBe('仅本人记录');
    await context.close();
  });

  test('five failed sign-ins lock the account, and the page says so', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.baseUrl}/login`);
    for (let i = 1; i <= 5; i++) {
      await signIn(page, server.baseUrl, 'promoter.swj', `wrong-${i}`);
      await poll(() => page.getByTestId('login-error').getAttribute('data-code')).toBe(i < 5 ? 'login_failed' : 'login_locked');
    }
    expect(await page.getByTestId('login-error').textContent()).toContain('账号已临时锁定');
    // even the right password is refused while locked
    await signIn(page, server.baseUrl, 'promoter.swj');
    await poll(() => page.getByTestId('login-error').textContent()).toMatch(/分钟后再试/);
    await screenshot(page, 'login-locked');
    await context.close();
  });

  test('on a phone (390 × 844): login, then the side menu lives in a drawer opened from the hamburger', async () => {
    const { context, page, errors } = await newPage(browser, PHONE);
    await page.goto(`${server.baseUrl}/login`);
    await page.getByTestId('login-username').waitFor();
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'phone-01-login');

    await signIn(page, server.baseUrl, 'head.gulou');
    await page.getByTestId('welcome-card').waitFor();
    expect(await page.locator('.ant-layout-sider').count()).toBe(0);
    expect(await page.getByTestId('menu-toggle').isVisible()).toBe(true);
    expect(await page.getByTestId('header-user').textContent()).toBe('陈主任');
    expect(await page.getByTestId('header-unit').textContent()).toBe('鼓楼街道');
    expect(await page.getByTestId('home-scope').textContent()).toContain('本单位及下级单位');
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'phone-02-home');

    await page.getByTestId('menu-toggle').click();
    const drawer = page.locator('.ant-drawer-content-wrapper');
    await drawer.waitFor();
    await page.getByTestId('menu-users').waitFor();
    expect(await page.getByTestId('menu-audit').count()).toBe(0);
    await screenshot(page, 'phone-03-drawer');

    await page.getByTestId('menu-users').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('users-table').getByText('promoter.gulou').waitFor();
    expect(await page.getByTestId('user-row-username').allTextContents()).toEqual(expect.arrayContaining(['head.gulou', 'promoter.gulou']));
    expect(await page.getByTestId('users-table').getByText('admin', { exact: true }).count()).toBe(0);
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'phone-04-users');

    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-org').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('org-tree').getByText('鼓楼街道').waitFor();
    expect(await overflowX(page)).toBe(0);
    await screenshot(page, 'phone-05-org');

    await page.getByTestId('user-menu').click();
    await page.getByTestId('menu-logout').waitFor();
    await screenshot(page, 'phone-06-user-menu');
    await page.getByTestId('menu-logout').click();
    await page.getByTestId('login-username').waitFor();

    expect(errors).toEqual([]);
    await context.close();
  });
});
