
import type {
  CreateEnterprise,
  Enterprise,
  EnterpriseListItem,
  EnterpriseOrigin,
  ListEnterprisesQuery,
  MatchQuery,
  MatchResult,
  UpdateEnterprise,
} from '@wutong/contracts';
import { CURRENCIES } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { hasRole, isUnitInScope } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { addSheet, exportWorkbook, loadExcel, pick, sheet, workbookFile, type Bilingual, type Column } from '../../platform/excel.js';
import { industryExists } from '../industries/index.js';
import { enterprisesEvents } from './enterprises.events.js';
import { ORIGIN_LABELS, SHEET_COLUMNS, toWanYuan } from './columns.js';
import { rankCandidates } from './match.js';
import { matchKeys, normaliseName, splitName } from './names.js';
import * as repo from './enterprises.repository.js';

/* ── reading ────────────────────────────────────────────────────────────────────────────── */

export const listEnterprises = (ctx: RequestContext, q: ListEnterprisesQuery) => repo.listEnterprises(ctx, q);

/** Managers and admins edit any enterprise of their region; others only those they registered. */
export function canEdit(ctx: RequestContext, e: Pick<EnterpriseListItem, 'createdBy'>): boolean {
  return hasRole(ctx, 'admin', 'manager') || e.createdBy === ctx.user.id;
}

export async function getEnterprise(ctx: RequestContext, id: number): Promise<Enterprise> {
  const e = await repo.findEnterprise(ctx, id);
  if (!e) throw notFound();
  const aliases = (await repo.aliasesOf(ctx, [id])).get(id) ?? [];
  return { ...e, aliases, canEdit: canEdit(ctx, e) };
}

/* ── writing ────────────────────────────────────────────────────────────────────────────── */

/** The registering unit: the caller's own, or one in their scope; anything else reads as not found. */
export function registeringUnit(ctx: RequestContext, unitId: number | undefined): number {
  if (unitId === undefined || unitId === ctx.user.unitId) return ctx.user.unitId;
  if (!isUnitInScope(ctx, unitId)) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  return unitId;
}

async function checkReferences(ctx: RequestContext, v: { uscc?: string | null; industryCode?: string | null }, self?: number) {
  if (v.uscc) {
    const holder = await repo.usccHolder(ctx, v.uscc);
    if (holder && holder.id !== self) throw new AppError(409, 'enterprise_uscc_taken', {}, { uscc: 'enterprise_uscc_taken' });
  }
  if (v.industryCode && !(await industryExists(ctx, v.industryCode))) {
    throw new AppError(400, 'validation_failed', {}, { industryCode: 'enterprise_industry_unknown' });
  }
}

