import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
  convertMillimetersToTwip,
  type IRunOptions,
} from 'docx';
import type { BulletinContent } from '@wutong/contracts';
import {
  CATEGORY_ZH,
  CN_NUMERALS,
  CURRENCY_WAN,
  KIND_ZH,
  LEVEL_ZH,
  STAGE_ZH,
  change,
  dateZh,
  headlineUnit,
  headlineValue,
  listUnit,
  listValue,
  pct,
  wan,
  shanghaiTime,
  yi,
} from './format.js';
import { RANKED_INDICATORS, completionByKind, pointsFmt } from './content-text.js';

/**
 * The bulletin as a Word document in the layout of Chinese official documents (GB/T 9704-2012):
 * A4 with 37/35/28/26 mm margins; a red masthead (版头) with the issue number (第N期), the issuing
 * body and the date above a red rule; the title centred in 小标宋 二号; the body in 仿宋_GB2312
 * 三号 on a 28.95 pt line; numbered section headings in 黑体; tables with repeated header rows;
 * page numbers "— N —" at the foot; the 版记 (distribution and printing line) at the end.
 */

const RED = 'E60012';
const FONT_TITLE = '方正小标宋简体';
const FONT_SONG = '宋体';
const FONT_BODY = '仿宋_GB2312';
const FONT_HEI = '黑体';
const FONT_KAI = '楷体_GB2312';
const LATIN = 'Times New Roman';

// sizes in half-points: 初号 42pt, 小初 36pt, 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt
const SIZE = { masthead: 80, title: 44, body: 32, four: 28, small4: 24, five: 21 } as const;
const BODY_LINE = 579; // 28.95 pt exact, in twentieths of a point

const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });

function run(text: string, opts: Partial<IRunOptions> & { eastAsia?: string } = {}): TextRun {
  const { eastAsia, ...rest } = opts;
  return new TextRun({ text, font: font(eastAsia ?? FONT_BODY), size: SIZE.body, ...rest });
}

function body(text: string | TextRun[], opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 }, // two characters of 三号
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    children: typeof text === 'string' ? [run(text)] : text,
  });
}

const blank = () => new Paragraph({ spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, children: [run('')] });

function heading1(n: number, text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [run(`${CN_NUMERALS[n - 1]}、${text}`, { eastAsia: FONT_HEI })],
  });
}

function heading2(n: number, text: string): Paragraph {
  return new Paragraph({
    indent: { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [run(`（${CN_NUMERALS[n - 1]}）${text}`, { eastAsia: FONT_KAI, bold: true })],
  });
}

function tableCaption(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 120, after: 60 },
    keepNext: true,
    children: [run(text, { eastAsia: FONT_HEI, size: SIZE.small4 })],
  });
}

function note(text: string): Paragraph {
  return new Paragraph({ spacing: { before: 40, after: 120 }, children: [run(text, { size: SIZE.five, eastAsia: FONT_KAI })] });
}

type Col = { title: string; width: number; align?: 'left' | 'center' | 'right' };

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function cell(text: string, col: Col, header: boolean): TableCell {
  return new TableCell({
    width: { size: col.width, type: WidthType.PERCENTAGE },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
    borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    children: [
      new Paragraph({
        alignment: header || col.align === 'center' ? AlignmentType.CENTER : col.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [run(text, { size: SIZE.five, eastAsia: header ? FONT_HEI : FONT_SONG })],
      }),
    ],
  });
}

/** A table with a header row repeated on every page. */
function table(cols: Col[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: cols.map((c) => cell(c.title, c, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: cols.map((c, i) => cell(r[i] ?? '', c, false)) })),
    ],
  });
}

/** Short indicator names for narrow table headers. */
const SHORT_NAME: Partial<Record<string, string>> = {
  registered_capital: '注册资金',
  foreign_capital_used: '利用外资',
  domestic_capital_in_place: '市外内资',
  zhejiang_capital_in_place: '浙商回归',
};

