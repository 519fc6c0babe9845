// Coordination items (协调事项 / 要素保障, C4): what a project needs from the government (land, energy,
// approvals, financing, talent, infrastructure), raised from the project, escalated unit → department
// → lead group, assigned to a lead unit with a deadline, resolved, and closed once the project's side
// confirms. The history is an append-only event list; the item row is a cache of its newest state.
import { z } from 'zod';
import { Id, Int, IsoDate, Name, Text } from './common.js';
import { Light } from './projects.js';

export const COORDINATION_CATEGORIES = ['land', 'energy', 'approval', 'finance', 'talent', 'infrastructure', 'other'] as const;
export const CoordinationCategory = z.enum(COORDINATION_CATEGORIES);
export type CoordinationCategory = z.infer<typeof CoordinationCategory>;

/** 单位 → 部门 → 领导小组: the level that is working on the item, only ever raised. */
export const COORDINATION_LEVELS = ['unit', 'department', 'lead_group'] as const;
export const CoordinationLevel = z.enum(COORDINATION_LEVELS);
export type CoordinationLevel = z.infer<typeof CoordinationLevel>;

/** open (no lead unit yet) → assigned → resolved (by the lead unit) → closed (confirmed); reopen goes back. */
export const COORDINATION_STATUSES = ['open', 'assigned', 'resolved', 'closed'] as const;
export const CoordinationStatus = z.enum(COORDINATION_STATUSES);
export type CoordinationStatus = z.infer<typeof CoordinationStatus>;

export const COORDINATION_EVENT_KINDS = ['raise', 'escalate', 'assign', 'progress', 'resolve', 'confirm', 'reopen', 'meeting'] as const;
export const CoordinationEventKind = z.enum(COORDINATION_EVENT_KINDS);
export type CoordinationEventKind = z.infer<typeof CoordinationEventKind>;

/** The commands on an item (every one but raise, which creates it). */
export type CoordinationAction = Exclude<CoordinationEventKind, 'raise'>;

export const COORDINATION_CATEGORY_LABELS: Record<CoordinationCategory, { zh: string; en: string }> = {
  land: { zh: '用地', en: 'Land' },
  energy: { zh: '能耗', en: 'Energy' },
  approval: { zh: '审批', en: 'Approvals' },
  finance: { zh: '融资', en: 'Financing' },
  talent: { zh: '人才', en: 'Talent' },
  infrastructure: { zh: '配套', en: 'Infrastructure' },
  other: { zh: '其他', en: 'Other' },
};
export const COORDINATION_LEVEL_LABELS: Record<CoordinationLevel, { zh: string; en: string }> = {
  unit: { zh: '单位', en: 'Unit' },
  department: { zh: '部门', en: 'Department' },
  lead_group: { zh: '领导小组', en: 'Lead group' },
};
export const COORDINATION_STATUS_LABELS: Record<CoordinationStatus, { zh: string; en: string }> = {
  open: { zh: '待交办', en: 'Open' },
  assigned: { zh: '办理中', en: 'In progress' },
  resolved: { zh: '待确认', en: 'Resolved' },
  closed: { zh: '已办结', en: 'Closed' },
};

/** Statuses in which an item still waits for the government: these get lights. */
export const ACTIVE_COORDINATION_STATUSES: readonly CoordinationStatus[] = ['open', 'assigned'];

/**
 * Which command may run in which status — the one table the service, the UI and the tests read.
 * Who may run it is decided on top of this by the caller's relation to the item (see the service).
 */
export const COORDINATION_ACTIONS_BY_STATUS: Record<CoordinationStatus, readonly CoordinationAction[]> = {
  open: ['escalate', 'assign', 'progress', 'meeting'],
  assigned: ['escalate', 'assign', 'progress', 'resolve', 'meeting'],
  resolved: ['confirm', 'reopen'],
  closed: ['reopen'],
};

/** Levels only go up. */
export const levelRank = (l: CoordinationLevel) => COORDINATION_LEVELS.indexOf(l);

/** A comma-separated list in a query string, e.g. status=open,assigned */
const Csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values as [T, ...T[]])).max(10));

const UnitIds = z.array(Id).max(10);
const noDuplicates = (ids: readonly number[] | undefined) => !ids || new Set(ids).size === ids.length;

export const RaiseCoordinationItem = z
  .object({
    projectId: Id,
    category: CoordinationCategory,
    title: Name(100),
    description: Name(2000),
    neededBy: IsoDate,
  })
  .strict();
export type RaiseCoordinationItem = z.infer<typeof RaiseCoordinationItem>;

export const EscalateCoordinationItem = z
  .object({ to: z.enum(['department', 'lead_group']), note: Name(1000) })
  .strict();
export type EscalateCoordinationItem = z.infer<typeof EscalateCoordinationItem>;

export const AssignCoordinationItem = z
  .object({
    leadUnitId: Id,
    cooperatingUnitIds: UnitIds.optional(),
    deadline: IsoDate,
    note: Text(1000).optional(),
  })
  .strict()
  .refine((v) => noDuplicates(v.cooperatingUnitIds), { path: ['cooperatingUnitIds'], message: 'i18n:duplicate_units' })
  .refine((v) => !v.cooperatingUnitIds?.includes(v.leadUnitId), { path: ['cooperatingUnitIds'], message: 'i18n:coordination_lead_not_cooperating' });
export type AssignCoordinationItem = z.infer<typeof AssignCoordinationItem>;

