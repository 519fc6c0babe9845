import { and, asc, desc, eq, gte, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  activities,
  arbitrations,
  capitalRecords,
  enterprises,
  keyBlocks,
  orgUnits,
  projectStageEvents,
  projectUnits,
  projects,
  slaRules,
  trips,
  users,
} from '@wutong/db';
import type { Activity, Arbitration, CapitalRecord, ListProjectsQuery, ProjectListItem, SlaRule, Stage, Trip } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { unitInScope } from '../../platform/access.js';
import { DEFAULT_SLA, type LightSql } from './lights.js';
import { normaliseName } from '../enterprises/names.js';

const iso = (col: SQL | unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const isoOrNull = (col: SQL | unknown) => sql<string | null>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const day = (col: SQL | unknown) => sql<string | null>`to_char(${col}, 'YYYY-MM-DD')`;

/**
 * A project is in scope when its owner unit is, when a co-promoting unit is, or when the caller
 * owns it or reported it (a promoter follows where their leads stand).
 */
export function projectInScope(ctx: RequestContext): SQL {
  const me = ctx.scope.userId;
  // the whole region is in scope: one indexed equality instead of a list of units
  if (ctx.scope.regionWide) return eq(projects.regionId, ctx.scope.regionId);
  const byUnit = ctx.scope.unitIds.length
    ? [
        unitInScope(ctx, projects.unitId),
        sql`exists (select 1 from project_units pu where pu.project_id = "projects"."id" and pu.unit_id in ${sql.raw(`(${ctx.scope.unitIds.join(',')})`)})`,
      ]
    : [];
  return or(...byUnit, eq(projects.ownerUserId, me), eq(projects.reportedByUserId, me))!;
}

// Rules change rarely and every list reads them: kept a few seconds per region.
const slaCache = new Map<number, { rules: SlaRule[]; until: number }>();

export async function slaRulesFor(ctx: RequestContext): Promise<SlaRule[]> {
  const hit = slaCache.get(ctx.scope.regionId);
  if (hit && hit.until > Date.now()) return hit.rules;
  const rows = await ctx.db.select().from(slaRules).where(eq(slaRules.regionId, ctx.scope.regionId));
  const rules = DEFAULT_SLA.map((d) => {
    const r = rows.find((x) => x.rule === d.rule);
    return r ? { rule: d.rule, yellowDays: r.yellowDays, redDays: r.redDays } : d;
  });
  slaCache.set(ctx.scope.regionId, { rules, until: Date.now() + 5000 });
  return rules;
}

export async function saveSlaRules(ctx: RequestContext, items: SlaRule[]) {
  slaCache.delete(ctx.scope.regionId);
  for (const r of items) {
    await ctx.db
      .insert(slaRules)
      .values({ regionId: ctx.scope.regionId, rule: r.rule, yellowDays: r.yellowDays, redDays: r.redDays })
      .onConflictDoUpdate({ target: [slaRules.regionId, slaRules.rule], set: { yellowDays: r.yellowDays, redDays: r.redDays, updatedAt: sql`now()` } });
  }
}

const owner = alias(users, 'owner');
const unit = alias(orgUnits, 'unit');

export type Lights = LightSql;

function listColumns(l: Lights) {
  return {
    id: projects.id,
    name: projects.name,
    stage: sql<Stage>`${projects.stage}`,
    stageAt: iso(projects.stageAt),
    intake: sql<ProjectListItem['intake']>`${projects.intake}`,
    enterpriseId: projects.enterpriseId,
    enterpriseName: enterprises.name,
    unitId: projects.unitId,
    unitName: unit.name,
    ownerUserId: projects.ownerUserId,
    ownerName: owner.displayName,
    industryCode: projects.industryCode,
    investmentMinor: projects.investmentMinor,
    investmentCurrency: projects.investmentCurrency,
    origin: enterprises.origin,
    keyBlockId: projects.keyBlockId,
    reportedAt: iso(projects.reportedAt),
    nextStep: projects.nextStep,
    nextDue: day(projects.nextDue),
    lastActivityAt: isoOrNull(projects.lastActivityAt),
    lightCodes: l.codes,
  };
}

/** Rows come back with reason codes; the light and its words are read from them. */
function withLight<T extends { lightCodes: string[] }>(l: Lights, row: T): Omit<T, 'lightCodes'> & { light: ProjectListItem['light']; lightReasons: string[] } {
  const { lightCodes, ...rest } = row;
  return { ...rest, ...l.describe(lightCodes) };
}

const SORTS = {
  reportedAt: sql`"projects"."reported_at"`,
  stageAt: sql`"projects"."stage_at"`,
  investment: sql`coalesce("projects"."investment_minor", -1)`,
  name: sql`"projects"."name"`,
  nextDue: sql`coalesce("projects"."next_due", '9999-12-31'::date)`,
} as const;

export function encodeCursor(v: unknown, id: number) {
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

function decodeCursor(c: string): [string | number, number] | null {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'number' && ['string', 'number'].includes(typeof v[0])) return v as [string | number, number];
  } catch {
    /* a bad cursor starts from the top */
  }
  return null;
}

