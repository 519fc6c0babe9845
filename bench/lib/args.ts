import { parseArgs, type ParseArgsConfig } from 'node:util';

export type DbChoice = 'pglite' | 'postgres';

/** --db pglite|postgres; without it: PGlite, plus PostgreSQL when DATABASE_URL or TEST_DATABASE_URL is set. */
export function dbTargets(db: string | undefined): DbChoice[] {
  if (db === 'pglite' || db === 'postgres') return [db];
  if (db) throw new Error(`--db must be pglite or postgres, not ${db}`);
  return process.env.DATABASE_URL || process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function serverUrl(): string {
  const url = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('PostgreSQL needs DATABASE_URL or TEST_DATABASE_URL');
  return url;
}

export function args(argv: string[], options: NonNullable<ParseArgsConfig['options']>) {
  return parseArgs({ args: argv, options, allowPositionals: false }).values as Record<string, string | undefined>;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
