import { INDICATORS, INDICATOR_BY_CODE, type ImportTargets, type ImportTargetsResult, type IndicatorCode, type SetTarget, type TargetSplit, type TargetsQuery } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { t } from '@wutong/contracts';
import { readRows, sheetKind } from '../../platform/sheet.js';
import { addSheet, loadExcel, pick, workbookFile, type Bilingual, type Column } from '../../platform/excel.js';
import * as repo from './assessment.repository.js';
import { checkTargetParts, listTargets } from './assessment.service.js';
import { DISPLAY_FACTOR, DISPLAY_UNIT } from './progress.js';

/**
 * Targets in Excel: a template, the filtered list in the same columns, and an import that reads
 * either. Values are written in the units people plan in — 家/个/人, 万元, 万美元, kWh, 吨 — and
 * stored in the indicator's base unit. Units are named by name or code, indicators by Chinese name,
 * English name or code. A re-import of an exported file changes nothing.
 */


const QUARTERS = ['一季度', '二季度', '三季度', '四季度'];
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
type Col = { key: string; zh: string; en: string; width: number };
const COLUMNS: Col[] = [
  { key: 'unit', zh: '单位', en: 'Unit', width: 22 },
  { key: 'indicator', zh: '指标', en: 'Indicator', width: 18 },
  { key: 'year', zh: '年度', en: 'Year', width: 8 },
  { key: 'annual', zh: '年度目标', en: 'Annual target', width: 14 },
  { key: 'measure', zh: '计量单位', en: 'Measure', width: 10 },
  { key: 'split', zh: '分解方式', en: 'Split', width: 10 },
  ...QUARTERS.map((q, i) => ({ key: `q${i + 1}`, zh: q, en: `Q${i + 1}`, width: 10 })),
  ...MONTHS.map((m, i) => ({ key: `m${i + 1}`, zh: m, en: `M${i + 1}`, width: 9 })),
];
const EXTRA: Col[] = [
  { key: 'actual', zh: '实际完成', en: 'Actual', width: 12 },
  { key: 'completion', zh: '完成率', en: 'Completion', width: 10 },
  { key: 'timeProgress', zh: '序时进度', en: 'Time progress', width: 10 },
];
const SPLIT_WORDS: Record<TargetSplit, string[]> = {
  none: ['不分解', '无', 'none', '年度'],
  quarter: ['按季度', '季度', '按季', 'quarter', 'quarterly'],
  month: ['按月', '月度', '按月度', 'month', 'monthly'],
};
const SPLIT_LABEL: Record<TargetSplit, Bilingual> = { none: ['不分解', 'none'], quarter: ['按季度', 'quarter'], month: ['按月', 'month'] };

const norm = (s: string) => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
const HEADER_INDEX = new Map<string, string>();
for (const c of [...COLUMNS, ...EXTRA]) for (const h of [c.zh, c.en, c.key]) HEADER_INDEX.set(norm(h), c.key);
HEADER_INDEX.set(norm('单位名称'), 'unit');
HEADER_INDEX.set(norm('单位代码'), 'unit');
HEADER_INDEX.set(norm('指标名称'), 'indicator');
HEADER_INDEX.set(norm('指标代码'), 'indicator');
HEADER_INDEX.set(norm('年份'), 'year');

const INDICATOR_INDEX = new Map<string, IndicatorCode>();
for (const i of INDICATORS) for (const s of [i.code, i.zh, i.en]) INDICATOR_INDEX.set(norm(s), i.code);
const SPLIT_INDEX = new Map<string, TargetSplit>();
for (const [k, words] of Object.entries(SPLIT_WORDS) as [TargetSplit, string[]][]) for (const w of words) SPLIT_INDEX.set(norm(w), k);

/** base units → the sheet's unit, exactly (6 decimals cover 分 in 万元) */
const toSheet = (indicator: IndicatorCode, v: number) => Number((v / DISPLAY_FACTOR[INDICATOR_BY_CODE[indicator].unit]).toFixed(6));
const fromSheet = (indicator: IndicatorCode, v: number) => Math.round(v * DISPLAY_FACTOR[INDICATOR_BY_CODE[indicator].unit]);

const NOTES: Record<string, Bilingual> = {
  unit: ['单位名称或代码', 'unit name or code'],
  indicator: ['指标名称或代码，见“指标”页', 'indicator name or code, see the Indicators sheet'],
  annual: ['按“计量单位”填写：金额为万元/万美元，CO₂ 为吨', 'in the measure shown: money in 10k CNY/USD, CO₂ in tonnes'],
  split: ['不分解、按季度或按月；各期之和须等于年度目标', 'none, quarter or month; the parts must add up to the annual target'],
};

type SheetRowValues = Record<string, unknown>;