/** Aliases without repeats, and without the enterprise's own current name. */
function cleanAliases(aliases: { name: string; kind: string }[], name: string) {
  const seen = new Set([normaliseName(name)]);
  return aliases.filter((a) => {
    const n = normaliseName(a.name);
    if (!n || seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}

/** The record this enterprise already has: the same credit code, or the same normalised name in the region. */
async function existingRecord(ctx: RequestContext, v: { name: string; uscc?: string | null }) {
  return (v.uscc ? await repo.findByUscc(ctx, v.uscc) : undefined) ?? (await repo.findByNormalisedName(ctx, normaliseName(v.name)));
}

function refuseExisting(e: { id: number; regionId: number }, ctx: RequestContext, by: 'uscc' | 'name'): never {
  // a code held in another region says only that it is taken there
  if (e.regionId !== ctx.scope.regionId) throw new AppError(409, 'enterprise_uscc_taken', {}, { uscc: 'enterprise_uscc_taken' });
  throw new AppError(409, 'enterprise_exists', {}, { [by]: 'enterprise_exists' }, { existingId: e.id });
}

export async function createEnterprise(ctx: RequestContext, input: CreateEnterprise, opts: { source?: string } = {}): Promise<Enterprise> {
  const unitId = registeringUnit(ctx, input.unitId);
  const known = await existingRecord(ctx, input);
  if (known) refuseExisting(known, ctx, input.uscc && known.uscc === input.uscc ? 'uscc' : 'name');
  await checkReferences(ctx, input);
  const id = await repo.insertEnterprise(ctx, {
    name: input.name,
    uscc: input.uscc ?? null,
    legalRep: input.legalRep || null,
    regCapitalMinor: input.regCapital?.amountMinor ?? null,
    regCapitalCurrency: input.regCapital?.currency ?? null,
    foundedOn: input.foundedOn ?? null,
    industryCode: input.industryCode ?? null,
    regionCode: input.regionCode ?? null,
    origin: input.origin ?? null,
    address: input.address || null,
    tags: [...new Set(input.tags ?? [])],
    unitId,
    source: opts.source ?? 'manual',
  });
  if (id === undefined) {
    // registered meanwhile by a parallel request: the same refusal, with its id
    const now = await existingRecord(ctx, input);
    refuseExisting(now!, ctx, input.uscc && now!.uscc === input.uscc ? 'uscc' : 'name');
  }
  await repo.addAliases(ctx, id, cleanAliases(input.aliases ?? [], input.name));
  const created = await getEnterprise(ctx, id);
  await audit(ctx, { action: 'create', entity: 'enterprise', entityId: id, unitId, after: created });
  return created;
}

export async function updateEnterprise(ctx: RequestContext, id: number, input: UpdateEnterprise): Promise<Enterprise> {
  const before = await getEnterprise(ctx, id);
  if (!before.canEdit) throw forbidden();
  await checkReferences(ctx, input, id);
  const { regCapital, aliases, ...rest } = input;
  await repo.updateEnterprise(ctx, id, {
    ...rest,
    ...(rest.legalRep !== undefined ? { legalRep: rest.legalRep || null } : {}),
    ...(rest.address !== undefined ? { address: rest.address || null } : {}),
    ...(rest.tags !== undefined ? { tags: [...new Set(rest.tags)] } : {}),
    ...(regCapital !== undefined ? { regCapitalMinor: regCapital?.amountMinor ?? null, regCapitalCurrency: regCapital?.currency ?? null } : {}),
  });
  const name = input.name ?? before.name;
  if (aliases !== undefined) {
    await repo.replaceAliases(ctx, id, cleanAliases(aliases, name));
  } else if (input.name && normaliseName(input.name) !== normaliseName(before.name)) {
    // a renamed enterprise keeps being found under its old name
    const known = new Set(before.aliases.map((a) => normaliseName(a.name)));
    if (!known.has(normaliseName(before.name))) await repo.addAliases(ctx, id, [{ name: before.name, kind: 'former' }]);
  }
  const after = await getEnterprise(ctx, id);
  // the origin and industry ride on the assessment facts of the enterprise's projects
  if (after.origin !== before.origin || after.industryCode !== before.industryCode) await enterprisesEvents.changed.emit(ctx, { enterpriseId: id });
  await audit(ctx, { action: 'update', entity: 'enterprise', entityId: id, unitId: after.unitId ?? ctx.scope.regionId, before, after });
  return after;
}

/* ── for the closed loop: a lead names an enterprise ───────────────────────────────────────── */

export const findInRegion = (ctx: RequestContext, id: number) => repo.findInRegion(ctx, id);
export const findByUscc = (ctx: RequestContext, uscc: string) => repo.findByUscc(ctx, uscc);
/** The region's enterprise whose name normalises to the same as this one. */
export const findByName = (ctx: RequestContext, name: string) => repo.findByNormalisedName(ctx, normaliseName(name));

/**
 * A lead names an enterprise: the one the registry has (the same credit code, or the same
 * normalised name in the region), else a new record with its match keys. Two parallel reports of
 * one new enterprise get the same record. The record comes back locked for the caller's
 * transaction, so reports of one enterprise serialise from here on.
 */
export async function enterpriseForLead(ctx: RequestContext, v: { name: string; uscc?: string }): Promise<{ id: number; name: string; created: boolean }> {
  const known = await existingRecord(ctx, v);
  if (known) {
    if (known.regionId !== ctx.scope.regionId) throw new AppError(409, 'uscc_elsewhere', {}, { 'newEnterprise.uscc': 'uscc_elsewhere' });
    await repo.lockEnterprise(ctx, known.id);
    return { id: known.id, name: known.name, created: false };
  }
  const id = await repo.insertEnterprise(ctx, {
    name: v.name,
    uscc: v.uscc || null,
    legalRep: null,
    regCapitalMinor: null,
    regCapitalCurrency: null,
    foundedOn: null,
    industryCode: null,
    regionCode: null,
    origin: null,
    address: null,
    tags: [],
    unitId: ctx.user.unitId,
    source: 'lead',
  });
  // a parallel report inserted it first (we waited for its commit): it is the known one now
  if (id === undefined) return enterpriseForLead(ctx, v);
  await repo.lockEnterprise(ctx, id);
  await audit(ctx, { action: 'create', entity: 'enterprise', entityId: id, unitId: ctx.user.unitId, after: { name: v.name, uscc: v.uscc ?? null, source: 'lead' } });
  return { id, name: v.name, created: true };
}

/** An existing enterprise a lead names, locked for the report (reports of it serialise here). */
export async function lockForLead(ctx: RequestContext, id: number) {
  const e = await repo.findInRegion(ctx, id);
  if (e) await repo.lockEnterprise(ctx, e.id);
  return e;
}

/** Merge rights: the investment centre and administrators keep the registry clean. */
export const MERGE_ROLES = ['admin', 'manager'] as const;

/**
 * Two records of one enterprise become one: `fromId` is kept for its history, marked merged into
 * `intoId`; its names become aliases of `intoId`, its credit code and attributes fill what
 * `intoId` lacks; the projects module moves its projects (and merges two open ones) on the event.
 * One transaction, one audit entry for the enterprise (and one per project moved).
 */
export async function mergeEnterprise(ctx: RequestContext, fromId: number, intoId: number, note: string | undefined): Promise<Enterprise> {
  if (!hasRole(ctx, ...MERGE_ROLES)) throw forbidden();
  if (fromId === intoId) throw new AppError(409, 'merge_self', {}, { intoEnterpriseId: 'merge_self' });
  // a fixed lock order: two merges of the same pair cannot deadlock
  const [first, second] = fromId < intoId ? [fromId, intoId] : [intoId, fromId];
  const a = await repo.lockEnterprise(ctx, first);
  const b = await repo.lockEnterprise(ctx, second);
  const from = fromId === first ? a : b;
  const into = intoId === first ? a : b;
  if (!from) throw notFound();
  if (!into) throw new AppError(404, 'not_found', {}, { intoEnterpriseId: 'not_found' });
  if (from.mergedIntoId || into.mergedIntoId) throw new AppError(409, 'enterprise_merged', {}, { intoEnterpriseId: 'enterprise_merged' });
  const before = { from: await getEnterprise(ctx, fromId), into: await getEnterprise(ctx, intoId) };
  await repo.markMerged(ctx, fromId, intoId);
  await repo.updateEnterprise(ctx, intoId, {
    uscc: into.uscc ?? from.uscc,
    legalRep: into.legalRep ?? from.legalRep,
    regCapitalMinor: into.regCapitalMinor ?? from.regCapitalMinor,
    regCapitalCurrency: into.regCapitalMinor !== null ? into.regCapitalCurrency : from.regCapitalCurrency,
    foundedOn: into.foundedOn ?? from.foundedOn,
    industryCode: into.industryCode ?? from.industryCode,
    regionCode: into.regionCode ?? from.regionCode,
    origin: into.origin ?? from.origin,
    address: into.address ?? from.address,
    tags: [...new Set([...into.tags, ...from.tags])],
  });
  const names = [{ name: from.name, kind: 'alias' }, ...before.from.aliases.map((x) => ({ name: x.name, kind: x.kind }))];
  await repo.addAliases(ctx, intoId, cleanAliases(names, into.name).filter((n) => !before.into.aliases.some((x) => normaliseName(x.name) === normaliseName(n.name))));
  await enterprisesEvents.merged.emit(ctx, { fromId, intoId });
  await enterprisesEvents.changed.emit(ctx, { enterpriseId: intoId });
  const after = await getEnterprise(ctx, intoId);
  await audit(ctx, { action: 'merge', entity: 'enterprise', entityId: intoId, unitId: after.unitId ?? ctx.scope.regionId, before, after: { ...after, mergedFrom: fromId, note: note ?? null } });
  return after;
}

/** The gate into 落地 records the enterprise's registration: its credit code, capital and founding day. */
export async function recordRegistration(ctx: RequestContext, id: number, v: { uscc: string; regCapitalMinor: number; regCapitalCurrency: string; foundedOn: string }) {
  const holder = await repo.findByUscc(ctx, v.uscc);
  if (holder && holder.id !== id) throw new AppError(409, 'uscc_taken', { name: holder.name }, { 'evidence.uscc': 'uscc_taken' });
  await repo.updateEnterprise(ctx, id, v);
  await enterprisesEvents.changed.emit(ctx, { enterpriseId: id });
}

/* ── duplicate detection ────────────────────────────────────────────────────────────────── */

const DEFAULT_CANDIDATES = 10;

/**
 * Live duplicate hints for a name and/or a USCC: the region's enterprises that share a match key
 * with the name (see names.ts), or hold the code, ranked; with how many projects each already has.
 */
export async function matchEnterprises(ctx: RequestContext, q: MatchQuery): Promise<MatchResult> {
  const name = q.name?.trim();
  const parts = name ? splitName(name) : null;
  const keys = parts ? matchKeys(parts, 'query') : [];
  const uscc = q.uscc && q.uscc.length === 18 ? q.uscc : undefined;
  if (!keys.length && !uscc) return { parsed: parts && summary(parts), candidates: [] };
  const rows = await repo.matchCandidates(ctx, { keys, norm: parts?.norm ?? '', uscc });
  const ranked = rankCandidates(parts, rows, q.limit ?? DEFAULT_CANDIDATES);
  const counts = await repo.projectCounts(
    ctx,
    ranked.map((r) => r.id),
  );
  return {
    parsed: parts && summary(parts),
    candidates: ranked.map((r) => ({
      enterprise: { id: r.id, name: r.name, uscc: r.uscc, industryCode: r.industryCode, regionCode: r.regionCode, origin: (r.origin as EnterpriseOrigin | null) ?? null },
      matchedName: r.matched,
      similarity: r.similarity,
      usccMatch: r.usccMatch,
      likely: r.likely,
      projectCount: counts.get(r.id) ?? 0,
    })),
  };
}

function summary(p: ReturnType<typeof splitName>) {
  return { regions: p.regions, tradeName: p.trade, industry: p.industry, form: p.form };
}

/* ── Excel ──────────────────────────────────────────────────────────────────────────────── */

const TEMPLATE_NOTES: Partial<Record<string, Bilingual>> = {
  name: ['必填', 'required'],
  uscc: ['18 位，校验位会被检查；有代码的行按代码更新', '18 characters, check digit verified; rows with a code update by code'],
  regCapital: ['单位：万元', 'in units of 10,000'],
  currency: ['CNY、USD… 或 人民币、美元…，默认 CNY', 'CNY, USD…; CNY when empty'],
  foundedOn: ['如 2020-01-05', 'e.g. 2020-01-05'],
  industryCode: ['GB/T 4754-2017 代码，如 6511', 'GB/T 4754-2017 code, e.g. 6511'],
  regionCode: ['GB/T 2260 代码，如 330203', 'GB/T 2260 code, e.g. 330203'],
  origin: ['本地、市外内资、外资、浙商回归', 'local, domestic (out of city), foreign, returning Zhejiang merchants'],
  tags: ['多个用、分隔', 'separate with 、 or ,'],
  formerNames: ['多个用、分隔', 'separate with 、 or ;'],
};

const templateColumns = (): Column<Record<string, unknown>>[] => SHEET_COLUMNS.map((c) => ({ key: c.key, header: [c.zh, c.en], width: c.width }));

/** The import template: the header row, notes on what each column takes, and a sheet of allowed values. */
export async function importTemplate(ctx: RequestContext) {
  const wb = new (await loadExcel()).Workbook();
  const ws = await addSheet(wb, ctx.lang, { name: ['企业', 'Enterprises'], columns: templateColumns(), rows: [] as Record<string, unknown>[] });
  SHEET_COLUMNS.forEach((c, i) => {
    const n = TEMPLATE_NOTES[c.key];
    if (n) ws.getRow(1).getCell(i + 1).note = pick(ctx.lang, n);
  });
  const origins = Object.values(ORIGIN_LABELS);
  const allowed = Array.from({ length: Math.max(origins.length, CURRENCIES.length) }, (_, i) => ({ origin: origins[i] ? pick(ctx.lang, origins[i]) : '', currency: CURRENCIES[i] ?? '' }));
  await addSheet(wb, ctx.lang, {
    name: ['说明', 'Help'],
    columns: [
      { key: 'origin', header: ['来源类型', 'Origin'], width: 16 },
      { key: 'currency', header: ['币种', 'Currency'], width: 10 },
    ],
    rows: allowed,
  });
  return workbookFile(wb, ctx.lang, ['企业导入模板.xlsx', 'enterprise-import-template.xlsx']);
}

/** Exactly the filtered list, every page of it, in the import template's columns (it imports back unchanged). */
export async function exportEnterprises(ctx: RequestContext, q: ListEnterprisesQuery) {
  const PAGE = 200;
  const rows = async function* () {
    for (let offset = 0; ; offset += PAGE) {
      const page = await repo.listEnterprises(ctx, { ...q, limit: PAGE, offset });
      const aliases = await repo.aliasesOf(
        ctx,
        page.items.map((e) => e.id),
      );
      for (const e of page.items) {
        const names = aliases.get(e.id) ?? [];
        yield {
          name: e.name,
          uscc: e.uscc ?? '',
          legalRep: e.legalRep ?? '',
          regCapital: e.regCapital ? toWanYuan(e.regCapital.amountMinor) : '',
          currency: e.regCapital?.currency ?? '',
          foundedOn: e.foundedOn ?? '',
          industryCode: e.industryCode ?? '',
          regionCode: e.regionCode ?? '',
          origin: e.origin ? pick(ctx.lang, ORIGIN_LABELS[e.origin]) : '',
          address: e.address ?? '',
          tags: e.tags.join('、'),
          formerNames: names.filter((a) => a.kind === 'former').map((a) => a.name).join('、'),
          aliases: names.filter((a) => a.kind === 'alias').map((a) => a.name).join('、'),
          industryName: e.industryName ?? '',
          createdAt: e.createdAt,
        };
      }
      if (page.items.length < PAGE) break;
    }
  };
  const columns: Column<Record<string, unknown>>[] = [
    ...templateColumns(),
    { key: 'industryName', header: ['行业名称', 'Industry'], width: 20 },
    { key: 'createdAt', header: ['登记时间', 'Registered at'], width: 20 },
  ];
  return exportWorkbook(ctx.lang, ['企业名录.xlsx', 'enterprises.xlsx'], [sheet({ name: ['企业', 'Enterprises'], columns, rows: rows() })]);
}