/** The longest list a Word bulletin prints in full; the Excel annex always has every row. */
export const DOCX_MAX_ROWS = 40;

function capped<T>(items: T[]): { shown: T[]; rest: number } {
  return { shown: items.slice(0, DOCX_MAX_ROWS), rest: Math.max(0, items.length - DOCX_MAX_ROWS) };
}

/** The masthead on one line: as large as 40 pt, smaller for a long name (156 mm of text width ≈ 440 pt). */
export function mastheadSize(name: string): number {
  const chars = [...name].reduce((n, ch) => n + (ch.charCodeAt(0) < 256 ? 0.5 : 1), 0);
  const pt = Math.min(SIZE.masthead / 2, Math.floor(420 / Math.max(1, chars)) - 1);
  return Math.max(20, pt) * 2;
}

function masthead(c: BulletinContent): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 120 },
      children: [run(c.masthead, { eastAsia: FONT_TITLE, size: mastheadSize(c.masthead), color: RED, characterSpacing: 10 })],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [run(`第${c.issueNo}期`, { size: SIZE.body })],
    }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: convertMillimetersToTwip(210 - 28 - 26) }],
      spacing: { after: 0 },
      border: { bottom: { color: RED, space: 6, style: BorderStyle.SINGLE, size: 18 } },
      children: [run(c.issuingBody, { size: SIZE.four }), run(`\t${dateZh(c.date)}`, { size: SIZE.four })],
    }),
  ];
}

function overallSection(c: BulletinContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading1(1, '总体进展')];
  for (const s of c.overall.summary) out.push(body(s));
  out.push(tableCaption(`表1  ${c.year}年主要指标完成情况（截至${dateZh(c.periodEnd)}）`));
  out.push(
    table(
      [
        { title: '指标', width: 21 },
        { title: '单位', width: 11, align: 'center' },
        { title: c.kind === 'monthly' ? '本月' : '本周', width: 13, align: 'right' },
        { title: '年度累计', width: 14, align: 'right' },
        { title: '年度目标', width: 14, align: 'right' },
        { title: '完成率', width: 13, align: 'right' },
        { title: '序时进度', width: 14, align: 'right' },
      ],
      c.overall.indicators.map((i) => [
        i.name,
        headlineUnit(i.unit),
        headlineValue(i.unit, i.inPeriod),
        headlineValue(i.unit, i.actual),
        i.target === null ? '—' : headlineValue(i.unit, i.target),
        pct(i.completion),
        pct(i.timeProgress),
      ]),
    ),
  );
  out.push(note(`注：${c.basis}`));
  return out;
}

