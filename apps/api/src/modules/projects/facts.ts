import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '@wutong/db';

/**
 * Project facts: what happened to projects, as the modules that count it read it — assessment
 * (figures, cockpit, bulletins) and points (the ledger). One place writes the SQL over the
 * projects tables; both read through it, set-wise, for one project inside a command's transaction
 * or for a whole region in a rebuild.
 *
 * Each builder yields rows that carry the project's own columns with them (no CTE joined back: a
 * planner without statistics on freshly loaded tables would loop over it):
 *   region_id, unit_id (the owner unit), owner_user_id, enterprise_id, key_block_id, intake,
 *   industry_code and industry_section (the project's own), section (the project's industry
 *   section, else its enterprise's), origin (the enterprise's), talents, annual_generation_kwh,
 *   co2_avoided_t.
 */

/** Which projects: a region's, or some by id. */
export type ProjectSelection = { regionId: number; projectIds?: undefined } | { projectIds: readonly number[]; regionId?: number };

const idList = (ids: readonly number[]) => sql.raw(`(${ids.map((n) => Number(n) | 0).join(',') || 'null'})`);

/** The selection as a condition on `p` (the projects table). */
function selected(sel: ProjectSelection): SQL {
  return sel.projectIds ? sql`p.id in ${idList(sel.projectIds)}` : sql`p.region_id = ${sel.regionId}`;
}

/** The selection as a condition on a table's `project_id` column. */
export function projectIdIn(alias: string, sel: ProjectSelection): SQL {
  return sel.projectIds
    ? sql`${sql.raw(alias)}.project_id in ${idList(sel.projectIds)}`
    : sql`${sql.raw(alias)}.project_id in (select id from projects where region_id = ${sel.regionId})`;
}

const PROJECT_JOIN = sql.raw(`
  join enterprise_profiles e on e.id = p.enterprise_id
  left join industries i on i.code = p.industry_code
  left join industries ie on ie.code = e.industry_code`);

const PROJECT_COLUMNS = sql.raw(`p.region_id, p.unit_id, p.owner_user_id, p.enterprise_id, p.key_block_id, p.intake,
  p.industry_code, i.section as industry_section, coalesce(i.section, ie.section) as section, e.origin,
  p.talents, p.annual_generation_kwh, p.co2_avoided_t`);

/**
 * Entries into 签约 / 落地 / 开工 / 投产, every one of them (reopens from 终止 included, with
 * `from_stage`), with the gate's evidence and the day of the event in Asia/Shanghai (`at_day`).
 */
export function stageEntriesSql(sel: ProjectSelection): SQL {
  return sql`
    select se.id, se.project_id, se.from_stage, se.to_stage, se.evidence, (se.at at time zone 'Asia/Shanghai')::date as at_day, ${PROJECT_COLUMNS}
    from project_stage_events se
    join projects p on p.id = se.project_id ${PROJECT_JOIN}
    where (${selected(sel)}) and se.to_stage in ('signed', 'registered', 'construction', 'production')`;
}

/** Capital in place, every record (reversals carry negative amounts). */
export function capitalRecordsSql(sel: ProjectSelection): SQL {
  return sql`
    select c.id, c.project_id, c.category, c.recorded_on, c.amount_minor, c.currency, ${PROJECT_COLUMNS}
    from capital_records c
    join projects p on p.id = c.project_id ${PROJECT_JOIN}
    where (${selected(sel)})`;
}

/** The projects themselves: current stage and the first-report credit, besides the columns above. */
export function projectRowsSql(sel: ProjectSelection): SQL {
  return sql`
    select p.id, p.stage, p.first_report, p.duplicate_review, p.reported_by_unit_id, p.reported_by_user_id,
           (p.reported_at at time zone 'Asia/Shanghai')::date as reported_on, p.investment_minor, p.investment_currency, ${PROJECT_COLUMNS}
    from projects p ${PROJECT_JOIN}
    where (${selected(sel)})`;
}

/** Co-promoting units and their shares (basis points, summing to 10,000 per project). */
export function sharesSql(sel: ProjectSelection): SQL {
  return sql`select pu.project_id, pu.unit_id, pu.share_bp from project_units pu where ${projectIdIn('pu', sel)}`;
}

/** Projects with an amount in a currency other than CNY: their figures move with FX rates. */
export async function projectsWithForeignAmounts(db: Db): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select distinct se.project_id as id from project_stage_events se
        where se.to_stage in ('signed', 'registered')
          and coalesce(se.evidence->>'agreedInvestmentCurrency', se.evidence->>'regCapitalCurrency', 'CNY') <> 'CNY'
        union
        select distinct project_id from capital_records where currency <> 'CNY'`,
  );
  return rows.map((r) => Number(r.id));
}

/** The projects of an enterprise (its origin and industry ride on their figures). */
export async function projectsOfEnterprise(db: Db, enterpriseId: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select id from projects where enterprise_id = ${enterpriseId} order by id`);
  return rows.map((r) => Number(r.id));
}

