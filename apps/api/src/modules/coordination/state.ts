import {
  ACTIVE_COORDINATION_STATUSES,
  COORDINATION_ACTIONS_BY_STATUS,
  levelRank,
  type CoordinationAction,
  type CoordinationEventKind,
  type CoordinationLevel,
  type CoordinationStatus,
  type Lang,
  type Light,
} from '@wutong/contracts';

/**
 * The part of an item that events change: the cache on `coordination_items`. Replaying an item's
 * events through `applyEvent` gives it back, so the cache can be rebuilt (and a bulletin can ask
 * what an item looked like on a past date).
 */
export type ItemState = {
  status: CoordinationStatus;
  level: CoordinationLevel;
  leadUnitId: number | null;
  cooperatingUnitIds: number[];
  deadline: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
  closedAt: string | null;
  confirmedByUserId: number | null;
  confirmedContact: string | null;
  lastEventAt: string;
};

/** An event as stored: `data` carries what the event set (see each case below). */
export type ItemEvent = {
  kind: CoordinationEventKind;
  at: string;
  byUserId: number | null;
  note: string | null;
  data: Record<string, unknown>;
};

export class TransitionError extends Error {
  constructor(readonly kind: CoordinationEventKind, readonly from: CoordinationStatus | null) {
    super(`${kind} is not possible from ${from ?? 'nothing'}`);
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) ? v : null);
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Whether an action is possible in the item's status and level (who may run it is the service's part). */
export function actionPossible(s: Pick<ItemState, 'status' | 'level' | 'leadUnitId'>, action: CoordinationAction, escalateTo?: CoordinationLevel): boolean {
  if (!COORDINATION_ACTIONS_BY_STATUS[s.status].includes(action)) return false;
  if (action === 'escalate') return escalateTo ? levelRank(escalateTo) > levelRank(s.level) : s.level !== 'lead_group';
  if (action === 'meeting') return s.level === 'lead_group';
  if (action === 'resolve') return s.leadUnitId !== null;
  return true;
}

/** The state after one event; throws TransitionError when the event cannot follow the state. */
export function applyEvent(s: ItemState | null, e: ItemEvent): ItemState {
  if (e.kind === 'raise') {
    if (s) throw new TransitionError('raise', s.status);
    return {
      status: 'open',
      level: 'unit',
      leadUnitId: null,
      cooperatingUnitIds: [],
      deadline: null,
      resolvedAt: null,
      resolutionNote: null,
      closedAt: null,
      confirmedByUserId: null,
      confirmedContact: null,
      lastEventAt: e.at,
    };
  }
  if (!s) throw new TransitionError(e.kind, null);
  const to = e.kind === 'escalate' ? (str(e.data.to) as CoordinationLevel | null) : undefined;
  if (!actionPossible(s, e.kind, to ?? undefined)) throw new TransitionError(e.kind, s.status);
  const next: ItemState = { ...s, lastEventAt: e.at };
  switch (e.kind) {
    case 'escalate':
      next.level = to!;
      break;
    case 'assign':
    case 'meeting':
      next.status = 'assigned';
      next.leadUnitId = num(e.data.leadUnitId);
      next.cooperatingUnitIds = nums(e.data.cooperatingUnitIds);
      next.deadline = str(e.data.deadline);
      break;
    case 'progress':
      break;
    case 'resolve':
      next.status = 'resolved';
      next.resolvedAt = e.at;
      next.resolutionNote = e.note;
      break;
    case 'confirm':
      next.status = 'closed';
      next.closedAt = e.at;
      next.confirmedByUserId = e.byUserId;
      next.confirmedContact = str(e.data.contactName);
      break;
    case 'reopen':
      next.status = s.leadUnitId === null ? 'open' : 'assigned';
      next.resolvedAt = null;
      next.resolutionNote = null;
      next.closedAt = null;
      next.confirmedByUserId = null;
      next.confirmedContact = null;
      break;
  }
  return next;
}

/** Replays a history (oldest first); events after `until` (an instant) are left out. */
export function replay(events: readonly ItemEvent[], until?: string): ItemState | null {
  let s: ItemState | null = null;
  for (const e of events) {
    if (until && e.at > until) break;
    s = applyEvent(s, e);
  }
  return s;
}

// ── lights ──

const DAY = 86400_000;
/** Days from `today` to `date` (both YYYY-MM-DD); negative when the date has passed. */
export const daysUntil = (date: string, today: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY);

/** Due within this many days: yellow. */
export const YELLOW_DAYS = 3;

const REASONS: Record<Lang, { overdue: (what: string, d: number) => string; today: (what: string) => string; soon: (what: string, d: number) => string; deadline: string; neededBy: string }> = {
  'zh-CN': {
    overdue: (w, d) => `${w}已超期${d}天`,
    today: (w) => `${w}今天到期`,
    soon: (w, d) => `${w}${d}天后到期`,
    deadline: '办结时限',
    neededBy: '需求日期',
  },
  'en-US': {
    overdue: (w, d) => `${w} passed ${d} day${d === 1 ? '' : 's'} ago`,
    today: (w) => `${w} is today`,
    soon: (w, d) => `${w} in ${d} day${d === 1 ? '' : 's'}`,
    deadline: 'Deadline',
    neededBy: 'Needed-by date',
  },
};

/**
 * An item waiting for the government (open or assigned) is red once its deadline or its needed-by
 * date has passed, yellow when one of them is at most three days away; resolved and closed items
 * are green. The reasons say which date and by how much.
 */
export function itemLight(i: { status: CoordinationStatus; deadline: string | null; neededBy: string }, today: string, lang: Lang): { light: Light; lightReasons: string[]; overdueDays: number } {
  if (!ACTIVE_COORDINATION_STATUSES.includes(i.status)) return { light: 'green', lightReasons: [], overdueDays: 0 };
  const t = REASONS[lang];
  const red: string[] = [];
  const yellow: string[] = [];
  let overdueDays = 0;
  for (const [date, what] of [
    [i.deadline, t.deadline],
    [i.neededBy, t.neededBy],
  ] as const) {
    if (!date) continue;
    const d = daysUntil(date, today);
    if (d < 0) {
      red.push(t.overdue(what, -d));
      overdueDays = Math.max(overdueDays, -d);
    } else if (d <= YELLOW_DAYS) {
      yellow.push(d === 0 ? t.today(what) : t.soon(what, d));
    }
  }
  const light: Light = red.length ? 'red' : yellow.length ? 'yellow' : 'green';
  // red first: the reason that turned it red is the one to read
  const reasons = [...red, ...yellow];
  return { light, lightReasons: reasons, overdueDays };
}
