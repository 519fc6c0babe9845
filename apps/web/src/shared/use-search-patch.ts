import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Filter values to put in the address; undefined or '' removes the key. */
export type SearchPatch = Record<string, string | number | undefined>;

/** `prev` with `patch` applied; with `dropPage`, paging starts over unless the patch sets `page` itself. */
export function patchSearch(prev: URLSearchParams, patch: SearchPatch, dropPage: boolean): URLSearchParams {
  const next = new URLSearchParams(prev);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === '') next.delete(k);
    else next.set(k, String(v));
  }
  if (dropPage && !('page' in patch)) next.delete('page');
  return next;
}

/**
 * A list page's filters live in the address. This gives the search params, a setter that applies a
 * patch to them without a history entry (`resetPage`: a changed filter goes back to page one; pass
 * `keepPage` to a single call to stay), and the router's own setter for a full reset.
 * The update is functional: the router applies search params asynchronously, so a closure's copy
 * of them can be stale.
 */
export function useSearchPatch(opts: { resetPage?: boolean } = {}) {
  const [params, setParams] = useSearchParams();
  const resetPage = !!opts.resetPage;
  const setQuery = useCallback(
    (patch: SearchPatch, keepPage = false) => setParams((prev) => patchSearch(prev, patch, resetPage && !keepPage), { replace: true }),
    [setParams, resetPage],
  );
  return [params, setQuery, setParams] as const;
}
