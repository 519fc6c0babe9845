
import { CreateEnterprise, type ImportJob, type StartImport } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { audit } from '../../platform/audit.js';
import { fieldMessage, issueMessage, t, translateFieldMessage, type MessageCode } from '@wutong/contracts';
import { SHEET_COLUMNS, mapHeader, parseCurrency, parseDate, parseOrigin, parseWanYuan, splitList, type ColumnKey } from './columns.js';
import { normaliseName } from './names.js';
import { normaliseUscc } from './uscc.js';
import { readRows, sheetKind, type SheetKind, type SheetRow } from '../../platform/sheet.js';
import { registeringUnit } from './enterprises.service.js';
import { exportWorkbook, sheet, type Bilingual, type Column } from '../../platform/excel.js';
import * as repo from './enterprises.repository.js';

/**
 * Importing enterprises from Excel/CSV as a background job. Rows upsert by USCC, else by the exact
 * normalised name; a row that changes nothing counts as unchanged, so the same file imported
 * twice changes nothing the second time. Each chunk of rows commits in one transaction together
 * with the job's progress: a job that dies midway leaves whole chunks behind, and importing the
 * file again completes it without duplicates.
 */

const CHUNK = 500;
/** Rejected rows kept for the download; the count goes on beyond. */
const MAX_REJECTS_KEPT = 5000;
/** A running job whose heartbeat is older than this was interrupted (a restart). */
const STALE_SECONDS = 300;

/** Jobs running in this process: one of these is never reported as interrupted, however slow. */
const running = new Map<number, Promise<void>>();

function toJob(r: repo.JobRow): ImportJob {
  const { heartbeatAgeS, ...job } = r;
  if ((job.status === 'running' || job.status === 'queued') && heartbeatAgeS > STALE_SECONDS && !running.has(job.id)) {
    return { ...job, status: 'failed', error: job.error ?? 'import_interrupted' };
  }
  return job;
}

function localiseJob(ctx: RequestContext, j: ImportJob): ImportJob {
  return j.error && /^[a-z_]+$/.test(j.error) ? { ...j, error: translateFieldMessage(ctx.lang, `i18n:${j.error}`) } : j;
}

export async function getImportJob(ctx: RequestContext, id: number): Promise<ImportJob> {
  const r = await repo.findJob(ctx, id);
  if (!r) throw notFound();
  return localiseJob(ctx, toJob(r));
}

export async function startImport(ctx: RequestContext, input: StartImport): Promise<ImportJob> {
  const unitId = registeringUnit(ctx, input.unitId);
  const file = Buffer.from(input.contentBase64, 'base64');
  const kind = sheetKind(input.filename, file);
  if (!kind || !file.length) throw new AppError(400, 'validation_failed', {}, { contentBase64: 'import_unreadable' });
  // the job row commits on its own: the work that follows happens after this request answers
  const id = await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const jobId = await repo.insertJob(c, { filename: input.filename, unitId });
    await audit(c, { action: 'import', entity: 'import_job', entityId: jobId, unitId, after: { filename: input.filename, bytes: file.length } });
    return jobId;
  });
  const work = runImport(ctx, id, unitId, kind, file)
    .catch(async (e: unknown) => {
      const code = e instanceof AppError ? e.code : 'import_unreadable';
      await repo.updateJob(ctx, id, { status: 'failed', error: code, finished: true }).catch(() => {});
    })
    .finally(() => running.delete(id));
  running.set(id, work);
  return getImportJob(ctx, id);
}

type Counts = { total: number; processed: number; inserted: number; updated: number; unchanged: number; rejected: number };

