import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTestTemplates, TEMPLATES_ENV } from '@wutong/db/testing';
import { TEST_TEMPLATES } from './templates.js';

/**
 * vitest global setup of the integration tier: builds this run's test templates once (PGlite
 * dumps in a temporary directory, or template databases on the PostgreSQL server) and removes
 * them at the end. Test workers find them through WUTONG_TEST_TEMPLATES.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'wutong-test-templates-'));
  const started = Date.now();
  const { announce, teardown } = await buildTestTemplates(dir, [...TEST_TEMPLATES]);
  process.env[TEMPLATES_ENV] = announce;
  if (process.env.WUTONG_TEST_TIMING === '1') console.log(`[test templates] built in ${Date.now() - started} ms`);
  return async () => {
    await teardown();
    rmSync(dir, { recursive: true, force: true });
  };
}
