/** Builds a value that satisfies a JSON schema (as generated from our zod contracts). */
type Schema = {
  examples?: unknown[];
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patterns?: string[];
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
};

const STRING_CANDIDATES = ['C3971', '91110000600037341L', 'scope_test_1', 'Scope-Test-2026', 'abcdefgh', '2026-01-15', '12345678', '13800000000', 'zh-CN', 'x', 'scope_test.xlsx'];

function sampleString(s: Schema): string {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? 64;
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T00:00:00.000Z';
  const res = [s.pattern, ...(s.patterns ?? [])].filter(Boolean).map((p) => new RegExp(p!));
  for (const c of STRING_CANDIDATES) {
    const v = c.length < min ? c.padEnd(min, 'x') : c.slice(0, max);
    if (v.length >= min && v.length <= max && res.every((re) => re.test(v))) return v;
  }
  throw new Error(`cannot sample a string for ${JSON.stringify(s)}`);
}

export function sample(s: Schema): unknown {
  // a contract whose rules JSON schema cannot express carries an example
  if (s.examples?.length) return structuredClone(s.examples[0]);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((x) => x.type !== 'null') ?? alt[0]!);
  if (s.allOf) {
    // zod writes a chain of checks as allOf: merge them, keeping every pattern
    const patterns = [s.pattern, ...s.allOf.map((x) => x.pattern)].filter(Boolean) as string[];
    const merged: Schema = Object.assign({}, ...s.allOf, { ...s, allOf: undefined });
    return sample({ ...merged, pattern: undefined, patterns } as Schema);
  }
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object':
      // required fields only: optional ones may exclude each other (a rule JSON schema cannot show)
      return Object.fromEntries(
        Object.entries(s.properties ?? {})
          .filter(([k]) => (s.required ?? []).includes(k))
          .map(([k, v]) => [k, sample(v)]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items ?? { type: 'string' }));
    case 'string':
      return sampleString(s);
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    default:
      return null;
  }
}
