import fc from 'fast-check';

type JsonSchema = {
  type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; items?: JsonSchema;
  enum?: unknown[]; const?: unknown; anyOf?: JsonSchema[]; oneOf?: JsonSchema[]; allOf?: JsonSchema[];
  format?: string; minLength?: number; maxLength?: number; maxItems?: number; default?: unknown;
};

// Any UTF-16 code unit, so NUL and lone surrogates turn up as often as letters do.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 20 }),
  fc.constantFrom('', ' ', 'PT', '4050-262', 'maria@example.pt', 'correct horse battery staple', '501964843', '\u0000', '\ud800', '😀'),
);
const email = fc.oneof(fc.emailAddress(), text);

/**
 * Values shaped like the schema says, each one sometimes replaced by any JSON at all, so bodies
 * are near-valid: they get past the first checks and reach the deeper ones.
 */
export function nearValid(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const wild = fc.jsonValue({ maxDepth: 2 });
  return fc.oneof({ weight: 6, arbitrary: shaped(schema, depth) }, { weight: 1, arbitrary: wild });
}

function shaped(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => nearValid(s, depth + 1)));
  if (schema.allOf?.[0]) return nearValid(schema.allOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': return schema.format === 'email' ? email : text;
    case 'integer': return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer());
    case 'number': return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double());
    case 'boolean': return fc.boolean();
    case 'null': return fc.constant(null);
    case 'array': return fc.array(schema.items && depth < 4 ? nearValid(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (depth > 4 || props.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      const required = new Set(schema.required ?? []);
      const model = Object.fromEntries(props.map(([k, s]) => [k, nearValid(s, depth + 1)]));
      // Required keys always present (a missing one is the wild alternative's business); optional ones sometimes.
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    default: return fc.jsonValue({ maxDepth: 2 });
  }
}
