import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './testing/app.js';
import { seedDemo } from './seeds/demo.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp((d) => seedDemo(d.db));
  });
  afterAll(() => t?.close());
  it('health', async () => {
    const r = await t.call('GET', '/api/health');
    expect(r.json()).toMatchObject({ status: 'ok' });
  });
});
