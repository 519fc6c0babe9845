export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys whose value differs between the two sides (compared as JSON: cheap and good enough here). */
export function changedKeys(before: unknown, after: unknown): Set<string> {
  if (!isObject(before) || !isObject(after)) return new Set();
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return new Set([...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])));
}
