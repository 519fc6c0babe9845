import { describe, expect, test } from 'vitest';
import type { OrgUnit } from '@wutong/contracts';
import { ancestorIds, buildForest, toOptions, unitName, visibleIds } from './unit-tree';

const unit = (id: number, parentId: number | null, path: string, name: string, extra: Partial<OrgUnit> = {}): OrgUnit => ({
  id,
  parentId,
  path,
  depth: path.split('/').filter(Boolean).length - 1,
  code: null,
  name,
  nameEn: null,
  kind: 'department',
  active: true,
  sortOrder: 0,
  userCount: 0,
  childCount: 0,
  ...extra,
});

const district = unit(1, null, '/1/', '海曙区', { kind: 'region', nameEn: 'Haishu District' });
const commerce = unit(4, 1, '/1/4/', '区商务局', { code: 'HS-SWJ', nameEn: 'Commerce Bureau' });
const gulou = unit(20, 1, '/1/20/', '鼓楼街道', { kind: 'township' });
const team = unit(31, 4, '/1/4/31/', '外资专班', { active: false });
const all = [district, commerce, gulou, team];

describe('buildForest', () => {
  test('nests children under parents, keeping the server order', () => {
    const forest = buildForest(all);
    expect(forest.map((n) => n.unit.id)).toEqual([1]);
    expect(forest[0]!.children.map((n) => n.unit.id)).toEqual([4, 20]);
    expect(forest[0]!.children[0]!.children.map((n) => n.unit.id)).toEqual([31]);
  });

  test('a unit whose parent is outside my scope becomes a root', () => {
    expect(buildForest([commerce, team]).map((n) => n.unit.id)).toEqual([4]);
  });
});

describe('search', () => {
  test('keeps hits and the chain above them, by name, English name or code, ignoring case', () => {
    expect(visibleIds(all, '专班')).toEqual(new Set([1, 4, 31]));
    expect(visibleIds(all, 'commerce')).toEqual(new Set([1, 4]));
    expect(visibleIds(all, 'hs-swj')).toEqual(new Set([1, 4]));
    expect(visibleIds(all, '不存在')).toEqual(new Set());
  });

  test('an empty search shows everything', () => {
    expect(visibleIds(all, '  ')).toBeUndefined();
  });

  test('ancestors are only those in scope', () => {
    const byId = new Map([commerce, team].map((u) => [u.id, u]));
    expect(ancestorIds(team, byId)).toEqual([4]);
  });
});

describe('names and pickers', () => {
  test('English falls back to the Chinese name', () => {
    expect(unitName(commerce, 'en-US')).toBe('Commerce Bureau');
    expect(unitName(gulou, 'en-US')).toBe('鼓楼街道');
    expect(unitName(commerce, 'zh-CN')).toBe('区商务局');
  });

  test('options can disable a subtree and skip inactive units', () => {
    const forest = buildForest(all);
    const opts = toOptions(forest, 'zh-CN', { disabled: (u) => u.path.startsWith(commerce.path) });
    expect(opts[0]!.children!.map((o) => [o.value, o.disabled ?? false])).toEqual([
      [4, true],
      [20, false],
    ]);
    const active = toOptions(forest, 'zh-CN', { skipInactive: true });
    expect(active[0]!.children![0]!.children).toBeUndefined();
  });
});
