import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '@wutong/db';

const LABELS: Record<string, [string, string]> = {
  org_units: ['下级单位', 'child units'],
  users: ['用户', 'users'],
  audit_log: ['操作日志', 'audit entries'],
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
    if (n > 0) out.push({ table: fk.tbl.replace(/"/g, ''), count: n });
  }
  return out;
}

export function describeReferences(refs: { table: string; count: number }[], lang: 'zh-CN' | 'en-US'): string {
  return refs.map((r) => `${LABELS[r.table]?.[lang === 'en-US' ? 1 : 0] ?? r.table} ${r.count}`).join(lang === 'en-US' ? ', ' : '，');
}
