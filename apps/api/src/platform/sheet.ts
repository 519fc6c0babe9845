import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';

import { loadExcel as excel } from './excel.js';

/** Reading the rows of an uploaded .xlsx (streamed: a large file never sits in memory as a workbook) or .csv. */

export type SheetKind = 'xlsx' | 'csv';
export type SheetRow = { row: number; cells: string[] };

/** The kind by extension, confirmed by content: an .xlsx is a zip file. */
export function sheetKind(filename: string, file: Buffer): SheetKind | null {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'xlsx') return file.length > 4 && file.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : null;
  if (ext === 'csv') return 'csv';
  return null;
}

function pad(n: number) {
  return String(n).padStart(2, '0');
}

export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // Excel dates carry no zone: exceljs reads them as UTC
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('hyperlink' in v) return String(v.text ?? '');
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  return '';
}

async function* xlsxRows(file: Buffer): AsyncGenerator<SheetRow> {
  const reader = new (await excel()).stream.xlsx.WorkbookReader(Readable.from(file), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // dates are known by their number format
    hyperlinks: 'ignore',
  });
  for await (const ws of reader) {
    for await (const row of ws) {
      const values = row.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]).trim());
      yield { row: row.number, cells };
    }
    return; // the first sheet only
  }
}

/** UTF-8 (with or without BOM), else GB18030 — what Excel on a Chinese Windows writes. */
export function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF; a comma, semicolon or tab separator, guessed from the first line. */
function* csvRows(text: string): Generator<SheetRow> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = [',', ';', '\t'].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let row = 1;
  let rowStart = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') row++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell.trim());
      if (cells.some((c) => c !== '')) yield { row: rowStart, cells };
      cells = [];
      cell = '';
      row++;
      rowStart = row;
    } else cell += ch;
  }
  cells.push(cell.trim());
  if (cells.some((c) => c !== '')) yield { row: rowStart, cells };
}

export async function* readRows(kind: SheetKind, file: Buffer): AsyncGenerator<SheetRow> {
  if (kind === 'xlsx') yield* xlsxRows(file);
  else yield* csvRows(decodeText(file));
}
