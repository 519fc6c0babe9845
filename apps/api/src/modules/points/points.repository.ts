import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '@wutong/db';
import type { PointExplanation, ScoringRules, UnitKind } from '@wutong/contracts';
import type { RequestContext } from '../../platform/context.js';
import { projectFacts, projectProfileInScope } from '../projects/index.js';
import type { DesiredEntry, LiveEntry, RuleSet } from './scoring.js';
import { monthOf } from './ranking-periods.js';

/**
 * The ledger is derived data written by the system (from project commands, rule changes and
 * rebuilds), so its writers take a bare database handle; the readers that answer a user take the
 * request context and filter by its scope.
 */
export type DbHandle = { db: Db };

/** Which projects a ledger operation covers: one region's, or a few by id (within a region). */
export type Selection = { regionId: number; projectIds?: readonly number[] };

const idList = (ids: readonly number[]) => sql.raw(`(${ids.map((n) => Number(n) | 0).join(',') || 'null'})`);
const projectFilter = (alias: string, s: Selection): SQL => projectFacts.projectIdIn(alias, s.projectIds ? { projectIds: s.projectIds } : { regionId: s.regionId });

/**
 * Ledger writers of one region take this lock: a project command shares it, a rule change or a
 * rebuild (which rewrites the whole region) holds it alone. Released at the end of the transaction.
 */
export async function lockRegion(h: DbHandle, regionId: number, exclusive: boolean) {
  await h.db.execute(exclusive ? sql`select pg_advisory_xact_lock(7301, ${regionId}::int)` : sql`select pg_advisory_xact_lock_shared(7301, ${regionId}::int)`);
}

// ── rule versions ──

export type RuleVersionRow = RuleSet & { note: string; createdBy: string | null; createdAt: string };

export async function ruleVersions(h: DbHandle, regionId: number): Promise<RuleVersionRow[]> {
  return queryRows<RuleVersionRow>(
    h.db,
    sql`select r.version, to_char(r.effective_from, 'YYYY-MM-DD') as "effectiveFrom", r.rules, r.note,
               u.display_name as "createdBy", to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
        from scoring_rules r left join users u on u.id = r.created_by
        where r.region_id = ${regionId} order by r.version desc`,
  );
}

export async function insertRuleVersion(h: DbHandle, v: { regionId: number; effectiveFrom: string; rules: ScoringRules; note: string; createdBy: number | null }): Promise<number> {
  const [row] = await queryRows<{ version: number }>(
    h.db,
    sql`insert into scoring_rules (region_id, version, effective_from, rules, note, created_by)
        select ${v.regionId}, coalesce(max(version), 0) + 1, ${v.effectiveFrom}::date, ${JSON.stringify(v.rules)}::jsonb, ${v.note}, ${v.createdBy}
        from scoring_rules where region_id = ${v.regionId}
        returning version`,
  );
  return row!.version;
}

// ── the ledger ──

type StoredRow = {
  id: string;
  projectId: number;
  regionId: number;
  unitId: number;
  userId: number | null;
  eventKey: string;
  onDate: string;
  points: string;
  ruleVersion: number;
  shareBp: number;
  explanation: PointExplanation;
};

const toLive = (r: StoredRow): LiveEntry => ({
  id: Number(r.id),
  projectId: r.projectId,
  eventKey: r.eventKey,
  unitId: r.unitId,
  userId: r.userId,
  onDate: r.onDate,
  points: Number(r.points),
  ruleVersion: r.ruleVersion,
  shareBp: r.shareBp,
  explanation: r.explanation,
});

const LEDGER_COLUMNS = sql`l.id::text as id, l.project_id as "projectId", l.region_id as "regionId", l.unit_id as "unitId", l.user_id as "userId",
  l.event_key as "eventKey", to_char(l.on_date, 'YYYY-MM-DD') as "onDate", l.points::text as points, l.rule_version as "ruleVersion",
  l.share_bp as "shareBp", l.explanation`;

