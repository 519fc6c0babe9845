import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Reads the module structure off the source: which module imports which (and whether through its
 * index.ts), the cycles, and which tables each module's code names. The architecture test holds
 * the rules against it; `npm run wutong -- module-graph` draws it for docs/architecture.md.
 */

const SRC = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(SRC, '../../..');
const MODULES_DIR = join(SRC, 'modules');
const SCHEMA_DIR = join(ROOT, 'packages/db/src/schema');

/** Tables every module may read: the org tree and people are the data scope itself; industries are national reference data. */
export const REFERENCE_TABLES = ['org_units', 'users', 'user_roles', 'industries'];

const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const isTest = (f: string) => /\.test\.ts$/.test(f) || f.includes('/testing/');
const stripComments = (s: string) => s.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');

export function sourceFiles() {
  return walk(MODULES_DIR)
    .filter((f) => f.endsWith('.ts') && !isTest(f))
    .map((f) => ({ file: relative(ROOT, f), module: relative(MODULES_DIR, f).split('/')[0]!, text: readFileSync(f, 'utf8') }));
}

/** table and view names → the module that owns them (its schema file), and which are views */
export function ownership() {
  const owner = new Map<string, string>();
  const views = new Set<string>();
  const jsNames = new Map<string, string>();
  for (const f of readdirSync(SCHEMA_DIR).filter((x) => x.endsWith('.ts') && x !== 'index.ts')) {
    const module = f.replace(/\.ts$/, '');
    const text = readFileSync(join(SCHEMA_DIR, f), 'utf8');
    for (const m of text.matchAll(/export const (\w+) = (pgTable|pgView)\(\s*'([a-z_]+)'/g)) {
      owner.set(m[3]!, module);
      jsNames.set(m[1]!, m[3]!);
      if (m[2] === 'pgView') views.add(m[3]!);
    }
  }
  return { owner, views, jsNames };
}

/** Other modules a file imports, and whether through their index. */
export function moduleImports(file: { file: string; module: string; text: string }) {
  const out: { target: string; viaIndex: boolean; spec: string }[] = [];
  for (const m of stripComments(file.text).matchAll(/(?:import|export)[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)) {
    const spec = m[1] ?? m[2]!;
    if (!spec.startsWith('.')) continue;
    const abs = resolve(ROOT, dirname(file.file), spec);
    const rel = relative(MODULES_DIR, abs);
    if (rel.startsWith('..')) continue;
    const target = rel.split('/')[0]!;
    if (target === file.module) continue;
    out.push({ target, viaIndex: rel === `${target}/index.js`, spec });
  }
  return out;
}

export function moduleGraph() {
  const graph = new Map<string, Set<string>>();
  for (const f of sourceFiles()) {
    if (!graph.has(f.module)) graph.set(f.module, new Set());
    for (const i of moduleImports(f)) graph.get(f.module)!.add(i.target);
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan). */
export function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

/** Every table a module's code names (imported from @wutong/db, or in SQL text) that it does not own. */
export function foreignTableAccess() {
  const { owner, views, jsNames } = ownership();
  const hits: string[] = [];
  for (const f of sourceFiles()) {
    const text = stripComments(f.text);
    const named = new Set<string>();
    for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'@wutong\/db'/g)) {
      for (const n of m[1]!.split(',').map((s) => s.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!)) if (jsNames.has(n)) named.add(jsNames.get(n)!);
    }
    for (const m of text.matchAll(/\b(?:from|join|into|update|table)\s+"?([a-z_][a-z0-9_]*)"?/gi)) if (owner.has(m[1]!)) named.add(m[1]!);
    for (const t of named) {
      if (owner.get(t) === f.module || views.has(t) || REFERENCE_TABLES.includes(t)) continue;
      hits.push(`${f.file}: ${t} (owned by ${owner.get(t)})`);
    }
  }
  return hits.sort();
}


/** The module graph as a Mermaid flowchart (docs/architecture.md), modules without tables drawn round. */
export function mermaid(): string {
  const graph = moduleGraph();
  const { owner } = ownership();
  const withTables = new Set(owner.values());
  const lines = ['flowchart TD'];
  for (const m of [...graph.keys()].sort()) lines.push(withTables.has(m) ? `  ${m}[${m}]` : `  ${m}(${m})`);
  for (const [m, deps] of [...graph.entries()].sort(([a], [b]) => a.localeCompare(b))) for (const d of [...deps].sort()) lines.push(`  ${m} --> ${d}`);
  return lines.join('\n');
}
