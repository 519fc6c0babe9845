import type { OrgUnit } from '@wutong/contracts';

export type UnitNode = { unit: OrgUnit; children: UnitNode[] };

export const unitName = (u: Pick<OrgUnit, 'name' | 'nameEn'>, lang: string) => (lang === 'en-US' && u.nameEn ? u.nameEn : u.name);

/** The flat list (parents first) as a forest; a unit whose parent is outside my scope becomes a root. */
export function buildForest(units: readonly OrgUnit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>();
  const roots: UnitNode[] = [];
  for (const unit of units) nodes.set(unit.id, { unit, children: [] });
  for (const unit of units) {
    const node = nodes.get(unit.id)!;
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export const pathIds = (path: string) => path.split('/').filter(Boolean).map(Number);

/** The ids of a unit's ancestors inside my scope, nearest last. */
export function ancestorIds(unit: OrgUnit, byId: ReadonlyMap<number, OrgUnit>): number[] {
  return pathIds(unit.path).filter((id) => id !== unit.id && byId.has(id));
}

export function matches(unit: OrgUnit, term: string): boolean {
  const q = term.trim().toLowerCase();
  if (!q) return true;
  return [unit.name, unit.nameEn, unit.code].some((s) => s?.toLowerCase().includes(q));
}

/**
 * What a search leaves visible: the matching units and the chain above each, so a hit is never
 * shown without where it sits. Undefined means "no search: everything".
 */
export function visibleIds(units: readonly OrgUnit[], term: string): Set<number> | undefined {
  if (!term.trim()) return undefined;
  const byId = new Map(units.map((u) => [u.id, u]));
  const visible = new Set<number>();
  for (const u of units) {
    if (!matches(u, term)) continue;
    visible.add(u.id);
    for (const id of ancestorIds(u, byId)) visible.add(id);
  }
  return visible;
}

export type UnitOption = { value: number; title: string; disabled?: boolean; children?: UnitOption[] };

/** Tree data for TreeSelect pickers. */
export function toOptions(forest: readonly UnitNode[], lang: string, opts: { disabled?: (u: OrgUnit) => boolean; skipInactive?: boolean } = {}): UnitOption[] {
  const walk = (nodes: readonly UnitNode[]): UnitOption[] =>
    nodes
      .filter((n) => !opts.skipInactive || n.unit.active)
      .map((n) => {
        const children = walk(n.children);
        return {
          value: n.unit.id,
          title: unitName(n.unit, lang),
          ...(opts.disabled?.(n.unit) ? { disabled: true } : {}),
          ...(children.length ? { children } : {}),
        };
      });
  return walk(forest);
}
