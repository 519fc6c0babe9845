// `npm test`: typecheck, lint, unit, integration on PGlite, integration on PostgreSQL (when
// TEST_DATABASE_URL is set), then the browser tests (when a Chromium is found) on PGlite, and on
// PostgreSQL when TEST_DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = join(root, 'artifacts');
mkdirSync(artifacts, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const tiers = [];
let broken = false;

function run(title, cmd, args, env = {}) {
  console.log(`\n━━ ${title} ━━`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  console.log(`━━ ${title}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!ok) broken = true;
  return ok;
}

function vitest(title, project, env = {}) {
  const out = join(artifacts, `vitest-${title.replace(/\W+/g, '-')}.json`);
  run(title, process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${out}`], env);
  if (!existsSync(out)) {
    tiers.push(`${title}: no report`);
    totals.failed++;
    return;
  }
  const j = JSON.parse(readFileSync(out, 'utf8'));
  const skipped = (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
  // a suite that fails before its tests (a hook, an import) reports them as skipped: count it
  const failedSuites = (j.testResults ?? []).filter((r) => r.status === 'failed' && !(r.assertionResults ?? []).some((a) => a.status === 'failed')).length;
  totals.passed += j.numPassedTests;
  totals.failed += j.numFailedTests + failedSuites;
  totals.skipped += skipped;
  tiers.push(`${title}: ${j.numPassedTests} passed, ${j.numFailedTests + failedSuites} failed, ${skipped} skipped`);
}

run('typecheck', 'npm', ['run', '-s', 'typecheck']);
run('lint', 'npm', ['run', '-s', 'lint']);
vitest('unit', 'unit');
vitest('integration (PGlite)', 'integration', { WUTONG_TEST_DB: 'pglite' });
if (process.env.TEST_DATABASE_URL) {
  vitest('integration (PostgreSQL)', 'integration', { WUTONG_TEST_DB: 'postgres' });
} else {
  tiers.push('integration (PostgreSQL): skipped — TEST_DATABASE_URL is not set');
}
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) {
  if (run('build web app', 'npm', ['run', '-s', 'build'])) {
    vitest('browser (Chromium, PGlite)', 'e2e', { CHROMIUM_PATH: chromium, WUTONG_E2E_DB: 'pglite' });
    // the same pages on the PostgreSQL server (screenshots in artifacts/screenshots-postgres/)
    if (process.env.TEST_DATABASE_URL) vitest('browser (Chromium, PostgreSQL)', 'e2e', { CHROMIUM_PATH: chromium, WUTONG_E2E_DB: 'postgres' });
    else tiers.push('browser (PostgreSQL): skipped — TEST_DATABASE_URL is not set');
  }
} else {
  tiers.push(`browser: skipped — no Chromium at ${chromium} (install the Debian package chromium, or set CHROMIUM_PATH)`);
}

console.log('\n━━ summary ━━');
for (const t of tiers) console.log(`  ${t}`);
if (broken && totals.failed === 0) totals.failed = 1; // a failed typecheck, lint or build counts
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(broken || totals.failed ? 1 : 0);
