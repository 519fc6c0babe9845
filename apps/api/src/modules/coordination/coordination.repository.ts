import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/pg-core';
import { coordinationEvents, coordinationItemUnits, coordinationItems, orgUnits, projectProfiles, userRoles, users, type Db } from '@wutong/db';
import type {
  CoordinationCategory,
  CoordinationEvent,
  CoordinationEventKind,
  CoordinationLevel,
  CoordinationStatus,
  Light,
  ListCoordinationQuery,
} from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { projectProfileInScope as projectInScope } from '../projects/index.js';
import { YELLOW_DAYS, type ItemEvent, type ItemState } from './state.js';

const iso = (col: SQL | unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const isoOrNull = (col: SQL | unknown) => sql<string | null>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (col: SQL | unknown) => sql<string>`to_char(${col}, 'YYYY-MM-DD')`;
const dayOrNull = (col: SQL | unknown) => sql<string | null>`to_char(${col}, 'YYYY-MM-DD')`;
const unitList = (ids: readonly number[]) => sql.raw(`(${ids.map((i) => Number(i)).join(',')})`);

const projectUnit = alias(orgUnits, 'project_unit');
const leadUnit = alias(orgUnits, 'lead_unit');
const raiser = alias(users, 'raiser');
const raiserUnit = alias(orgUnits, 'raiser_unit');
const owner = alias(users, 'owner');
const confirmer = alias(users, 'confirmer');

/**
 * An item is in scope when its project is (the project's unit, a co-promoting unit, or the caller
 * owns or reported it — the projects module's rule), or when its lead unit or a cooperating unit
 * is. Queries using it join the published view "project_profiles".
 */
export function itemInScope(ctx: RequestContext): SQL {
  // the whole region is in scope: one indexed equality
  if (ctx.scope.regionWide) return eq(coordinationItems.regionId, ctx.scope.regionId);
  const ids = ctx.scope.unitIds;
  if (!ids.length) return projectInScope(ctx);
  return or(
    projectInScope(ctx),
    inArray(coordinationItems.leadUnitId, [...ids]),
    sql`exists (select 1 from coordination_item_units cu where cu.item_id = ${coordinationItems.id} and cu.unit_id in ${unitList(ids)})`,
  )!;
}

/** The light of the row in "coordination_items" on `today`, as SQL (the filters); `itemLight` is its twin in TS. */
export function lightSql(today: string): SQL<Light> {
  return sql<Light>`(case
    when ${coordinationItems.status} in ('open', 'assigned') and least(${coordinationItems.deadline}, ${coordinationItems.neededBy}) < ${today}::date then 'red'
    when ${coordinationItems.status} in ('open', 'assigned') and least(${coordinationItems.deadline}, ${coordinationItems.neededBy}) <= ${today}::date + ${YELLOW_DAYS}::int then 'yellow'
    else 'green' end)`;
}

const listColumns = {
  id: coordinationItems.id,
  projectId: coordinationItems.projectId,
  projectName: projectProfiles.name,
  projectUnitId: projectProfiles.unitId,
  projectUnitName: projectUnit.name,
  enterpriseName: projectProfiles.enterpriseName,
  category: sql<CoordinationCategory>`${coordinationItems.category}`,
  title: coordinationItems.title,
  description: coordinationItems.description,
  neededBy: day(coordinationItems.neededBy),
  status: sql<CoordinationStatus>`${coordinationItems.status}`,
  level: sql<CoordinationLevel>`${coordinationItems.level}`,
  leadUnitId: coordinationItems.leadUnitId,
  leadUnitName: leadUnit.name,
  cooperatingUnits: sql<{ id: number; name: string }[]>`coalesce((
    select json_agg(json_build_object('id', ou.id, 'name', ou.name) order by ou.sort_order, ou.id)
    from coordination_item_units cu join org_units ou on ou.id = cu.unit_id where cu.item_id = ${coordinationItems.id}), '[]'::json)`,
  deadline: dayOrNull(coordinationItems.deadline),
  raisedAt: iso(coordinationItems.raisedAt),
  raisedByName: raiser.displayName,
  raisedByUnitName: raiserUnit.name,
  resolvedAt: isoOrNull(coordinationItems.resolvedAt),
  closedAt: isoOrNull(coordinationItems.closedAt),
  lastEventAt: iso(coordinationItems.lastEventAt),
};

function selectItems<T extends SelectedFields>(db: Db, extra: T) {
  return db
    .select({ ...listColumns, ...extra })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .innerJoin(projectUnit, eq(projectUnit.id, projectProfiles.unitId))
    .leftJoin(leadUnit, eq(leadUnit.id, coordinationItems.leadUnitId))
    .leftJoin(raiser, eq(raiser.id, coordinationItems.raisedByUserId))
    .leftJoin(raiserUnit, eq(raiserUnit.id, coordinationItems.raisedByUnitId));
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>['rows'][number];

type Skip = { status?: boolean; light?: boolean };

function filters(ctx: RequestContext, q: ListCoordinationQuery, today: string, skip: Skip = {}): SQL | undefined {
  const term = q.q?.trim();
  const like = term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const light = lightSql(today);
  return and(
    itemInScope(ctx),
    !skip.status && q.status?.length ? inArray(coordinationItems.status, q.status) : undefined,
    q.category?.length ? inArray(coordinationItems.category, q.category) : undefined,
    q.level?.length ? inArray(coordinationItems.level, q.level) : undefined,
    q.leadUnitId ? eq(coordinationItems.leadUnitId, q.leadUnitId) : undefined,
    q.projectId ? eq(coordinationItems.projectId, q.projectId) : undefined,
    !skip.light && q.light?.length ? sql`${light} in ${sql.raw(`(${q.light.map((x) => `'${x}'`).join(',')})`)}` : undefined,
    !skip.light && q.overdue === 'true' ? sql`${light} = 'red'` : undefined,
    !skip.light && q.overdue === 'false' ? sql`${light} <> 'red'` : undefined,
    like ? or(sql`${coordinationItems.title} ilike ${like}`, sql`${projectProfiles.name} ilike ${like}`, sql`${projectProfiles.enterpriseName} ilike ${like}`) : undefined,
  );
}

const dueSql = sql`least(${coordinationItems.deadline}, ${coordinationItems.neededBy})`;
const SORTS = {
  due: dueSql,
  raisedAt: sql`${coordinationItems.raisedAt}`,
  lastEventAt: sql`${coordinationItems.lastEventAt}`,
} as const;

export async function listItems(ctx: RequestContext, q: ListCoordinationQuery, today: string) {
  const sort = SORTS[q.sort ?? 'due'];
  const dir = q.dir ?? (q.sort && q.sort !== 'due' ? 'desc' : 'asc');
  // active items first: a closed item's passed date is no news
  const activeFirst = sql`(${coordinationItems.status} in ('open', 'assigned')) desc`;
  const rows = await selectItems(ctx.db, {})
    .where(filters(ctx, q, today))
    .orderBy(activeFirst, dir === 'asc' ? asc(sort) : desc(sort), dir === 'asc' ? asc(coordinationItems.id) : desc(coordinationItems.id))
    .limit(q.limit ?? 50)
    .offset(q.offset ?? 0);
  const [total] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .where(filters(ctx, q, today));
  return { rows, total: total?.n ?? 0 };
}

export async function countItems(ctx: RequestContext, q: ListCoordinationQuery, today: string) {
  const light = lightSql(today);
  const byStatus = await ctx.db
    .select({ status: sql<CoordinationStatus>`${coordinationItems.status}`, n: sql<number>`count(*)::int` })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .where(filters(ctx, q, today, { status: true }))
    .groupBy(coordinationItems.status);
  const byLight = await ctx.db
    .select({ light: sql<Light>`${light}`, n: sql<number>`count(*)::int` })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .where(filters(ctx, q, today, { light: true }))
    // by position: the expression's date parameter would be a different placeholder in GROUP BY
    .groupBy(sql`1`);
  return { byStatus, byLight };
}

export async function findItem(ctx: RequestContext, id: number) {
  const [row] = await selectItems(ctx.db, {
    projectOwnerUserId: projectProfiles.ownerUserId,
    projectOwnerName: owner.displayName,
    resolutionNote: coordinationItems.resolutionNote,
    confirmedByName: confirmer.displayName,
    confirmedContact: coordinationItems.confirmedContact,
    cooperatingUnitIds: sql<number[]>`coalesce((select array_agg(cu.unit_id order by cu.unit_id) from coordination_item_units cu where cu.item_id = ${coordinationItems.id}), '{}')`,
  })
    .leftJoin(owner, eq(owner.id, projectProfiles.ownerUserId))
    .leftJoin(confirmer, eq(confirmer.id, coordinationItems.confirmedByUserId))
    .where(and(eq(coordinationItems.id, id), itemInScope(ctx)));
  return row;
}

/** Locks the item for a command; out of scope reads as absent. Carries what the access rules need. */
export async function lockItem(ctx: RequestContext, id: number) {
  const [row] = await ctx.db
    .select({
      id: coordinationItems.id,
      regionId: coordinationItems.regionId,
      projectId: coordinationItems.projectId,
      projectName: projectProfiles.name,
      projectUnitId: projectProfiles.unitId,
      projectOwnerUserId: projectProfiles.ownerUserId,
      title: coordinationItems.title,
      neededBy: day(coordinationItems.neededBy),
      status: sql<CoordinationStatus>`${coordinationItems.status}`,
      level: sql<CoordinationLevel>`${coordinationItems.level}`,
      leadUnitId: coordinationItems.leadUnitId,
      deadline: dayOrNull(coordinationItems.deadline),
      resolvedAt: isoOrNull(coordinationItems.resolvedAt),
      resolutionNote: coordinationItems.resolutionNote,
      closedAt: isoOrNull(coordinationItems.closedAt),
      confirmedByUserId: coordinationItems.confirmedByUserId,
      confirmedContact: coordinationItems.confirmedContact,
      lastEventAt: iso(coordinationItems.lastEventAt),
    })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .where(and(eq(coordinationItems.id, id), itemInScope(ctx)))
    .for('update', { of: coordinationItems });
  if (!row) return undefined;
  const coop = await ctx.db
    .select({ unitId: coordinationItemUnits.unitId })
    .from(coordinationItemUnits)
    .where(eq(coordinationItemUnits.itemId, id))
    .orderBy(asc(coordinationItemUnits.unitId));
  return { ...row, cooperatingUnitIds: coop.map((c) => c.unitId) };
}
export type LockedItem = NonNullable<Awaited<ReturnType<typeof lockItem>>>;

export async function insertItem(
  ctx: RequestContext,
  v: { projectId: number; category: string; title: string; description: string; neededBy: string; raisedAt: Date },
): Promise<number> {
  const [row] = await ctx.db
    .insert(coordinationItems)
    .values({
      // the project's region, whoever raises it
      regionId: sql`(select region_id from project_profiles where id = ${v.projectId})`,
      projectId: v.projectId,
      category: v.category,
      title: v.title,
      description: v.description,
      neededBy: v.neededBy,
      raisedByUserId: ctx.user.id,
      raisedByUnitId: ctx.user.unitId,
      raisedAt: v.raisedAt,
      lastEventAt: v.raisedAt,
    })
    .returning({ id: coordinationItems.id });
  return row!.id;
}

export async function insertEvent(ctx: RequestContext, itemId: number, e: ItemEvent) {
  await ctx.db.insert(coordinationEvents).values({
    itemId,
    kind: e.kind,
    at: new Date(e.at),
    byUserId: ctx.user.id,
    byUnitId: ctx.user.unitId,
    note: e.note,
    data: e.data,
  });
}

/** The item row's cached columns for a state (the row is a cache of the replayed history). */
export function stateColumns(s: ItemState) {
  return {
    status: s.status,
    level: s.level,
    leadUnitId: s.leadUnitId,
    deadline: s.deadline,
    resolvedAt: s.resolvedAt ? new Date(s.resolvedAt) : null,
    resolutionNote: s.resolutionNote,
    closedAt: s.closedAt ? new Date(s.closedAt) : null,
    confirmedByUserId: s.confirmedByUserId,
    confirmedContact: s.confirmedContact,
    lastEventAt: new Date(s.lastEventAt),
  };
}

/** Writes the cache from the state the event produced (same transaction as the event). */
export async function saveState(ctx: RequestContext, itemId: number, s: ItemState, cooperatingChanged: boolean) {
  await ctx.db.update(coordinationItems).set(stateColumns(s)).where(eq(coordinationItems.id, itemId));
  if (cooperatingChanged) {
    await ctx.db.delete(coordinationItemUnits).where(eq(coordinationItemUnits.itemId, itemId));
    if (s.cooperatingUnitIds.length) await ctx.db.insert(coordinationItemUnits).values(s.cooperatingUnitIds.map((unitId) => ({ itemId, unitId })));
  }
}

export async function listEvents(db: Db, itemId: number): Promise<CoordinationEvent[]> {
  const byUnit = alias(orgUnits, 'by_unit');
  const rows = await db
    .select({
      id: coordinationEvents.id,
      kind: sql<CoordinationEventKind>`${coordinationEvents.kind}`,
      at: iso(coordinationEvents.at),
      byName: users.displayName,
      byUnitName: byUnit.name,
      note: coordinationEvents.note,
      data: coordinationEvents.data,
    })
    .from(coordinationEvents)
    .leftJoin(users, eq(users.id, coordinationEvents.byUserId))
    .leftJoin(byUnit, eq(byUnit.id, coordinationEvents.byUnitId))
    .where(eq(coordinationEvents.itemId, itemId))
    .orderBy(asc(coordinationEvents.id));
  return rows.map((r) => ({ ...r, data: (r.data ?? {}) as Record<string, unknown> }));
}

/** The raw history of items (oldest first per item), for replays: the cache check and past-date views. */
export async function eventsOf(db: Db, itemIds: readonly number[], until?: string): Promise<Map<number, ItemEvent[]>> {
  const out = new Map<number, ItemEvent[]>();
  if (!itemIds.length) return out;
  const rows = await db
    .select({
      itemId: coordinationEvents.itemId,
      kind: sql<CoordinationEventKind>`${coordinationEvents.kind}`,
      at: iso(coordinationEvents.at),
      byUserId: coordinationEvents.byUserId,
      note: coordinationEvents.note,
      data: coordinationEvents.data,
    })
    .from(coordinationEvents)
    .where(and(inArray(coordinationEvents.itemId, [...itemIds]), until ? sql`${coordinationEvents.at} <= ${until}::timestamptz` : undefined))
    .orderBy(asc(coordinationEvents.itemId), asc(coordinationEvents.id));
  for (const r of rows) {
    const list = out.get(r.itemId) ?? [];
    list.push({ kind: r.kind, at: r.at, byUserId: r.byUserId, note: r.note, data: (r.data ?? {}) as Record<string, unknown> });
    out.set(r.itemId, list);
  }
  return out;
}

/**
 * On the lead group's agenda: an item at lead-group level, open or assigned, with no meeting outcome
 * since it was escalated there (or since it was last reopened).
 */
const awaitingLeadGroup = sql`not exists (
  select 1 from coordination_events m where m.item_id = ${coordinationItems.id} and m.kind = 'meeting'
    and m.id > coalesce((select max(e.id) from coordination_events e where e.item_id = ${coordinationItems.id}
      and (e.kind = 'reopen' or (e.kind = 'escalate' and e.data->>'to' = 'lead_group'))), 0))`;

export async function meetingItems(ctx: RequestContext, which: 'agenda' | 'decided') {
  const base = and(itemInScope(ctx), eq(coordinationItems.level, 'lead_group'), inArray(coordinationItems.status, ['open', 'assigned']));
  const rows = await selectItems(ctx.db, {
    escalationNote: sql<string | null>`(select e.note from coordination_events e where e.item_id = ${coordinationItems.id}
      and e.kind = 'escalate' and e.data->>'to' = 'lead_group' order by e.id desc limit 1)`,
  })
    .where(and(base, which === 'agenda' ? awaitingLeadGroup : sql`not ${awaitingLeadGroup}`))
    .orderBy(asc(coordinationItems.raisedAt), asc(coordinationItems.id))
    .limit(200);
  return rows;
}

/** The lead group of the caller's region (the agenda's title names it). */
export async function leadGroupName(ctx: RequestContext): Promise<string | null> {
  const [r] = await ctx.db
    .select({ name: orgUnits.name })
    .from(orgUnits)
    .where(and(eq(orgUnits.kind, 'lead_group'), sql`${orgUnits.path} like ${`${ctx.scope.regionPath}%`}`, eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.id))
    .limit(1);
  return r?.name ?? null;
}

/** Active users holding the unit_head role in these units: who hears of an assignment or an overdue item. */
export async function unitHeadIds(db: Db, unitIds: readonly number[]): Promise<number[]> {
  if (!unitIds.length) return [];
  const rows = await db
    .selectDistinct({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(users.unitId, [...unitIds]), eq(userRoles.role, 'unit_head'), eq(users.active, true)));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

export async function unitNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ── reads for other modules and jobs: a region's items without a signed-in caller ──

/** Items of a region (or of the caller's scope) raised by `until`, with what a summary names. */
export async function itemsForSummary(db: Db, where: SQL, until: string) {
  return db
    .select({
      id: coordinationItems.id,
      projectId: coordinationItems.projectId,
      projectName: projectProfiles.name,
      projectUnitName: projectUnit.name,
      enterpriseName: projectProfiles.enterpriseName,
      category: sql<CoordinationCategory>`${coordinationItems.category}`,
      title: coordinationItems.title,
      neededBy: day(coordinationItems.neededBy),
      raisedAt: iso(coordinationItems.raisedAt),
    })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .innerJoin(projectUnit, eq(projectUnit.id, projectProfiles.unitId))
    .where(and(where, sql`${coordinationItems.raisedAt} <= ${until}::timestamptz`))
    .orderBy(asc(coordinationItems.id));
}

export const regionCondition = (regionId: number) => eq(coordinationItems.regionId, regionId);

/** Regions that have items waiting (the overdue job's loop). */
export async function regionsWithActiveItems(db: Db): Promise<number[]> {
  const rows = await db
    .selectDistinct({ regionId: coordinationItems.regionId })
    .from(coordinationItems)
    .where(inArray(coordinationItems.status, ['open', 'assigned']));
  return rows.map((r) => r.regionId);
}

/** Open or assigned items of a region whose deadline or needed-by date lies before `today`. */
export async function overdueForRegion(db: Db, regionId: number, today: string) {
  return db
    .select({
      id: coordinationItems.id,
      title: coordinationItems.title,
      projectName: projectProfiles.name,
      projectUnitId: projectProfiles.unitId,
      projectOwnerUserId: projectProfiles.ownerUserId,
      leadUnitId: coordinationItems.leadUnitId,
      deadline: dayOrNull(coordinationItems.deadline),
      neededBy: day(coordinationItems.neededBy),
      due: day(dueSql),
    })
    .from(coordinationItems)
    .innerJoin(projectProfiles, eq(projectProfiles.id, coordinationItems.projectId))
    .where(and(eq(coordinationItems.regionId, regionId), inArray(coordinationItems.status, ['open', 'assigned']), sql`${dueSql} < ${today}::date`))
    .orderBy(asc(coordinationItems.id));
}

