import type ExcelJS from 'exceljs';
import type { BulletinContent, IndicatorUnit } from '@wutong/contracts';
import { CATEGORY_ZH, KIND_ZH, LEVEL_ZH, STAGE_ZH, dateZh, headlineUnit, listUnit, shanghaiTime } from './format.js';
import { KIND_ORDER, RANKED_INDICATORS } from './content-text.js';

// exceljs is loaded on first use (it is heavy to import)
const excel = async () => (await import('exceljs')).default;

/**
 * The Excel annex: one sheet per table of the bulletin, every row (the Word document caps long
 * lists). Money is written as numbers in 万元 / 万美元 (lists) or 亿元 (headline), percentages as
 * fractions with a percent format, so the sheets can be summed and sorted.
 */

type Column = { header: string; width: number; numFmt?: string };

const PCT = '0.0%';
const WAN = '#,##0.00';
const INT = '#,##0';

function sheet(wb: ExcelJS.Workbook, name: string, columns: Column[], rows: (string | number | null)[][]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
  for (const r of rows) ws.addRow(r);
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** A value in base units as the number a sheet shows (万 for money in rankings, 亿 in the headline). */
const inWan = (unit: IndicatorUnit, v: number) => (unit === 'cny' || unit === 'usd' ? v / 1_000_000 : unit === 'kwh' ? v / 10_000 : unit === 'co2_t' ? v / 1000 : v);
const inHeadline = (unit: IndicatorUnit, v: number) => (unit === 'cny' || unit === 'usd' ? v / 10_000_000_000 : inWan(unit, v));

export async function renderXlsx(c: BulletinContent): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = c.issuingBody;
  wb.title = c.title;
  wb.created = new Date(c.generatedAt);

  const about = wb.addWorksheet('说明');
  about.columns = [
    { header: '项目', width: 16 },
    { header: '内容', width: 90 },
  ];
  about.getRow(1).font = { bold: true };
  for (const [k, v] of [
    ['通报', `${c.masthead}（第${c.issueNo}期）`],
    ['标题', c.title],
    ['发文单位', c.issuingBody],
    ['日期', dateZh(c.date)],
    ['通报期间', `${c.periodLabel}（${c.periodStart} 至 ${c.periodEnd}）`],
    ['考核快照', c.snapshot ? `编号${c.snapshot.id}，${c.snapshot.period}，冻结于${shanghaiTime(c.snapshot.frozenAt)}，校验码${c.snapshot.checksum}` : '本期尚无考核快照'],
    ['数据口径', c.basis],
    ['备注', c.notes],
  ]) {
    about.addRow([k, v]);
  }
  about.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  sheet(
    wb,
    '主要指标',
    [
      { header: '指标', width: 20 },
      { header: '单位', width: 10 },
      { header: c.kind === 'monthly' ? '本月' : '本周', width: 14, numFmt: WAN },
      { header: '年度累计', width: 14, numFmt: WAN },
      { header: '年度目标', width: 14, numFmt: WAN },
      { header: '完成率', width: 10, numFmt: PCT },
      { header: '序时进度', width: 10, numFmt: PCT },
    ],
    c.overall.indicators.map((i) => [
      i.name,
      headlineUnit(i.unit),
      inHeadline(i.unit, i.inPeriod),
      inHeadline(i.unit, i.actual),
      i.target === null ? null : inHeadline(i.unit, i.target),
      i.completion,
      i.timeProgress,
    ]),
  );

  const rankings = RANKED_INDICATORS.map((code) => c.completionRankings.find((r) => r.indicator === code)).filter((r) => !!r);
  for (const r of [...rankings, ...c.completionRankings.filter((x) => !RANKED_INDICATORS.includes(x.indicator))]) {
    sheet(
      wb,
      `完成率-${r.name}`.slice(0, 31),
      [
        { header: '单位类别', width: 14 },
        { header: '排名', width: 8, numFmt: INT },
        { header: '单位', width: 28 },
        { header: `累计完成（${listUnit(r.unit)}）`, width: 16, numFmt: WAN },
        { header: `年度目标（${listUnit(r.unit)}）`, width: 16, numFmt: WAN },
        { header: '完成率', width: 10, numFmt: PCT },
        { header: '序时进度', width: 10, numFmt: PCT },
      ],
      KIND_ORDER.flatMap((kind) =>
        (r.groups.find((g) => g.kind === kind)?.items ?? []).map((x) => [KIND_ZH[kind], x.rank, x.unitName, inWan(r.unit, x.actual), inWan(r.unit, x.target), x.completion, r.timeProgress]),
      ),
    );
  }

  sheet(
    wb,
    '积分排名-单位',
    [
      { header: '单位类别', width: 14 },
      { header: '排名', width: 8, numFmt: INT },
      { header: '单位', width: 28 },
      { header: '本期积分', width: 12, numFmt: '#,##0.00' },
      { header: '上期排名', width: 10, numFmt: INT },
      { header: '名次变化', width: 10, numFmt: '+0;-0;0' },
    ],
    KIND_ORDER.flatMap((kind) =>
      (c.pointsRanking.groups.find((g) => g.kind === kind)?.items ?? []).map((x) => [KIND_ZH[kind], x.rank, x.unitName, x.points, x.previousRank, x.change]),
    ),
  );
  sheet(
    wb,
    '积分排名-个人',
    [
      { header: '排名', width: 8, numFmt: INT },
      { header: '姓名', width: 16 },
      { header: '单位', width: 28 },
      { header: '本期积分', width: 12, numFmt: '#,##0.00' },
    ],
    c.pointsRanking.people.map((p) => [p.rank, p.displayName, p.unitName, p.points]),
  );
  sheet(
    wb,
    '考核更正',
    [
      { header: '所属考核期', width: 12 },
      { header: '单位', width: 28 },
      { header: '单位类别', width: 14 },
      { header: '项目', width: 22 },
      { header: '冻结值', width: 14, numFmt: WAN },
      { header: '现值', width: 14, numFmt: WAN },
      { header: '调整', width: 14, numFmt: '+#,##0.00;-#,##0.00;0' },
    ],
    c.adjustments.map((a) => {
      const r = a.indicator ? c.completionRankings.find((x) => x.indicator === a.indicator) : undefined;
      const v = (n: number) => (a.measure === 'points' || !r ? n : inWan(r.unit, n));
      return [a.againstPeriod, a.unitName, KIND_ZH[a.kind], a.measure === 'points' ? '积分' : `${r?.name ?? a.indicator}累计（${r ? listUnit(r.unit) : ''}）`, v(a.frozen), v(a.live), v(a.delta)];
    }),
  );
  const projectCols = (what: string, date: string, amount: string): Column[] => [
    { header: '序号', width: 6, numFmt: INT },
    { header: '项目名称', width: 36 },
    { header: '企业名称', width: 32 },
    { header: '责任单位', width: 18 },
    { header: date, width: 12 },
    { header: amount, width: 16, numFmt: WAN },
    { header: '币种', width: 8 },
    { header: `${what}编号`, width: 10, numFmt: INT },
  ];
  sheet(
    wb,
    '新签约项目',
    projectCols('项目', '签约日期', '签约投资额（万）'),
    c.signings.items.map((p, i) => [i + 1, p.projectName, p.enterpriseName, p.unitName, p.onDate, p.amount / 1_000_000, p.currency, p.projectId]),
  );
  sheet(
    wb,
    '新落地项目',
    projectCols('项目', '注册日期', '注册资金（万）'),
    c.landings.items.map((p, i) => [i + 1, p.projectName, p.enterpriseName, p.unitName, p.onDate, p.amount / 1_000_000, p.currency, p.projectId]),
  );
  sheet(
    wb,
    '红灯项目',
    [
      { header: '序号', width: 6, numFmt: INT },
      { header: '项目名称', width: 36 },
      { header: '企业名称', width: 32 },
      { header: '责任单位', width: 18 },
      { header: '阶段', width: 8 },
      { header: '亮灯原因', width: 30 },
      { header: '项目编号', width: 10, numFmt: INT },
    ],
    c.redLights.items.map((p, i) => [i + 1, p.projectName, p.enterpriseName, p.unitName, STAGE_ZH[p.stage] ?? p.stage, p.reason, p.projectId]),
  );
  sheet(
    wb,
    '超期协调事项',
    [
      { header: '序号', width: 6, numFmt: INT },
      { header: '协调事项', width: 32 },
      { header: '所属项目', width: 32 },
      { header: '类别', width: 10 },
      { header: '层级', width: 10 },
      { header: '牵头单位', width: 18 },
      { header: '办结时限', width: 12 },
      { header: '超期天数', width: 10, numFmt: INT },
      { header: '事项编号', width: 10, numFmt: INT },
    ],
    c.overdueItems.items.map((x, i) => [i + 1, x.title, x.projectName, CATEGORY_ZH[x.category] ?? x.category, LEVEL_ZH[x.level] ?? x.level, x.leadUnitName, x.dueOn, x.daysOverdue, x.id]),
  );
  // other modules' sections: each table as a sheet (money in 万元, shares as fractions)
  for (const sec of c.sections ?? []) {
    if (!sec.table) continue;
    const t = sec.table;
    const FMT = { text: undefined, number: INT, cny: WAN, usd: WAN, date: undefined, percent: PCT } as const;
    sheet(
      wb,
      sec.heading.slice(0, 31),
      [{ header: '序号', width: 6, numFmt: INT }, ...t.columns.map((col) => ({ header: col.kind === 'cny' ? `${col.label}（万元）` : col.kind === 'usd' ? `${col.label}（万美元）` : col.label, width: col.kind === 'text' ? 30 : 14, numFmt: FMT[col.kind] }))],
      t.rows.map((r, i) => [i + 1, ...r.map((v, k) => (typeof v === 'number' && (t.columns[k]!.kind === 'cny' || t.columns[k]!.kind === 'usd') ? v / 1_000_000 : v))]),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