async function runImport(ctx: RequestContext, id: number, unitId: number, kind: SheetKind, file: Buffer): Promise<void> {
  // a first pass counts the rows, so progress can be shown as a share
  let total = -1;
  for await (const _ of readRows(kind, file)) total++;
  if (total < 0) throw new AppError(400, 'import_no_header');
  const counts: Counts = { total, processed: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  await repo.updateJob(ctx, id, { status: 'running', total });

  let header: Map<ColumnKey, number> | undefined;
  let headerCells: string[] = [];
  const rejects: repo.RejectRecord[] = [];
  let chunk: SheetRow[] = [];
  const flush = async () => {
    const rows = chunk;
    chunk = [];
    await ctx.db.transaction(async (tx) => {
      const c = { ...ctx, db: tx };
      const rejectedBefore = rejects.length;
      await importChunk(c, unitId, header!, rows, counts, rejects);
      counts.processed += rows.length;
      await repo.updateJob(c, id, { ...counts }, rejects.length !== rejectedBefore ? { headers: headerCells, rows: rejects.slice(0, MAX_REJECTS_KEPT) } : undefined);
    });
  };
  for await (const r of readRows(kind, file)) {
    if (!header) {
      header = mapHeader(r.cells);
      headerCells = r.cells;
      if (!header.has('name')) throw new AppError(400, 'import_no_header');
      continue;
    }
    chunk.push(r);
    if (chunk.length >= CHUNK) await flush();
  }
  if (chunk.length) await flush();
  await repo.updateJob(ctx, id, { ...counts, status: 'done', finished: true });
  await audit(ctx, { action: 'import_done', entity: 'import_job', entityId: id, unitId, after: counts });
}

type RowValues = {
  name: string;
  nameNorm: string;
  uscc?: string;
  legalRep?: string;
  regCapitalMinor?: number;
  regCapitalCurrency?: string;
  foundedOn?: string;
  industryCode?: string;
  regionCode?: string;
  origin?: string;
  address?: string;
  tags?: string[];
  names: { name: string; kind: 'former' | 'alias' }[];
};


function columnLabel(ctx: RequestContext, key: string): string {
  const c = SHEET_COLUMNS.find((x) => x.key === key);
  return c ? (ctx.lang === 'en-US' ? c.en : c.zh) : key;
}

/** A row read and checked with the same contract as the form; a reason when it cannot be taken. */
function readRow(ctx: RequestContext, header: Map<ColumnKey, number>, cells: string[]): RowValues | { reason: string } {
  const cell = (k: ColumnKey) => {
    const i = header.get(k);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const reasons: string[] = [];
  const fail = (key: ColumnKey, code: MessageCode) => reasons.push(`${columnLabel(ctx, key)}: ${t(ctx.lang, code)}`);

  const capital = cell('regCapital');
  const regCapitalMinor = capital ? parseWanYuan(capital) : undefined;
  if (capital && regCapitalMinor === undefined) fail('regCapital', 'enterprise_capital_number');
  const currencyCell = cell('currency');
  const currency = currencyCell ? parseCurrency(currencyCell) : capital ? 'CNY' : undefined;
  if (currencyCell && !currency) fail('currency', 'enterprise_currency_unknown');
  const founded = cell('foundedOn');
  const foundedOn = founded ? parseDate(founded) : undefined;
  if (founded && !foundedOn) fail('foundedOn', 'date_format');
  const originCell = cell('origin');
  const origin = originCell ? parseOrigin(originCell) : undefined;
  if (originCell && !origin) fail('origin', 'enterprise_origin_values');

  const candidate = {
    name: cell('name'),
    ...(cell('uscc') ? { uscc: normaliseUscc(cell('uscc')) } : {}),
    ...(cell('legalRep') ? { legalRep: cell('legalRep') } : {}),
    ...(regCapitalMinor !== undefined && currency ? { regCapital: { amountMinor: regCapitalMinor, currency } } : {}),
    ...(foundedOn ? { foundedOn } : {}),
    ...(cell('industryCode') ? { industryCode: cell('industryCode').toUpperCase() } : {}),
    ...(cell('regionCode') ? { regionCode: cell('regionCode') } : {}),
    ...(origin ? { origin } : {}),
    ...(cell('address') ? { address: cell('address') } : {}),
    ...(cell('tags') ? { tags: [...new Set(splitList(cell('tags')))] } : {}),
    aliases: [
      ...splitList(cell('formerNames')).map((name) => ({ name, kind: 'former' as const })),
      ...splitList(cell('aliases')).map((name) => ({ name, kind: 'alias' as const })),
    ],
  };
  const parsed = CreateEnterprise.safeParse(candidate, { error: (issue) => fieldMessage(ctx.lang, issue) });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'name');
      reasons.push(`${columnLabel(ctx, key === 'aliases' ? 'formerNames' : key)}: ${issueMessage(ctx.lang, issue)}`);
    }
  }
  if (reasons.length || !parsed.success) return { reason: [...new Set(reasons)].join('；') };
  const v = parsed.data;
  return {
    name: v.name,
    nameNorm: normaliseName(v.name),
    uscc: v.uscc,
    legalRep: v.legalRep,
    regCapitalMinor: v.regCapital?.amountMinor,
    regCapitalCurrency: v.regCapital?.currency,
    foundedOn: v.foundedOn,
    industryCode: v.industryCode,
    regionCode: v.regionCode,
    origin: v.origin,
    address: v.address,
    tags: v.tags,
    names: (v.aliases ?? []).filter((a) => normaliseName(a.name) !== normaliseName(v.name)),
  };
}

