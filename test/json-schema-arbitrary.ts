import fc from 'fast-check';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
};

// Any UTF-16 code unit, so NUL and lone surrogates turn up as often as letters do.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: anyCodeUnit, maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    'PT',
    '4050-262',
    'maria@example.pt',
    'correct horse battery staple',
    '501964843',
    '\u0000',
    '\ud800',
    '😀',
  ),
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
    case 'string':
      return schema.format === 'email' ? email : text;
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer());
    case 'number':
      return fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double());
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(schema.items && depth < 4 ? nearValid(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), {
        maxLength: 4,
      });
    case 'object': {
      const props = Object.entries(schema.properties ?? {});
      if (depth > 4 || props.length === 0)
        return fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 });
      const required = new Set(schema.required ?? []);
      const model = Object.fromEntries(props.map(([k, s]) => [k, nearValid(s, depth + 1)]));
      // Required keys always present (a missing one is the wild alternative's business); optional ones sometimes.
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

// Plausible values by field name, so a base body gets past the first checks of most routes.
const examples: Record<string, unknown> = {
  email: 'maria@example.pt',
  password: 'correct horse battery staple',
  newPassword: 'a brand new passphrase',
  currentPassword: 'correct horse battery staple',
  phone: '912 345 678',
  postalCode: '4050-262',
  country: 'PT',
  nif: '501964843',
  code: '123456',
  token: 'tok_0123456789abcdef',
  reason: 'A reason long enough to pass.',
  primaryColour: '#1f4f8f',
  accentColour: '#d9480f',
  handle: 'a-handle',
  slug: 'a-shop',
};

/** One value the schema would likely accept (examples by field name, else the simplest of its type). */
export function plausible(schema: JsonSchema, name = ''): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternative = (schema.anyOf ?? schema.oneOf ?? schema.allOf)?.[0];
  if (alternative) return plausible(alternative, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return examples[name] ?? 'Porto';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return schema.items ? [plausible(schema.items, name)] : [];
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, s]) => [k, plausible(s, k)]));
    default:
      return null;
  }
}

const wrongValues: unknown[] = [
  123,
  -1.5,
  true,
  null,
  [],
  ['x'],
  {},
  { $ne: 1 },
  '',
  '\u0000',
  '\ud800',
  'x'.repeat(5000),
];

/**
 * Deterministic companion to nearValid: a plausible body with exactly one field (at any depth up
 * to `maxDepth`) replaced by each value of the wrong type or shape, so a check that trusts
 * another field's type is found every run, not by luck.
 */
export function oneFieldWrong(schema: JsonSchema, maxDepth = 2): unknown[] {
  const base = plausible(schema);
  const bodies: unknown[] = [];
  const visit = (s: JsonSchema, path: string[]) => {
    if (path.length > 0) for (const wrong of wrongValues) bodies.push(setAt(base, path, wrong));
    if (path.length >= maxDepth) return;
    for (const [k, child] of Object.entries(s.properties ?? {})) visit(child, [...path, k]);
  };
  visit(schema, []);
  return bodies;
}

function setAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  const object = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { ...object, [head]: setAt(object[head], rest, replacement) };
}