function filters(ctx: RequestContext, q: ListProjectsQuery, l: Lights): SQL | undefined {
  const term = q.q?.trim();
  const like = term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    projectInScope(ctx),
    q.stage?.length ? inArray(projects.stage, q.stage) : undefined,
    q.intake?.length ? inArray(projects.intake, q.intake) : inArray(projects.intake, ['pending', 'accepted']),
    q.unitId ? eq(projects.unitId, q.unitId) : undefined,
    q.ownerUserId ? eq(projects.ownerUserId, q.ownerUserId) : undefined,
    q.industry
      ? /^[A-T]$/.test(q.industry)
        ? sql`"projects"."industry_code" in (select i.code from industries i where i.section = ${q.industry})`
        : sql`"projects"."industry_code" like ${`${q.industry.replace(/^[A-T]/, '')}%`}`
      : undefined,
    q.enterpriseId ? eq(projects.enterpriseId, q.enterpriseId) : undefined,
    q.keyBlockId ? eq(projects.keyBlockId, q.keyBlockId) : undefined,
    q.light?.length ? sql`${l.light} in ${sql.raw(`(${q.light.map((x) => `'${x}'`).join(',')})`)}` : undefined,
    q.origin ? eq(enterprises.origin, q.origin) : undefined,
    // the bounds are 万元: a range compares CNY projects only
    q.minInvestment !== undefined || q.maxInvestment !== undefined ? eq(projects.investmentCurrency, 'CNY') : undefined,
    q.minInvestment !== undefined ? gte(projects.investmentMinor, Math.round(q.minInvestment * 1_000_000)) : undefined,
    q.maxInvestment !== undefined ? lte(projects.investmentMinor, Math.round(q.maxInvestment * 1_000_000)) : undefined,
    q.from ? gte(projects.reportedAt, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
    q.to ? lt(projects.reportedAt, new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000)) : undefined,
    q.mine === 'owner' ? eq(projects.ownerUserId, ctx.user.id) : undefined,
    q.mine === 'reporter' ? eq(projects.reportedByUserId, ctx.user.id) : undefined,
    like
      ? or(
          sql`"projects"."name" ilike ${like}`,
          sql`${enterprises.name} ilike ${like}`,
          /^[a-z]+$/i.test(term!) ? sql`"projects"."name_initials" like ${`${term!.toLowerCase()}%`}` : undefined,
        )
      : undefined,
  );
}

