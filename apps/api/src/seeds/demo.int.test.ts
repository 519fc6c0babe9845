import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/app.js';
import { DEMO_PASSWORD } from './demo.js';

describe('demo data: a district at work on first start', () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    manager = await t.login('manager', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('has projects in every stage, from real listed-company names', async () => {
    const board = (await t.call('GET', '/api/projects/board', { cookie: manager })).json();
    for (const c of board.columns) expect(c.total, c.stage).toBeGreaterThan(5);
    const total = board.columns.reduce((s: number, c: { total: number }) => s + c.total, 0);
    expect(total).toBeGreaterThan(300);
    expect(board.columns[2].items[0].enterpriseName).toMatch(/公司$/);
  });

  it('has red and yellow lights, a full inbox, a claim, trips and capital', async () => {
    const red = (await t.call('GET', '/api/projects?light=red&limit=1', { cookie: manager })).json();
    const yellow = (await t.call('GET', '/api/projects?light=yellow&limit=1', { cookie: manager })).json();
    expect(red.total).toBeGreaterThan(5);
    expect(yellow.total).toBeGreaterThan(5);
    expect(red.items[0].lightReasons.length).toBeGreaterThan(0);
    const wb = (await t.call('GET', '/api/workbench', { cookie: manager })).json();
    expect(wb.inboxCount).toBeGreaterThan(10);
    expect(wb.openArbitrations).toBe(1);
    expect((await t.call('GET', '/api/trips', { cookie: manager })).json().items.length).toBe(5);
    const producing = (await t.call('GET', '/api/projects?stage=production&limit=1', { cookie: manager })).json().items[0];
    const capital = (await t.call('GET', `/api/projects/${producing.id}/capital`, { cookie: manager })).json();
    expect(capital.items.length).toBeGreaterThan(0);
  });

  it('gives the 鼓楼街道 promoter a workbench with work on it', async () => {
    const promoter = await t.login('promoter.gulou', DEMO_PASSWORD);
    const wb = (await t.call('GET', '/api/workbench', { cookie: promoter })).json();
    expect(wb.myProjects.length).toBeGreaterThan(20);
    expect(wb.myProjects[0].light).not.toBe('green');
  });
});
