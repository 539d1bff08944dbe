/**
 * The output check compiles a rewritten schema (`forChecking`: nullable `anyOf`s as `type: [X, 'null']`) for
 * speed. It must accept exactly what the manifest's output schema accepts: checked with fast-check on values
 * generated from every operation's output schema, then broken in one place (a field set to null, to another
 * type, or removed).
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import manifest from '../../connector.manifest.json' with { type: 'json' };
import { forChecking } from '../../runtime/output-check.js';
import { type Schema, validValue } from '../fuzz/arbitraries.js';

// Without Ajv's optimizing pass over the code it generates (the same verdicts; it is half of a compile, and every
// schema here is compiled for 60 values only).
const ajv = new Ajv2020({
  strict: false,
  allErrors: false,
  validateFormats: false,
  code: { optimize: false },
});

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    return [path, ...paths(child, path)];
  });
}

/**
 * `value` with the thing at `path` replaced (or removed when `replacement` is `undefined`): the objects and arrays
 * on the path are copies, the rest is shared with `value` (nothing here changes a value once made; a deep copy
 * of every value, `structuredClone`, was a third of this file's time).
 */
function broken(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (rest.length > 0) copy[key] = broken(copy[key], rest, replacement);
  else if (replacement === undefined && !Array.isArray(copy)) delete copy[key];
  else copy[key] = replacement;
  return copy;
}

const outputs = manifest.operations.map((op) => [op.name, op.output_schema as Schema] as const);

describe('forChecking', () => {
  it('leaves no nullable anyOf in any output schema', () => {
    const left = outputs.filter(([, schema]) => JSON.stringify(forChecking(schema)).includes('"anyOf"'));
    // Only the alternatives that are more than "X or null" stay anyOf.
    for (const [, schema] of left) {
      const text = JSON.stringify(forChecking(schema));
      expect(text).not.toMatch(
        /"anyOf":\[\{"type":"(string|integer|number|boolean)"[^{}]*\},\{"type":"null"\}\]/,
      );
    }
    expect(JSON.stringify(outputs.map(([, s]) => forChecking(s)))).toContain('["integer","null"]');
  });

  it.each(outputs)(
    '%s: the rewritten schema accepts exactly what the output schema accepts',
    (_name, schema) => {
      const original = ajv.compile(schema);
      const rewritten = ajv.compile(forChecking(schema) as object);
      const cases = validValue(schema).chain((value) => {
        const places = paths(value);
        if (places.length === 0) return fc.constant(value);
        return fc
          .tuple(
            fc.constantFrom(...places),
            fc.constantFrom<unknown>(null, 'x', 1, 1.5, true, [], {}, undefined),
          )
          .map(([path, replacement]) => broken(value, path, replacement));
      });
      let refused = 0;
      fc.assert(
        fc.property(fc.oneof(validValue(schema), cases, fc.jsonValue({ maxDepth: 3 })), (value) => {
          const verdict = original(value);
          if (!verdict) refused += 1;
          expect(rewritten(value)).toBe(verdict);
        }),
        { numRuns: 60 },
      );
      // The broken values must actually reach the refusing side (where the schema refuses anything at all, which
      // api_request's free-form answer does not), or the comparison proves little.
      if (!original('not an answer')) expect(refused).toBeGreaterThan(0);
    },
  );
});