function rankingSection(c: BulletinContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading1(2, '完成率排名和积分排名')];
  let tableNo = 2;
  let sub = 1;
  const ranked = completionByKind(c);
  if (ranked.length) {
    out.push(heading2(sub++, '目标完成率排名'));
    out.push(body(`按${RANKED_INDICATORS.map((i) => c.completionRankings.find((r) => r.indicator === i)?.name).filter(Boolean).join('、')}等指标的年度目标完成率，在同类单位中排名（以${ranked[0]!.leadName}完成率排序，序时进度${pct(ranked[0]!.timeProgress)}）。`));
    for (const g of ranked) {
      out.push(tableCaption(`表${tableNo++}  ${KIND_ZH[g.kind]}目标完成率排名`));
      const rate = g.others.length ? Math.floor(40 / g.others.length) : 0;
      out.push(
        table(
          [
            { title: '排名', width: 7, align: 'center' },
            { title: '单位', width: 23 + (g.others.length ? 0 : 40) },
            { title: `${g.leadName}（${listUnit(g.leadUnit)}）`, width: 11, align: 'right' },
            { title: '年度目标', width: 8, align: 'right' },
            { title: `${g.leadName}完成率`, width: 11, align: 'right' },
            ...g.others.map((o) => ({ title: `${SHORT_NAME[o.indicator] ?? o.name}完成率`, width: rate, align: 'right' as const })),
          ],
          g.rows.map((r) => [String(r.rank), r.unitName, listValue(g.leadUnit, r.actual), listValue(g.leadUnit, r.target), pct(r.completion), ...r.others.map((x) => pct(x))]),
        ),
      );
    }
  }
  out.push(heading2(sub++, `积分排名（${pointsPeriodLabel(c.pointsRanking.period)}）`));
  if (c.pointsRanking.groups.every((g) => g.items.length === 0)) {
    out.push(body('本期各单位无积分记录。'));
  } else {
    out.push(body('按“以贡献论英雄”积分规则，对各单位本期招商积分在同类单位中排名，名次变化与上期相比。'));
    for (const g of c.pointsRanking.groups) {
      if (!g.items.length) continue;
      out.push(tableCaption(`表${tableNo++}  ${KIND_ZH[g.kind]}积分排名`));
      out.push(
        table(
          [
            { title: '排名', width: 10, align: 'center' },
            { title: '单位', width: 40 },
            { title: '本期积分', width: 18, align: 'right' },
            { title: '上期排名', width: 16, align: 'center' },
            { title: '名次变化', width: 16, align: 'center' },
          ],
          g.items.map((r) => [String(r.rank), r.unitName, pointsFmt(r.points), r.previousRank === null ? '—' : String(r.previousRank), change(r.change, r.previousRank)]),
        ),
      );
    }
  }
  if (c.pointsRanking.people.length) {
    const top = c.pointsRanking.people.slice(0, 10);
    out.push(body(`个人积分前${top.length}名：${top.map((p) => `${p.displayName}（${p.unitName}，${pointsFmt(p.points)}分）`).join('，')}。`));
  }
  if (c.adjustments.length) {
    out.push(heading2(sub, '以往考核期更正'));
    out.push(body(`已冻结考核期的数据在冻结后发生更正（冲销或补录），差额计入本期，共${c.adjustments.length}项：`));
    out.push(tableCaption(`表${tableNo}  考核结果更正`));
    out.push(
      table(
        [
          { title: '所属考核期', width: 16, align: 'center' },
          { title: '单位', width: 24 },
          { title: '项目', width: 20 },
          { title: '冻结值', width: 13, align: 'right' },
          { title: '现值', width: 13, align: 'right' },
          { title: '调整', width: 14, align: 'right' },
        ],
        c.adjustments.map((a) => {
          const ind = a.indicator ? c.completionRankings.find((r) => r.indicator === a.indicator) : undefined;
          const f = (v: number) => (a.measure === 'points' ? pointsFmt(v) : ind ? listValue(ind.unit, v) : String(v));
          return [a.againstPeriod, a.unitName, a.measure === 'points' ? '积分' : `${ind?.name ?? a.indicator}累计`, f(a.frozen), f(a.live), `${a.delta > 0 ? '+' : ''}${f(a.delta)}`];
        }),
      ),
    );
  }
  return out;
}