export async function listProjects(ctx: RequestContext, q: ListProjectsQuery, l: Lights, withTotal = true) {
  const sortKey = q.sort ?? 'reportedAt';
  const dir = q.dir ?? 'desc';
  const expr = SORTS[sortKey];
  const limit = q.limit ?? 20;
  const where = filters(ctx, q, l);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const after = cursor
    ? dir === 'desc'
      ? sql`(${expr}, "projects"."id") < (${cursor[0]}, ${cursor[1]})`
      : sql`(${expr}, "projects"."id") > (${cursor[0]}, ${cursor[1]})`
    : undefined;
  // The first page carries its count as an uncorrelated subquery (evaluated once, one round trip);
  // a window count would instead walk every matching row through the joins, where the page
  // itself stops after `limit` rows of an ordered index scan.
  const needsEnterprise = !!q.origin || !!q.q;
  const countSql = needsEnterprise
    ? sql<number>`(select count(*)::int from projects join enterprises on enterprises.id = projects.enterprise_id where ${where})`
    : sql<number>`(select count(*)::int from projects where ${where})`;
  const countHere = withTotal && !cursor;
  const rows = await ctx.db
    .select({ ...listColumns(l), sortValue: sql<string | number>`${expr}`, total: countHere ? countSql : sql<number>`0` })
    .from(projects)
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .innerJoin(unit, eq(unit.id, projects.unitId))
    .leftJoin(owner, eq(owner.id, projects.ownerUserId))
    .where(and(where, after))
    .orderBy(dir === 'desc' ? desc(expr) : asc(expr), dir === 'desc' ? desc(projects.id) : asc(projects.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  let total = countHere ? (rows[0]?.total ?? 0) : -1;
  if (withTotal && !countHere) {
    const base = ctx.db.select({ n: sql<number>`count(*)::int` }).from(projects);
    const [t] = needsEnterprise ? await base.innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId)).where(where) : await base.where(where);
    total = t?.n ?? 0;
  }
  return {
    items: page.map(({ sortValue: _s, total: _t, ...r }) => withLight(l, r)),
    total,
    nextCursor: more && last ? encodeCursor(normaliseSortValue(last.sortValue), last.id) : null,
  };
}

function normaliseSortValue(v: unknown): string | number {
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}

export async function findProject(ctx: RequestContext, id: number, l: Lights) {
  const reporter = alias(users, 'reporter');
  const reporterUnit = alias(orgUnits, 'reporter_unit');
  const rows = await ctx.db
    .select({
      ...listColumns(l),
      projectType: projects.projectType,
      source: projects.source,
      intakeNote: projects.intakeNote,
      mergedIntoId: projects.mergedIntoId,
      fixedAssetMinor: projects.fixedAssetMinor,
      fixedAssetCurrency: projects.fixedAssetCurrency,
      carrier: projects.carrier,
      expectedJobs: projects.expectedJobs,
      expectedOutputMinor: projects.expectedOutputMinor,
      expectedTaxMinor: projects.expectedTaxMinor,
      annualGenerationKwh: projects.annualGenerationKwh,
      co2AvoidedT: sql<number | null>`${projects.co2AvoidedT}::float8`,
      talents: projects.talents,
      contactName: projects.contactName,
      contactPhone: projects.contactPhone,
      contactTitle: projects.contactTitle,
      note: projects.note,
      reportedByUserId: projects.reportedByUserId,
      reportedByName: reporter.displayName,
      reportedByUnitId: projects.reportedByUnitId,
      reportedByUnitName: reporterUnit.name,
      signedAt: day(projects.signedAt),
      droppedReason: projects.droppedReason,
      regionId: projects.regionId,
      enterpriseUscc: enterprises.uscc,
      enterpriseIndustry: enterprises.industryCode,
      coPromoters: sql<{ unitId: number; unitName: string; shareBp: number }[]>`coalesce((
        select json_agg(json_build_object('unitId', pu.unit_id, 'unitName', ou.name, 'shareBp', pu.share_bp) order by pu.share_bp desc, pu.unit_id)
        from project_units pu join org_units ou on ou.id = pu.unit_id where pu.project_id = "projects"."id"), '[]'::json)`,
      capitalTotals: sql<{ category: CapitalRecord['category']; currency: string; amountMinor: number }[]>`coalesce((
        select json_agg(json_build_object('category', c.category, 'currency', c.currency, 'amountMinor', c.total) order by c.category)
        from (select category, currency, sum(amount_minor)::float8 total from capital_records where project_id = "projects"."id" group by 1, 2) c), '[]'::json)`,
    })
    .from(projects)
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .innerJoin(unit, eq(unit.id, projects.unitId))
    .leftJoin(owner, eq(owner.id, projects.ownerUserId))
    .leftJoin(reporter, eq(reporter.id, projects.reportedByUserId))
    .leftJoin(reporterUnit, eq(reporterUnit.id, projects.reportedByUnitId))
    .where(and(eq(projects.id, id), projectInScope(ctx)));
  return rows[0] ? withLight(l, rows[0]) : undefined;
}

