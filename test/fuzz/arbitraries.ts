/**
 * fast-check arbitraries derived from the manifest's JSON Schemas: values a schema accepts (`validValue`,
 * `validInput`), and mutations of a valid input that no schema accepts (`invalidInput`), each naming the field
 * the answer must point at.
 */
import fc from 'fast-check';

export type Schema = Record<string, unknown>;

const SAFE = Number.MAX_SAFE_INTEGER;
const isObject = (v: unknown): v is Schema => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Text that breaks naive code: control characters, lone surrogates, bidi overrides, combining marks, ... */
export const WEIRD_TEXT = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202Eevil',
  '\u200B',
  'e\u0301\u0301\u0301',
  '😀👩‍👩‍👧‍👦',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'ﷺ',
  '\r\nX-Injected: 1',
  '%00%2e%2e%2f',
  '../../etc/passwd',
  '{{7*7}}#{7*7}%{7*7}',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '__proto__',
  'constructor',
  'null',
  '1e999',
  '-0',
  'ＡＢＣ',
];

const SURROGATES = 0xe000 - 0xd800;

/**
 * fast-check's `unit: 'binary'`, any code point but a surrogate, as it makes it (the same values and shrinks for
 * a seed) but with a cheap way back from a character to its index: fast-check's builds a map of all 1.1 million
 * when a string arbitrary is made (1.4 s of CPU in each file that imports this one).
 */
const anyCodePoint = fc.nat({ max: 0x10ffff - SURROGATES }).map(
  (index) => String.fromCodePoint(index < 0xd800 ? index : index + SURROGATES),
  (value) => {
    const code = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (code === undefined || String.fromCodePoint(code) !== value || (code >= 0xd800 && code < 0xe000)) {
      throw new Error('not one code point outside the surrogates');
    }
    return code < 0xd800 ? code : code - SURROGATES;
  },
);

/** Strings of every kind: short plain ones, any code point (lone surrogates too), the weird list, sometimes huge. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 20 }), weight: 4 },
  { arbitrary: fc.string({ unit: anyCodePoint, maxLength: 20 }), weight: 2 },
  { arbitrary: fc.constantFrom(...WEIRD_TEXT), weight: 2 },
  { arbitrary: fc.constantFrom('a', '€', '\uD83D').map((c) => c.repeat(100_000)), weight: 1 },
);

const day = fc.date({ min: new Date('1970-01-01'), max: new Date('2099-12-31'), noInvalidDate: true });
const word = fc.stringMatching(/^[a-z0-9]{1,10}$/);
const email = fc
  .tuple(word, word, fc.constantFrom('com', 'ee', 'io', 'example'))
  .map(([local, host, tld]) => `${local}@${host}.${tld}`);
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

function stringArb(schema: Schema): fc.Arbitrary<string> {
  switch (schema.format) {
    case 'date':
      return day.map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return day.map((d) => d.toISOString());
    case 'email':
      return email;
    case 'uuid':
      return fc.uuid();
    case 'uri':
      return fc.tuple(word, word).map(([host, path]) => `https://${host}.example/${path}`);
  }
  if (typeof schema.pattern === 'string') {
    // HH:MM is the one pattern whose generated strings would mostly be rejected as times (e.g. 29:99 fits \d\d).
    if (schema.pattern.includes('[01]\\d|2[0-3]')) return time;
    return fc.stringMatching(new RegExp(schema.pattern));
  }
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = schema.maxLength === undefined ? undefined : Number(schema.maxLength);
  if (minLength > 0 || maxLength !== undefined) {
    return fc.string({ minLength, maxLength: maxLength ?? minLength + 20 });
  }
  return anyText;
}

function integerArb(schema: Schema): fc.Arbitrary<number> {
  let min = typeof schema.minimum === 'number' ? schema.minimum : -SAFE;
  const max = typeof schema.maximum === 'number' ? schema.maximum : SAFE;
  if (typeof schema.exclusiveMinimum === 'number') min = Math.max(min, schema.exclusiveMinimum + 1);
  const small = fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) });
  return min <= max && max - min > 2000
    ? fc.oneof(small, fc.integer({ min, max }))
    : fc.integer({ min, max });
}

function numberArb(schema: Schema): fc.Arbitrary<number> {
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  const exclusive = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  return fc
    .double({
      noNaN: true,
      noDefaultInfinity: true,
      ...(min !== undefined ? { min } : {}),
      ...(max !== undefined ? { max } : {}),
    })
    .filter((n) => Number.isFinite(n) && (exclusive === undefined || n > exclusive))
    .map((n) => (Object.is(n, -0) ? 0 : n));
}

function consts(schema: Schema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((o) => isObject(o) && 'const' in o)) {
    return (schema.oneOf as Schema[]).map((o) => o.const);
  }
  return undefined;
}

/** Custom field values the runtime sends as they are (hash keys, no labels to resolve): no definitions read. */
const encodedCustomFields = fc.dictionary(
  fc.stringMatching(/^[0-9a-f]{40}$/),
  fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
  ),
  { maxKeys: 3 },
);

