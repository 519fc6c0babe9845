// Wutong's module boundaries as lint rules (docs/architecture.md). The architecture test
// (apps/api/src/architecture.test.ts) checks the same and the SQL text, which lint cannot see.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MODULES = join(ROOT, 'apps/api/src/modules');
const SCHEMA = join(ROOT, 'packages/db/src/schema');
const REFERENCE = new Set(['orgUnits', 'users', 'userRoles', 'industries']);

/** drizzle export name → owning module (schema file name); views are anyone's to read */
const owner = new Map();
for (const f of readdirSync(SCHEMA).filter((x) => x.endsWith('.ts') && x !== 'index.ts')) {
  const text = readFileSync(join(SCHEMA, f), 'utf8');
  for (const m of text.matchAll(/export const (\w+) = pgTable\(/g)) owner.set(m[1], f.replace(/\.ts$/, ''));
}

const moduleOf = (file) => {
  const rel = relative(MODULES, file);
  return rel.startsWith('..') ? null : rel.split(sep)[0];
};

const publicFace = {
  meta: { type: 'problem', messages: { face: "Import the '{{target}}' module through its index.ts ('{{suggest}}'), not its file '{{spec}}'." } },
  create(context) {
    const file = context.filename;
    const here = moduleOf(file);
    return {
      ImportDeclaration(node) {
        const spec = node.source.value;
        if (typeof spec !== 'string' || !spec.startsWith('.')) return;
        const abs = resolve(dirname(file), spec);
        const target = moduleOf(abs);
        if (!target || target === here) return;
        if (relative(join(MODULES, target), abs) === 'index.js') return;
        const suggest = relative(dirname(file), join(MODULES, target, 'index.js')).split(sep).join('/');
        context.report({ node: node.source, messageId: 'face', data: { target, spec, suggest: suggest.startsWith('.') ? suggest : `./${suggest}` } });
      },
    };
  },
};

const ownTables = {
  meta: { type: 'problem', messages: { table: "'{{name}}' belongs to the {{owner}} module: read it through that module's service or its published view, write it through its service." } },
  create(context) {
    const here = moduleOf(context.filename);
    return {
      ImportDeclaration(node) {
        if (node.source.value !== '@wutong/db' || !here) return;
        for (const s of node.specifiers) {
          const name = s.imported?.name;
          const o = name && owner.get(name);
          if (o && o !== here && !REFERENCE.has(name)) context.report({ node: s, messageId: 'table', data: { name, owner: o } });
        }
      },
    };
  },
};

export default { rules: { 'public-face': publicFace, 'own-tables': ownTables } };