/** Entries in force: not reversals, and not reversed. */
export async function liveEntries(h: DbHandle, s: Selection): Promise<LiveEntry[]> {
  const rows = await queryRows<StoredRow>(
    h.db,
    sql`select ${LEDGER_COLUMNS} from points_ledger l
        where ${projectFilter('l', s)} and l.reverses_id is null
          and not exists (select 1 from points_ledger r where r.reverses_id = l.id)
        order by l.id`,
  );
  return rows.map(toLive);
}

/** The net ledger: points per (project, event, unit, person, day), reversals included. */
export async function netLedger(h: DbHandle, s: Selection): Promise<{ projectId: number; eventKey: string; unitId: number; userId: number | null; onDate: string; points: number }[]> {
  const rows = await queryRows<{ projectId: number; eventKey: string; unitId: number; userId: number | null; onDate: string; points: string }>(
    h.db,
    sql`select l.project_id as "projectId", l.event_key as "eventKey", l.unit_id as "unitId", l.user_id as "userId",
               to_char(l.on_date, 'YYYY-MM-DD') as "onDate", sum(l.points)::text as points
        from points_ledger l where ${projectFilter('l', s)}
        group by l.project_id, l.event_key, l.unit_id, l.user_id, l.on_date
        having sum(l.points) <> 0`,
  );
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

type NewRow = {
  regionId: number;
  unitId: number;
  userId: number | null;
  projectId: number;
  eventKey: string;
  onDate: string;
  points: number;
  ruleVersion: number;
  shareBp: number;
  explanation: PointExplanation;
  reversesId: number | null;
};

/**
 * Appends reversals and new entries, and adds them to the rollup in the same transaction.
 * Returns the number of rows appended.
 */
export async function appendEntries(h: DbHandle, regionId: number, reverse: readonly LiveEntry[], enter: readonly (DesiredEntry & { projectId: number })[]): Promise<number> {
  const rows: NewRow[] = [
    ...reverse.map((l) => ({ ...stripLive(l), regionId, points: -l.points, reversesId: l.id })),
    ...enter.map((d) => ({ ...d, regionId, reversesId: null })),
  ];
  if (!rows.length) return 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const values = sql.join(
      chunk.map(
        (r) =>
          sql`(${r.regionId}::int, ${r.unitId}::int, ${r.userId}::int, ${r.projectId}::int, ${r.eventKey}, ${r.onDate}::date, ${r.points}::bigint, ${r.ruleVersion}::int, ${r.shareBp}::int, ${JSON.stringify(r.explanation)}::jsonb, ${r.reversesId}::bigint)`,
      ),
      sql`, `,
    );
    await h.db.execute(sql`insert into points_ledger (region_id, unit_id, user_id, project_id, event_key, on_date, points, rule_version, share_bp, explanation, reverses_id) values ${values}`);
  }
  await addToRollups(h, rows);
  return rows.length;
}

function stripLive(l: LiveEntry): Omit<LiveEntry, 'id'> {
  const { id: _id, ...rest } = l;
  return rest;
}

async function addToRollups(h: DbHandle, rows: readonly { regionId: number; unitId: number; userId: number | null; onDate: string; points: number }[]) {
  const deltas = new Map<string, { regionId: number; month: string; unitId: number; userId: number; points: number }>();
  const add = (regionId: number, month: string, unitId: number, userId: number, points: number) => {
    const k = `${regionId}|${month}|${unitId}|${userId}`;
    const d = deltas.get(k);
    if (d) d.points += points;
    else deltas.set(k, { regionId, month, unitId, userId, points });
  };
  for (const r of rows) {
    add(r.regionId, monthOf(r.onDate), r.unitId, 0, r.points);
    if (r.userId !== null) add(r.regionId, monthOf(r.onDate), r.unitId, r.userId, r.points);
  }
  const list = [...deltas.values()].filter((d) => d.points !== 0);
  // a fixed order: two transactions touching the same rows lock them in the same order
  list.sort((a, b) => a.regionId - b.regionId || a.month.localeCompare(b.month) || a.unitId - b.unitId || a.userId - b.userId);
  for (let i = 0; i < list.length; i += 500) {
    const values = sql.join(
      list.slice(i, i + 500).map((d) => sql`(${d.regionId}::int, ${d.month}::date, ${d.unitId}::int, ${d.userId}::int, ${d.points}::bigint)`),
      sql`, `,
    );
    await h.db.execute(
      sql`insert into points_rollups (region_id, month, unit_id, user_id, points) values ${values}
          on conflict (region_id, month, unit_id, user_id) do update set points = points_rollups.points + excluded.points`,
    );
  }
}