async function workbook(ctx: RequestContext, withExtra: boolean, rows: SheetRowValues[]) {
  const wb = new (await loadExcel()).Workbook();
  const columns: Column<SheetRowValues>[] = [...COLUMNS, ...(withExtra ? EXTRA : [])].map((c) => ({
    key: c.key,
    header: [c.zh, c.en],
    width: c.width,
    ...(c.key === 'completion' || c.key === 'timeProgress' ? { kind: 'percent' as const } : {}),
  }));
  const ws = await addSheet(wb, ctx.lang, { name: ['目标', 'Targets'], columns, rows });
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 2 }];
  COLUMNS.forEach((c, i) => {
    const n = NOTES[c.key];
    if (n) ws.getRow(1).getCell(i + 1).note = pick(ctx.lang, n);
  });
  await addSheet(wb, ctx.lang, {
    name: ['指标', 'Indicators'],
    columns: [
      { key: 'code', header: ['代码', 'Code'], width: 28 },
      { key: 'name', header: ['名称', 'Name'], width: 18 },
      { key: 'measure', header: ['计量单位', 'Measure'], width: 12 },
    ],
    rows: INDICATORS.map((i) => ({ code: i.code, name: pick(ctx.lang, [i.zh, i.en]), measure: pick(ctx.lang, DISPLAY_UNIT[i.unit]) })),
  });
  return wb;
}

export async function template(ctx: RequestContext) {
  const region = (await repo.regionUnits(ctx)).find((u) => u.id === ctx.scope.regionId);
  const year = new Date().getFullYear();
  const example = {
    unit: region?.name ?? '',
    indicator: pick(ctx.lang, ['引进企业数', 'enterprises_introduced']),
    year,
    annual: 120,
    measure: pick(ctx.lang, DISPLAY_UNIT.enterprise),
    split: pick(ctx.lang, SPLIT_LABEL.quarter),
    q1: 30,
    q2: 30,
    q3: 30,
    q4: 30,
  };
  return workbookFile(await workbook(ctx, false, [example]), ctx.lang, ['目标导入模板.xlsx', 'targets-template.xlsx']);
}

export async function exportTargets(ctx: RequestContext, q: TargetsQuery) {
  const { items } = await listTargets(ctx, q);
  const rows = items.map((r) => {
    const row: SheetRowValues = {
      unit: r.unitName,
      indicator: pick(ctx.lang, [INDICATOR_BY_CODE[r.indicator].zh, r.indicator]),
      year: r.year,
      annual: toSheet(r.indicator, r.annual),
      measure: pick(ctx.lang, DISPLAY_UNIT[INDICATOR_BY_CODE[r.indicator].unit]),
      split: pick(ctx.lang, SPLIT_LABEL[r.split]),
      actual: toSheet(r.indicator, r.actual),
      completion: r.completion === null ? null : Number((r.completion * 100).toFixed(1)) / 100,
      timeProgress: Number((r.timeProgress * 100).toFixed(1)) / 100,
    };
    (r.parts ?? []).forEach((p, i) => (row[`${r.split === 'quarter' ? 'q' : 'm'}${i + 1}`] = toSheet(r.indicator, p)));
    return row;
  });
  return workbookFile(await workbook(ctx, true, rows), ctx.lang, ['目标.xlsx', 'targets.xlsx']);
}

const MAX_ROWS = 5000;

