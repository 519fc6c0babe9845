import { describe, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import type { Cockpit, IndicatorValues } from '@wutong/contracts';
import { factsDrill, fullYear, funnelStages, fxNote, monthDrill, splitDrill, splits } from './cockpit-model';

// a t() that shows which key and values it was given
const t = ((key: string, v?: Record<string, unknown>) => (v ? `${key}${JSON.stringify(v)}` : key)) as unknown as TFunction;

const values = (enterprises: number, capital = 0) => ({ enterprises_introduced: enterprises, registered_capital: capital }) as unknown as IndicatorValues;

const cockpit: Cockpit = {
  year: 2026,
  asOf: '2026-11-25T00:00:00.000Z',
  scope: { unitId: 1, unitName: '海曙区', regionWide: true },
  headline: [],
  capitalInPlaceCny: { value: 0, fx: [{ currency: 'USD', rate: 7.03, onDate: '2025-12-31' }] },
  trend: [{ month: '2026-05', values: values(3) }],
  byUnit: [
    { unitId: 1, unitName: '海曙区', kind: 'region', values: values(2) },
    { unitId: 7, unitName: '鼓楼街道', kind: 'township', values: values(32) },
    { unitId: 8, unitName: '西门街道', kind: 'township', values: values(0) },
  ],
  byIndustry: [
    { section: 'C', name: '制造业', values: values(59) },
    { section: null, name: '未分类', values: values(56) },
  ],
  byBlock: [
    { keyBlockId: 3, name: '丁家湾区块', values: values(13) },
    { keyBlockId: null, name: '不在重点区块', values: values(55) },
  ],
  byOrigin: [
    { origin: 'foreign', values: values(10) },
    { origin: null, values: values(1) },
  ],
  funnel: [
    { stage: 'signed', count: 70 },
    { stage: 'dropped', count: 15 },
  ],
};

describe('what each figure drills into', () => {
  const s = splits(cockpit, 'enterprises_introduced', t);
  test('splits: largest first, zeros left out', () => {
    expect(s.units.map((u) => u.value)).toEqual([32, 2]);
    expect(s.industries.map((u) => u.value)).toEqual([59, 56]);
  });
  test('the unit shown counts its own records apart from its children’s', () => {
    expect(s.units.find((u) => u.key === 'u1')!.filter).toEqual({ unitId: 1, unitOnly: 'true' });
    expect(s.units.find((u) => u.key === 'u7')!.filter).toEqual({ unitId: 7 });
  });
  test('“none” buckets have their own filter values', () => {
    expect(s.industries.find((u) => u.key === 's-')!.filter).toEqual({ section: 'none' });
    expect(s.blocks.find((u) => u.key === 'b0')!.filter).toEqual({ keyBlockId: 0 });
    expect(s.origins.find((u) => u.key === 'onone')!.filter).toEqual({ origin: 'none' });
    expect(s.origins.find((u) => u.key === 'oforeign')!.filter).toEqual({ origin: 'foreign' });
  });
  test('the cockpit’s year and unit narrow every drill; a clicked unit replaces the unit', () => {
    const ctx = { year: 2026, unitId: 5, unitName: '区商务局', t, lang: 'zh-CN' };
    const d = splitDrill(ctx, 'registered_capital', s.industries[0]!);
    expect(d).toMatchObject({ kind: 'facts', figure: 59, filter: { year: 2026, unitId: 5, section: 'C', indicator: 'registered_capital' } });
    const u = factsDrill(ctx, 'enterprises_introduced', 4, { unitId: 9 }, ['望春街道']);
    expect(u).toMatchObject({ filter: { year: 2026, unitId: 9, indicator: 'enterprises_introduced' }, chips: ['2026年', '望春街道'] });
    expect(monthDrill({ ...ctx, unitId: undefined }, 'enterprises_introduced', '2026-05', 3)).toMatchObject({
      filter: { year: 2026, month: 5, indicator: 'enterprises_introduced' },
      chips: ['2026年', '区商务局', '2026年5月'],
    });
  });
  test('twelve months, a funnel in lifecycle order, the FX note names the rate', () => {
    const months = fullYear(cockpit);
    expect(months).toHaveLength(12);
    expect(months[4]).toEqual({ month: '2026-05', values: values(3) });
    expect(months[0]!.values).toEqual({});
    expect(funnelStages(cockpit).map((f) => [f.stage, f.count])).toEqual([
      ['lead', 0],
      ['negotiating', 0],
      ['signed', 70],
      ['registered', 0],
      ['construction', 0],
      ['production', 0],
    ]);
    const note = fxNote(cockpit, t);
    expect(note.startsWith('cockpit.fx.used')).toBe(true);
    for (const part of ['USD', '7.0300', '2025-12-31']) expect(note).toContain(part);
    expect(fxNote({ ...cockpit, capitalInPlaceCny: { value: 0, fx: [] } }, t)).toBe('cockpit.fx.none');
  });
});
