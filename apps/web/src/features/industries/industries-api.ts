import { useQuery } from '@tanstack/react-query';
import type { Industry } from '@wutong/contracts';
import { api } from '../../shared/api-client';

export type IndustryOption = { value: string; label: string; name: string; children?: IndustryOption[] };
export type IndustryIndex = { byCode: ReadonlyMap<string, Industry>; options: IndustryOption[] };

/** GB/T 4754-2017 as one tree (about 2,000 codes, reference data: fetched once per session). */
export function useIndustries(enabled = true) {
  return useQuery({
    queryKey: ['industries', 'all'],
    queryFn: () => api.get<{ items: Industry[] }>('/api/industries').then((r) => indexIndustries(r.items)),
    staleTime: Infinity,
    gcTime: Infinity,
    enabled,
  });
}

export function indexIndustries(items: readonly Industry[]): IndustryIndex {
  const byCode = new Map(items.map((i) => [i.code, i]));
  const nodes = new Map<string, IndustryOption>();
  const roots: IndustryOption[] = [];
  for (const i of items) nodes.set(i.code, { value: i.code, label: `${i.code} ${i.name}`, name: i.name });
  for (const i of items) {
    const node = nodes.get(i.code)!;
    const parent = i.parent ? nodes.get(i.parent) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  return { byCode, options: roots };
}

/** The codes from the section down to `code`: 3670 → [C, 36, 367, 3670]. */
export function industryPath(code: string, byCode: ReadonlyMap<string, Industry>): string[] {
  const path: string[] = [];
  let cur = byCode.get(code);
  while (cur) {
    path.unshift(cur.code);
    cur = cur.parent ? byCode.get(cur.parent) : undefined;
  }
  return path;
}

/** "3670 汽车零部件及配件制造"; the bare code while the tree is loading or for an unknown code. */
export function industryLabel(code: string | null | undefined, byCode: ReadonlyMap<string, Industry> | undefined): string {
  if (!code) return '';
  const i = byCode?.get(code);
  return i ? `${i.code} ${i.name}` : code;
}
