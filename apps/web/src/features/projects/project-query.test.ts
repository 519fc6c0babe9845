import { describe, expect, test } from 'vitest';
import { filterPatch, industryCodeOf, projectIndustryParam, readProjectParams, toApiParams } from './project-query';

describe('project list state in the address', () => {
  test('reads what it understands and drops the rest', () => {
    const p = readProjectParams(
      new URLSearchParams('q=hcx&stage=lead,bogus,signed&light=red&unitId=3&industry=C36&minInvestment=100&from=2026-01-01&to=nope&sort=investment&dir=asc&view=board&origin=mars'),
    );
    expect(p.filters).toEqual({ q: 'hcx', stage: ['lead', 'signed'], light: ['red'], unitId: 3, industry: 'C36', minInvestment: 100, from: '2026-01-01' });
    expect(p.sort).toEqual({ sort: 'investment', dir: 'asc' });
    expect(p.view).toBe('board');
  });
  test('an empty address is the default view', () => {
    expect(readProjectParams(new URLSearchParams())).toEqual({ filters: {}, sort: {}, view: 'table' });
  });
  test('patches become query-string values; empty removes', () => {
    expect(filterPatch({ stage: ['lead', 'signed'], light: [], unitId: 4, q: '' })).toEqual({ stage: 'lead,signed', light: undefined, unitId: '4', q: undefined });
  });
  test('the API gets comma lists and a direction only with a sort', () => {
    expect(toApiParams({ stage: ['lead'], light: ['red', 'yellow'] })).toMatchObject({ stage: 'lead', light: 'red,yellow', dir: undefined });
    expect(toApiParams({}, { sort: 'name' })).toMatchObject({ sort: 'name', dir: 'desc' });
  });
  test('industry codes carry their section letter for the API', () => {
    expect(projectIndustryParam({ code: '3670', section: 'C' })).toBe('C3670');
    expect(projectIndustryParam({ code: 'C', section: 'C' })).toBe('C');
    expect(industryCodeOf('C3670')).toBe('3670');
    expect(industryCodeOf('C')).toBe('C');
  });
});