/** Content types a file field takes: one of its `accept` list (a wildcard made concrete), or any. */
function fileTypes(accept: unknown): string[] {
  if (!Array.isArray(accept))
    return ['application/pdf', 'text/plain', 'image/png', 'application/octet-stream'];
  const concrete: Record<string, string[]> = {
    'image/*': ['image/png', 'image/jpeg'],
    'audio/*': ['audio/mpeg', 'audio/wav'],
  };
  return (accept as string[]).flatMap((type) => concrete[type] ?? [type]);
}

/** A file as JSON carries it (`x-binary`): a little base64, a name, a type the field takes. */
function fileArb(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const binary = schema['x-binary'] as { accept?: unknown };
  return fc.record(
    {
      base64: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes).toString('base64')),
      name: fc.stringMatching(/^[\w][\w .-]{0,30}$/),
      type: fc.constantFrom(...fileTypes(binary.accept)),
    },
    { requiredKeys: ['base64', 'type'] },
  );
}

/** A value the schema accepts. */
export function validValue(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (isObject(schema['x-binary'])) return fileArb(schema);
  const values = consts(schema);
  if (values) return fc.constantFrom(...values);
  if (Array.isArray(schema.anyOf)) {
    return fc.oneof(
      ...(schema.anyOf as Schema[]).map((alt) => validValue({ ...schema, anyOf: undefined, ...alt }, depth)),
    );
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(...(schema.type as string[]).map((type) => validValue({ ...schema, type }, depth)));
  }
  switch (schema.type) {
    case 'string':
      return stringArb(schema);
    case 'integer':
      return integerArb(schema);
    case 'number':
      return numberArb(schema);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const minLength = Number(schema.minItems ?? 0);
      const maxLength = Math.max(minLength, Math.min(Number(schema.maxItems ?? 4), 4));
      return fc.array(validValue(isObject(schema.items) ? schema.items : {}, depth + 1), {
        minLength,
        maxLength,
      });
    }
    case 'object':
      return objectArb(schema, depth);
    default:
      // No constraint at all: any JSON value.
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArb(schema: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const names = Object.keys(properties);
  const extra = schema.additionalProperties;
  if (names.length === 0 && isObject(extra)) {
    const free = Object.keys(extra).filter((k) => !['title', 'description'].includes(k)).length === 0;
    if (free && isObject(schema.propertyNames)) return encodedCustomFields;
    const key = isObject(schema.propertyNames)
      ? stringArb(schema.propertyNames)
      : fc.string({ maxLength: 10 });
    return fc.dictionary(key, validValue(extra, depth + 1), { maxKeys: 3 });
  }
  const model = Object.fromEntries(
    names.map((name) => [name, validValue(properties[name] as Schema, depth + 1)]),
  );
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const record = fc.record(model, { requiredKeys: required });
  const minProperties = Number(schema.minProperties ?? 0);
  return minProperties > 0 ? record.filter((value) => Object.keys(value).length >= minProperties) : record;
}

/** A valid input of an operation or trigger, from its input schema. */
export function validInput(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  return objectArb(schema, 0);
}

/** What a mutation did, and which field the refusal must name (empty: the input as a whole). */
export interface Mutation {
  kind: string;
  field: string;
  input: unknown;
}

/** A value of the wrong kind for this schema, one that no forgiving conversion turns into a right one. */
function wrongValue(schema: Schema): fc.Arbitrary<unknown> | undefined {
  const values = consts(schema);
  const types = new Set(Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string]);
  if (Array.isArray(schema.anyOf)) {
    for (const alt of schema.anyOf as Schema[]) for (const t of [alt.type].flat()) types.add(t as string);
  }
  if (values) {
    return fc.constantFrom('__not_an_option__', 987654321, { nested: ['junk'] }, [[[]]]);
  }
  if (types.has(undefined as unknown as string) && !values && !schema.anyOf) return undefined;
  const candidates: unknown[] = [];
  if (!types.has('object')) candidates.push({ nested: { deeper: ['junk', { x: 1 }] } }, {});
  if (!types.has('array') && !types.has('string')) candidates.push([{ a: 1 }], [[[]]]);
  // A string where a list is expected is read as a comma-separated list: not a wrong type for arrays.
  if (!types.has('string') && !types.has('array'))
    candidates.push('x'.repeat(100_000), 'not a number \u0000\uD800', '12abc');
  if (!types.has('boolean') && !types.has('string')) candidates.push(true);
  if (!types.has('number') && !types.has('integer') && !types.has('string')) candidates.push(42.5, -1);
  if (types.has('integer') && !types.has('number') && !types.has('string')) candidates.push(1.5, 2 ** 60);
  if (types.has('string') && !types.has('number') && !types.has('integer')) candidates.push(42, false);
  return candidates.length > 0 ? fc.constantFrom(...candidates) : undefined;
}