/** Locks the project row for the command; out of scope reads as absent. */
export async function lockProject(ctx: RequestContext, id: number) {
  const rows = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), projectInScope(ctx)))
    .for('update', { of: projects });
  return rows[0];
}

export async function coPromoters(ctx: RequestContext, projectId: number) {
  return ctx.db
    .select({ unitId: projectUnits.unitId, unitName: orgUnits.name, shareBp: projectUnits.shareBp })
    .from(projectUnits)
    .innerJoin(orgUnits, eq(orgUnits.id, projectUnits.unitId))
    .where(eq(projectUnits.projectId, projectId))
    .orderBy(desc(projectUnits.shareBp), asc(orgUnits.id));
}

export async function setCoPromoters(ctx: RequestContext, projectId: number, units: { unitId: number; shareBp: number }[]) {
  await ctx.db.delete(projectUnits).where(eq(projectUnits.projectId, projectId));
  await ctx.db.insert(projectUnits).values(units.map((u) => ({ projectId, ...u })));
}

export async function addCoPromoterIfAbsent(ctx: RequestContext, projectId: number, unitId: number) {
  const existing = await ctx.db.select().from(projectUnits).where(eq(projectUnits.projectId, projectId));
  if (existing.some((u) => u.unitId === unitId)) return false;
  // a joining unit gets a share by the centre's decision later; it starts at the minimum
  const lead = existing.sort((a, b) => b.shareBp - a.shareBp)[0];
  if (!lead) {
    await ctx.db.insert(projectUnits).values({ projectId, unitId, shareBp: 10000 });
    return true;
  }
  await ctx.db.update(projectUnits).set({ shareBp: lead.shareBp - 1 }).where(and(eq(projectUnits.projectId, projectId), eq(projectUnits.unitId, lead.unitId)));
  await ctx.db.insert(projectUnits).values({ projectId, unitId, shareBp: 1 });
  return true;
}

export type NewProject = typeof projects.$inferInsert;

export async function insertProject(ctx: RequestContext, v: NewProject) {
  const [row] = await ctx.db.insert(projects).values(v).returning({ id: projects.id });
  return row!.id;
}

export async function updateProject(ctx: RequestContext, id: number, v: Partial<NewProject>) {
  await ctx.db
    .update(projects)
    .set({ ...v, updatedAt: sql`now()` })
    .where(and(eq(projects.id, id), projectInScope(ctx)));
}

export async function insertStageEvent(ctx: RequestContext, e: { projectId: number; fromStage: Stage | null; toStage: Stage; evidence: Record<string, unknown>; reason?: string }) {
  await ctx.db.insert(projectStageEvents).values({ ...e, byUserId: ctx.user.id, reason: e.reason ?? null });
}

/** The stage a dropped project was dropped from: where a reopen returns it. */
export async function stageBeforeDrop(ctx: RequestContext, projectId: number): Promise<Stage | undefined> {
  const [e] = await ctx.db
    .select({ from: projectStageEvents.fromStage })
    .from(projectStageEvents)
    .where(and(eq(projectStageEvents.projectId, projectId), eq(projectStageEvents.toStage, 'dropped')))
    .orderBy(desc(projectStageEvents.id))
    .limit(1);
  return (e?.from ?? undefined) as Stage | undefined;
}