/** A project's region (a system read: the ledger's writers work per region). */
export async function regionOfProject(db: Db, projectId: number): Promise<number | undefined> {
  const [r] = await queryRows<{ regionId: number }>(db, sql`select region_id as "regionId" from projects where id = ${projectId}`);
  return r?.regionId;
}

/** How many projects a region has. */
export async function countProjects(db: Db, regionId: number): Promise<number> {
  const [r] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from projects where region_id = ${regionId}`);
  return Number(r?.n ?? 0);
}

/* ── the same facts, loaded per project (the points ledger's scoring works on these) ── */

export type ProjectFacts = {
  id: number;
  regionId: number;
  intake: string;
  stage: string;
  firstReport: boolean;
  /** a lead held as a suspected duplicate: its first-report credit waits while this is 'pending' */
  duplicateReview: string | null;
  ownerUnitId: number;
  ownerUserId: number | null;
  reportedByUnitId: number | null;
  reportedByUserId: number | null;
  /** the report day, YYYY-MM-DD in Asia/Shanghai */
  reportedOn: string;
  /** GB/T 4754 code without its section letter, and its section */
  industryCode: string | null;
  industrySection: string | null;
  investmentMinor: number | null;
  investmentCurrency: string;
  keyBlockId: number | null;
  shares: { unitId: number; shareBp: number }[];
  /** in id order; `atDate` is the day the event was recorded (Asia/Shanghai) */
  stageEvents: { id: number; fromStage: string | null; toStage: string; atDate: string; evidence: Record<string, unknown> }[];
  capital: { id: number; category: string; amountMinor: number; recordedOn: string }[];
};

const day = (v: unknown) => String(v).slice(0, 10);
const dayText = (col: string) => sql.raw(`to_char(${col}, 'YYYY-MM-DD')`);

export async function loadProjectFacts(db: Db, sel: ProjectSelection): Promise<ProjectFacts[]> {
  const rows = await queryRows<Record<string, unknown>>(db, sql`select x.*, ${dayText('x.reported_on')} as reported_day from (${projectRowsSql(sel)}) x order by x.id`);
  const facts = new Map<number, ProjectFacts>();
  for (const r of rows) {
    facts.set(Number(r.id), {
      id: Number(r.id),
      regionId: Number(r.region_id),
      intake: String(r.intake),
      stage: String(r.stage),
      firstReport: r.first_report === true,
      duplicateReview: (r.duplicate_review as string | null) ?? null,
      ownerUnitId: Number(r.unit_id),
      ownerUserId: r.owner_user_id === null ? null : Number(r.owner_user_id),
      reportedByUnitId: r.reported_by_unit_id === null ? null : Number(r.reported_by_unit_id),
      reportedByUserId: r.reported_by_user_id === null ? null : Number(r.reported_by_user_id),
      reportedOn: String(r.reported_day),
      industryCode: (r.industry_code as string | null) ?? null,
      industrySection: (r.industry_section as string | null) ?? null,
      investmentMinor: r.investment_minor === null ? null : Number(r.investment_minor),
      investmentCurrency: String(r.investment_currency),
      keyBlockId: r.key_block_id === null ? null : Number(r.key_block_id),
      shares: [],
      stageEvents: [],
      capital: [],
    });
  }
  if (!facts.size) return [];
  for (const x of await queryRows<{ project_id: number; unit_id: number; share_bp: number }>(db, sharesSql(sel))) {
    facts.get(Number(x.project_id))?.shares.push({ unitId: Number(x.unit_id), shareBp: Number(x.share_bp) });
  }
  const events = await queryRows<Record<string, unknown>>(db, sql`select x.id::text as id, x.project_id, x.from_stage, x.to_stage, x.evidence, ${dayText('x.at_day')} as at_day from (${stageEntriesSql(sel)}) x order by x.project_id, x.id`);
  for (const e of events) {
    facts.get(Number(e.project_id))?.stageEvents.push({
      id: Number(e.id),
      fromStage: (e.from_stage as string | null) ?? null,
      toStage: String(e.to_stage),
      atDate: day(e.at_day),
      evidence: (e.evidence as Record<string, unknown> | null) ?? {},
    });
  }
  const capital = await queryRows<Record<string, unknown>>(db, sql`select x.id::text as id, x.project_id, x.category, x.amount_minor::text as amount, ${dayText('x.recorded_on')} as recorded_on from (${capitalRecordsSql(sel)}) x order by x.project_id, x.id`);
  for (const c of capital) {
    facts.get(Number(c.project_id))?.capital.push({ id: Number(c.id), category: String(c.category), amountMinor: Number(c.amount), recordedOn: day(c.recorded_on) });
  }
  return [...facts.values()];
}