/** Imports targets from the template (or an export); bad rows come back with the reason, good rows are saved. */
export async function importTargets(ctx: RequestContext, input: ImportTargets): Promise<ImportTargetsResult> {
  const zh = ctx.lang !== 'en-US';
  const file = Buffer.from(input.contentBase64, 'base64');
  if (!file.length || file.toString('base64').replace(/=+$/, '') !== input.contentBase64.replace(/\s/g, '').replace(/=+$/, '')) {
    throw new AppError(400, 'validation_failed', {}, { contentBase64: 'import_base64' });
  }
  const kind = sheetKind(input.filename, file);
  if (!kind) throw new AppError(400, 'validation_failed', {}, { filename: 'import_file_type' });
  const units = await repo.regionUnits(ctx);
  const scope = new Set(ctx.scope.unitIds);
  const unitIndex = new Map<string, repo.RegionUnit[]>();
  for (const u of units) unitIndex.set(norm(u.name), [...(unitIndex.get(norm(u.name)) ?? []), u]);
  const codes = await unitCodes(ctx, units);

  let header: string[] | null = null;
  const result: ImportTargetsResult = { imported: 0, unchanged: 0, rejected: [] };
  const seen = new Set<string>();
  const reject = (row: number, zhText: string, enText: string) => result.rejected.push({ row, reason: zh ? zhText : enText });
  let rows = 0;
  try {
    for await (const { row, cells } of readRows(kind, file)) {
      if (!header) {
        header = cells.map((c) => HEADER_INDEX.get(norm(c)) ?? '');
        if (!header.includes('unit') || !header.includes('indicator') || !header.includes('annual')) {
          throw new AppError(400, 'validation_failed', {}, { contentBase64: zh ? '第一行应为表头，包含“单位”“指标”“年度目标”列' : 'The first row must be the header with Unit, Indicator and Annual target' });
        }
        continue;
      }
      if (!cells.some((c) => c !== '')) continue;
      if (++rows > MAX_ROWS) {
        reject(row, `一次最多导入 ${MAX_ROWS} 行`, `At most ${MAX_ROWS} rows per import`);
        break;
      }
      const v: Record<string, string> = {};
      header.forEach((k, i) => k && (v[k] = cells[i] ?? ''));

      const unitText = v.unit ?? '';
      const unit = codes.get(unitText.trim().toUpperCase()) ?? (unitIndex.get(norm(unitText)) ?? []).find(() => true);
      if (!unitText) {
        reject(row, '单位为空', 'Unit is empty');
        continue;
      }
      if ((unitIndex.get(norm(unitText)) ?? []).length > 1 && !codes.has(unitText.trim().toUpperCase())) {
        reject(row, `有多个单位名为“${unitText}”，请填写单位代码`, `Several units are named "${unitText}": use the unit code`);
        continue;
      }
      if (!unit || !scope.has(unit.id)) {
        reject(row, `没有这个单位（或不在您的管理范围内）：${unitText}`, `No such unit within your scope: ${unitText}`);
        continue;
      }
      const indicator = INDICATOR_INDEX.get(norm(v.indicator ?? ''));
      if (!indicator) {
        reject(row, `没有这个指标：${v.indicator ?? ''}`, `No such indicator: ${v.indicator ?? ''}`);
        continue;
      }
      const year = Number(v.year || new Date().getFullYear());
      if (!Number.isInteger(year) || year < 2000 || year > 2100) {
        reject(row, `年度应为 2000–2100 的整数：${v.year}`, `The year must be an integer 2000–2100: ${v.year}`);
        continue;
      }
      const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s.replace(/,/g, '')));
      const annualIn = num(v.annual);
      if (annualIn === null || !Number.isFinite(annualIn) || annualIn < 0 || annualIn > 1e12) {
        reject(row, `年度目标应为不小于 0 的数字：${v.annual ?? ''}`, `The annual target must be a number ≥ 0: ${v.annual ?? ''}`);
        continue;
      }
      const qs = [1, 2, 3, 4].map((i) => num(v[`q${i}`]));
      const ms = Array.from({ length: 12 }, (_, i) => num(v[`m${i + 1}`]));
      const split: TargetSplit | undefined = v.split ? SPLIT_INDEX.get(norm(v.split)) : ms.some((x) => x !== null) ? 'month' : qs.some((x) => x !== null) ? 'quarter' : 'none';
      if (!split) {
        reject(row, `分解方式应为不分解、按季度或按月：${v.split}`, `The split must be none, quarter or month: ${v.split}`);
        continue;
      }
      const rawParts = split === 'quarter' ? qs : split === 'month' ? ms : [];
      if (rawParts.some((x) => x !== null && (!Number.isFinite(x) || x < 0 || x > 1e12))) {
        reject(row, '分期目标应为不小于 0 的数字', 'Parts must be numbers ≥ 0');
        continue;
      }
      const target: SetTarget = {
        unitId: unit.id,
        indicator,
        year,
        annual: fromSheet(indicator, annualIn),
        split,
        ...(split === 'none' ? {} : { parts: rawParts.filter((x) => x !== null).map((x) => fromSheet(indicator, x!)) }),
      };
      if (target.annual > 1e15) {
        reject(row, `年度目标过大：${v.annual}`, `The annual target is too large: ${v.annual}`);
        continue;
      }
      const bad = checkTargetParts(target);
      if (bad) {
        reject(row, t('zh-CN', bad.parts!), t('en-US', bad.parts!));
        continue;
      }
      const key = `${unit.id}|${indicator}|${year}`;
      if (seen.has(key)) {
        reject(row, '与前面的行重复（同一单位、指标、年度）', 'Repeats an earlier row (same unit, indicator and year)');
        continue;
      }
      seen.add(key);
      const before = await repo.findTarget(ctx, target);
      if (before && before.annual === target.annual && before.split === target.split && JSON.stringify(before.parts ?? []) === JSON.stringify(target.parts ?? [])) {
        result.unchanged++;
        continue;
      }
      await repo.saveTarget(ctx, target);
      result.imported++;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError(400, 'validation_failed', {}, { contentBase64: 'import_unreadable' });
  }
  if (!header) throw new AppError(400, 'validation_failed', {}, { contentBase64: 'import_no_header' });
  await audit(ctx, { action: 'import', entity: 'target', entityId: null, unitId: ctx.scope.regionId, after: { filename: input.filename, ...result, rejected: result.rejected.length } });
  return result;
}

async function unitCodes(ctx: RequestContext, units: repo.RegionUnit[]) {
  const rows = await repo.unitCodes(ctx);
  const byId = new Map(units.map((u) => [u.id, u]));
  return new Map(rows.filter((r) => r.code && byId.has(r.id)).map((r) => [r.code!.toUpperCase(), byId.get(r.id)!]));
}
