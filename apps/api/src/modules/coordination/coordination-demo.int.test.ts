import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { COORDINATION_CATEGORIES, COORDINATION_LEVELS, COORDINATION_STATUSES } from '@wutong/contracts';
import { queryRows } from '@wutong/db';
import { startTestApp, type TestApp } from '../../testing/app.js';
import { DEMO_PASSWORD } from '../../seeds/demo.js';
import { rebuiltState } from './coordination.service.js';

describe('demo coordination items', () => {
  let t: TestApp;
  let manager: string;
  beforeAll(async () => {
    t = await startTestApp('demo-pipeline');
    manager = await t.login('manager', DEMO_PASSWORD);
  });
  afterAll(() => t?.close());

  it('span every category, level and status, with red and yellow lights', async () => {
    const all = (await t.call('GET', '/api/coordination/items?limit=200', { cookie: manager })).json();
    expect(all.total).toBeGreaterThanOrEqual(20);
    const seen = (k: 'category' | 'level' | 'status') => new Set(all.items.map((i: Record<string, string>) => i[k]));
    expect(seen('category')).toEqual(new Set(COORDINATION_CATEGORIES));
    expect(seen('level')).toEqual(new Set(COORDINATION_LEVELS));
    expect(seen('status')).toEqual(new Set(COORDINATION_STATUSES));
    expect(all.counts.red).toBeGreaterThanOrEqual(3);
    expect(all.counts.yellow).toBeGreaterThanOrEqual(2);
    const agenda = (await t.call('GET', '/api/coordination/meeting', { cookie: manager })).json();
    expect(agenda.items.length).toBeGreaterThan(0);
    expect(agenda.decided.length).toBeGreaterThan(0);
  });

  it('give the demo users of 鼓楼街道 and 区商务局 items of their own', async () => {
    const gulou = (await t.call('GET', '/api/coordination/items', { cookie: await t.login('promoter.gulou', DEMO_PASSWORD) })).json();
    expect(gulou.total).toBeGreaterThanOrEqual(5);
    const swj = (await t.call('GET', '/api/coordination/items', { cookie: await t.login('promoter.swj', DEMO_PASSWORD) })).json();
    expect(swj.items.some((i: { leadUnit: { name: string } | null }) => i.leadUnit?.name === '区商务局')).toBe(true);
  });

  it('have rows that are the replay of their histories', async () => {
    const rows = await queryRows<{ id: number; status: string; level: string; lead_unit_id: number | null; deadline: string | null; coop: number[] }>(
      t.database.db,
      sql`select id, status, level, lead_unit_id, to_char(deadline, 'YYYY-MM-DD') as deadline,
            coalesce((select array_agg(unit_id order by unit_id) from coordination_item_units u where u.item_id = i.id), '{}') as coop
          from coordination_items i order by id`,
    );
    for (const r of rows) {
      const s = await rebuiltState(t.database.db, r.id);
      expect({ status: r.status, level: r.level, lead: r.lead_unit_id, deadline: r.deadline, coop: r.coop }, `item ${r.id}`).toEqual({
        status: s!.status,
        level: s!.level,
        lead: s!.leadUnitId,
        deadline: s!.deadline,
        coop: [...s!.cooperatingUnitIds].sort((a, b) => a - b),
      });
    }
  });
});