type Known = repo.ExistingForImport & { pending?: true; newNames: { name: string; kind: string }[] };

/** The fields a row would change on an existing enterprise (only the cells it fills). */
function changes(e: Known, v: RowValues): Partial<repo.EnterpriseValues> {
  const out: Partial<repo.EnterpriseValues> = {};
  if (v.name !== e.name) out.name = v.name;
  if (v.uscc && v.uscc !== e.uscc) out.uscc = v.uscc;
  if (v.legalRep !== undefined && v.legalRep !== e.legalRep) out.legalRep = v.legalRep;
  if (v.regCapitalMinor !== undefined && (v.regCapitalMinor !== Number(e.regCapitalMinor) || v.regCapitalCurrency !== e.regCapitalCurrency)) {
    out.regCapitalMinor = v.regCapitalMinor;
    out.regCapitalCurrency = v.regCapitalCurrency ?? 'CNY';
  }
  if (v.foundedOn !== undefined && v.foundedOn !== e.foundedOn) out.foundedOn = v.foundedOn;
  if (v.industryCode !== undefined && v.industryCode !== e.industryCode) out.industryCode = v.industryCode;
  if (v.regionCode !== undefined && v.regionCode !== e.regionCode) out.regionCode = v.regionCode;
  if (v.origin !== undefined && v.origin !== e.origin) out.origin = v.origin;
  if (v.address !== undefined && v.address !== e.address) out.address = v.address;
  if (v.tags !== undefined && [...v.tags].sort().join('\u0001') !== [...e.tags].sort().join('\u0001')) out.tags = v.tags;
  return out;
}