function pointsPeriodLabel(p: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return `${Number(m[1])}年${Number(m[2])}月`;
  const q = /^(\d{4})-Q(\d)$/.exec(p);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${p}年`;
}

function projectsSection(c: BulletinContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading1(3, '新签约和新落地项目')];
  const span = c.kind === 'monthly' ? '本月' : '本周';
  out.push(heading2(1, '新签约项目'));
  if (!c.signings.count) out.push(body(`${span}无新签约项目。`));
  else {
    out.push(body(`${span}新签约项目${c.signings.count}个，签约投资额合计${yi(c.signings.totalCny)}亿元。`));
    const { shown, rest } = capped(c.signings.items);
    out.push(
      table(
        [
          { title: '序号', width: 7, align: 'center' },
          { title: '项目名称', width: 41 },
          { title: '责任单位', width: 20 },
          { title: '签约日期', width: 14, align: 'center' },
          { title: `签约投资额（${CURRENCY_WAN[shown[0]?.currency ?? 'CNY']}）`, width: 18, align: 'right' },
        ],
        shown.map((p, i) => [String(i + 1), p.projectName, p.unitName, p.onDate, wan(p.amount)]),
      ),
    );
    if (rest) out.push(note(`另有${rest}个项目，详见附件。`));
  }
  out.push(heading2(2, '新落地项目'));
  if (!c.landings.count) out.push(body(`${span}无新落地项目。`));
  else {
    out.push(body(`${span}新落地（注册）项目${c.landings.count}个，注册资金合计${yi(c.landings.totalCny)}亿元。`));
    const { shown, rest } = capped(c.landings.items);
    out.push(
      table(
        [
          { title: '序号', width: 7, align: 'center' },
          { title: '企业名称', width: 41 },
          { title: '责任单位', width: 20 },
          { title: '注册日期', width: 14, align: 'center' },
          { title: `注册资金（${CURRENCY_WAN[shown[0]?.currency ?? 'CNY']}）`, width: 18, align: 'right' },
        ],
        shown.map((p, i) => [String(i + 1), p.enterpriseName, p.unitName, p.onDate, wan(p.amount)]),
      ),
    );
    if (rest) out.push(note(`另有${rest}个项目，详见附件。`));
  }
  return out;
}

function problemsSection(c: BulletinContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading1(4, '红灯项目和超期协调事项')];
  out.push(heading2(1, '红灯项目'));
  if (!c.redLights.count) out.push(body('截至通报日，全区无红灯项目。'));
  else {
    out.push(body(`截至通报日，全区亮红灯项目${c.redLights.count}个，请责任单位抓紧跟进推进。`));
    const { shown, rest } = capped(c.redLights.items);
    out.push(
      table(
        [
          { title: '序号', width: 7, align: 'center' },
          { title: '项目名称', width: 38 },
          { title: '责任单位', width: 18 },
          { title: '阶段', width: 9, align: 'center' },
          { title: '亮灯原因', width: 28 },
        ],
        shown.map((p, i) => [String(i + 1), p.projectName, p.unitName, STAGE_ZH[p.stage] ?? p.stage, p.reason]),
      ),
    );
    if (rest) out.push(note(`另有${rest}个项目，详见附件。`));
  }
  out.push(heading2(2, '超期协调事项'));
  if (!c.overdueItems.count) out.push(body('截至通报日，无超期未办结的协调事项。'));
  else {
    out.push(body(`截至通报日，超期未办结的协调事项${c.overdueItems.count}件，请牵头单位加快办理。`));
    const { shown, rest } = capped(c.overdueItems.items);
    out.push(
      table(
        [
          { title: '序号', width: 7, align: 'center' },
          { title: '协调事项', width: 24 },
          { title: '所属项目', width: 21 },
          { title: '类别', width: 8, align: 'center' },
          { title: '牵头单位', width: 16 },
          { title: '办结时限', width: 14, align: 'center' },
          { title: '超期', width: 10, align: 'right' },
        ],
        shown.map((x, i) => [String(i + 1), `${x.title}（${LEVEL_ZH[x.level] ?? x.level}层级）`, x.projectName, CATEGORY_ZH[x.category] ?? x.category, x.leadUnitName, x.dueOn, `${x.daysOverdue}天`]),
      ),
    );
    if (rest) out.push(note(`另有${rest}件，详见附件。`));
  }
  return out;
}

const SECTION_ALIGN = { text: 'left', number: 'right', cny: 'right', usd: 'right', date: 'center', percent: 'right' } as const;

/** Other modules' sections, numbered on after 四、 (the notes come last). */
function moduleSections(c: BulletinContent): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  (c.sections ?? []).forEach((s, i) => {
    out.push(heading1(5 + i, s.heading));
    for (const p of s.paragraphs) out.push(body(p));
    if (s.table) {
      out.push(tableCaption(s.table.caption));
      const { shown, rest } = capped(s.table.rows);
      const width = Math.floor(93 / Math.max(1, s.table.columns.length));
      out.push(
        table(
          [{ title: '序号', width: 7, align: 'center' }, ...s.table.columns.map((col) => ({ title: col.label, width, align: SECTION_ALIGN[col.kind] }))],
          shown.map((r, n) => [String(n + 1), ...r.map((v, k) => sectionCell(v, s.table!.columns[k]!.kind))]),
        ),
      );
      if (rest) out.push(note(`另有${rest}行，详见附件。`));
    }
  });
  return out;
}

/** A section cell as printed: money in 万元 with two decimals, shares in percent, the rest as they are. */
function sectionCell(v: string | number | null, kind: 'text' | 'number' | 'cny' | 'usd' | 'date' | 'percent'): string {
  if (v === null || v === '') return '';
  if (typeof v === 'string') return v;
  if (kind === 'cny' || kind === 'usd') return (v / 1_000_000).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (kind === 'percent') return `${(v * 100).toFixed(1)}%`;
  return v.toLocaleString('zh-CN');
}

function notesSection(c: BulletinContent): Paragraph[] {
  const out: Paragraph[] = [heading1(5 + (c.sections?.length ?? 0), '备注')];
  const lines = c.notes
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const l of lines) out.push(body(l));
  if (c.snapshot) {
    out.push(body(`本通报排名引用${c.periodLabel.replace(/（.*$/, '')}考核快照（编号${c.snapshot.id}，冻结于${dateZh(shanghaiTime(c.snapshot.frozenAt, 'day'))}，校验码${c.snapshot.checksum.slice(0, 12)}）。`));
  }
  out.push(body(`附件：${c.title}数据表（Excel）`));
  return out;
}

/** 版记: distribution and printing lines between thin rules, at the end of the document. */
function colophon(c: BulletinContent): Paragraph[] {
  const rule = { color: '000000', space: 4, style: BorderStyle.SINGLE, size: 6 };
  return [
    blank(),
    new Paragraph({
      border: { top: rule, bottom: rule },
      spacing: { before: 240 },
      indent: { left: 320, right: 320 },
      children: [run('抄送：区委、区人大常委会、区政府、区政协领导，区优商招商工作领导小组成员单位。', { size: SIZE.four })],
    }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: convertMillimetersToTwip(210 - 28 - 26) - 320 }],
      border: { bottom: rule },
      indent: { left: 320, right: 320 },
      children: [run(c.issuingBody, { size: SIZE.four }), run(`\t${dateZh(c.date)}印发`, { size: SIZE.four })],
    }),
  ];
}

export async function renderDocx(c: BulletinContent): Promise<Buffer> {
  const doc = new Document({
    creator: c.issuingBody,
    title: c.title,
    description: `${c.masthead} 第${c.issueNo}期`,
    styles: {
      default: {
        document: { run: { font: font(FONT_BODY), size: SIZE.body, language: { value: 'en-US', eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
              footer: convertMillimetersToTwip(20),
            },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT_SONG), size: SIZE.four })],
              }),
            ],
          }),
        },
        children: [
          ...masthead(c),
          blank(),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT },
            children: [run(c.title, { eastAsia: FONT_TITLE, size: SIZE.title })],
          }),
          blank(),
          body(`${c.regionName}各镇乡（街道）、区级有关部门、园区、区属国有企业：`, { indent: false }),
          body(`现将${c.periodLabel}全区招商引资工作情况通报如下：`),
          ...overallSection(c),
          ...rankingSection(c),
          ...projectsSection(c),
          ...problemsSection(c),
          ...moduleSections(c),
          ...notesSection(c),
          blank(),
          new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, children: [run(c.issuingBody)] }),
          new Paragraph({ alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, children: [run(dateZh(c.date))] }),
          ...colophon(c),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