export async function openProjectsOfEnterprise(ctx: RequestContext, enterpriseId: number) {
  // deliberately unscoped inside the command: a duplicate must be found wherever it is followed
  return ctx.db
    .select({ id: projects.id, unitId: projects.unitId, unitName: orgUnits.name })
    .from(projects)
    .innerJoin(orgUnits, eq(orgUnits.id, projects.unitId))
    .where(and(eq(projects.enterpriseId, enterpriseId), eq(projects.regionId, ctx.scope.regionId), inArray(projects.intake, ['pending', 'accepted']), sql`"projects"."stage" <> 'dropped'`))
    .orderBy(asc(projects.id));
}

export async function insertActivity(ctx: RequestContext, v: typeof activities.$inferInsert) {
  const [row] = await ctx.db.insert(activities).values({ ...v, createdBy: ctx.user.id }).returning({ id: activities.id });
  return row!.id;
}

const activityColumns = {
  id: activities.id,
  projectId: activities.projectId,
  tripId: activities.tripId,
  kind: sql<Activity['kind']>`${activities.kind}`,
  occurredOn: sql<string>`to_char(${activities.occurredOn}, 'YYYY-MM-DD')`,
  place: activities.place,
  attendees: activities.attendees,
  notes: activities.notes,
  nextStep: activities.nextStep,
  nextDue: day(activities.nextDue),
  createdByName: users.displayName,
};

export async function listActivities(ctx: RequestContext, projectId: number): Promise<Activity[]> {
  return ctx.db
    .select(activityColumns)
    .from(activities)
    .leftJoin(users, eq(users.id, activities.createdBy))
    .where(eq(activities.projectId, projectId))
    .orderBy(desc(activities.occurredOn), desc(activities.id));
}

/** Keeps the project's follow-up cache in step with its newest activity. */
export async function refreshFollowUp(ctx: RequestContext, projectId: number) {
  await ctx.db.execute(sql`
    update projects p set
      first_contact_at = coalesce(p.first_contact_at, a.first_at),
      last_activity_at = a.last_at,
      next_step = n.next_step,
      next_due = n.next_due,
      updated_at = now()
    from (select min(created_at) first_at, max(occurred_on::timestamp at time zone 'Asia/Shanghai') last_at from activities where project_id = ${projectId}) a,
         lateral (select next_step, next_due from activities where project_id = ${projectId} order by occurred_on desc, id desc limit 1) n
    where p.id = ${projectId}`);
}

export async function insertCapital(ctx: RequestContext, v: typeof capitalRecords.$inferInsert) {
  const [row] = await ctx.db.insert(capitalRecords).values({ ...v, createdBy: ctx.user.id }).returning({ id: capitalRecords.id });
  return row!.id;
}

export async function findCapital(ctx: RequestContext, projectId: number, id: number) {
  const [r] = await ctx.db
    .select()
    .from(capitalRecords)
    .where(and(eq(capitalRecords.id, id), eq(capitalRecords.projectId, projectId)));
  return r;
}

export async function isReversed(ctx: RequestContext, id: number) {
  const [r] = await ctx.db.select({ id: capitalRecords.id }).from(capitalRecords).where(eq(capitalRecords.reversesId, id)).limit(1);
  return !!r;
}

export async function listCapital(ctx: RequestContext, projectId: number): Promise<CapitalRecord[]> {
  return ctx.db
    .select({
      id: capitalRecords.id,
      projectId: capitalRecords.projectId,
      category: sql<CapitalRecord['category']>`${capitalRecords.category}`,
      amountMinor: capitalRecords.amountMinor,
      currency: capitalRecords.currency,
      recordedOn: sql<string>`to_char(${capitalRecords.recordedOn}, 'YYYY-MM-DD')`,
      note: capitalRecords.note,
      reversesId: capitalRecords.reversesId,
      reversed: sql<boolean>`exists (select 1 from capital_records r where r.reverses_id = "capital_records"."id")`,
      createdByName: users.displayName,
    })
    .from(capitalRecords)
    .leftJoin(users, eq(users.id, capitalRecords.createdBy))
    .where(eq(capitalRecords.projectId, projectId))
    .orderBy(desc(capitalRecords.recordedOn), desc(capitalRecords.id));
}