const WANT_ROLLUP = (regionId: number) => sql`
  select date_trunc('month', on_date)::date as month, unit_id, 0 as user_id, sum(points) as points
  from points_ledger where region_id = ${regionId} group by 1, 2
  union all
  select date_trunc('month', on_date)::date, unit_id, user_id, sum(points)
  from points_ledger where region_id = ${regionId} and user_id is not null group by 1, 2, 3`;

/** Recomputes a region's rollup from its ledger when they disagree (a rebuild's last step); returns the rows that differed. */
export async function rebuildRollups(h: DbHandle, regionId: number): Promise<number> {
  const [diff] = await queryRows<{ n: number }>(
    h.db,
    sql`with want as (${WANT_ROLLUP(regionId)}),
             have as (select month, unit_id, user_id, points from points_rollups where region_id = ${regionId})
        select count(*)::int as n from want w full join have h using (month, unit_id, user_id)
        where coalesce(w.points, 0) <> coalesce(h.points, 0)`,
  );
  const n = diff?.n ?? 0;
  if (n === 0) return 0;
  await h.db.execute(sql`delete from points_rollups where region_id = ${regionId}`);
  await h.db.execute(sql`insert into points_rollups (region_id, month, unit_id, user_id, points) select ${regionId}::int, month, unit_id, user_id, points from (${WANT_ROLLUP(regionId)}) w`);
  return n;
}

// ── rankings (read from the rollup) ──

export const RANKED_KINDS = ['department', 'township', 'park', 'state_company'] as const satisfies readonly UnitKind[];

export async function rankedUnits(ctx: RequestContext, kind?: UnitKind): Promise<{ unitId: number; unitName: string; kind: UnitKind }[]> {
  const kinds = kind ? (RANKED_KINDS as readonly string[]).filter((k) => k === kind) : [...RANKED_KINDS];
  if (!kinds.length) return [];
  return queryRows(
    ctx.db,
    sql`select id as "unitId", ${ctx.lang === 'en-US' ? sql`coalesce(name_en, name)` : sql`name`} as "unitName", kind
        from org_units
        where path like ${`${ctx.scope.regionPath}%`} and active and kind in ${sql.raw(`(${kinds.map((k) => `'${k}'`).join(',')})`)}
        order by sort_order, id`,
  );
}

export async function unitTotals(ctx: RequestContext, firstMonth: string, lastMonth: string): Promise<Map<number, number>> {
  const rows = await queryRows<{ unitId: number; points: string }>(
    ctx.db,
    sql`select unit_id as "unitId", sum(points)::text as points from points_rollups
        where region_id = ${ctx.scope.regionId} and user_id = 0 and month between ${firstMonth}::date and ${lastMonth}::date
        group by unit_id`,
  );
  return new Map(rows.map((r) => [r.unitId, Number(r.points)]));
}

