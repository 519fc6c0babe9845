import { describe, expect, it } from 'vitest';
import { allRoutes } from '../modules.js';
import { loadConfig } from './config.js';
import { buildOpenApi } from './http.js';

describe('OpenAPI document', () => {
  const doc = buildOpenApi(allRoutes(loadConfig({})), '0.0.0') as { paths: Record<string, Record<string, Record<string, unknown>>> };
  it('lists every route with {param} paths, roles and entities', () => {
    const op = doc.paths['/api/org/units/{id}/move']!.post!;
    expect(op['x-wutong-roles']).toEqual(['admin']);
    expect(op['x-wutong-entities']).toEqual({ id: 'org_unit', parentId: 'org_unit' });
    expect((op.parameters as { name: string; in: string }[])[0]).toMatchObject({ name: 'id', in: 'path', required: true });
    expect(op.requestBody).toBeDefined();
  });
  it('marks public routes and gives unique operation ids', () => {
    expect(doc.paths['/api/health']!.get!['x-wutong-public']).toBe(true);
    const ids = Object.values(doc.paths).flatMap((m) => Object.values(m).map((o) => o.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