export async function stageEvents(ctx: RequestContext, projectId: number) {
  return ctx.db
    .select({
      id: projectStageEvents.id,
      fromStage: projectStageEvents.fromStage,
      toStage: projectStageEvents.toStage,
      at: iso(projectStageEvents.at),
      evidence: projectStageEvents.evidence,
      reason: projectStageEvents.reason,
      by: users.displayName,
    })
    .from(projectStageEvents)
    .leftJoin(users, eq(users.id, projectStageEvents.byUserId))
    .where(eq(projectStageEvents.projectId, projectId))
    .orderBy(asc(projectStageEvents.id));
}

export async function countPendingInbox(ctx: RequestContext) {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(projects)
    .where(and(unitInScope(ctx, projects.unitId), eq(projects.intake, 'pending')));
  return r?.n ?? 0;
}

// ── trips ──

const tripColumns = {
  id: trips.id,
  unitId: trips.unitId,
  unitName: orgUnits.name,
  destination: trips.destination,
  startOn: sql<string>`to_char(${trips.startOn}, 'YYYY-MM-DD')`,
  endOn: sql<string>`to_char(${trips.endOn}, 'YYYY-MM-DD')`,
  leader: trips.leader,
  delegation: trips.delegation,
  purpose: trips.purpose,
  visitCount: sql<number>`(select count(*)::int from activities a where a.trip_id = "trips"."id")`,
};

export async function listTrips(ctx: RequestContext): Promise<Trip[]> {
  return ctx.db
    .select(tripColumns)
    .from(trips)
    .innerJoin(orgUnits, eq(orgUnits.id, trips.unitId))
    .where(or(unitInScope(ctx, trips.unitId), eq(trips.createdBy, ctx.user.id)))
    .orderBy(desc(trips.startOn), desc(trips.id))
    .limit(500);
}

export async function findTrip(ctx: RequestContext, id: number): Promise<Trip | undefined> {
  const [t] = await ctx.db
    .select(tripColumns)
    .from(trips)
    .innerJoin(orgUnits, eq(orgUnits.id, trips.unitId))
    .where(and(eq(trips.id, id), or(unitInScope(ctx, trips.unitId), eq(trips.createdBy, ctx.user.id))));
  return t;
}

export async function insertTrip(ctx: RequestContext, v: typeof trips.$inferInsert) {
  const [row] = await ctx.db.insert(trips).values({ ...v, createdBy: ctx.user.id }).returning({ id: trips.id });
  return row!.id;
}

export async function tripVisits(ctx: RequestContext, tripId: number): Promise<Activity[]> {
  return ctx.db
    .select(activityColumns)
    .from(activities)
    .leftJoin(users, eq(users.id, activities.createdBy))
    .where(eq(activities.tripId, tripId))
    .orderBy(asc(activities.occurredOn), asc(activities.id));
}

// ── arbitration ──

export async function insertArbitration(ctx: RequestContext, v: { projectId: number; reason: string }) {
  const [row] = await ctx.db
    .insert(arbitrations)
    .values({ projectId: v.projectId, reason: v.reason, regionId: ctx.scope.regionId, claimantUnitId: ctx.user.unitId, claimantUserId: ctx.user.id })
    .returning({ id: arbitrations.id });
  return row!.id;
}

/** The centre (region reach) sees every item of its region; a claimant sees their own. */
function arbitrationInScope(ctx: RequestContext, regionWide: boolean): SQL {
  return regionWide ? eq(arbitrations.regionId, ctx.scope.regionId) : or(eq(arbitrations.claimantUserId, ctx.user.id), unitInScope(ctx, arbitrations.claimantUnitId))!;
}