async function importChunk(ctx: RequestContext, unitId: number, header: Map<ColumnKey, number>, rows: SheetRow[], counts: Counts, rejects: repo.RejectRecord[]) {
  const read = rows.map((r) => ({ r, v: readRow(ctx, header, r.cells) }));
  const ok = read.filter((x): x is { r: SheetRow; v: RowValues } => !('reason' in x.v));
  const usccs = [...new Set(ok.flatMap((x) => (x.v.uscc ? [x.v.uscc] : [])))];
  const norms = [...new Set(ok.map((x) => x.v.nameNorm))];
  const industriesKnown = await repo.knownIndustryCodes(ctx, [...new Set(ok.flatMap((x) => (x.v.industryCode ? [x.v.industryCode] : [])))]);
  const elsewhere = await repo.usccsElsewhere(ctx, usccs);
  const byUscc = new Map<string, Known>();
  const byNorm = new Map<string, Known[]>();
  const remember = (k: Known) => {
    if (k.uscc) byUscc.set(k.uscc, k);
    const list = byNorm.get(k.nameNorm) ?? [];
    if (!list.includes(k)) list.push(k);
    byNorm.set(k.nameNorm, list);
  };
  for (const e of await repo.findForImport(ctx, usccs, norms)) remember({ ...e, newNames: [] });

  const pending: Known[] = [];
  const touched = new Map<Known, Partial<repo.EnterpriseValues>>();
  const reject = (r: SheetRow, reason: string) => {
    counts.rejected++;
    if (rejects.length < MAX_REJECTS_KEPT) rejects.push({ row: r.row, values: r.cells, reason });
  };

  for (const { r, v } of read) {
    if ('reason' in v) {
      reject(r, v.reason);
      continue;
    }
    if (v.industryCode && !industriesKnown.has(v.industryCode)) {
      reject(r, `${columnLabel(ctx, 'industryCode')}: ${t(ctx.lang, 'enterprise_industry_unknown')}`);
      continue;
    }
    if (v.uscc && elsewhere.has(v.uscc)) {
      reject(r, `${columnLabel(ctx, 'uscc')}: ${t(ctx.lang, 'enterprise_uscc_taken')}`);
      continue;
    }
    let target: Known | undefined = v.uscc ? byUscc.get(v.uscc) : undefined;
    if (!target) {
      const sameName = byNorm.get(v.nameNorm) ?? [];
      // a row with a code may complete a same-named enterprise that has none yet
      const open = v.uscc ? sameName.filter((k) => !k.uscc) : sameName;
      if (open.length > 1) {
        reject(r, `${columnLabel(ctx, 'name')}: ${t(ctx.lang, 'enterprise_name_ambiguous')}`);
        continue;
      }
      if (!open.length && v.uscc && sameName.length) {
        reject(r, `${columnLabel(ctx, 'uscc')}: ${t(ctx.lang, 'enterprise_name_other_uscc')}`);
        continue;
      }
      target = open[0];
    }

    if (!target) {
      const k: Known = {
        id: 0,
        pending: true,
        name: v.name,
        nameNorm: v.nameNorm,
        uscc: v.uscc ?? null,
        legalRep: v.legalRep ?? null,
        regCapitalMinor: v.regCapitalMinor ?? null,
        regCapitalCurrency: v.regCapitalCurrency ?? null,
        foundedOn: v.foundedOn ?? null,
        industryCode: v.industryCode ?? null,
        regionCode: v.regionCode ?? null,
        origin: v.origin ?? null,
        address: v.address ?? null,
        tags: v.tags ?? [],
        aliasNorms: [],
        newNames: [],
      };
      addNames(k, v.names);
      pending.push(k);
      remember(k);
      counts.inserted++;
      continue;
    }

    const diff = changes(target, v);
    const old = { name: target.name, nameNorm: target.nameNorm };
    const namesBefore = target.newNames.length;
    Object.assign(target, diff, diff.name !== undefined ? { nameNorm: normaliseName(diff.name) } : {});
    // a renamed enterprise keeps being found under its old name
    if (target.nameNorm !== old.nameNorm) addNames(target, [{ name: old.name, kind: 'former' }]);
    addNames(target, v.names);
    if (!Object.keys(diff).length && target.newNames.length === namesBefore) {
      counts.unchanged++;
      continue;
    }
    remember(target);
    // an enterprise inserted earlier in this chunk is written once, with its final values
    if (!target.pending) touched.set(target, { ...touched.get(target), ...diff });
    counts.updated++;
  }

  const ids = await repo.insertEnterprises(
    ctx,
    pending.map((k) => ({
      name: k.name,
      uscc: k.uscc,
      legalRep: k.legalRep,
      regCapitalMinor: k.regCapitalMinor,
      regCapitalCurrency: k.regCapitalCurrency,
      foundedOn: k.foundedOn,
      industryCode: k.industryCode,
      regionCode: k.regionCode,
      origin: k.origin,
      address: k.address,
      tags: k.tags,
      unitId,
      source: 'import',
    })),
  );
  pending.forEach((k, i) => (k.id = ids[i]!));
  for (const [k, diff] of touched) if (Object.keys(diff).length) await repo.updateEnterprise(ctx, k.id, diff);
  for (const k of new Set([...byNorm.values()].flat())) {
    if (k.newNames.length) {
      await repo.addAliases(ctx, k.id, k.newNames);
      k.aliasNorms.push(...k.newNames.map((n) => normaliseName(n.name)));
      k.newNames = [];
    }
  }
}

/** Adds names not yet known to the enterprise (neither its name nor an alias, stored or pending). */
function addNames(k: Known, names: { name: string; kind: string }[]) {
  for (const n of names) {
    const norm = normaliseName(n.name);
    if (!norm || norm === k.nameNorm || k.aliasNorms.includes(norm) || k.newNames.some((x) => normaliseName(x.name) === norm)) continue;
    k.newNames.push(n);
  }
}

/** The rejected rows of a job as Excel: the file's own columns, its row number, and the reason. */
export async function importRejects(ctx: RequestContext, id: number) {
  const data = await repo.jobRejects(ctx, id);
  if (!data) throw notFound();
  // the file's own header row, or the template's when the file had none
  const headers: Bilingual[] = data.headers.length ? data.headers.map((h) => [h, h]) : SHEET_COLUMNS.map((c) => [c.zh, c.en]);
  const columns: Column<repo.RejectRecord>[] = [
    { key: 'reason', header: ['原因', 'Reason'], width: 40 },
    { key: 'row', header: ['行号', 'Row'], width: 8 },
    ...headers.map((h, i): Column<repo.RejectRecord> => ({ key: `c${i}`, header: h, value: (r) => r.values[i] ?? null })),
  ];
  const job = await repo.findJob(ctx, id);
  const base = (job?.filename ?? 'import').replace(/\.(xlsx|csv)$/i, '');
  return exportWorkbook(ctx.lang, [`${base}-未导入.xlsx`, `${base}-rejected.xlsx`], [sheet({ name: ['未导入', 'Rejected'], columns, rows: data.rejects })]);
}