export const CoordinationNote = z.object({ note: Name(2000) }).strict();
export type CoordinationNote = z.infer<typeof CoordinationNote>;

/**
 * Closure is confirmed by the project's owner. When the enterprise's contact confirmed (on the
 * phone, in a meeting), the owner records it with the contact's name: there is no enterprise login
 * linked to a project yet.
 */
export const ConfirmCoordinationItem = z
  .object({ contactName: Text(40).optional(), note: Text(1000).optional() })
  .strict();
export type ConfirmCoordinationItem = z.infer<typeof ConfirmCoordinationItem>;

export const ReopenCoordinationItem = z.object({ reason: Name(1000) }).strict();
export type ReopenCoordinationItem = z.infer<typeof ReopenCoordinationItem>;

/** The lead group's decision on one item at its coordination meeting (领导小组协调会). */
export const MeetingOutcome = z
  .object({
    meetingDate: IsoDate,
    decision: Name(2000),
    leadUnitId: Id,
    cooperatingUnitIds: UnitIds.optional(),
    deadline: IsoDate,
  })
  .strict()
  .refine((v) => noDuplicates(v.cooperatingUnitIds), { path: ['cooperatingUnitIds'], message: 'i18n:duplicate_units' })
  .refine((v) => !v.cooperatingUnitIds?.includes(v.leadUnitId), { path: ['cooperatingUnitIds'], message: 'i18n:coordination_lead_not_cooperating' })
  .refine((v) => v.deadline >= v.meetingDate, { path: ['deadline'], message: 'i18n:coordination_deadline_before_meeting' });
export type MeetingOutcome = z.infer<typeof MeetingOutcome>;

export const CoordinationUnitRef = z.object({ id: z.number().int(), name: z.string() });

export const CoordinationItem = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  projectUnitId: z.number().int(),
  projectUnitName: z.string(),
  enterpriseName: z.string(),
  category: CoordinationCategory,
  title: z.string(),
  description: z.string(),
  neededBy: z.string(),
  status: CoordinationStatus,
  level: CoordinationLevel,
  leadUnit: CoordinationUnitRef.nullable(),
  cooperatingUnits: z.array(CoordinationUnitRef),
  deadline: z.string().nullable(),
  raisedAt: z.string(),
  raisedByName: z.string().nullable(),
  raisedByUnitName: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastEventAt: z.string(),
  light: Light,
  lightReasons: z.array(z.string()),
  /** days past the earlier of the deadline and the needed-by date; 0 when not overdue */
  overdueDays: z.number().int(),
});
export type CoordinationItem = z.infer<typeof CoordinationItem>;

export const CoordinationEvent = z.object({
  id: z.number().int(),
  kind: CoordinationEventKind,
  at: z.string(),
  byName: z.string().nullable(),
  byUnitName: z.string().nullable(),
  note: z.string().nullable(),
  /** what the event set: levels, units, dates, the decision, the confirming contact */
  data: z.record(z.string(), z.unknown()),
});
export type CoordinationEvent = z.infer<typeof CoordinationEvent>;

export const CoordinationItemDetail = CoordinationItem.extend({
  projectOwnerName: z.string().nullable(),
  resolutionNote: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedContact: z.string().nullable(),
  events: z.array(CoordinationEvent),
  /** the commands the caller may run now (status and the caller's relation to the item) */
  actions: z.array(z.enum(['escalate', 'assign', 'progress', 'resolve', 'confirm', 'reopen', 'meeting'])),
});
export type CoordinationItemDetail = z.infer<typeof CoordinationItemDetail>;

export const ListCoordinationQuery = z
  .object({
    q: Text(60).optional(),
    status: Csv(COORDINATION_STATUSES).optional(),
    category: Csv(COORDINATION_CATEGORIES).optional(),
    level: Csv(COORDINATION_LEVELS).optional(),
    light: Csv(Light.options).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    leadUnitId: Id.optional(),
    projectId: Id.optional(),
    sort: z.enum(['due', 'raisedAt', 'lastEventAt']).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
    limit: Int(z.number().int().min(1).max(200)).optional(),
    offset: Int(z.number().int().min(0).max(1_000_000)).optional(),
  })
  .strict();
export type ListCoordinationQuery = z.infer<typeof ListCoordinationQuery>;

export const CoordinationCounts = z.object({
  /** of the filtered list, by status (the status filter itself left out, so the tabs show what each holds) */
  byStatus: z.record(CoordinationStatus, z.number().int()),
  red: z.number().int(),
  yellow: z.number().int(),
});
export type CoordinationCounts = z.infer<typeof CoordinationCounts>;

export const CoordinationList = z.object({ items: z.array(CoordinationItem), total: z.number().int(), counts: CoordinationCounts });
export type CoordinationList = z.infer<typeof CoordinationList>;

/** The lead group's meeting: the open items escalated to it. */
export const MeetingAgendaQuery = z
  .object({ meetingDate: IsoDate.optional(), title: Text(60).optional() })
  .strict();
export type MeetingAgendaQuery = z.infer<typeof MeetingAgendaQuery>;

export const MeetingAgenda = z.object({
  meetingDate: z.string(),
  /** the agenda: open lead-group items still waiting for the lead group's decision */
  items: z.array(CoordinationItem.extend({ escalationNote: z.string().nullable() })),
  /** lead-group items decided at a meeting and still being worked on */
  decided: z.array(CoordinationItem),
});
export type MeetingAgenda = z.infer<typeof MeetingAgenda>;
