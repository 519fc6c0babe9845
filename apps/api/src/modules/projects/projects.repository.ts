import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { activities, capitalRecords, orgUnits, projectProfiles, projectStageEvents, projectUnits, projects, slaRules, users, preparedRows, cachedPreparedRows } from '@wutong/db';
import type { Activity, CapitalRecord, ListProjectsQuery, ProjectListItem, SlaRule, Stage } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { unitInScope } from '../../platform/access.js';
import { DEFAULT_SLA, lightReasonsText, lightText, type LightSql } from './lights.js';

const iso = (col: SQL | unknown) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
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

/**
 * The same rule over the published view `project_profiles`, for other modules' queries that
 * join it (coordination items, points entries): a project they list must be one the caller reaches.
 */
export function projectProfileInScope(ctx: RequestContext): SQL {
  const me = ctx.scope.userId;
  if (ctx.scope.regionWide) return eq(projectProfiles.regionId, ctx.scope.regionId);
  const byUnit = ctx.scope.unitIds.length
    ? [
        unitInScope(ctx, projectProfiles.unitId),
        sql`exists (select 1 from project_units pu where pu.project_id = ${projectProfiles.id} and pu.unit_id in ${sql.raw(`(${ctx.scope.unitIds.join(',')})`)})`,
      ]
    : [];
  return or(...byUnit, eq(projectProfiles.ownerUserId, me), eq(projectProfiles.reportedByUserId, me))!;
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

export type Lights = LightSql;

// ── the list and the detail: hot read paths, as prepared statements (platform/prepared.ts) ──
// Their text depends only on the query's shape; every value is a `$name` parameter.

const isoText = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
const dayText = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

/** ProjectListItem's columns (light codes aside) over `projects p`, `enterprises e`, `org_units u`, `users o` */
const LIST_COLUMNS = `p.id as "id", p.name as "name", p.stage as "stage", ${isoText('p.stage_at')} as "stageAt", p.intake as "intake",
  p.enterprise_id as "enterpriseId", e.name as "enterpriseName", p.unit_id as "unitId", u.name as "unitName",
  p.owner_user_id as "ownerUserId", o.display_name as "ownerName", p.industry_code as "industryCode",
  p.investment_minor::float8 as "investmentMinor", p.investment_currency as "investmentCurrency", e.origin as "origin",
  p.key_block_id as "keyBlockId", ${isoText('p.reported_at')} as "reportedAt", p.next_step as "nextStep",
  ${dayText('p.next_due')} as "nextDue", ${isoText('p.last_activity_at')} as "lastActivityAt",
  ${lightReasonsText('p')} as "lightCodes", p.duplicate_review as "duplicateReview"`;

const LIST_FROM = `projects p join enterprise_profiles e on e.id = p.enterprise_id join org_units u on u.id = p.unit_id left join users o on o.id = p.owner_user_id`;

type ListRow = Omit<ProjectListItem, 'light' | 'lightReasons'> & { lightCodes: string[] };

/** Rows come back with reason codes; the light and its words are read from them (one new object a row). */
function withLight<T extends { lightCodes: string[] }>(l: Lights, row: T): Omit<T, 'lightCodes'> & { light: ProjectListItem['light']; lightReasons: string[] } {
  const { lightCodes, ...rest } = row;
  return Object.assign(rest, l.describe(lightCodes));
}

/** projectInScope over `projects p`, as text with parameters */
function scopeText(ctx: RequestContext, v: Record<string, unknown>): string {
  // the whole region is in scope: one indexed equality instead of a list of units
  if (ctx.scope.regionWide) {
    v.scopeRegion = ctx.scope.regionId;
    return 'p.region_id = $scopeRegion';
  }
  v.scopeUser = ctx.scope.userId;
  const own = 'p.owner_user_id = $scopeUser or p.reported_by_user_id = $scopeUser';
  if (!ctx.scope.unitIds.length) return `(${own})`;
  v.scopeUnits = [...ctx.scope.unitIds];
  return `(p.unit_id = any($scopeUnits::int[]) or exists (select 1 from project_units pu where pu.project_id = p.id and pu.unit_id = any($scopeUnits::int[])) or ${own})`;
}

/** one value: an equality (an index can keep its order after it); several: = any(array) */
function oneOrAny(col: string, name: string, values: readonly string[], v: Record<string, unknown>): string {
  if (values.length === 1) {
    v[name] = values[0];
    return `${col} = $${name}`;
  }
  v[name] = [...values];
  return `${col} = any($${name}::text[])`;
}

/** sort expressions, the type a cursor's value is read back as, and the value as the cursor keeps it */
const SORTS = {
  reportedAt: { expr: 'p.reported_at', type: 'timestamptz', value: 'p.reported_at::text' },
  stageAt: { expr: 'p.stage_at', type: 'timestamptz', value: 'p.stage_at::text' },
  investment: { expr: 'coalesce(p.investment_minor, -1)', type: 'bigint', value: 'coalesce(p.investment_minor, -1)::text' },
  name: { expr: 'p.name', type: 'text', value: 'p.name' },
  nextDue: { expr: "coalesce(p.next_due, '9999-12-31'::date)", type: 'date', value: "coalesce(p.next_due, '9999-12-31'::date)::text" },
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

/** The list's conditions over `projects p` (and `enterprises e` when `needsEnterprise`). */
function filterText(ctx: RequestContext, q: ListProjectsQuery, v: Record<string, unknown>): { where: string; needsEnterprise: boolean } {
  const $ = (name: string, value: unknown) => {
    v[name] = value;
    return `$${name}`;
  };
  const c: string[] = [scopeText(ctx, v)];
  if (q.stage?.length) c.push(oneOrAny('p.stage', 'stage', q.stage, v));
  c.push(oneOrAny('p.intake', 'intake', q.intake?.length ? q.intake : ['pending', 'accepted'], v));
  if (q.unitId) c.push(`p.unit_id = ${$('unitId', q.unitId)}`);
  if (q.ownerUserId) c.push(`p.owner_user_id = ${$('ownerUserId', q.ownerUserId)}`);
  if (q.industry) {
    c.push(
      /^[A-T]$/.test(q.industry)
        ? `p.industry_code in (select i.code from industries i where i.section = ${$('industrySection', q.industry)})`
        : `p.industry_code like ${$('industryPrefix', `${q.industry.replace(/^[A-T]/, '')}%`)}`,
    );
  }
  if (q.enterpriseId) c.push(`p.enterprise_id = ${$('enterpriseId', q.enterpriseId)}`);
  if (q.keyBlockId) c.push(`p.key_block_id = ${$('keyBlockId', q.keyBlockId)}`);
  if (q.light?.length) c.push(`${lightText('p')} = any(${$('lights', [...q.light])}::text[])`);
  if (q.origin) c.push(`e.origin = ${$('origin', q.origin)}`);
  // the bounds are 万元: a range compares CNY projects only
  if (q.minInvestment !== undefined || q.maxInvestment !== undefined) c.push(`p.investment_currency = 'CNY'`);
  if (q.minInvestment !== undefined) c.push(`p.investment_minor >= ${$('minInvestment', Math.round(q.minInvestment * 1_000_000))}::bigint`);
  if (q.maxInvestment !== undefined) c.push(`p.investment_minor <= ${$('maxInvestment', Math.round(q.maxInvestment * 1_000_000))}::bigint`);
  if (q.from) c.push(`p.reported_at >= ${$('from', new Date(`${q.from}T00:00:00+08:00`).toISOString())}::timestamptz`);
  if (q.to) c.push(`p.reported_at < ${$('to', new Date(new Date(`${q.to}T00:00:00+08:00`).getTime() + 86400_000).toISOString())}::timestamptz`);
  if (q.mine === 'owner') c.push(`p.owner_user_id = ${$('mineUser', ctx.user.id)}`);
  if (q.mine === 'reporter') c.push(`p.reported_by_user_id = ${$('mineUser', ctx.user.id)}`);
  const term = q.q?.trim();
  if (term) {
    const like = $('like', `%${term.replace(/[\\%_]/g, (x) => `\\${x}`)}%`);
    const initials = /^[a-z]+$/i.test(term) ? ` or p.name_initials like ${$('initials', `${term.toLowerCase()}%`)}` : '';
    c.push(`(p.name ilike ${like} or e.name ilike ${like}${initials})`);
  }
  return { where: c.join(' and '), needsEnterprise: !!q.origin || !!term };
}

export async function listProjects(ctx: RequestContext, q: ListProjectsQuery, l: Lights, withTotal = true) {
  // sort, direction and page size go into the text: only known words and a whole number
  const sort = SORTS[q.sort ?? 'reportedAt'];
  const dir = q.dir === 'asc' ? 'asc' : 'desc';
  const limit = Math.max(1, Math.min(1000, Math.trunc(q.limit ?? 20)));
  const v: Record<string, unknown> = { ...l.values };
  const { where, needsEnterprise } = filterText(ctx, q, v);
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  let after = '';
  if (cursor) {
    v.afterValue = cursor[0];
    v.afterId = cursor[1];
    after = ` and (${sort.expr}, p.id) ${dir === 'desc' ? '<' : '>'} ($afterValue::${sort.type}, $afterId::int)`;
  }
  // The count rides along as an uncorrelated subquery (evaluated once, one round trip); a window
  // count would instead walk every matching row through the joins, where the page itself stops
  // after `limit` rows of an ordered index scan. The page size is part of the text, not a
  // parameter: PostgreSQL then finds a generic plan as good as a custom one and keeps it.
  const countFrom = needsEnterprise ? 'projects p join enterprise_profiles e on e.id = p.enterprise_id' : 'projects p';
  const total = withTotal ? `, (select count(*)::int from ${countFrom} where ${where}) as "total"` : '';
  const text = `select ${LIST_COLUMNS}, ${sort.value} as "sortValue"${total} from ${LIST_FROM} where ${where}${after}
    order by ${sort.expr} ${dir}, p.id ${dir} limit ${limit + 1}`;
  // a page is kept in memory until a table it reads changes (read-cache.ts); rows are copied below
  const rows = await cachedPreparedRows<ListRow & { sortValue: string | number; total?: number }>(ctx.db, text, v);
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  let count = withTotal ? (rows[0]?.total ?? 0) : -1;
  if (withTotal && !rows.length && cursor) {
    // past the last page: the count still counts
    const { cursor: _c, ...first } = q;
    count = (await listProjects(ctx, { ...first, limit: 1 }, l)).total;
  }
  return {
    items: page.map(({ sortValue: _s, total: _t, lightCodes, ...r }) => Object.assign(r, l.describe(lightCodes))),
    total: count,
    nextCursor: more && last ? encodeCursor(last.sortValue, last.id) : null,
  };
}

type DetailRow = ListRow & {
  duplicateOfEnterpriseId: number | null;
  duplicateReason: string | null;
  projectType: string;
  source: string;
  intakeNote: string | null;
  mergedIntoId: number | null;
  fixedAssetMinor: number | null;
  fixedAssetCurrency: string;
  carrier: string | null;
  expectedJobs: number | null;
  expectedOutputMinor: number | null;
  expectedTaxMinor: number | null;
  annualGenerationKwh: number | null;
  co2AvoidedT: number | null;
  talents: number | null;
  contactName: string | null;
  contactPhone: string | null;
  contactTitle: string | null;
  note: string | null;
  reportedByUserId: number | null;
  reportedByName: string | null;
  reportedByUnitId: number | null;
  reportedByUnitName: string | null;
  signedAt: string | null;
  droppedReason: string | null;
  regionId: number;
  enterpriseUscc: string | null;
  enterpriseIndustry: string | null;
  coPromoters: { unitId: number; unitName: string; shareBp: number }[];
  capitalTotals: { category: CapitalRecord['category']; currency: string; amountMinor: number }[];
};

const DETAIL_COLUMNS = `${LIST_COLUMNS}, p.project_type as "projectType", p.source as "source", p.intake_note as "intakeNote",
  p.merged_into_id as "mergedIntoId", p.fixed_asset_minor::float8 as "fixedAssetMinor", p.fixed_asset_currency as "fixedAssetCurrency",
  p.carrier as "carrier", p.expected_jobs as "expectedJobs", p.expected_output_minor::float8 as "expectedOutputMinor",
  p.expected_tax_minor::float8 as "expectedTaxMinor", p.annual_generation_kwh::float8 as "annualGenerationKwh",
  p.co2_avoided_t::float8 as "co2AvoidedT", p.talents as "talents", p.contact_name as "contactName", p.contact_phone as "contactPhone",
  p.contact_title as "contactTitle", p.note as "note", p.reported_by_user_id as "reportedByUserId", r.display_name as "reportedByName",
  p.reported_by_unit_id as "reportedByUnitId", ru.name as "reportedByUnitName", ${dayText('p.signed_at')} as "signedAt",
  p.dropped_reason as "droppedReason", p.region_id as "regionId", e.uscc as "enterpriseUscc", e.industry_code as "enterpriseIndustry",
  p.duplicate_of_enterprise_id as "duplicateOfEnterpriseId", p.duplicate_reason as "duplicateReason",
  coalesce((select json_agg(json_build_object('unitId', pu.unit_id, 'unitName', ou.name, 'shareBp', pu.share_bp) order by pu.share_bp desc, pu.unit_id)
    from project_units pu join org_units ou on ou.id = pu.unit_id where pu.project_id = p.id), '[]'::json) as "coPromoters",
  coalesce((select json_agg(json_build_object('category', c.category, 'currency', c.currency, 'amountMinor', c.total) order by c.category)
    from (select category, currency, sum(amount_minor)::float8 total from capital_records where project_id = p.id group by 1, 2) c), '[]'::json) as "capitalTotals"`;

export async function findProject(ctx: RequestContext, id: number, l: Lights) {
  const v: Record<string, unknown> = { ...l.values, id };
  const text = `select ${DETAIL_COLUMNS} from ${LIST_FROM}
    left join users r on r.id = p.reported_by_user_id left join org_units ru on ru.id = p.reported_by_unit_id
    where p.id = $id and ${scopeText(ctx, v)}`;
  const [row] = await preparedRows<DetailRow>(ctx.db, text, v);
  return row ? withLight(l, row) : undefined;
}

export type ProjectRow = typeof projects.$inferSelect;

/**
 * The known enterprise a held lead may duplicate (the registry is the region's: its name is
 * anyone's to see), with its open project when the caller reaches that project.
 */
export async function duplicatePair(ctx: RequestContext, enterpriseId: number) {
  const v: Record<string, unknown> = { enterpriseId, region: ctx.scope.regionId };
  const rows = await preparedRows<{ enterpriseId: number; enterpriseName: string; uscc: string | null; projectId: number | null; projectName: string | null; unitName: string | null }>(
    ctx.db,
    `select e.id as "enterpriseId", e.name as "enterpriseName", e.uscc as "uscc", p.id as "projectId", p.name as "projectName", u.name as "unitName"
     from enterprise_profiles e
     left join projects p on p.enterprise_id = e.id and p.intake in ('pending', 'accepted') and p.stage <> 'dropped' and ${scopeText(ctx, v)}
     left join org_units u on u.id = p.unit_id
     where e.id = $enterpriseId and e.region_id = $region
     order by p.id limit 1`,
    v,
  );
  return rows[0];
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

/** A project of the caller's region, locked, whatever the caller's own scope (a system consequence, e.g. of a merge). */
export async function lockProjectForSystem(ctx: RequestContext, id: number): Promise<ProjectRow | undefined> {
  const [p] = await ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.regionId, ctx.scope.regionId)))
    .for('update');
  return p;
}