export async function personTotals(ctx: RequestContext, firstMonth: string, lastMonth: string): Promise<{ userId: number; displayName: string; unitName: string; points: number }[]> {
  const rows = await queryRows<{ userId: number; displayName: string; unitName: string; points: string }>(
    ctx.db,
    sql`select t.user_id as "userId", u.display_name as "displayName", ${ctx.lang === 'en-US' ? sql`coalesce(o.name_en, o.name)` : sql`o.name`} as "unitName", t.points::text as points
        from (select user_id, sum(points) as points from points_rollups
              where region_id = ${ctx.scope.regionId} and user_id > 0 and month between ${firstMonth}::date and ${lastMonth}::date
              group by user_id having sum(points) <> 0) t
        join users u on u.id = t.user_id
        join org_units o on o.id = u.unit_id
        where o.path like ${`${ctx.scope.regionPath}%`}
        order by u.display_name, u.id`,
  );
  return rows.map((r) => ({ ...r, points: Number(r.points) }));
}

// ── the points list (scoped) ──

export type PointsFilter = { unitId?: number; userId?: number; projectId?: number; fromDay?: string; toDay?: string };

/** An entry is listed when its unit is in the caller's scope or it credits the caller, and its project is in scope. */
function listWhere(ctx: RequestContext, f: PointsFilter): SQL {
  const units = ctx.scope.unitIds.length ? sql`l.unit_id in ${idList(ctx.scope.unitIds)}` : sql`false`;
  return sql.join(
    [
      sql`l.region_id = ${ctx.scope.regionId}`,
      sql`(${units} or l.user_id = ${ctx.scope.userId})`,
      sql`${projectProfileInScope(ctx)}`,
      f.unitId ? sql`l.unit_id = ${f.unitId}` : undefined,
      f.userId ? sql`l.user_id = ${f.userId}` : undefined,
      f.projectId ? sql`l.project_id = ${f.projectId}` : undefined,
      f.fromDay ? sql`l.on_date >= ${f.fromDay}::date` : undefined,
      f.toDay ? sql`l.on_date <= ${f.toDay}::date` : undefined,
    ].filter((x): x is SQL => !!x),
    sql` and `,
  );
}

export type ListedEntry = {
  id: number;
  onDate: string;
  unitId: number;
  unitName: string;
  userId: number | null;
  userName: string | null;
  projectId: number;
  projectName: string;
  eventKey: string;
  points: number;
  reversesId: number | null;
  explanation: PointExplanation;
  createdAt: string;
};

export async function listEntries(ctx: RequestContext, f: PointsFilter, page: { after?: [string, number]; limit: number }): Promise<ListedEntry[]> {
  const after = page.after ? sql`and (l.on_date, l.id) < (${page.after[0]}::date, ${page.after[1]}::bigint)` : sql``;
  const rows = await queryRows<Omit<ListedEntry, 'id' | 'points' | 'reversesId'> & { id: string; points: string; reversesId: string | null }>(
    ctx.db,
    sql`select l.id::text as id, to_char(l.on_date, 'YYYY-MM-DD') as "onDate", l.unit_id as "unitId",
               ${ctx.lang === 'en-US' ? sql`coalesce(o.name_en, o.name)` : sql`o.name`} as "unitName",
               l.user_id as "userId", u.display_name as "userName", l.project_id as "projectId", project_profiles.name as "projectName",
               l.event_key as "eventKey", l.points::text as points, l.reverses_id::text as "reversesId", l.explanation,
               to_char(l.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "createdAt"
        from points_ledger l
        join project_profiles on project_profiles.id = l.project_id
        join org_units o on o.id = l.unit_id
        left join users u on u.id = l.user_id
        where ${listWhere(ctx, f)} ${after}
        order by l.on_date desc, l.id desc
        limit ${page.limit}`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), points: Number(r.points), reversesId: r.reversesId === null ? null : Number(r.reversesId) }));
}

export async function countEntries(ctx: RequestContext, f: PointsFilter): Promise<{ total: number; sum: number }> {
  const [r] = await queryRows<{ total: number; sum: string }>(
    ctx.db,
    sql`select count(*)::int as total, coalesce(sum(l.points), 0)::text as sum
        from points_ledger l join project_profiles on project_profiles.id = l.project_id
        where ${listWhere(ctx, f)}`,
  );
  return { total: r?.total ?? 0, sum: Number(r?.sum ?? 0) };
}
