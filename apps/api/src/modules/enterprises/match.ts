import { CANDIDATE_FLOOR, DUPLICATE_THRESHOLD, nameSimilarity, splitName, type NameParts } from './names.js';

/** A candidate row as the repository returns it: which enterprise, by which name, how alike in pg_trgm terms. */
export type CandidateRow = { id: number; matched: string; sim: number; usccMatch: boolean };
export type Ranked<T extends CandidateRow> = T & { similarity: number; likely: boolean };

/**
 * Ranks candidates: the same USCC first, then by name similarity (trade name, industry, region,
 * pg_trgm — see `nameSimilarity`), then by id for a stable order. One entry per enterprise (its
 * best-matching name or alias). Candidates below the floor are dropped; the list stops at `limit`,
 * except that all candidates fitting exactly as well as the best one are shown: where several fit
 * equally, they are shown rather than one guessed.
 */
/** Even equal fits stop somewhere: a page of hints, not the registry. */
const MAX_TIED = 50;

export function rankCandidates<T extends CandidateRow>(query: NameParts | null, rows: T[], limit: number): Ranked<T>[] {
  const best = new Map<number, Ranked<T>>();
  const parsed = new Map<string, NameParts>();
  for (const r of rows) {
    let similarity = 1;
    if (!r.usccMatch) {
      if (!query) continue;
      let p = parsed.get(r.matched);
      if (!p) parsed.set(r.matched, (p = splitName(r.matched)));
      similarity = nameSimilarity(query, p, Number(r.sim));
    }
    const prev = best.get(r.id);
    if (!prev || similarity > prev.similarity || (r.usccMatch && !prev.usccMatch)) {
      best.set(r.id, { ...r, usccMatch: r.usccMatch || !!prev?.usccMatch, similarity, likely: false });
    }
  }
  const list = [...best.values()]
    .filter((c) => c.usccMatch || c.similarity >= CANDIDATE_FLOOR)
    .sort((a, b) => Number(b.usccMatch) - Number(a.usccMatch) || b.similarity - a.similarity || a.id - b.id);
  // the best fit and everything that fits exactly as well, however many; then up to the limit
  const first = list[0];
  let tied = 0;
  while (first && tied < list.length && list[tied]!.similarity === first.similarity && list[tied]!.usccMatch === first.usccMatch) tied++;
  const end = Math.min(list.length, Math.max(limit, Math.min(tied, MAX_TIED)));
  return list.slice(0, end).map((c) => ({ ...c, likely: c.usccMatch || c.similarity >= DUPLICATE_THRESHOLD }));
}
