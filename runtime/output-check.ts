import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { z } from 'zod';
import { toJsonSchema } from './json-schema.js';

/**
 * A fast yes/no for "does this answer fit the output schema": the JSON Schema that zod derives from the
 * output schema, compiled once per schema by Ajv. Ajv checks in place, where zod's parse builds a copy of
 * every record; on a list of 100 deals that copy is a third of the call. Only a "no" goes to zod, whose
 * issues name the offending fields. Outputs have no transforms, so what passes is returned as it came.
 */
const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: false });
const compiled = new WeakMap<z.ZodType, ValidateFunction>();

/** Keywords beside `type` after which `type: [X, 'null']` no longer means "X or null". */
const NOT_MERGEABLE = ['enum', 'const', 'anyOf', 'oneOf', 'allOf', 'not', '$ref', 'if'];

/**
 * The same schema, with every nullable field's `anyOf: [{type: X, …}, {type: 'null'}]` (how zod writes
 * `.nullable()`) as `{type: [X, 'null'], …}`. Both accept exactly the same values, but Ajv checks the first with
 * a failed branch, an error object and a reset for every null in the answer (half the fields of a typical
 * record), and the second with one `typeof`.
 */
export function forChecking(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forChecking);
  if (schema === null || typeof schema !== 'object') return schema;
  const node = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, forChecking(value)]));
  const branches = node.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const nullIndex = branches.findIndex(
      (b) =>
        b &&
        typeof b === 'object' &&
        (b as { type?: unknown }).type === 'null' &&
        Object.keys(b).length === 1,
    );
    const other = branches[1 - nullIndex] as Record<string, unknown> | undefined;
    if (
      nullIndex !== -1 &&
      other &&
      typeof other.type === 'string' &&
      !NOT_MERGEABLE.some((keyword) => keyword in other)
    ) {
      const { anyOf: _anyOf, ...rest } = node;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return node;
}

export function fitsOutput(schema: z.ZodType, body: unknown): boolean {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(forChecking(toJsonSchema(schema, 'output')) as object);
    compiled.set(schema, validate);
  }
  return validate(body);
}
