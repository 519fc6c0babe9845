/** Completion against 序时进度, in percentage points (positive = ahead); null without a target. */
export function aheadPoints(completion: number | null, timeProgress: number): number | null {
  if (completion === null || !Number.isFinite(completion)) return null;
  // rounded to the one decimal shown, so "0.0 points" is never called behind
  return Math.round((completion - timeProgress) * 1000) / 10;
}
