import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@wutong/db';

const LABELS: Record<string, [string, string]> = {
  org_units: ['下级单位', 'child units'],
  users: ['用户', 'users'],
  audit_log: ['操作记录', 'audit entries'],
  projects: ['项目', 'projects'],
  project_units: ['协同招商项目', 'co-promoted projects'],
  project_stage_events: ['项目阶段记录', 'stage changes'],
  activities: ['跟进记录', 'activities'],
  capital_records: ['资金到位记录', 'capital records'],
  trips: ['出访记录', 'trips'],
  arbitrations: ['首报认定', 'first-report claims'],
  enterprises: ['企业', 'enterprises'],
  enterprise_names: ['企业曾用名', 'former names'],
  key_blocks: ['重点区块', 'key blocks'],
  sla_rules: ['亮灯规则', 'light rules'],
  import_jobs: ['导入任务', 'import jobs'],
};

/**
 * Counts the rows that point at a record through foreign keys that do not cascade — every
 * module's table that references a unit or a user is found here without being listed, so a
 * record with history is never deleted however many modules grow around it.
 */
export async function countReferences(db: Db, table: string, id: number): Promise<{ table: string; count: number }[]> {
  const fks = await queryRows<{ tbl: string; col: string }>(db, sql`
    select c.conrelid::regclass::text as tbl, a.attname as col
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = ${table}::regclass and c.confdeltype <> 'c'`);
  const out: { table: string; count: number }[] = [];
  for (const fk of fks) {
    const [res] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(fk.tbl.replace(/"/g, ''))} where ${sql.identifier(fk.col)} = ${id}`,
    );
    const n = res?.n ?? 0;
    const table = fk.tbl.replace(/"/g, '');
    // one table may point at the record through several columns: say it once
    const seen = out.find((o) => o.table === table);
    if (seen) seen.count = Math.max(seen.count, n);
    else if (n > 0) out.push({ table, count: n });
  }
  return out;
}

export function describeReferences(refs: { table: string; count: number }[], lang: 'zh-CN' | 'en-US'): string {
  return refs.map((r) => `${LABELS[r.table]?.[lang === 'en-US' ? 1 : 0] ?? (lang === 'en-US' ? r.table : '其他记录')} ${r.count}`).join(lang === 'en-US' ? ', ' : '，');
}
