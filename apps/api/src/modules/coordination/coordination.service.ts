import {
  shanghaiDate,
  COORDINATION_CATEGORY_LABELS,
  COORDINATION_LEVEL_LABELS,
  COORDINATION_STATUS_LABELS,
  type AssignCoordinationItem,
  type ConfirmCoordinationItem,
  type CoordinationAction,
  type CoordinationCategory,
  type CoordinationEventKind,
  type CoordinationItem,
  type CoordinationItemDetail,
  type CoordinationLevel,
  type CoordinationList,
  type CoordinationStatus,
  type Light,
  type EscalateCoordinationItem,
  type Lang,
  type ListCoordinationQuery,
  type MeetingAgenda,
  type MeetingAgendaQuery,
  type MeetingOutcome,
  type RaiseCoordinationItem,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { hasRole, isUnitInScope } from '../../platform/access.js';
import { audit } from '../../platform/audit.js';
import { EDIT_ROLES, getProject } from '../projects/index.js';
import { getUnit } from '../org/index.js';
import { notify } from '../notifications/index.js';
import { actionPossible, applyEvent, itemLight, replay, TransitionError, type ItemEvent, type ItemState } from './state.js';
import { exportWorkbook, pick, sheet, type Bilingual, type Column } from '../../platform/excel.js';
import * as repo from './coordination.repository.js';

/** The database handle of a request or a job (the service never queries it itself). */
type Db = RequestContext['db'];

/**
 * Who may do what on a coordination item. Every rule applies to an item the caller can see at all
 * (its project, its lead unit or a cooperating unit is in their scope — otherwise 404):
 *
 * | action   | who                                                                                  |
 * | raise    | project workers (admin, manager, unit_head, promoter, fund_manager) who see the project |
 * | escalate | unit heads over the project's unit; region roles (admin, manager, leader)            |
 * | assign   | region roles at any level; unit heads over the project's unit while it is at unit level, |
 * |          | to units in their own subtree (a department needs escalation first)                  |
 * | progress | workers of the lead unit or a cooperating unit; region roles                          |
 * | resolve  | workers of the lead unit; admin and manager (the centre)                             |
 * | confirm  | the project's owner (for the enterprise contact, naming them); a unit head over the project's unit when the project has no owner |
 * | reopen   | the project's owner; unit heads over the project's unit; region roles                |
 * | meeting  | region roles, for items at lead-group level                                           |
 *
 * Lead and cooperating units must lie in the caller's scope (region roles reach every unit).
 */
const REGION_ROLES = ['admin', 'manager', 'leader'] as const;

type Relation = {
  region: boolean;
  centre: boolean;
  worker: boolean;
  projectUnitHead: boolean;
  lead: boolean;
  cooperating: boolean;
  owner: boolean;
};

type AccessItem = { projectUnitId: number; projectOwnerUserId: number | null; leadUnitId: number | null; cooperatingUnitIds: readonly number[]; level: CoordinationLevel; status: CoordinationStatus };

function relation(ctx: RequestContext, it: AccessItem): Relation {
  return {
    region: hasRole(ctx, ...REGION_ROLES),
    centre: hasRole(ctx, 'admin', 'manager'),
    worker: hasRole(ctx, ...EDIT_ROLES),
    projectUnitHead: hasRole(ctx, 'unit_head') && isUnitInScope(ctx, it.projectUnitId),
    lead: it.leadUnitId !== null && isUnitInScope(ctx, it.leadUnitId),
    cooperating: it.cooperatingUnitIds.some((u) => isUnitInScope(ctx, u)),
    owner: it.projectOwnerUserId === ctx.user.id,
  };
}

const MAY: Record<CoordinationAction, (r: Relation, it: AccessItem) => boolean> = {
  escalate: (r) => r.projectUnitHead || r.region,
  assign: (r, it) => r.region || (r.projectUnitHead && it.level === 'unit'),
  progress: (r) => (r.worker && (r.lead || r.cooperating)) || r.region,
  resolve: (r) => (r.worker && r.lead) || r.centre,
  confirm: (r, it) => r.owner || (it.projectOwnerUserId === null && r.projectUnitHead),
  reopen: (r) => r.owner || r.projectUnitHead || r.region,
  meeting: (r, it) => r.region && it.level === 'lead_group',
};

const RULE_TEXT: Record<CoordinationAction, Record<Lang, string>> = {
  escalate: { 'zh-CN': '提级由项目所在单位负责人或区级角色办理', 'en-US': 'escalation is for heads of the project’s unit and region roles' },
  assign: { 'zh-CN': '交办由区级角色或单位层级事项的项目所在单位负责人办理', 'en-US': 'assignment is for region roles, or heads of the project’s unit at unit level' },
  progress: { 'zh-CN': '进展由牵头单位、配合单位或区级角色填报', 'en-US': 'progress is reported by the lead or cooperating units or region roles' },
  resolve: { 'zh-CN': '办结由牵头单位或区招商中心办理', 'en-US': 'resolution is for the lead unit or the centre' },
  confirm: { 'zh-CN': '办结确认由项目负责人办理', 'en-US': 'closure is confirmed by the project’s owner' },
  reopen: { 'zh-CN': '重新打开由项目负责人、项目所在单位负责人或区级角色办理', 'en-US': 'reopening is for the project’s owner, heads of its unit and region roles' },
  meeting: { 'zh-CN': '会议议定由区级角色在领导小组层级事项上记录', 'en-US': 'meeting outcomes are recorded by region roles on lead-group items' },
};

/** The commands the caller may run on the item now: possible in its state, and theirs to run. */
export function allowedActions(ctx: RequestContext, it: AccessItem): CoordinationAction[] {
  const r = relation(ctx, it);
  return (Object.keys(MAY) as CoordinationAction[]).filter((a) => actionPossible({ ...it }, a) && MAY[a](r, it));
}

const label = (ctx: { lang: Lang }, l: { zh: string; en: string }) => (ctx.lang === 'en-US' ? l.en : l.zh);
const today = () => shanghaiDate();

function toItem(ctx: { lang: Lang }, r: repo.ItemRow, day: string): CoordinationItem {
  const { leadUnitId, leadUnitName, ...rest } = r;
  return {
    ...rest,
    leadUnit: leadUnitId !== null ? { id: leadUnitId, name: leadUnitName ?? '' } : null,
    ...itemLight(r, day, ctx.lang),
  };
}

// ── reads ──

export async function listItems(ctx: RequestContext, q: ListCoordinationQuery): Promise<CoordinationList> {
  const day = today();
  const { rows, total } = await repo.listItems(ctx, q, day);
  const counts = await repo.countItems(ctx, q, day);
  const byStatus = { open: 0, assigned: 0, resolved: 0, closed: 0 } as Record<CoordinationStatus, number>;
  for (const c of counts.byStatus) byStatus[c.status as CoordinationStatus] = c.n;
  const lit = (l: string) => counts.byLight.find((c) => c.light === l)?.n ?? 0;
  return { items: rows.map((r) => toItem(ctx, r, day)), total, counts: { byStatus, red: lit('red'), yellow: lit('yellow') } };
}

export async function getItem(ctx: RequestContext, id: number): Promise<CoordinationItemDetail> {
  const r = await repo.findItem(ctx, id);
  if (!r) throw notFound();
  const { projectOwnerUserId, cooperatingUnitIds, resolutionNote, confirmedByName, confirmedContact, projectOwnerName, ...row } = r;
  const item = toItem(ctx, row, today());
  return {
    ...item,
    projectOwnerName,
    resolutionNote,
    confirmedByName,
    confirmedContact,
    events: await repo.listEvents(ctx.db, id),
    actions: allowedActions(ctx, { projectUnitId: row.projectUnitId, projectOwnerUserId, leadUnitId: row.leadUnitId, cooperatingUnitIds, level: row.level, status: row.status }),
  };
}

// ── commands ──

/** Loads the item for a command and checks, in this order: in scope (404), the caller's part (403), the state (409). */
async function forCommand(ctx: RequestContext, id: number, action: CoordinationAction, escalateTo?: CoordinationLevel) {
  const it = await repo.lockItem(ctx, id);
  if (!it) throw notFound();
  return {
    it,
    check: () => {
      if (!MAY[action](relation(ctx, it), it)) throw new AppError(403, 'coordination_not_allowed', { rule: RULE_TEXT[action][ctx.lang] });
      // a level at or below the current one names the field; any other impossibility is the state's
      if (action === 'escalate' && escalateTo && actionPossible(it, 'progress') && !actionPossible(it, 'escalate', escalateTo)) {
        throw new AppError(409, 'coordination_level_not_higher', { level: label(ctx, COORDINATION_LEVEL_LABELS[it.level]) }, { to: 'coordination_level_not_higher' });
      }
      if (!actionPossible(it, action, escalateTo)) throw new AppError(409, 'coordination_bad_state', { status: label(ctx, COORDINATION_STATUS_LABELS[it.status]) });
    },
  };
}

function stateOf(it: repo.LockedItem): ItemState {
  return {
    status: it.status,
    level: it.level,
    leadUnitId: it.leadUnitId,
    cooperatingUnitIds: it.cooperatingUnitIds,
    deadline: it.deadline,
    resolvedAt: it.resolvedAt,
    resolutionNote: it.resolutionNote,
    closedAt: it.closedAt,
    confirmedByUserId: it.confirmedByUserId,
    confirmedContact: it.confirmedContact,
    lastEventAt: it.lastEventAt,
  };
}

/** Appends the event and writes the cache it produces, in the command's transaction. */
async function record(ctx: RequestContext, it: repo.LockedItem, kind: CoordinationEventKind, note: string | null, data: Record<string, unknown> = {}) {
  const before = stateOf(it);
  const event: ItemEvent = { kind, at: new Date().toISOString(), byUserId: ctx.user.id, note, data };
  let after: ItemState;
  try {
    after = applyEvent(before, event);
  } catch (e) {
    if (e instanceof TransitionError) throw new AppError(409, 'coordination_bad_state', { status: label(ctx, COORDINATION_STATUS_LABELS[it.status]) });
    throw e;
  }
  await repo.insertEvent(ctx, it.id, event);
  const coopChanged = before.cooperatingUnitIds.join(',') !== after.cooperatingUnitIds.join(',');
  await repo.saveState(ctx, it.id, after, coopChanged);
  await audit(ctx, { action: `coordination_${kind}`, entity: 'coordination_item', entityId: it.id, unitId: it.projectUnitId, before, after: { ...after, note, ...data } });
  return after;
}

function notPast(field: string, date: string) {
  if (date < today()) throw new AppError(400, 'validation_failed', {}, { [field]: 'coordination_date_past' });
}

export async function raiseItem(ctx: RequestContext, input: RaiseCoordinationItem): Promise<CoordinationItemDetail> {
  let project;
  try {
    project = await getProject(ctx, input.projectId);
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw new AppError(404, 'not_found', {}, { projectId: 'not_found' });
    throw e;
  }
  if (!hasRole(ctx, ...EDIT_ROLES)) throw forbidden();
  if (project.stage === 'dropped' || project.intake === 'rejected' || project.intake === 'merged') {
    throw new AppError(409, 'coordination_project_closed', {}, { projectId: 'coordination_project_closed' });
  }
  notPast('neededBy', input.neededBy);
  const at = new Date();
  const id = await repo.insertItem(ctx, { ...input, raisedAt: at });
  const event: ItemEvent = { kind: 'raise', at: at.toISOString(), byUserId: ctx.user.id, note: input.description, data: { category: input.category, title: input.title, neededBy: input.neededBy } };
  await repo.insertEvent(ctx, id, event);
  await audit(ctx, { action: 'coordination_raise', entity: 'coordination_item', entityId: id, unitId: project.unitId, after: input });
  return getItem(ctx, id);
}

export async function escalateItem(ctx: RequestContext, id: number, input: EscalateCoordinationItem) {
  const { it, check } = await forCommand(ctx, id, 'escalate', input.to);
  check();
  await record(ctx, it, 'escalate', input.note, { from: it.level, to: input.to });
  return getItem(ctx, id);
}

/** The lead and cooperating units of an assignment: in the caller's scope (404 naming the field), active. */
async function assignmentUnits(ctx: RequestContext, leadUnitId: number, cooperatingUnitIds: readonly number[]) {
  const load = async (unitId: number, field: string) => {
    if (!isUnitInScope(ctx, unitId)) throw new AppError(404, 'not_found', {}, { [field]: 'not_found' });
    const u = await getUnit(ctx, unitId).catch(() => undefined);
    if (!u) throw new AppError(404, 'not_found', {}, { [field]: 'not_found' });
    return u;
  };
  const lead = await load(leadUnitId, 'leadUnitId');
  const coop: Awaited<ReturnType<typeof load>>[] = [];
  for (const [i, u] of cooperatingUnitIds.entries()) coop.push(await load(u, `cooperatingUnitIds.${i}`));
  return {
    lead,
    coop,
    checkActive: () => {
      if (!lead.active) throw new AppError(400, 'validation_failed', {}, { leadUnitId: 'coordination_unit_inactive' });
      for (const [i, u] of coop.entries()) if (!u.active) throw new AppError(400, 'validation_failed', {}, { [`cooperatingUnitIds.${i}`]: 'coordination_unit_inactive' });
    },
  };
}

async function notifyAssignment(ctx: RequestContext, it: repo.LockedItem, leadUnitId: number, leadName: string, deadline: string) {
  const userIds = await repo.unitHeadIds(ctx.db, [leadUnitId]);
  if (!userIds.length) return;
  await notify(ctx, {
    kind: 'assignment',
    regionId: it.regionId,
    userIds,
    title: `协调事项交办：${it.title}`,
    body: `${it.projectName}的协调事项“${it.title}”已交由${leadName}牵头办理，办结时限 ${deadline}。`,
    link: `/coordination/${it.id}`,
    entity: 'coordination_item',
    entityId: it.id,
  });
}

export async function assignItem(ctx: RequestContext, id: number, input: AssignCoordinationItem) {
  const { it, check } = await forCommand(ctx, id, 'assign');
  const coopIds = input.cooperatingUnitIds ?? [];
  const units = await assignmentUnits(ctx, input.leadUnitId, coopIds);
  check();
  units.checkActive();
  notPast('deadline', input.deadline);
  await record(ctx, it, 'assign', input.note || null, {
    leadUnitId: units.lead.id,
    leadUnitName: units.lead.name,
    cooperatingUnitIds: units.coop.map((u) => u.id),
    cooperatingUnitNames: units.coop.map((u) => u.name),
    deadline: input.deadline,
  });
  await notifyAssignment(ctx, it, units.lead.id, units.lead.name, input.deadline);
  return getItem(ctx, id);
}

export async function addProgress(ctx: RequestContext, id: number, note: string) {
  const { it, check } = await forCommand(ctx, id, 'progress');
  check();
  await record(ctx, it, 'progress', note);
  return getItem(ctx, id);
}

export async function resolveItem(ctx: RequestContext, id: number, note: string) {
  const { it, check } = await forCommand(ctx, id, 'resolve');
  check();
  await record(ctx, it, 'resolve', note);
  return getItem(ctx, id);
}

export async function confirmItem(ctx: RequestContext, id: number, input: ConfirmCoordinationItem) {
  const { it, check } = await forCommand(ctx, id, 'confirm');
  check();
  const contactName = input.contactName?.trim() || null;
  await record(ctx, it, 'confirm', input.note?.trim() || null, { contactName, recordedBy: contactName ? 'owner_for_contact' : 'owner' });
  return getItem(ctx, id);
}

export async function reopenItem(ctx: RequestContext, id: number, reason: string) {
  const { it, check } = await forCommand(ctx, id, 'reopen');
  check();
  await record(ctx, it, 'reopen', reason, { from: it.status });
  return getItem(ctx, id);
}

export async function recordMeetingOutcome(ctx: RequestContext, id: number, input: MeetingOutcome) {
  const { it, check } = await forCommand(ctx, id, 'meeting');
  const coopIds = input.cooperatingUnitIds ?? [];
  const units = await assignmentUnits(ctx, input.leadUnitId, coopIds);
  check();
  units.checkActive();
  if (input.meetingDate > today()) throw new AppError(400, 'validation_failed', {}, { meetingDate: 'coordination_meeting_future' });
  await record(ctx, it, 'meeting', input.decision, {
    meetingDate: input.meetingDate,
    decision: input.decision,
    leadUnitId: units.lead.id,
    leadUnitName: units.lead.name,
    cooperatingUnitIds: units.coop.map((u) => u.id),
    cooperatingUnitNames: units.coop.map((u) => u.name),
    deadline: input.deadline,
  });
  await notifyAssignment(ctx, it, units.lead.id, units.lead.name, input.deadline);
  return getItem(ctx, id);
}

// ── the lead group's meeting ──

export async function meetingAgenda(ctx: RequestContext, q: MeetingAgendaQuery): Promise<MeetingAgenda> {
  const day = today();
  const agenda = await repo.meetingItems(ctx, 'agenda');
  const decided = await repo.meetingItems(ctx, 'decided');
  return {
    meetingDate: q.meetingDate ?? day,
    items: agenda.map(({ escalationNote, ...r }) => ({ ...toItem(ctx, r, day), escalationNote })),
    decided: decided.map(({ escalationNote: _e, ...r }) => toItem(ctx, r, day)),
  };
}

export async function exportAgenda(ctx: RequestContext, q: MeetingAgendaQuery) {
  const agenda = await meetingAgenda(ctx, q);
  const { buildAgendaDocx } = await import('./coordination.agenda.js');
  const group = (await repo.leadGroupName(ctx)) ?? (ctx.lang === 'en-US' ? 'Lead group' : '领导小组');
  const title = q.title?.trim() || (ctx.lang === 'en-US' ? `${group} coordination meeting: agenda` : `${group.startsWith(ctx.user.regionName) ? '' : ctx.user.regionName}${group}协调会议题`);
  const file = await buildAgendaDocx({ title, meetingDate: agenda.meetingDate, items: agenda.items, lang: ctx.lang, issuer: group });
  return {
    file,
    filename: `${ctx.lang === 'en-US' ? 'agenda' : '协调会议题'}-${agenda.meetingDate}.docx`,
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
}

// ── Excel ──

const LIGHT_NAMES: Record<Light, Bilingual> = { red: ['红', 'red'], yellow: ['黄', 'yellow'], green: ['绿', 'green'] };

export async function exportItems(ctx: RequestContext, q: ListCoordinationQuery) {
  const sep = pick(ctx.lang, ['、', ', ']);
  const columns: Column<CoordinationItem>[] = [
    { key: 'id', header: ['编号', 'No.'], width: 8 },
    { key: 'projectName', header: ['项目', 'Project'], width: 34 },
    { key: 'projectUnitName', header: ['项目单位', 'Project unit'], width: 16 },
    { key: 'category', header: ['类别', 'Category'], width: 8, value: (i) => label(ctx, COORDINATION_CATEGORY_LABELS[i.category]) },
    { key: 'title', header: ['事项', 'Item'], width: 30 },
    { key: 'description', header: ['问题描述', 'Description'], width: 40 },
    { key: 'level', header: ['层级', 'Level'], width: 10, value: (i) => label(ctx, COORDINATION_LEVEL_LABELS[i.level]) },
    { key: 'status', header: ['状态', 'Status'], width: 10, value: (i) => label(ctx, COORDINATION_STATUS_LABELS[i.status]) },
    { key: 'lead', header: ['牵头单位', 'Lead unit'], width: 18, value: (i) => i.leadUnit?.name ?? '' },
    { key: 'coop', header: ['配合单位', 'Cooperating units'], width: 24, value: (i) => i.cooperatingUnits.map((u) => u.name).join(sep) },
    { key: 'neededBy', header: ['需求日期', 'Needed by'], width: 12 },
    { key: 'deadline', header: ['办结时限', 'Deadline'], width: 12, value: (i) => i.deadline ?? '' },
    { key: 'light', header: ['灯', 'Light'], width: 6, value: (i) => pick(ctx.lang, LIGHT_NAMES[i.light]) },
    { key: 'reasons', header: ['原因', 'Reasons'], width: 26, value: (i) => i.lightReasons.join(pick(ctx.lang, ['；', '; '])) },
    { key: 'raisedBy', header: ['提出单位', 'Raised by'], width: 18, value: (i) => [i.raisedByUnitName, i.raisedByName].filter(Boolean).join(' ') },
    { key: 'raisedOn', header: ['提出日期', 'Raised on'], width: 12, value: (i) => shanghaiDate(new Date(i.raisedAt)) },
  ];
  const rows = async function* () {
    for (let offset = 0; ; offset += 200) {
      const page = await listItems(ctx, { ...q, limit: 200, offset });
      yield* page.items;
      if (page.items.length < 200 || offset + 200 >= 10_000) break;
    }
  };
  return exportWorkbook(ctx.lang, ['协调事项.xlsx', 'coordination-items.xlsx'], [sheet({ name: ['协调事项', 'Coordination items'], columns, rows: rows() })]);
}

// ── for other modules (bulletins, the cockpit) and jobs ──

/** Who reads: a signed-in caller (their scope) or a job for one region. */
export type SummaryReader = { db: Db; lang?: Lang } & ({ scope: RequestContext['scope']; user: RequestContext['user'] } | { scope?: undefined; regionId: number });

export type OverdueItem = {
  id: number;
  projectId: number;
  projectName: string;
  projectUnitName: string;
  enterpriseName: string;
  category: CoordinationCategory;
  title: string;
  level: CoordinationLevel;
  status: CoordinationStatus;
  leadUnitName: string | null;
  neededBy: string;
  deadline: string | null;
  /** the earlier of the deadline and the needed-by date */
  dueDate: string;
  overdueDays: number;
  raisedAt: string;
};

/** The end of a Shanghai day as an instant (ISO, UTC). */
const endOfDay = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86400_000 - 1).toISOString();

async function statesAsOf(reader: SummaryReader, asOf: string) {
  const until = endOfDay(asOf);
  const where = reader.scope ? repo.itemInScope(reader as RequestContext) : repo.regionCondition(reader.regionId);
  const items = await repo.itemsForSummary(reader.db, where, until);
  const events = await repo.eventsOf(
    reader.db,
    items.map((i) => i.id),
    until,
  );
  return { items, events, until };
}

/**
 * Coordination items overdue on `asOf` (YYYY-MM-DD, Asia/Shanghai): open or assigned at the end of
 * that day with the deadline or the needed-by date before it. Read from the history, so a bulletin
 * for a past period lists what was overdue then. Most overdue first.
 */
export async function listOverdueItems(reader: SummaryReader, asOf: string): Promise<OverdueItem[]> {
  const { items, events } = await statesAsOf(reader, asOf);
  const states = items.map((i) => ({ i, s: replay(events.get(i.id) ?? []) })).filter((x): x is { i: (typeof items)[number]; s: ItemState } => !!x.s);
  const names = await repo.unitNames(reader.db, [...new Set(states.map((x) => x.s.leadUnitId).filter((u): u is number => u !== null))]);
  const out: OverdueItem[] = [];
  for (const { i, s } of states) {
    const l = itemLight({ status: s.status, deadline: s.deadline, neededBy: i.neededBy }, asOf, reader.lang ?? 'zh-CN');
    if (l.light !== 'red') continue;
    out.push({
      id: i.id,
      projectId: i.projectId,
      projectName: i.projectName,
      projectUnitName: i.projectUnitName,
      enterpriseName: i.enterpriseName,
      category: i.category,
      title: i.title,
      level: s.level,
      status: s.status,
      leadUnitName: s.leadUnitId !== null ? (names.get(s.leadUnitId) ?? null) : null,
      neededBy: i.neededBy,
      deadline: s.deadline,
      dueDate: s.deadline && s.deadline < i.neededBy ? s.deadline : i.neededBy,
      overdueDays: l.overdueDays,
      raisedAt: i.raisedAt,
    });
  }
  return out.sort((a, b) => b.overdueDays - a.overdueDays || a.id - b.id);
}

export type CoordinationSummary = {
  asOf: string;
  /** items raised by `asOf`, by their status at the end of that day */
  byStatus: Record<CoordinationStatus, number>;
  /** open and assigned items by level and by category */
  activeByLevel: Record<CoordinationLevel, number>;
  activeByCategory: Record<CoordinationCategory, number>;
  overdue: number;
  /** events within [from, asOf] */
  raised: number;
  resolved: number;
  closed: number;
};

/** Counts for a bulletin: the state at the end of `to`, and what happened from `from` to `to` (dates, inclusive). */
export async function coordinationSummary(reader: SummaryReader, period: { from: string; to: string }): Promise<CoordinationSummary> {
  const { items, events } = await statesAsOf(reader, period.to);
  const start = new Date(Date.parse(`${period.from}T00:00:00+08:00`)).toISOString();
  const summary: CoordinationSummary = {
    asOf: period.to,
    byStatus: { open: 0, assigned: 0, resolved: 0, closed: 0 },
    activeByLevel: { unit: 0, department: 0, lead_group: 0 },
    activeByCategory: { land: 0, energy: 0, approval: 0, finance: 0, talent: 0, infrastructure: 0, other: 0 },
    overdue: 0,
    raised: 0,
    resolved: 0,
    closed: 0,
  };
  for (const i of items) {
    const history = events.get(i.id) ?? [];
    const s = replay(history);
    if (!s) continue;
    summary.byStatus[s.status]++;
    if (s.status === 'open' || s.status === 'assigned') {
      summary.activeByLevel[s.level]++;
      summary.activeByCategory[i.category]++;
      if (itemLight({ status: s.status, deadline: s.deadline, neededBy: i.neededBy }, period.to, 'zh-CN').light === 'red') summary.overdue++;
    }
    for (const e of history) {
      if (e.at < start) continue;
      if (e.kind === 'raise') summary.raised++;
      if (e.kind === 'resolve') summary.resolved++;
      if (e.kind === 'confirm') summary.closed++;
    }
  }
  return summary;
}

/** Rebuilds an item's state from its history (the cache must equal it). */
export async function rebuiltState(db: Db, itemId: number): Promise<ItemState | null> {
  const events = await repo.eventsOf(db, [itemId]);
  return replay(events.get(itemId) ?? []);
}

// ── the daily overdue job ──

/**
 * Tells the lead unit's heads (or, unassigned, the project unit's heads) and the project's owner
 * about each item that is overdue on `day` — once per item and due date (a new deadline that
 * passes again is news again).
 */
export async function notifyOverdue(ctx: { db: Db }, day: string) {
  const result: Record<number, { overdue: number; notified: number }> = {};
  for (const regionId of await repo.regionsWithActiveItems(ctx.db)) {
    const overdue = await repo.overdueForRegion(ctx.db, regionId, day);
    let notified = 0;
    for (const it of overdue) {
      const heads = await repo.unitHeadIds(ctx.db, [it.leadUnitId ?? it.projectUnitId]);
      const userIds = [...heads, ...(it.projectOwnerUserId ? [it.projectOwnerUserId] : [])];
      if (!userIds.length) continue;
      const r = await notify(ctx, {
        kind: 'overdue',
        regionId,
        userIds,
        title: `协调事项已超期：${it.title}`,
        body: `${it.projectName}的协调事项“${it.title}”${it.deadline && it.deadline === it.due ? `办结时限 ${it.deadline}` : `需求日期 ${it.neededBy}`}已过，尚未办结。`,
        link: `/coordination/${it.id}`,
        entity: 'coordination_item',
        entityId: it.id,
        dedupeKey: `coordination.overdue:${it.id}:${it.due}`,
      });
      notified += r.notified;
    }
    result[regionId] = { overdue: overdue.length, notified };
  }
  return { regions: result };
}
