import type ExcelJS from 'exceljs';
import { shanghaiDate, type Lang } from '@wutong/contracts';
import type { FileResult } from './http.js';

/**
 * Excel exports, one way for every module: a workbook of sheets, each a header row in the
 * caller's language, frozen and bold, then rows. Column headers and sheet names are `[zh, en]`
 * pairs kept in the module's column table, never `zh ? … : …` in the code that fills them.
 *
 * Column kinds decide the cell: `date` (a `YYYY-MM-DD` string or an instant) and `datetime` (an
 * ISO instant) become real Excel dates in Asia/Shanghai with the formats Chinese users expect;
 * `money` is an amount in minor units (分) written as a number in 万元 (the header says so);
 * `number` and `text` are written as they come.
 */

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A user-facing text in both languages: [zh, en]. */
export type Bilingual = readonly [string, string];
export const pick = (lang: Lang, text: Bilingual) => text[lang === 'en-US' ? 1 : 0];

export type ColumnKind = 'text' | 'number' | 'money' | 'date' | 'datetime' | 'percent';

export type Column<R> = {
  key: string;
  header: Bilingual;
  width?: number;
  kind?: ColumnKind;
  /** the cell's value (default: the row's property named `key`) */
  value?: (row: R) => unknown;
};

export type Sheet<R> = { name: Bilingual; columns: readonly Column<R>[]; rows: Iterable<R> | AsyncIterable<R> };

// exceljs is loaded on first export: importing it costs a fifth of the server's start-up
let excelModule: typeof ExcelJS | undefined;
export async function loadExcel(): Promise<typeof ExcelJS> {
  return (excelModule ??= (await import('exceljs')).default);
}

const SHANGHAI_MS = 8 * 3_600_000;

/** An Excel date cell shows the wall-clock time it is given: give it Shanghai's, as if it were UTC. */
function excelDate(v: unknown, kind: 'date' | 'datetime'): Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return new Date(`${v}T00:00:00Z`);
  const instant = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(instant.getTime())) return null;
  return kind === 'date' ? new Date(`${shanghaiDate(instant)}T00:00:00Z`) : new Date(instant.getTime() + SHANGHAI_MS);
}

function cellValue(kind: ColumnKind, v: unknown): unknown {
  switch (kind) {
    case 'date':
    case 'datetime':
      return excelDate(v, kind);
    case 'money':
      return v === null || v === undefined ? null : Number(v) / 1_000_000;
    case 'number':
    case 'percent':
      return v === null || v === undefined || v === '' ? null : Number(v);
    default:
      return v ?? null;
  }
}

const FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  percent: '0.0%',
};

/** Adds a sheet to a workbook (for exports that build several sheets or style them further). */
export async function addSheet<R>(wb: ExcelJS.Workbook, lang: Lang, sheet: Sheet<R>): Promise<ExcelJS.Worksheet> {
  const ws = wb.addWorksheet(pick(lang, sheet.name).slice(0, 31));
  ws.columns = sheet.columns.map((c) => ({
    header: pick(lang, c.header),
    key: c.key,
    width: c.width ?? 14,
    ...(FORMATS[c.kind ?? 'text'] ? { style: { numFmt: FORMATS[c.kind ?? 'text'] } } : {}),
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for await (const row of sheet.rows) {
    const values: Record<string, unknown> = {};
    for (const c of sheet.columns) {
      const raw = c.value ? c.value(row) : (row as Record<string, unknown>)[c.key];
      values[c.key] = cellValue(c.kind ?? 'text', raw);
    }
    ws.addRow(values);
  }
  return ws;
}

/** A sheet of any row type, for a workbook of several. */
export const sheet = <R>(s: Sheet<R>) => s as unknown as Sheet<unknown>;

/** A workbook of one or more sheets, as the file a route answers with. */
export async function exportWorkbook(lang: Lang, filename: Bilingual, sheets: readonly Sheet<unknown>[]): Promise<FileResult> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  for (const s of sheets) await addSheet(wb, lang, s);
  return workbookFile(wb, lang, filename);
}

export async function workbookFile(wb: ExcelJS.Workbook, lang: Lang, filename: Bilingual): Promise<FileResult> {
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), filename: pick(lang, filename), contentType: XLSX };
}

/** Every page of a keyset-paged list, as one stream of rows (exports take exactly what is filtered). */
export async function* allPages<R>(page: (cursor: string | undefined) => Promise<{ items: R[]; nextCursor: string | null }>): AsyncIterable<R> {
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    yield* p.items;
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
}
