/**
 * A path parameter's value goes into the URL, where `.` and `..` would resolve to another endpoint: the runtime
 * refuses them for every operation (runtime/execute.ts), and each string path parameter's JSON Schema says so
 * too, so that a form, an agent or a fuzzer that follows the schema never sends one. A fuzz run found the goal
 * IDs' schema without it.
 */
import { describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { allOperations } from '../../operations/index.js';
import { compile2020 } from '../helpers/mcp.js';

type Schema = { type?: string | string[]; anyOf?: Schema[]; oneOf?: Schema[] };

const acceptsStrings = (schema: Schema): boolean =>
  [schema.type].flat().includes('string') ||
  [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(acceptsStrings);

describe('path parameters', () => {
  const cases = allOperations.flatMap((op) => {
    const entry = connector.manifest.operations.find((o) => o.name === op.name);
    if (!entry || !('path' in op) || typeof op.path !== 'string') return [];
    const properties = (entry.input_schema as { properties?: Record<string, Schema> }).properties ?? {};
    return [...op.path.matchAll(/\{(\w+)\}/g)]
      .map((match) => match[1] as string)
      .filter((key) => properties[key] && acceptsStrings(properties[key] as Schema))
      .map((key) => [`${op.name}.${key}`, properties[key] as Schema] as const);
  });

  it('some take strings (the check below has something to check)', () => {
    expect(cases.map(([name]) => name)).toEqual(
      expect.arrayContaining(['get_goal_result.id', 'get_call_log.id']),
    );
  });

  it.each(cases)('%s: its schema refuses `.` and `..`', (_name, schema) => {
    const validate = compile2020(schema);
    expect(validate('.')).toBe(false);
    expect(validate('..')).toBe(false);
  });
});
