import { createHash } from 'node:crypto';
import {
  shanghaiDate,
  type BulletinContent,
  type BulletinDetail,
  type BulletinKind,
  type BulletinListQuery,
  type BulletinSettings,
  type BulletinStatus,
  type BulletinSummary,
  type GenerateBulletin,
  type Role,
  type UpdateBulletinSettings,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { hasRole } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import type { FileResult } from '../../platform/http.js';
import { regionContext, type BaseContext } from '../../platform/region-context.js';
import { notify } from '../notifications/index.js';
import { freeze, snapshotOfPeriod } from '../assessment/index.js';
import { buildContent, titleOf } from './content.js';
import { bulletinPeriod, type BulletinPeriodInfo } from './periods.js';
import { renderDocx } from './render-docx.js';
import { renderXlsx } from './render-xlsx.js';
import * as repo from './bulletins.repository.js';

/**
 * 定期通报. Who does what (the server checks every command; the page offers what it allows):
 * - generate / regenerate a draft, edit its notes, discard it: 招商中心 manager, admin
 * - review (审核) a draft, or send a reviewed one back to draft: manager, leader, admin
 * - publish (签发) a reviewed bulletin: leader (领导小组), admin
 * - read drafts: manager, leader, admin; read published bulletins: also unit heads (单位负责人),
 *   who are notified with leaders and managers when one is published.
 * Who generated, reviewed and published it, and when, is kept on the bulletin (and in the audit log).
 */
export const EDIT_ROLES = ['manager', 'admin'] as const satisfies readonly Role[];
export const REVIEW_ROLES = ['manager', 'leader', 'admin'] as const satisfies readonly Role[];
export const PUBLISH_ROLES = ['leader', 'admin'] as const satisfies readonly Role[];
export const DRAFT_READERS = ['manager', 'leader', 'admin'] as const satisfies readonly Role[];
export const READ_ROLES = ['manager', 'leader', 'admin', 'unit_head'] as const satisfies readonly Role[];
export const SETTINGS_ROLES = ['admin'] as const satisfies readonly Role[];
/** Who is notified when a bulletin is published. */
export const NOTIFIED_ROLES = ['unit_head', 'leader', 'manager'] as const satisfies readonly Role[];

const ALL: readonly BulletinStatus[] = ['draft', 'reviewed', 'published'];
const visibleStatuses = (ctx: RequestContext): readonly BulletinStatus[] => (hasRole(ctx, ...DRAFT_READERS) ? ALL : ['published']);

/* ── settings ────────────────────────────────────────────────────────────────────────────── */

export function defaultSettings(regionName: string): Omit<BulletinSettings, 'updatedAt'> {
  return {
    weeklyEnabled: false,
    monthlyEnabled: true,
    issuingBody: `${regionName}优商招商工作领导小组办公室`,
    masthead: `${regionName}招商引资工作通报`,
    titlePattern: '{period}全区招商引资工作情况通报',
  };
}

async function settingsOf(h: repo.Handle, regionId: number): Promise<BulletinSettings> {
  const row = await repo.settings(h, regionId);
  if (row) {
    const { regionId: _r, updatedBy: _u, updatedAt, ...rest } = row;
    return { ...rest, updatedAt: updatedAt.toISOString() };
  }
  return { ...defaultSettings(await repo.regionName(h, regionId)), updatedAt: null };
}

export const getSettings = (ctx: RequestContext) => settingsOf(ctx, ctx.scope.regionId);
/** A region's settings, for the scheduled jobs. */
export const getSettingsOf = (h: repo.Handle, regionId: number) => settingsOf(h, regionId);

export async function saveSettings(ctx: RequestContext, input: UpdateBulletinSettings): Promise<BulletinSettings> {
  const before = await settingsOf(ctx, ctx.scope.regionId);
  await repo.saveSettings(ctx, ctx.scope.regionId, { ...input, updatedBy: ctx.user.id });
  await audit(ctx, { action: 'update', entity: 'bulletin_settings', entityId: ctx.scope.regionId, unitId: ctx.scope.regionId, before, after: input });
  return settingsOf(ctx, ctx.scope.regionId);
}

/* ── reading ─────────────────────────────────────────────────────────────────────────────── */

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toSummary(r: repo.SummaryRow): BulletinSummary {
  const who = (id: number | null, name: string | null, at: Date | string | null) => (id !== null && at !== null ? { userId: id, name: name ?? '', at: iso(at)! } : null);
  return {
    id: r.id,
    kind: r.kind as BulletinKind,
    period: r.period,
    periodLabel: r.periodLabel,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    year: r.year,
    issueNo: r.issueNo,
    title: r.title,
    status: r.status as BulletinStatus,
    // a scheduled draft has no generating user: it names the system
    generated: { userId: r.generatedBy ?? 0, name: r.generatedByName ?? '系统（定时任务）', at: iso(r.generatedAt)! },
    reviewed: who(r.reviewedBy, r.reviewedByName, r.reviewedAt),
    published: who(r.publishedBy, r.publishedByName, r.publishedAt),
    snapshotId: r.snapshotId,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function listBulletins(ctx: RequestContext, q: BulletinListQuery) {
  const rows = await repo.listBulletins(ctx, ctx.scope.regionId, visibleStatuses(ctx), q);
  return { items: rows.map(toSummary) };
}

function permissions(ctx: RequestContext, status: BulletinStatus): BulletinDetail['can'] {
  return {
    edit: status === 'draft' && hasRole(ctx, ...EDIT_ROLES),
    review: status === 'draft' && hasRole(ctx, ...REVIEW_ROLES),
    publish: status === 'reviewed' && hasRole(ctx, ...PUBLISH_ROLES),
    reopen: status === 'reviewed' && hasRole(ctx, ...REVIEW_ROLES),
    discard: status !== 'published' && hasRole(ctx, ...EDIT_ROLES),
  };
}

export async function getBulletin(ctx: RequestContext, id: number): Promise<BulletinDetail> {
  const r = await repo.findBulletin(ctx, ctx.scope.regionId, visibleStatuses(ctx), id);
  if (!r) throw notFound();
  const files = (await repo.fileInfo(ctx, id)).map((f) => ({ format: f.format as 'docx' | 'xlsx', bytes: f.bytes, sha256: f.sha256 }));
  return { ...toSummary(r), content: r.content, files, can: permissions(ctx, r.status as BulletinStatus) };
}

/* ── generating ──────────────────────────────────────────────────────────────────────────── */

type Generated = { id: number; created: boolean; skipped?: 'exists' };

/**
 * Generates the draft of a region's bulletin for a period that has ended: a new draft, or a
 * regenerated one (a reviewed bulletin goes back to draft; the notes are kept). A published
 * bulletin is refused. A monthly bulletin cites its month's assessment snapshot, freezing the month
 * first when it is not closed yet.
 */
export async function generateFor(
  base: BaseContext & { user?: { id: number } },
  regionId: number,
  p: BulletinPeriodInfo,
  now: Date,
  opts: { onlyIfMissing?: boolean } = {},
): Promise<Generated> {
  const today = shanghaiDate(now);
  if (p.end >= today) throw new AppError(400, 'validation_failed', {}, { period: 'period_not_ended' });
  const existing = await repo.findByPeriod(base, regionId, p.kind, p.period);
  if (existing && opts.onlyIfMissing) return { id: existing.id, created: false, skipped: 'exists' };
  if (existing?.status === 'published') throw new AppError(409, 'bulletin_published', {}, { period: 'bulletin_published' });

  const rctx = await regionContext(base, regionId);
  const settings = await settingsOf(base, regionId);
  let snapshot = null;
  if (p.kind === 'monthly') {
    const f = await freeze(base, regionId, p.period, base.user?.id ?? null, today);
    const s = (await snapshotOfPeriod(base, regionId, p.period))!;
    snapshot = { id: f.id, period: s.period, frozenAt: iso(s.frozenAt)!, checksum: s.checksum, data: s.data };
  }
  const issueNo = await repo.nextIssueNo(base, regionId, p.kind, p.year);
  const title = titleOf(settings.titlePattern, rctx.user.regionName, p);
  const notes = existing?.notes ?? '';
  const content = await buildContent(rctx, { period: p, issueNo, issuingBody: settings.issuingBody, masthead: settings.masthead, title, date: today, notes, snapshot }, now);
  const fields = { periodStart: p.start, periodEnd: p.end, year: p.year, issueNo, title, content, snapshotId: snapshot?.id ?? null, generatedBy: base.user?.id || null };
  let id: number;
  if (existing) {
    id = existing.id;
    await repo.replaceDraft(base, id, fields);
  } else {
    id = await repo.insertBulletin(base, { regionId, kind: p.kind, period: p.period, notes, ...fields });
  }
  await audit(base as Parameters<typeof audit>[0], {
    action: existing ? 'regenerate' : 'generate',
    entity: 'bulletin',
    entityId: id,
    unitId: regionId,
    after: { kind: p.kind, period: p.period, snapshotId: snapshot?.id ?? null, signings: content.signings.count, landings: content.landings.count },
  });
  return { id, created: !existing };
}

function periodOf(input: GenerateBulletin): BulletinPeriodInfo {
  const p = bulletinPeriod(input.kind, input.period);
  if (!p) throw new AppError(400, 'validation_failed', {}, { period: input.kind === 'monthly' ? 'bulletin_period_monthly' : 'bulletin_period_weekly' });
  return p;
}

export async function generate(ctx: RequestContext, input: GenerateBulletin): Promise<BulletinDetail> {
  const g = await generateFor(ctx, ctx.scope.regionId, periodOf(input), new Date());
  return getBulletin(ctx, g.id);
}

/** Loads a bulletin for a command, locked; refuses a published one with 409. */
async function forCommand(ctx: RequestContext, id: number): Promise<repo.FullRow> {
  const r = await repo.findBulletin(ctx, ctx.scope.regionId, visibleStatuses(ctx), id, true);
  if (!r) throw notFound();
  if (r.status === 'published') throw new AppError(409, 'bulletin_published');
  return r;
}

export async function regenerate(ctx: RequestContext, id: number): Promise<BulletinDetail> {
  const r = await forCommand(ctx, id);
  await generateFor(ctx, ctx.scope.regionId, bulletinPeriod(r.kind as BulletinKind, r.period)!, new Date());
  return getBulletin(ctx, id);
}

export async function updateNotes(ctx: RequestContext, id: number, notes: string): Promise<BulletinDetail> {
  const r = await forCommand(ctx, id);
  if (r.status !== 'draft') throw new AppError(409, 'bulletin_not_draft');
  await repo.updateNotes(ctx, id, notes, { ...r.content, notes });
  await audit(ctx, { action: 'update', entity: 'bulletin', entityId: id, unitId: ctx.scope.regionId, before: { notes: r.notes }, after: { notes } });
  return getBulletin(ctx, id);
}

export async function review(ctx: RequestContext, id: number): Promise<BulletinDetail> {
  const r = await forCommand(ctx, id);
  if (r.status !== 'draft') throw new AppError(409, 'bulletin_not_draft');
  await repo.setStatus(ctx, id, 'reviewed', ctx.user.id);
  await audit(ctx, { action: 'review', entity: 'bulletin', entityId: id, unitId: ctx.scope.regionId, after: { status: 'reviewed' } });
  return getBulletin(ctx, id);
}

export async function reopen(ctx: RequestContext, id: number): Promise<BulletinDetail> {
  const r = await forCommand(ctx, id);
  if (r.status !== 'reviewed') throw new AppError(409, 'bulletin_not_reviewed');
  await repo.setStatus(ctx, id, 'draft', ctx.user.id);
  await audit(ctx, { action: 'reopen', entity: 'bulletin', entityId: id, unitId: ctx.scope.regionId, after: { status: 'draft' } });
  return getBulletin(ctx, id);
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * 签发: the issue number becomes final (the next of its kind and year), the date is today, the
 * .docx and .xlsx are rendered once and archived; the region's unit heads, leaders and managers
 * are notified. From here on the row and its files cannot change (triggers).
 */
export async function publish(ctx: RequestContext, id: number): Promise<BulletinDetail> {
  const r = await forCommand(ctx, id);
  if (r.status !== 'reviewed') throw new AppError(409, 'bulletin_not_reviewed');
  const issueNo = await repo.nextIssueNo(ctx, ctx.scope.regionId, r.kind as BulletinKind, r.year);
  const content: BulletinContent = { ...r.content, issueNo, date: shanghaiDate(), notes: r.notes };
  await repo.setStatus(ctx, id, 'published', ctx.user.id, { issueNo, content });
  const docx = await renderDocx(content);
  const xlsx = await renderXlsx(content);
  await repo.insertFile(ctx, id, 'docx', docx, sha256(docx));
  await repo.insertFile(ctx, id, 'xlsx', xlsx, sha256(xlsx));
  const readers = await repo.readersOfRegion(ctx, ctx.scope.regionPath, NOTIFIED_ROLES);
  const sent = await notify(ctx, {
    kind: 'bulletin_published',
    regionId: ctx.scope.regionId,
    userIds: readers,
    title: `${content.masthead}（第${issueNo}期）已印发`,
    body: `${content.title}。本期新签约项目${content.signings.count}个、新落地项目${content.landings.count}个，红灯项目${content.redLights.count}个，超期协调事项${content.overdueItems.count}件。`,
    link: `/bulletins/${id}`,
    entity: 'bulletin',
    entityId: id,
    dedupeKey: `bulletin:${id}`,
  });
  await audit(ctx, { action: 'publish', entity: 'bulletin', entityId: id, unitId: ctx.scope.regionId, after: { issueNo, docxSha256: sha256(docx), xlsxSha256: sha256(xlsx), notified: sent.notified } });
  return getBulletin(ctx, id);
}

export async function discard(ctx: RequestContext, id: number): Promise<{ ok: true }> {
  const r = await forCommand(ctx, id);
  await repo.deleteBulletin(ctx, id);
  await audit(ctx, { action: 'delete', entity: 'bulletin', entityId: id, unitId: ctx.scope.regionId, before: { kind: r.kind, period: r.period, status: r.status } });
  return { ok: true };
}

/* ── files ───────────────────────────────────────────────────────────────────────────────── */

const TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The archived file of a published bulletin; a draft's is rendered now, as a preview marked 草稿. */
export async function download(ctx: RequestContext, id: number, format: 'docx' | 'xlsx'): Promise<FileResult> {
  const r = await repo.findBulletin(ctx, ctx.scope.regionId, visibleStatuses(ctx), id);
  if (!r) throw notFound();
  const name = `${r.content.masthead}第${r.content.issueNo}期-${r.title}`;
  if (r.status === 'published') {
    const file = await repo.fileContent(ctx, id, format);
    if (!file) throw notFound();
    return { file, filename: `${name}${format === 'xlsx' ? '（附件）' : ''}.${format}`, contentType: TYPES[format] };
  }
  const content = { ...r.content, notes: r.notes };
  const file = format === 'docx' ? await renderDocx(content) : await renderXlsx(content);
  return { file, filename: `${name}（${r.status === 'draft' ? '草稿' : '待签发'}）.${format}`, contentType: TYPES[format] };
}
