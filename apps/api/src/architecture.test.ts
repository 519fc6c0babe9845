import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cycles, foreignTableAccess, mermaid, moduleGraph, moduleImports, ownership, sourceFiles } from './architecture.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MODULES_DIR = join(ROOT, 'apps/api/src/modules');

/**
 * The module boundaries, checked on the source (docs/architecture.md says why):
 * - another module is imported only through its `index.ts`;
 * - modules depend on each other without cycles;
 * - a module's SQL touches its own tables (`packages/db/src/schema/<module>.ts`), the shared
 *   reference tables and other modules' published views — never another module's tables.
 * Tests and test fixtures may reach inside the module they test.
 */

describe('module boundaries', () => {
  it('another module is imported only through its index.ts', () => {
    const leaks = sourceFiles().flatMap((f) => moduleImports(f).filter((i) => !i.viaIndex).map((i) => `${f.file}: ${i.spec}`));
    expect(leaks).toEqual([]);
  });

  it('modules depend on each other without cycles', () => {
    expect(cycles(moduleGraph())).toEqual([]);
  });

  it('a module touches only its own tables, the reference tables and published views', () => {
    expect(foreignTableAccess()).toEqual([]);
  });

  it('every module has its public face and its manifest', () => {
    for (const m of readdirSync(MODULES_DIR)) {
      const files = readdirSync(join(MODULES_DIR, m));
      expect(files, m).toContain('index.ts');
      expect(files, m).toContain(`${m}.module.ts`);
    }
  });

  it('docs/architecture.md draws the graph as it is (npm run wutong -- module-graph)', () => {
    expect(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8')).toContain(mermaid());
  });

  it('finds what it is meant to find (the checks are not vacuous)', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
      ['d', new Set(['a'])],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c']]);
    expect(ownership().owner.get('projects')).toBe('projects');
    expect(ownership().views.has('project_profiles')).toBe(true);
    expect(sourceFiles().length).toBeGreaterThan(50);
  });
});
