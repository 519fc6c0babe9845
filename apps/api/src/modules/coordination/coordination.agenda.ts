import { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun, convertMillimetersToTwip } from 'docx';
import { COORDINATION_CATEGORY_LABELS, type CoordinationItem, type Lang } from '@wutong/contracts';

/**
 * The lead group's meeting agenda as a Word document in the layout of Chinese official documents
 * (GB/T 9704-2012): A4, margins 37/35/28/26 mm, the title in 方正小标宋简体 二号, the body in
 * 仿宋_GB2312 三号 at a fixed 28 pt line (22 lines a page), first-level headings 一、 in 黑体,
 * page numbers "— 1 —" at the foot. The East Asian font is set on every run (w:eastAsia), so Word
 * and WPS pick the Chinese face; where 方正小标宋 is not installed they substitute their Song face.
 */
const FONT = { body: '仿宋_GB2312', title: '方正小标宋简体', heading: '黑体', latin: 'Times New Roman' };
const SIZE = { title: 44, body: 32 }; // half-points: 二号 22 pt, 三号 16 pt
const LINE = 560; // 28 pt in twips

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二, 21 → 二十一 (agendas stay well under a hundred items). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n]!;
  if (n < 20) return `十${NUMERALS[n - 10]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${NUMERALS[tens]}十${ones ? NUMERALS[ones] : ''}`;
}

/** 2026-05-20 → 2026年5月20日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

const run = (text: string, face: string, opts: { bold?: boolean; size?: number } = {}) =>
  new TextRun({ text, bold: opts.bold, size: opts.size ?? SIZE.body, font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: face, hint: 'eastAsia' }, language: { eastAsia: 'zh-CN' } });

const bodyLine = (children: TextRun[], indent = true) =>
  new Paragraph({ children, indent: indent ? { firstLine: 640 } : undefined, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, alignment: AlignmentType.JUSTIFIED });

export type AgendaItem = CoordinationItem & { escalationNote: string | null };

export async function buildAgendaDocx(a: { title: string; meetingDate: string; issuer: string; items: AgendaItem[]; lang: Lang }): Promise<Buffer> {
  const zh = a.lang !== 'en-US';
  const L = zh
    ? { date: `会议日期：${chineseDate(a.meetingDate)}`, count: `共${a.items.length}项`, project: '项目', category: '事项类别', issue: '问题描述', by: '提出单位', neededBy: '需求时间', lead: '牵头单位', coop: '配合单位', reason: '提请事由', decision: '会议议定', tbd: '待会议明确', none: '本次会议暂无待议事项。', colon: '：', sep: '、' }
    : { date: `Meeting date: ${a.meetingDate}`, count: `${a.items.length} item(s)`, project: 'Project', category: 'Category', issue: 'Issue', by: 'Raised by', neededBy: 'Needed by', lead: 'Lead unit', coop: 'Cooperating units', reason: 'Why it is on the agenda', decision: 'Decision', tbd: 'to be decided', none: 'Nothing is waiting for the lead group.', colon: ': ', sep: ', ' };
  const field = (name: string, value: string) => bodyLine([run(`${name}${L.colon}`, FONT.body, { bold: true }), run(value, FONT.body)]);

  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: 280 },
      children: [run(a.title, FONT.title, { size: SIZE.title })],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [run(`${L.date}\u3000${L.count}`, FONT.body)] }),
    new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] }),
  ];
  if (!a.items.length) children.push(bodyLine([run(L.none, FONT.body)]));
  a.items.forEach((it, i) => {
    const n = zh ? `${chineseNumeral(i + 1)}、` : `${i + 1}. `;
    children.push(bodyLine([run(`${n}${it.title}`, FONT.heading)]));
    const raisedOn = new Date(Date.parse(it.raisedAt) + 8 * 3600_000).toISOString().slice(0, 10);
    children.push(
      field(L.project, `${it.projectName}（${it.enterpriseName}）`),
      field(L.category, COORDINATION_CATEGORY_LABELS[it.category][zh ? 'zh' : 'en']),
      field(L.issue, it.description),
      field(L.by, [it.raisedByUnitName, it.raisedByName].filter(Boolean).join(' ') + (zh ? `（${chineseDate(raisedOn)}提出）` : ` (${raisedOn})`)),
      field(L.neededBy, zh ? chineseDate(it.neededBy) : it.neededBy),
      field(L.lead, it.leadUnit?.name ?? L.tbd),
    );
    if (it.cooperatingUnits.length) children.push(field(L.coop, it.cooperatingUnits.map((u) => u.name).join(L.sep)));
    if (it.escalationNote) children.push(field(L.reason, it.escalationNote));
    children.push(field(L.decision, '＿'.repeat(zh ? 18 : 24)));
  });
  children.push(
    new Paragraph({ spacing: { line: LINE, lineRule: LineRuleType.EXACT }, children: [] }),
    new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { line: LINE, lineRule: LineRuleType.EXACT }, indent: { right: 640 }, children: [run(a.issuer, FONT.body)] }),
  );

  const doc = new Document({
    creator: 'Wutong',
    title: a.title,
    styles: {
      default: {
        document: {
          run: { size: SIZE.body, font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: FONT.body, hint: 'eastAsia' } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(37), bottom: convertMillimetersToTwip(35), left: convertMillimetersToTwip(28), right: convertMillimetersToTwip(26) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font: { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia: '宋体' } }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
