import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { industries, type Db } from '@wutong/db';
import { ROOT_DIR } from '../platform/config.js';

type IndustryItem = { code: string; name: string; level: string; parent: string | null; section: string };

export function industryItems(): IndustryItem[] {
  const d = JSON.parse(readFileSync(resolve(ROOT_DIR, 'packages/db/reference/gbt4754-2017.json'), 'utf8')) as { items: IndustryItem[] };
  return d.items.map(({ code, name, level, parent, section }) => ({ code, name, level, parent, section }));
}

/**
 * Fills `industries` from the shipped GB/T 4754-2017 table. Idempotent and cheap: rows that are
 * already there and equal are left alone, so it runs at every start, on every database.
 */
export async function loadIndustries(db: Db): Promise<void> {
  const items = industryItems();
  // the usual start: the table already equals the shipped data (one checksum, not 1,971 upserts)
  const want = createHash('md5')
    .update([...items].sort((a, b) => (a.code < b.code ? -1 : 1)).map((i) => [i.code, i.name, i.level, i.parent ?? '', i.section].join('|')).join(','))
    .digest('hex');
  const [have] = await db
    .select({ h: sql<string>`md5(coalesce(string_agg(concat_ws('|', code, name, level, coalesce(parent, ''), section), ',' order by code collate "C"), ''))` })
    .from(industries);
  if (have?.h === want) return;
  for (let i = 0; i < items.length; i += 500) {
    await db
      .insert(industries)
      .values(items.slice(i, i + 500))
      .onConflictDoUpdate({
        target: industries.code,
        set: { name: sql`excluded.name`, level: sql`excluded.level`, parent: sql`excluded.parent`, section: sql`excluded.section` },
        setWhere: sql`(${industries.name}, ${industries.level}, ${industries.parent}, ${industries.section}) is distinct from (excluded.name, excluded.level, excluded.parent, excluded.section)`,
      });
  }
}