export async function listArbitrations(ctx: RequestContext, regionWide: boolean, id?: number): Promise<(Arbitration & { projectUnitId: number; claimantUserId: number })[]> {
  const claimantUnit = alias(orgUnits, 'claimant_unit');
  const claimant = alias(users, 'claimant');
  return ctx.db
    .select({
      id: arbitrations.id,
      projectId: arbitrations.projectId,
      projectName: projects.name,
      projectUnitId: projects.unitId,
      claimantUnitId: arbitrations.claimantUnitId,
      claimantUnitName: claimantUnit.name,
      claimantUserName: claimant.displayName,
      claimantUserId: arbitrations.claimantUserId,
      currentUnitName: unit.name,
      reason: arbitrations.reason,
      status: sql<Arbitration['status']>`${arbitrations.status}`,
      decisionNote: arbitrations.decisionNote,
      createdAt: iso(arbitrations.createdAt),
      decidedAt: isoOrNull(arbitrations.decidedAt),
    })
    .from(arbitrations)
    .innerJoin(projects, eq(projects.id, arbitrations.projectId))
    .innerJoin(unit, eq(unit.id, projects.unitId))
    .innerJoin(claimantUnit, eq(claimantUnit.id, arbitrations.claimantUnitId))
    .innerJoin(claimant, eq(claimant.id, arbitrations.claimantUserId))
    .where(and(arbitrationInScope(ctx, regionWide), id ? eq(arbitrations.id, id) : undefined))
    .orderBy(desc(arbitrations.id))
    .limit(500);
}

export async function decideArbitration(ctx: RequestContext, id: number, status: 'upheld' | 'rejected', note: string) {
  await ctx.db
    .update(arbitrations)
    .set({ status, decisionNote: note, decidedBy: ctx.user.id, decidedAt: sql`now()` })
    .where(and(eq(arbitrations.id, id), eq(arbitrations.regionId, ctx.scope.regionId), eq(arbitrations.status, 'open')));
}

export async function countOpenArbitrations(ctx: RequestContext, regionWide: boolean) {
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(arbitrations)
    .where(and(arbitrationInScope(ctx, regionWide), eq(arbitrations.status, 'open')));
  return r?.n ?? 0;
}

export async function listKeyBlocks(ctx: RequestContext) {
  return ctx.db.select({ id: keyBlocks.id, name: keyBlocks.name, nameEn: keyBlocks.nameEn }).from(keyBlocks).where(eq(keyBlocks.regionId, ctx.scope.regionId)).orderBy(asc(keyBlocks.id));
}

export async function keyBlockInRegion(ctx: RequestContext, id: number) {
  const [b] = await ctx.db.select({ id: keyBlocks.id }).from(keyBlocks).where(and(eq(keyBlocks.id, id), eq(keyBlocks.regionId, ctx.scope.regionId)));
  return !!b;
}

export async function findEnterpriseInRegion(ctx: RequestContext, id: number) {
  const [e] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), eq(enterprises.regionId, ctx.scope.regionId)));
  return e;
}

export async function findEnterpriseByUscc(ctx: RequestContext, uscc: string) {
  const [e] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, regionId: enterprises.regionId })
    .from(enterprises)
    .where(eq(enterprises.uscc, uscc));
  return e;
}

export async function findEnterpriseByName(ctx: RequestContext, name: string) {
  const [e] = await ctx.db
    .select({ id: enterprises.id, name: enterprises.name, regionId: enterprises.regionId })
    .from(enterprises)
    .where(and(eq(enterprises.regionId, ctx.scope.regionId), eq(enterprises.nameNorm, normaliseName(name))))
    .limit(1);
  return e;
}

export async function setEnterpriseUscc(ctx: RequestContext, enterpriseId: number, v: { uscc: string; regCapitalMinor: number; regCapitalCurrency: string; foundedOn: string }) {
  await ctx.db
    .update(enterprises)
    .set({ uscc: v.uscc, regCapitalMinor: v.regCapitalMinor, regCapitalCurrency: v.regCapitalCurrency, foundedOn: v.foundedOn, updatedAt: sql`now()` })
    .where(and(eq(enterprises.id, enterpriseId), eq(enterprises.regionId, ctx.scope.regionId)));
}

export async function userInUnit(ctx: RequestContext, userId: number, unitId: number) {
  const [u] = await ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.unitId, unitId), eq(users.active, true)));
  return u;
}

export async function unitName(ctx: RequestContext, unitId: number) {
  const [u] = await ctx.db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return u?.name ?? '';
}