/** Every project of an enterprise in the caller's region, locked, oldest first. */
export async function projectsOfEnterprise(ctx: RequestContext, enterpriseId: number): Promise<ProjectRow[]> {
  return ctx.db
    .select()
    .from(projects)
    .where(and(eq(projects.enterpriseId, enterpriseId), eq(projects.regionId, ctx.scope.regionId)))
    .orderBy(asc(projects.id))
    .for('update');
}

export async function moveActivities(ctx: RequestContext, fromProjectId: number, toProjectId: number): Promise<number> {
  const rows = await ctx.db.update(activities).set({ projectId: toProjectId }).where(eq(activities.projectId, fromProjectId)).returning({ id: activities.id });
  return rows.length;
}

/** Capital records in force: neither a reversal nor reversed. */
export async function liveCapital(ctx: RequestContext, projectId: number) {
  return ctx.db
    .select({ id: capitalRecords.id, category: capitalRecords.category, amountMinor: capitalRecords.amountMinor, currency: capitalRecords.currency, recordedOn: sql<string>`to_char(${capitalRecords.recordedOn}, 'YYYY-MM-DD')`, note: capitalRecords.note })
    .from(capitalRecords)
    .where(and(eq(capitalRecords.projectId, projectId), sql`${capitalRecords.reversesId} is null`, sql`not exists (select 1 from capital_records r where r.reverses_id = ${capitalRecords.id})`))
    .orderBy(asc(capitalRecords.id));
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


/** The visits logged on trips, per trip (the trips module shows the count). */
export async function visitCounts(ctx: RequestContext, tripIds: readonly number[]): Promise<Map<number, number>> {
  if (!tripIds.length) return new Map();
  const rows = await ctx.db
    .select({ tripId: activities.tripId, n: sql<number>`count(*)::int` })
    .from(activities)
    .where(inArray(activities.tripId, [...tripIds]))
    .groupBy(activities.tripId);
  return new Map(rows.map((r) => [r.tripId!, r.n]));
}

export async function tripVisits(ctx: RequestContext, tripId: number): Promise<Activity[]> {
  return ctx.db
    .select(activityColumns)
    .from(activities)
    .leftJoin(users, eq(users.id, activities.createdBy))
    .where(eq(activities.tripId, tripId))
    .orderBy(asc(activities.occurredOn), asc(activities.id));
}