const unknownKey = fc.oneof(
  fc.stringMatching(/^[a-z_]{3,12}$/).map((k) => `zz_${k}`),
  fc.constantFrom('__proto_', 'constructor_', '\uD800', '😀', 'k'.repeat(10_000), 'api_token ', ''),
);

/** Nesting that no field of any operation has: a deep chain of arrays and objects. */
export function deepJunk(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { x: value };
  return value;
}

/**
 * Mutations of valid inputs that the schema must refuse: a required field missing, an unknown field, a value of
 * the wrong type (also huge, unicode or nested junk), and inputs that are not objects at all.
 */
export function invalidInput(
  schema: Schema,
  valid: fc.Arbitrary<Record<string, unknown>>,
): fc.Arbitrary<Mutation> {
  const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const mutations: fc.Arbitrary<Mutation>[] = [];
  if (required.length > 0) {
    mutations.push(
      fc.tuple(valid, fc.constantFrom(...required)).map(([input, field]) => {
        const { [field]: _gone, ...rest } = input;
        return { kind: 'missing required', field, input: rest };
      }),
    );
  }
  mutations.push(
    fc.tuple(valid, unknownKey, validValue({})).map(([input, key, value]) => {
      const field = Object.hasOwn(properties, key) ? `${key}_x` : key;
      return { kind: 'unknown field', field, input: { ...input, [field]: value } };
    }),
  );
  const typed = Object.entries(properties)
    .map(([name, prop]) => [name, wrongValue(prop)] as const)
    .filter((entry): entry is readonly [string, fc.Arbitrary<unknown>] => entry[1] !== undefined);
  if (typed.length > 0) {
    const wrong = fc.oneof(...typed.map(([name, arb]) => arb.map((value) => [name, value] as const)));
    mutations.push(
      fc.tuple(valid, wrong).map(([input, [field, value]]) => ({
        kind: 'wrong type',
        field,
        input: { ...input, [field]: value },
      })),
    );
    mutations.push(
      fc
        .tuple(valid, fc.constantFrom(...typed.map(([name]) => name)), fc.integer({ min: 50, max: 5000 }))
        .map(([input, field, levels]) => ({
          kind: 'nested junk',
          field,
          input: { ...input, [field]: deepJunk(levels) },
        })),
    );
  }
  mutations.push(
    fc
      .constantFrom<unknown>([], 'a string', 42, true, [{ title: 'x' }])
      .map((input) => ({ kind: 'not an object', field: '', input })),
  );
  return fc.oneof(...mutations);
}
