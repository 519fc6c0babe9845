import type { Light, Stage } from '@wutong/contracts';
import type { QueryParams } from '../../shared/api-client';
import { LIGHTS, ORIGINS, STAGES, type Origin } from './stages';

export const SORT_KEYS = ['reportedAt', 'stageAt', 'investment', 'name', 'nextDue'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';
export type ProjectView = 'table' | 'board';

/** Everything that narrows the list; it lives in the address so a view can be shared and survives a reload. */
export type ProjectFilters = {
  q?: string;
  stage?: Stage[];
  light?: Light[];
  unitId?: number;
  ownerUserId?: number;
  /** as the API takes it: a section letter, or the section letter and a code prefix (C36, C3670) */
  industry?: string;
  keyBlockId?: number;
  origin?: Origin;
  minInvestment?: number;
  maxInvestment?: number;
  from?: string;
  to?: string;
  mine?: 'owner' | 'reporter';
};

export type ProjectSort = { sort?: SortKey; dir?: SortDir };

export type ProjectParams = { filters: ProjectFilters; sort: ProjectSort; view: ProjectView };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INDUSTRY = /^[A-T]\d{0,4}$/;

const list = <T extends string>(raw: string | null, allowed: readonly T[]): T[] | undefined => {
  if (!raw) return undefined;
  const picked = allowed.filter((v) => raw.split(',').includes(v));
  return picked.length ? picked : undefined;
};
const id = (raw: string | null) => {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const amount = (raw: string | null) => {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
};
const oneOf = <T extends string>(raw: string | null, allowed: readonly T[]): T | undefined =>
  raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : undefined;

/** Reads the page's state from the query string, dropping anything malformed rather than failing. */
export function readProjectParams(p: URLSearchParams): ProjectParams {
  const q = p.get('q')?.trim();
  const industry = p.get('industry');
  const from = p.get('from');
  const to = p.get('to');
  const filters: ProjectFilters = {
    ...(q ? { q: q.slice(0, 60) } : {}),
    ...(list(p.get('stage'), STAGES) ? { stage: list(p.get('stage'), STAGES) } : {}),
    ...(list(p.get('light'), LIGHTS) ? { light: list(p.get('light'), LIGHTS) } : {}),
    ...(id(p.get('unitId')) ? { unitId: id(p.get('unitId')) } : {}),
    ...(id(p.get('ownerUserId')) ? { ownerUserId: id(p.get('ownerUserId')) } : {}),
    ...(industry && INDUSTRY.test(industry) ? { industry } : {}),
    ...(id(p.get('keyBlockId')) ? { keyBlockId: id(p.get('keyBlockId')) } : {}),
    ...(oneOf(p.get('origin'), ORIGINS) ? { origin: oneOf(p.get('origin'), ORIGINS) } : {}),
    ...(amount(p.get('minInvestment')) !== undefined ? { minInvestment: amount(p.get('minInvestment')) } : {}),
    ...(amount(p.get('maxInvestment')) !== undefined ? { maxInvestment: amount(p.get('maxInvestment')) } : {}),
    ...(from && DATE.test(from) ? { from } : {}),
    ...(to && DATE.test(to) ? { to } : {}),
    ...(oneOf(p.get('mine'), ['owner', 'reporter'] as const) ? { mine: oneOf(p.get('mine'), ['owner', 'reporter'] as const) } : {}),
  };
  const sort = oneOf(p.get('sort'), SORT_KEYS);
  const dir = oneOf(p.get('dir'), ['asc', 'desc'] as const);
  return {
    filters,
    sort: { ...(sort ? { sort } : {}), ...(dir ? { dir } : {}) },
    view: p.get('view') === 'board' ? 'board' : 'table',
  };
}

/** The query-string values of a filter patch (undefined removes the key). */
export function filterPatch(patch: Partial<ProjectFilters>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(patch)) {
    out[k] = v === undefined || v === null || v === '' ? undefined : Array.isArray(v) ? (v.length ? v.join(',') : undefined) : String(v);
  }
  return out;
}

/** What the API takes for these filters and this order (list, board and export alike). */
export function toApiParams(f: ProjectFilters, s: ProjectSort = {}): QueryParams {
  return {
    q: f.q,
    stage: f.stage?.join(','),
    light: f.light?.join(','),
    unitId: f.unitId,
    ownerUserId: f.ownerUserId,
    industry: f.industry,
    keyBlockId: f.keyBlockId,
    origin: f.origin,
    minInvestment: f.minInvestment,
    maxInvestment: f.maxInvestment,
    from: f.from,
    to: f.to,
    mine: f.mine,
    sort: s.sort,
    dir: s.sort ? (s.dir ?? 'desc') : undefined,
  };
}

/** The API's industry filter: the section letter, then the code prefix (projects store bare codes). */
export function projectIndustryParam(i: { code: string; section: string } | undefined): string | undefined {
  if (!i) return undefined;
  return i.code === i.section ? i.section : `${i.section}${i.code}`;
}

/** The code inside a project industry filter: C3670 → 3670, C → C. */
export const industryCodeOf = (param: string) => (param.length > 1 ? param.slice(1) : param);

export const activeFilterCount = (f: ProjectFilters) => Object.keys(f).length;
