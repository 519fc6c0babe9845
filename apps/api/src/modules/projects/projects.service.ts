import {
  CAPITAL_CURRENCY,
  GATE_FIELDS,
  NEXT_STAGE,
  STAGE_LABELS,
  STAGES,
  checkTransition,
  isValidUscc,
  type AcceptLead,
  addDays,
  addWorkingDays,
  shanghaiDate,
  type CreateActivity,
  type CreateCapital,
  type CreateTripVisit,
  type ListProjectsQuery,
  type MergeLead,
  type ProjectDetail,
  type ProjectListItem,
  type ReportLead,
  type ReviewDuplicate,
  type ReportResult,
  type SetCoPromoters,
  type SlaRule,
  type Stage,
  type Transition,
  type UpdateProject,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors.js';
import { hasRole, isUnitInScope } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { allPages, exportWorkbook, sheet, type Column } from '../../platform/excel.js';
import * as enterprises from '../enterprises/index.js';
import { keyBlockInRegion } from '../blocks/index.js';
import { openClaim, type ArbitrationDecided } from '../arbitrations/index.js';
import { notify } from '../notifications/index.js';
import { lightSql } from './lights.js';
import { projectsEvents, type ProjectChange } from './projects.events.js';
import * as repo from './projects.repository.js';

const projectChanged = (ctx: RequestContext, projectId: number, change: ProjectChange) => projectsEvents.changed.emit(ctx, { projectId, change });

/** Roles that work on projects; leaders and experts read. */
export const EDIT_ROLES = ['admin', 'manager', 'unit_head', 'promoter', 'fund_manager'] as const;
/** Roles that run the lead inbox and arbitration. */
export const INTAKE_ROLES = ['manager', 'unit_head'] as const;
/** The investment centre decides whether a suspected duplicate is one. */
export const DUPLICATE_REVIEWERS = ['manager'] as const;

async function lights(ctx: RequestContext) {
  // thresholds to the minute: a light turns at most a minute late, and a list page read within
  // the same minute has the same parameters, so it can be served from memory (read-cache.ts)
  return lightSql(await repo.slaRulesFor(ctx), new Date(Math.floor(Date.now() / 60_000) * 60_000), ctx.lang);
}

export async function listProjects(ctx: RequestContext, q: ListProjectsQuery) {
  return repo.listProjects(ctx, q, await lights(ctx));
}

export async function getProject(ctx: RequestContext, id: number): Promise<ProjectDetail> {
  const p = await repo.findProject(ctx, id, await lights(ctx));
  if (!p) throw notFound();
  const { regionId: _r, enterpriseUscc, enterpriseIndustry, duplicateOfEnterpriseId, ...rest } = p;
  const nextStage = NEXT_STAGE[p.stage] ?? null;
  return {
    duplicateOf: duplicateOfEnterpriseId ? ((await repo.duplicatePair(ctx, duplicateOfEnterpriseId)) ?? null) : null,
    ...rest,
    projectType: rest.projectType as ProjectDetail['projectType'],
    source: rest.source as ProjectDetail['source'],
    enterprise: { id: p.enterpriseId, name: p.enterpriseName, uscc: enterpriseUscc, origin: p.origin, industryCode: enterpriseIndustry },
    nextStage,
    reopenTo: p.stage === 'dropped' ? ((await repo.stageBeforeDrop(ctx, id)) ?? null) : null,
    gateFields: nextStage ? GATE_FIELDS[nextStage] : [],
    canEdit: hasRole(ctx, ...EDIT_ROLES),
  };
}

/** Loads a project for a command: in scope, and the caller's role may change projects. */
async function forCommand(ctx: RequestContext, id: number) {
  const p = await repo.lockProject(ctx, id);
  if (!p) throw notFound();
  if (!hasRole(ctx, ...EDIT_ROLES)) throw forbidden();
  return p;
}

/** The default: contact within one working day (the yellow threshold of lead_uncontacted). */
const followUpDate = (now: Date) => addWorkingDays(shanghaiDate(now), 1);

/**
 * 人人都是招商员. The first valid report of an enterprise's project is credited to the reporting
 * unit and person (首报). A report of an enterprise that already has an open project must say
 * whether it joins that project or claims it; a claim opens arbitration for the centre.
 */
export async function reportLead(ctx: RequestContext, input: ReportLead): Promise<ReportResult> {
  let enterpriseId: number;
  let enterpriseName: string;
  let duplicateOf: number | null = null;
  if (input.enterpriseId) {
    // locked: reports of one enterprise serialise, so a second one sees the first one's project
    const e = await enterprises.lockForLead(ctx, input.enterpriseId);
    if (!e) throw new AppError(404, 'not_found', {}, { enterpriseId: 'not_found' });
    enterpriseId = e.id;
    enterpriseName = e.name;
  } else {
    const { name, differsReason } = input.newEnterprise!;
    const uscc = input.newEnterprise!.uscc?.trim().toUpperCase() || undefined;
    // the same credit code, or the same normalised name, is the enterprise the registry already has;
    // a name the matcher calls very likely the same needs a reason, and the lead waits for the centre
    const exact = (uscc ? await enterprises.findByUscc(ctx, uscc) : undefined) ?? (await enterprises.findByName(ctx, name));
    if (!exact) {
      const likely = (await enterprises.matchEnterprises(ctx, { name, uscc, limit: 5 })).candidates.find((c) => c.likely);
      if (likely && !differsReason) {
        throw new AppError(409, 'likely_duplicate', { name: likely.enterprise.name }, { 'newEnterprise.name': 'likely_duplicate' }, { existingId: likely.enterprise.id });
      }
      duplicateOf = likely?.enterprise.id ?? null;
    }
    const e = await enterprises.enterpriseForLead(ctx, { name, uscc });
    enterpriseId = e.id;
    enterpriseName = e.name;
    if (!e.created) duplicateOf = null;
  }

  const open = await repo.openProjectsOfEnterprise(ctx, enterpriseId);
  const existing = open[0];
  if (existing) {
    if (!input.duplicateAction) throw new AppError(409, 'duplicate_project', { unit: existing.unitName }, { enterpriseId: 'duplicate_project' });
    if (input.duplicateAction === 'join') {
      const added = await repo.addCoPromoterIfAbsent(ctx, existing.id, ctx.user.unitId);
      await repo.insertActivity(ctx, {
        projectId: existing.id,
        unitId: existing.unitId,
        kind: 'call',
        occurredOn: shanghaiDate(),
        notes: `${ctx.user.unitName} ${ctx.user.displayName} 加入协同招商${input.note ? `：${input.note}` : ''}`,
      });
      await audit(ctx, { action: 'join', entity: 'project', entityId: existing.id, unitId: existing.unitId, after: { unitId: ctx.user.unitId, added } });
      await projectChanged(ctx, existing.id, 'co_promoters');
      return { outcome: 'joined', projectId: existing.id, arbitrationId: null, followUpUnit: existing.unitName, followUpBy: followUpDate(new Date()) };
    }
    const arbitrationId = await openClaim(ctx, existing.id, input.claimReason!);
    return { outcome: 'claimed', projectId: null, arbitrationId, followUpUnit: '区招商中心', followUpBy: followUpDate(new Date()) };
  }

  const name = `${enterpriseName}${input.projectType === 'expansion' ? '增资扩产项目' : '项目'}`;
  const id = await repo.insertProject(ctx, {
    regionId: ctx.scope.regionId,
    unitId: ctx.user.unitId,
    ownerUserId: ctx.user.id,
    enterpriseId,
    name,
    nameInitials: await initials(name),
    projectType: input.projectType,
    source: input.source,
    industryCode: input.industryCode?.replace(/^[A-T]/, '') || null,
    investmentMinor: input.investmentMinor ?? null,
    investmentCurrency: input.investmentCurrency ?? 'CNY',
    contactName: input.contactName,
    contactPhone: input.contactPhone || null,
    contactTitle: input.contactTitle || null,
    note: input.note || null,
    reportedByUserId: ctx.user.id,
    reportedByUnitId: ctx.user.unitId,
    firstReport: true,
    ...(duplicateOf ? { duplicateOfEnterpriseId: duplicateOf, duplicateReason: input.newEnterprise!.differsReason!, duplicateReview: 'pending' } : {}),
  });
  await repo.setCoPromoters(ctx, id, [{ unitId: ctx.user.unitId, shareBp: 10000 }]);
  await repo.insertStageEvent(ctx, { projectId: id, fromStage: null, toStage: 'lead', evidence: {} });
  await audit(ctx, { action: 'report', entity: 'project', entityId: id, unitId: ctx.user.unitId, after: { name, enterpriseId, ...input } });
  await projectChanged(ctx, id, 'reported');
  return {
    outcome: 'reported',
    projectId: id,
    arbitrationId: null,
    followUpUnit: ctx.user.unitName,
    followUpBy: followUpDate(new Date()),
    duplicateReview: duplicateOf ? 'pending' : null,
  };
}

let pinyinModule: typeof import('pinyin-pro') | null | undefined;
/** Pinyin initials for search by 首字母 (e.g. 寰采星 → hcx); empty if pinyin-pro is absent. */
export async function initials(name: string): Promise<string> {
  if (pinyinModule === undefined) pinyinModule = await import('pinyin-pro').catch(() => null);
  if (!pinyinModule) return '';
  return pinyinModule
    .pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export async function updateProject(ctx: RequestContext, id: number, input: UpdateProject) {
  const before = await forCommand(ctx, id);
  if (input.keyBlockId && !(await keyBlockInRegion(ctx, input.keyBlockId))) throw new AppError(404, 'not_found', {}, { keyBlockId: 'not_found' });
  const { co2AvoidedT, industryCode, ...rest } = input;
  await repo.updateProject(ctx, id, {
    ...rest,
    ...(industryCode !== undefined ? { industryCode: industryCode?.replace(/^[A-T]/, '') ?? null } : {}),
    ...(co2AvoidedT !== undefined ? { co2AvoidedT: co2AvoidedT === null ? null : String(co2AvoidedT) } : {}),
    ...(input.name ? { nameInitials: await initials(input.name) } : {}),
  });
  await audit(ctx, { action: 'update', entity: 'project', entityId: id, unitId: before.unitId, before, after: input });
  await projectChanged(ctx, id, 'updated');
  return getProject(ctx, id);
}

export async function setCoPromoters(ctx: RequestContext, id: number, input: SetCoPromoters) {
  const p = await forCommand(ctx, id);
  for (const [i, u] of input.units.entries()) {
    if (!isUnitInScope(ctx, u.unitId)) throw new AppError(404, 'not_found', {}, { [`units.${i}.unitId`]: 'not_found' });
  }
  const before = await repo.coPromoters(ctx, id);
  await repo.setCoPromoters(ctx, id, input.units);
  await audit(ctx, { action: 'co_promoters', entity: 'project', entityId: id, unitId: p.unitId, before, after: input.units });
  await projectChanged(ctx, id, 'co_promoters');
  return getProject(ctx, id);
}

export async function transition(ctx: RequestContext, id: number, input: Transition) {
  const p = await forCommand(ctx, id);
  // a lead moves once the centre or the unit has taken it in; dropping one is rejecting it
  if (p.intake !== 'accepted') throw new AppError(409, 'lead_not_accepted', {}, { to: 'lead_not_accepted' });
  const from = p.stage as Stage;
  const reopenTo = from === 'dropped' ? await repo.stageBeforeDrop(ctx, id) : undefined;
  const check = checkTransition(from, input.to, input.evidence, input.reason, reopenTo, ctx.lang);
  if (!check.ok) throw new AppError(check.code === 'bad_transition' ? 409 : 400, check.code, { from: STAGE_LABELS[from][ctx.lang === 'en-US' ? 'en' : 'zh'] }, check.fields);
  const ev = check.evidence;
  const patch: Partial<repo.NewProject> = { stage: input.to, stageAt: new Date() };
  if (from !== 'dropped' && input.to === 'signed') {
    patch.signedAt = ev.contractDate as string;
    patch.investmentMinor = ev.agreedInvestmentMinor as number;
    patch.investmentCurrency = ev.agreedInvestmentCurrency as string;
  }
  if (from !== 'dropped' && input.to === 'registered') {
    const uscc = ev.uscc as string;
    if (!isValidUscc(uscc)) throw new AppError(400, 'gate_evidence', {}, { 'evidence.uscc': 'uscc_invalid' });
    await enterprises.recordRegistration(ctx, p.enterpriseId, { uscc, regCapitalMinor: ev.regCapitalMinor as number, regCapitalCurrency: ev.regCapitalCurrency as string, foundedOn: ev.registeredOn as string });
  }
  if (input.to === 'dropped') patch.droppedReason = input.reason!;
  if (from === 'dropped') patch.droppedReason = null;
  await repo.insertStageEvent(ctx, { projectId: id, fromStage: from, toStage: input.to, evidence: ev, reason: input.reason });
  await repo.updateProject(ctx, id, patch);
  await audit(ctx, { action: 'transition', entity: 'project', entityId: id, unitId: p.unitId, before: { stage: from }, after: { stage: input.to, evidence: ev, reason: input.reason } });
  await projectChanged(ctx, id, 'transition');
  return getProject(ctx, id);
}

// ── the lead inbox ──

function requireIntakeRole(ctx: RequestContext) {
  if (!hasRole(ctx, ...INTAKE_ROLES)) throw forbidden();
}

export async function acceptLead(ctx: RequestContext, id: number, input: AcceptLead) {
  requireIntakeRole(ctx);
  const p = await repo.lockProject(ctx, id);
  if (!p) throw notFound();
  if (!isUnitInScope(ctx, input.unitId)) throw new AppError(404, 'not_found', {}, { unitId: 'not_found' });
  if (input.ownerUserId && !(await repo.userInUnit(ctx, input.ownerUserId, input.unitId))) throw new AppError(404, 'not_found', {}, { ownerUserId: 'not_found' });
  if (p.intake !== 'pending') throw conflict('intake_done');
  await repo.updateProject(ctx, id, { intake: 'accepted', unitId: input.unitId, ownerUserId: input.ownerUserId ?? null, intakeNote: input.note || null });
  const shares = await repo.coPromoters(ctx, id);
  if (!shares.some((s) => s.unitId === input.unitId)) await repo.addCoPromoterIfAbsent(ctx, id, input.unitId);
  await audit(ctx, { action: 'accept', entity: 'project', entityId: id, unitId: input.unitId, before: { unitId: p.unitId, ownerUserId: p.ownerUserId }, after: input });
  await projectChanged(ctx, id, 'accepted');
  const accepted = await getProject(ctx, id);
  if (input.ownerUserId && input.ownerUserId !== ctx.user.id) {
    await notify(ctx, {
      kind: 'assignment',
      regionId: ctx.scope.regionId,
      userIds: [input.ownerUserId],
      title: `新项目指派：${accepted.name}`,
      body: `${ctx.user.displayName} 将线索「${accepted.name}」指派给您负责${input.note ? `：${input.note}` : ''}`,
      link: `/projects/${id}`,
      entity: 'project',
      entityId: id,
    });
  }
  return accepted;
}

export async function rejectLead(ctx: RequestContext, id: number, reason: string) {
  requireIntakeRole(ctx);
  const p = await repo.lockProject(ctx, id);
  if (!p) throw notFound();
  if (p.intake !== 'pending') throw conflict('intake_done');
  await repo.updateProject(ctx, id, { intake: 'rejected', intakeNote: reason });
  await audit(ctx, { action: 'reject', entity: 'project', entityId: id, unitId: p.unitId, after: { reason } });
  await projectChanged(ctx, id, 'rejected');
  return getProject(ctx, id);
}

export async function mergeLead(ctx: RequestContext, id: number, input: MergeLead) {
  requireIntakeRole(ctx);
  const p = await repo.lockProject(ctx, id);
  if (!p) throw notFound();
  const into = await repo.lockProject(ctx, input.intoProjectId);
  if (!into) throw new AppError(404, 'not_found', {}, { intoProjectId: 'not_found' });
  if (into.id === p.id) throw new AppError(409, 'merge_self', {}, { intoProjectId: 'merge_self' });
  if (p.intake !== 'pending') throw conflict('intake_done');
  await mergeProjectInto(ctx, p, into, input.note || null);
  return getProject(ctx, into.id);
}

/**
 * One project becomes part of another: the source keeps its stage history and is marked merged;
 * its activities move; its capital moves as a reversal on the source and the same record on the
 * target, both on the original day (history stays, figures do not jump periods); its reporting
 * unit and co-promoters join the target. One audit entry.
 */
async function mergeProjectInto(ctx: RequestContext, source: repo.ProjectRow, target: repo.ProjectRow, note: string | null) {
  const moved = await repo.moveActivities(ctx, source.id, target.id);
  const capital = await repo.liveCapital(ctx, source.id);
  for (const c of capital) {
    await repo.insertCapital(ctx, { projectId: source.id, unitId: source.unitId, category: c.category, amountMinor: -c.amountMinor, currency: c.currency, recordedOn: c.recordedOn, note: `并入项目 #${target.id}`, reversesId: c.id });
    await repo.insertCapital(ctx, { projectId: target.id, unitId: target.unitId, category: c.category, amountMinor: c.amountMinor, currency: c.currency, recordedOn: c.recordedOn, note: `自项目 #${source.id} 并入${c.note ? `：${c.note}` : ''}` });
  }
  const units = new Set([...(source.reportedByUnitId ? [source.reportedByUnitId] : []), ...(await repo.coPromoters(ctx, source.id)).map((u) => u.unitId)]);
  for (const unitId of units) await repo.addCoPromoterIfAbsent(ctx, target.id, unitId);
  await repo.updateProject(ctx, source.id, { intake: 'merged', mergedIntoId: target.id, intakeNote: note });
  if (moved) await repo.refreshFollowUp(ctx, target.id);
  await audit(ctx, { action: 'merge', entity: 'project', entityId: source.id, unitId: source.unitId, after: { intoProjectId: target.id, activities: moved, capitalRecords: capital.length, note } });
  await projectChanged(ctx, source.id, 'merged');
  await projectChanged(ctx, target.id, capital.length ? 'capital' : 'co_promoters');
}

/** Two records of one enterprise were merged: its projects follow; two open projects become one. */
export async function onEnterprisesMerged(ctx: RequestContext, { fromId, intoId }: { fromId: number; intoId: number }) {
  const [target] = await repo.openProjectsOfEnterprise(ctx, intoId);
  const targetRow = target ? await repo.lockProjectForSystem(ctx, target.id) : undefined;
  for (const p of await repo.projectsOfEnterprise(ctx, fromId)) {
    const open = (p.intake === 'pending' || p.intake === 'accepted') && p.stage !== 'dropped';
    if (open && targetRow) {
      await mergeProjectInto(ctx, p, targetRow, '同一企业合并');
    } else {
      await repo.updateProject(ctx, p.id, { enterpriseId: intoId });
      await audit(ctx, { action: 'move_enterprise', entity: 'project', entityId: p.id, unitId: p.unitId, before: { enterpriseId: fromId }, after: { enterpriseId: intoId } });
      await projectChanged(ctx, p.id, 'updated');
    }
  }
}

/**
 * The centre decides a lead held as a suspected duplicate: the enterprises differ (the 首报 credit
 * goes to the lead), or they are one (the enterprise records merge, and the lead with them).
 */
export async function reviewDuplicate(ctx: RequestContext, id: number, input: ReviewDuplicate) {
  if (!hasRole(ctx, ...DUPLICATE_REVIEWERS)) throw forbidden();
  const p = await repo.lockProject(ctx, id);
  if (!p) throw notFound();
  if (p.duplicateReview !== 'pending' || !p.duplicateOfEnterpriseId) throw conflict('duplicate_reviewed');
  if (input.decision === 'distinct') {
    await repo.updateProject(ctx, id, { duplicateReview: 'distinct' });
  } else {
    await repo.updateProject(ctx, id, { duplicateReview: 'merged' });
    await enterprises.mergeEnterprise(ctx, p.enterpriseId, p.duplicateOfEnterpriseId, input.note);
  }
  await audit(ctx, { action: `duplicate_${input.decision}`, entity: 'project', entityId: id, unitId: p.unitId, before: { duplicateOfEnterpriseId: p.duplicateOfEnterpriseId }, after: input });
  await projectChanged(ctx, id, 'updated');
  const after = await repo.lockProject(ctx, id);
  return getProject(ctx, after?.intake === 'merged' && after.mergedIntoId ? after.mergedIntoId : id);
}

// ── activities, trips, capital ──

export async function addActivity(ctx: RequestContext, id: number, input: CreateActivity) {
  const p = await forCommand(ctx, id);
  const activityId = await repo.insertActivity(ctx, { ...input, projectId: id, unitId: p.unitId });
  await repo.refreshFollowUp(ctx, id);
  await audit(ctx, { action: 'activity', entity: 'project', entityId: id, unitId: p.unitId, after: { activityId, ...input } });
  await projectChanged(ctx, id, 'activity');
  return { items: await repo.listActivities(ctx, id) };
}

export async function listActivities(ctx: RequestContext, id: number) {
  await getProject(ctx, id);
  return { items: await repo.listActivities(ctx, id) };
}

export async function addCapital(ctx: RequestContext, id: number, input: CreateCapital) {
  const p = await forCommand(ctx, id);
  const recordId = await repo.insertCapital(ctx, {
    projectId: id,
    unitId: p.unitId,
    category: input.category,
    amountMinor: input.amountMinor,
    currency: CAPITAL_CURRENCY[input.category],
    recordedOn: input.recordedOn,
    note: input.note || null,
  });
  await audit(ctx, { action: 'capital', entity: 'project', entityId: id, unitId: p.unitId, after: { recordId, ...input } });
  await projectChanged(ctx, id, 'capital');
  return { items: await repo.listCapital(ctx, id) };
}

/** A correction is a reversing entry; a record is reversed once. */
export async function reverseCapital(ctx: RequestContext, id: number, recordId: number, reason: string) {
  const p = await forCommand(ctx, id);
  const rec = await repo.findCapital(ctx, id, recordId);
  if (!rec) throw new AppError(404, 'not_found', {}, { recordId: 'not_found' });
  if (rec.reversesId) throw conflict('reversal_of_reversal');
  if (await repo.isReversed(ctx, recordId)) throw conflict('already_reversed');
  const reversal = await repo.insertCapital(ctx, {
    projectId: id,
    unitId: p.unitId,
    category: rec.category,
    amountMinor: -rec.amountMinor,
    currency: rec.currency,
    recordedOn: shanghaiDate(),
    note: reason,
    reversesId: rec.id,
  });
  await audit(ctx, { action: 'capital_reverse', entity: 'project', entityId: id, unitId: p.unitId, after: { recordId, reversal, reason } });
  await projectChanged(ctx, id, 'capital');
  return { items: await repo.listCapital(ctx, id) };
}

export async function listCapital(ctx: RequestContext, id: number) {
  await getProject(ctx, id);
  return { items: await repo.listCapital(ctx, id) };
}

export async function timeline(ctx: RequestContext, id: number) {
  await getProject(ctx, id);
  const zh = ctx.lang !== 'en-US';
  const stageName = (s: string | null) => (s ? STAGE_LABELS[s as Stage][zh ? 'zh' : 'en'] : '');
  const items = [
    // newest first within each source; the sort below is stable for equal times
    ...(await repo.stageEvents(ctx, id)).reverse().map((e) => ({
      kind: 'stage' as const,
      at: e.at,
      title: e.fromStage ? `${stageName(e.fromStage)} → ${stageName(e.toStage)}` : stageName(e.toStage),
      detail: { ...(e.evidence as Record<string, unknown>), ...(e.reason ? { reason: e.reason } : {}) },
      by: e.by,
    })),
    ...(await repo.listActivities(ctx, id)).map((a) => ({
      kind: 'activity' as const,
      at: `${a.occurredOn}T00:00:00Z`,
      title: a.kind,
      detail: { place: a.place, attendees: a.attendees, notes: a.notes, nextStep: a.nextStep, nextDue: a.nextDue },
      by: a.createdByName,
    })),
    ...(await repo.listCapital(ctx, id)).map((c) => ({
      kind: 'capital' as const,
      at: `${c.recordedOn}T00:00:00Z`,
      title: c.category,
      detail: { amountMinor: c.amountMinor, currency: c.currency, note: c.note, reversesId: c.reversesId },
      by: c.createdByName,
    })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return { items };
}

// ── trips log their visits here ──

/**
 * A visit on an outbound trip (the trips module's command): an activity on an existing project,
 * or on a lead filed there and then. Returns the project it landed on, if any.
 */
export async function recordTripVisit(ctx: RequestContext, trip: { id: number; unitId: number; destination: string }, input: CreateTripVisit): Promise<number | null> {
  let projectId = input.projectId;
  if (projectId) {
    const p = await repo.lockProject(ctx, projectId);
    if (!p) throw new AppError(404, 'not_found', {}, { projectId: 'not_found' });
  } else if (input.lead) {
    const r = await reportLead(ctx, { ...input.lead, source: 'trip' });
    projectId = r.projectId ?? undefined;
  }
  const unitId = projectId ? ((await repo.lockProject(ctx, projectId))?.unitId ?? trip.unitId) : trip.unitId;
  await repo.insertActivity(ctx, {
    projectId: projectId ?? null,
    tripId: trip.id,
    unitId,
    kind: 'visit',
    occurredOn: input.occurredOn,
    place: input.place || trip.destination,
    attendees: input.attendees || null,
    notes: input.notes || null,
    nextStep: input.nextStep || null,
    nextDue: input.nextDue || null,
  });
  if (projectId) {
    await repo.refreshFollowUp(ctx, projectId);
    await projectChanged(ctx, projectId, 'activity');
  }
  return projectId ?? null;
}

export const tripVisits = (ctx: RequestContext, tripId: number) => repo.tripVisits(ctx, tripId);
export const visitCounts = (ctx: RequestContext, tripIds: readonly number[]) => repo.visitCounts(ctx, tripIds);

// ── a decided first-report claim ──

/** An upheld claim moves the 首报 credit to the claimant, who becomes a co-promoter. */
export async function onArbitrationDecided(ctx: RequestContext, d: ArbitrationDecided) {
  if (d.decision === 'upheld') {
    await repo.updateProject(ctx, d.projectId, { reportedByUnitId: d.claimantUnitId, reportedByUserId: d.claimantUserId });
    await repo.addCoPromoterIfAbsent(ctx, d.projectId, d.claimantUnitId);
  }
  await projectChanged(ctx, d.projectId, 'arbitration');
}

// ── my work, the board and export ──

/** What waits for the caller in the closed loop (the workbench module shows it, with other modules' work). */
export async function myWork(ctx: RequestContext) {
  const l = await lights(ctx);
  const inWeek = addDays(shanghaiDate(), 7);
  const mine = await repo.listProjects(ctx, { mine: 'owner', limit: 200, sort: 'nextDue', dir: 'asc' }, l, false);
  const rank = { red: 0, yellow: 1, green: 2 } as const;
  const myProjects = [...mine.items].sort((a, b) => rank[a.light] - rank[b.light] || (a.nextDue ?? '9999').localeCompare(b.nextDue ?? '9999')).slice(0, 50);
  const dueSoon = mine.items.filter((p) => p.nextDue && p.nextDue <= inWeek).slice(0, 50);
  const myLeads = (await repo.listProjects(ctx, { mine: 'reporter', intake: ['pending', 'accepted', 'rejected', 'merged'], limit: 50 }, l, false)).items;
  const isManager = hasRole(ctx, 'manager', 'unit_head', 'admin', 'leader');
  const stalled = isManager ? (await repo.listProjects(ctx, { light: ['red'], limit: 50, sort: 'reportedAt', dir: 'asc' }, l, false)).items : [];
  return { myProjects, dueSoon, myLeads, inboxCount: hasRole(ctx, ...INTAKE_ROLES) ? await repo.countPendingInbox(ctx) : 0, stalled };
}

export async function board(ctx: RequestContext, q: ListProjectsQuery) {
  const l = await lights(ctx);
  const columns = [];
  for (const stage of STAGES) {
    const r = await repo.listProjects(ctx, { ...q, stage: [stage], limit: 30, cursor: undefined }, l);
    columns.push({ stage, total: r.total, items: r.items });
  }
  return { columns };
}

const LIGHT_NAMES = { red: ['红', 'red'], yellow: ['黄', 'yellow'], green: ['绿', 'green'] } as const;

const EXPORT_COLUMNS: Column<ProjectListItem>[] = [
  { key: 'name', header: ['项目名称', 'Project'], width: 36 },
  { key: 'enterpriseName', header: ['企业', 'Enterprise'], width: 30 },
  { key: 'stage', header: ['阶段', 'Stage'], width: 8 },
  { key: 'unitName', header: ['负责单位', 'Unit'], width: 18 },
  { key: 'ownerName', header: ['负责人', 'Owner'], width: 10 },
  { key: 'industryCode', header: ['行业代码', 'Industry'], width: 10 },
  { key: 'investment', header: ['投资额(万元)', 'Investment (10k)'], width: 14, value: (p) => (p.investmentMinor === null ? null : p.investmentMinor / 1_000_000) },
  { key: 'investmentCurrency', header: ['币种', 'Currency'], width: 6 },
  { key: 'reportedAt', header: ['上报时间', 'Reported'], width: 20 },
  { key: 'nextStep', header: ['下一步', 'Next step'], width: 24 },
  { key: 'nextDue', header: ['下一步日期', 'Next due'], width: 12 },
  { key: 'light', header: ['灯', 'Light'], width: 8 },
  { key: 'reasons', header: ['原因', 'Reasons'], width: 24, value: (p) => p.lightReasons.join('；') },
];

export async function exportProjects(ctx: RequestContext, q: ListProjectsQuery) {
  const l = await lights(ctx);
  const lang = ctx.lang === 'en-US' ? 1 : 0;
  const columns = EXPORT_COLUMNS.map((c) =>
    c.key === 'stage' ? { ...c, value: (p: ProjectListItem) => STAGE_LABELS[p.stage][lang ? 'en' : 'zh'] } : c.key === 'light' ? { ...c, value: (p: ProjectListItem) => LIGHT_NAMES[p.light][lang] } : c,
  );
  const rows = allPages((cursor) => repo.listProjects(ctx, { ...q, limit: 200, cursor }, l, false));
  return exportWorkbook(ctx.lang, ['项目.xlsx', 'projects.xlsx'], [sheet({ name: ['项目', 'Projects'], columns, rows })]);
}

export const inbox = (ctx: RequestContext, q: ListProjectsQuery) => {
  requireIntakeRole(ctx);
  return listProjects(ctx, { ...q, intake: ['pending'], sort: q.sort ?? 'reportedAt', dir: q.dir ?? 'asc' });
};

export const getSlaRules = async (ctx: RequestContext) => ({ items: await repo.slaRulesFor(ctx) });
export async function setSlaRules(ctx: RequestContext, items: SlaRule[]) {
  const before = await repo.slaRulesFor(ctx);
  await repo.saveSlaRules(ctx, items);
  await audit(ctx, { action: 'update', entity: 'sla_rules', entityId: ctx.scope.regionId, unitId: ctx.scope.regionId, before, after: items });
  return getSlaRules(ctx);
}
