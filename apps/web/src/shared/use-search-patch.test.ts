import { describe, expect, it } from 'vitest';
import { patchSearch } from './use-search-patch';

describe('patchSearch', () => {
  const prev = new URLSearchParams('q=海曙&page=3&size=50');
  it('sets, removes empty values, and keeps the rest', () => {
    expect(patchSearch(prev, { unitId: 7, q: '' }, false).toString()).toBe('page=3&size=50&unitId=7');
  });
  it('goes back to page one on a changed filter, unless the patch sets the page', () => {
    expect(patchSearch(prev, { unitId: 7 }, true).get('page')).toBeNull();
    expect(patchSearch(prev, { page: 4 }, true).get('page')).toBe('4');
  });
});
