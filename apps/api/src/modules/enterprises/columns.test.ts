import { describe, expect, it } from 'vitest';
import { mapHeader, parseCurrency, parseDate, parseOrigin, parseWanYuan, splitList } from './columns.js';
import { readRows, sheetKind } from '../../platform/sheet.js';
import { rankCandidates } from './match.js';
import { splitName } from './names.js';

describe('sheet cells', () => {
  it.each([
    ['2020-01-05', '2020-01-05'],
    ['2020/1/5', '2020-01-05'],
    ['2020.1.5', '2020-01-05'],
    ['2020年1月5日', '2020-01-05'],
    ['20200105', '2020-01-05'],
    ['2020-01-05 00:00:00', '2020-01-05'],
    ['43835', '2020-01-05'], // an Excel day number
    ['2020', undefined],
    ['五月', undefined],
  ])('date %s → %s', (s, d) => expect(parseDate(s)).toBe(d));

  it.each([
    ['100', 100_000_000],
    ['1,234.5', 1_234_500_000],
    ['50.5万元', 50_500_000],
    ['0', 0],
    ['-1', undefined],
    ['abc', undefined],
    ['1e3', undefined],
  ])('万元 %s → %s 分', (s, v) => expect(parseWanYuan(s)).toBe(v));

  it.each([
    ['CNY', 'CNY'],
    ['usd', 'USD'],
    ['人民币', 'CNY'],
    ['港币', 'HKD'],
    ['金币', undefined],
  ])('currency %s → %s', (s, c) => expect(parseCurrency(s)).toBe(c));

  it.each([
    ['本地', 'local'],
    ['市外内资', 'domestic_out_of_city'],
    ['外资', 'foreign'],
    ['浙商回归', 'zhejiang_returning'],
    ['zhejiang_returning', 'zhejiang_returning'],
    ['火星', undefined],
  ])('origin %s → %s', (s, o) => expect(parseOrigin(s)).toBe(o));

  it('maps headers in either language, ignoring spaces, brackets and unknown columns', () => {
    const h = mapHeader(['企业名称*', '统一社会信用代码', '注册资本（万元）', 'Founded', '备注', ' 标 签 ']);
    expect(Object.fromEntries(h)).toEqual({ name: 0, uscc: 1, regCapital: 2, foundedOn: 3, tags: 5 });
  });

  it('splits lists on the separators people use', () => {
    expect(splitList('专精特新、制造业;外贸，出口 | 高新')).toEqual(['专精特新', '制造业', '外贸', '出口', '高新']);
  });
});

describe('reading files', () => {
  const rows = async (name: string, file: Buffer) => {
    const out: { row: number; cells: string[] }[] = [];
    for await (const r of readRows(sheetKind(name, file)!, file)) out.push(r);
    return out;
  };
  it('reads CSV: quotes, doubled quotes, line breaks in quotes, CRLF, BOM, semicolons', async () => {
    expect(await rows('a.csv', Buffer.from('\uFEFF名称,地址\r\n"甲, 乙","他说""好"""\r\n\r\n"多\n行",x\n'))).toEqual([
      { row: 1, cells: ['名称', '地址'] },
      { row: 2, cells: ['甲, 乙', '他说"好"'] },
      { row: 4, cells: ['多\n行', 'x'] },
    ]);
    expect((await rows('b.csv', Buffer.from('名称;地址\n甲;乙\n')))[1]!.cells).toEqual(['甲', '乙']);
  });
  it('knows an xlsx by its zip signature', () => {
    expect(sheetKind('a.xlsx', Buffer.from('PK\u0003\u0004rest'))).toBe('xlsx');
    expect(sheetKind('a.xlsx', Buffer.from('not a zip'))).toBeNull();
    expect(sheetKind('a.xls', Buffer.from('PK\u0003\u0004'))).toBeNull();
  });
});

describe('rankCandidates', () => {
  const row = (id: number, matched: string, sim = 0.5, usccMatch = false) => ({ id, matched, sim, usccMatch });
  it('puts the USCC holder first and keeps one entry per enterprise', () => {
    const q = splitName('澜启贸易有限公司');
    const ranked = rankCandidates(q, [row(1, '杭州澜启贸易有限公司'), row(3, '嘉兴澜启贸易有限公司'), row(3, '澜启贸易厂', 0.2), row(9, '某某科技有限公司', 0, true)], 10);
    expect(ranked.map((r) => r.id)).toEqual([9, 1, 3]);
    expect(ranked[0]).toMatchObject({ usccMatch: true, similarity: 1, likely: true });
  });
  it('shows every best fit beyond the limit, and no other tie', () => {
    const q = splitName('澜启贸易有限公司');
    const best = rankCandidates(q, [row(1, '杭州澜启贸易有限公司'), row(2, '温州澜启贸易有限公司'), row(3, '嘉兴澜启贸易有限公司')], 1);
    expect(best.map((r) => r.id)).toEqual([1, 2, 3]);
    const lesser = rankCandidates(q, [row(1, '澜启贸易有限公司', 1), row(2, '温州澜启贸易有限公司'), row(3, '嘉兴澜启贸易有限公司')], 2);
    expect(lesser.map((r) => r.id)).toEqual([1, 2]);
  });
  it('drops what is too far to be a hint', () => {
    expect(rankCandidates(splitName('宁波寰采星科技有限公司'), [row(1, '杭州星采寰贸易有限公司', 0.1)], 10)).toEqual([]);
  });
});
