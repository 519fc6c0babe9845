import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { BulletinContent } from '@wutong/contracts';
import { lastEndedPeriod, monthsThrough, parseAnyPeriodKey, periodOfDate, previousPeriod } from '@wutong/contracts';
import { bulletinPeriod, lastEndedBulletinPeriod } from './periods.js';
import { renderDocx, mastheadSize } from './render-docx.js';
import { renderXlsx } from './render-xlsx.js';
import { sampleContent } from './sample-content.js';
import { titleOf } from './content.js';
import { canonicalJson } from '../assessment/close.service.js';

describe('bulletin periods (Asia/Shanghai calendar days, ISO weeks)', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of 2026
    ['2025-12-29', '2026-W01'], // the Monday of that week belongs to 2026's week 1
    ['2027-01-03', '2026-W53'], // 2026 has 53 ISO weeks
    ['2021-01-03', '2020-W53'],
    ['2026-05-04', '2026-W19'],
  ])('%s is in %s', (d, w) => expect(periodOfDate('week', d).key).toBe(w));

  it('parses weeks and months, and refuses what is not a real period of its kind', () => {
    expect(bulletinPeriod('weekly', '2026-W01')).toMatchObject({ start: '2025-12-29', end: '2026-01-04', year: 2026 });
    expect(bulletinPeriod('weekly', '2026-W53')).toMatchObject({ start: '2026-12-28', end: '2027-01-03' });
    expect(bulletinPeriod('weekly', '2025-W53')).toBeNull();
    expect(bulletinPeriod('monthly', '2024-02')).toMatchObject({ start: '2024-02-01', end: '2024-02-29', label: '2024年2月' });
    expect(bulletinPeriod('monthly', '2026-W10')).toBeNull();
    expect(bulletinPeriod('weekly', '2026-04')).toBeNull();
  });

  it('finds the period that just ended', () => {
    expect(lastEndedBulletinPeriod('monthly', '2026-01-01').period).toBe('2025-12');
    expect(lastEndedBulletinPeriod('weekly', '2026-05-04').period).toBe('2026-W18'); // a Monday
    expect(lastEndedBulletinPeriod('weekly', '2026-05-10').period).toBe('2026-W18'); // the Sunday after
    expect(lastEndedPeriod('quarter', '2026-04-01').key).toBe('2026-Q1');
    expect(lastEndedPeriod('year', '2026-06-30').key).toBe('2025');
    expect(previousPeriod(parseAnyPeriodKey('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parseAnyPeriodKey('2026-Q1')!).key).toBe('2025-Q4');
    expect(parseAnyPeriodKey('2026-Q2')).toMatchObject({ kind: 'quarter', start: '2026-04-01', end: '2026-06-30' });
  });

  it('counts the months complete at a day', () => {
    expect(monthsThrough('2026-04-30')).toBe(4);
    expect(monthsThrough('2026-04-29')).toBe(3);
    expect(monthsThrough('2026-01-04')).toBe(0);
    expect(monthsThrough('2024-02-29')).toBe(2);
  });

  it('fills the title pattern', () => {
    const p = bulletinPeriod('weekly', '2026-W18')!;
    expect(titleOf('{region}{period}招商引资{kind}通报', '海曙区', p)).toBe('海曙区2026年第18周招商引资周通报');
    expect(titleOf('{period}全区招商引资工作情况通报', '海曙区', bulletinPeriod('monthly', '2026-04')!)).toBe('2026年4月全区招商引资工作情况通报');
  });
});

describe('the snapshot checksum', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonicalJson({ a: [{ c: null, d: 2 }], b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});

describe('the Word and Excel renderings', () => {
  const c = sampleContent();

  it('the sample is a valid content', () => {
    expect(BulletinContent.safeParse(c).success).toBe(true);
  });

  it('Word: official layout — red masthead with the issue number, fonts with eastAsia set, tables with header rows, page numbers', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(c));
    const xml = await zip.file('word/document.xml')!.async('string');
    // the masthead in red, then 第N期, the issuing body and the date over a red rule
    expect(xml).toMatch(/<w:color w:val="E60012"\/>[\s\S]*?<w:t xml:space="preserve">海曙区招商引资工作通报<\/w:t>/);
    expect(xml).toContain('第4期');
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="E60012" w:sz="18"/);
    expect(xml).toContain('2026年5月6日');
    // the title in 小标宋 二号 (22 pt = 44 half-points), the body in 仿宋_GB2312 三号 on the East Asian font slot
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"[^]*?<w:sz w:val="44"\/>[^]*?关于2026年4月全区招商引资工作情况的通报/);
    expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"/);
    for (const h of ['一、总体进展', '二、完成率排名和积分排名', '三、新签约和新落地项目', '四、红灯项目和超期协调事项', '五、备注']) expect(xml).toContain(h);
    expect(xml).toMatch(/w:eastAsia="黑体"[^]*?一、总体进展/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('南门街道');
    expect(xml).toContain('考核结果更正');
    // the snapshot was frozen at 2026-04-30 16:05 UTC, which is 1 May in Haishu
    expect(xml).toContain('冻结于2026年5月1日');
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('PAGE');
  });

  it('the masthead stays on one line', () => {
    expect(mastheadSize('海曙区招商引资工作通报')).toBeLessThanOrEqual(80);
    expect(mastheadSize('宁波市海曙区优商招商工作领导小组工作通报') / 2).toBeLessThanOrEqual(Math.floor(420 / 19));
    expect(mastheadSize('通报')).toBe(80);
  });

  it('Excel: one sheet per table with every row', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(c)) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '主要指标',
      '完成率-引进企业数',
      '完成率-注册资金',
      '积分排名-单位',
      '积分排名-个人',
      '考核更正',
      '新签约项目',
      '新落地项目',
      '红灯项目',
      '超期协调事项',
    ]);
    const units = wb.getWorksheet('积分排名-单位')!;
    expect(units.rowCount - 1).toBe(c.pointsRanking.groups.reduce((n, g) => n + g.items.length, 0));
    expect(units.getRow(2).values).toEqual([undefined, '镇乡（街道）', 1, '鼓楼街道', 1280.5, 2, 1]);
    const signed = wb.getWorksheet('新签约项目')!;
    expect(signed.getRow(2).getCell(6).value).toBe(120_000); // 万元
  });

  it('other modules’ sections: numbered on after 四、 with the notes last, and a sheet of the annex each', async () => {
    const withSection = {
      ...c,
      sections: [
        {
          key: 'payouts',
          heading: '政策兑现',
          paragraphs: ['本月兑现企业12家，兑现金额356.00万元。'],
          table: { caption: '表9 兑现明细', columns: [{ label: '企业', kind: 'text' as const }, { label: '兑现金额', kind: 'cny' as const }], rows: [['宁波甲公司', 1_234_500_00]] },
        },
      ],
    };
    expect(BulletinContent.safeParse(withSection).success).toBe(true);
    const xml = await (await JSZip.loadAsync(await renderDocx(withSection))).file('word/document.xml')!.async('string');
    expect(xml).toContain('五、政策兑现');
    expect(xml).toContain('六、备注');
    expect(xml).toContain('本月兑现企业12家');
    expect(xml).toContain('123.45');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(withSection)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('政策兑现')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '序号', '企业', '兑现金额（万元）']);
    expect(sheet.getRow(2).values).toEqual([undefined, 1, '宁波甲公司', 123.45]);
    // without sections, the notes stay 五、
    expect(await (await JSZip.loadAsync(await renderDocx(c))).file('word/document.xml')!.async('string')).toContain('五、备注');
  });
});
