import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineOperation } from '../../runtime/define.js';
import { buildRequest, parseInput } from '../../runtime/execute.js';
import { toJsonSchema } from '../../runtime/json-schema.js';

/** `check`: a rule across fields, applied with the input's validation (docs/adding-operations.md). */
describe('defineOperation check', () => {
  const op = defineOperation({
    name: 'copy_thing',
    title: 'Copy thing',
    description: 'A test operation.',
    resource: 'things',
    method: 'POST',
    path: '/things/{id}/copy',
    scopes: [],
    tokenCost: 5,
    params: { id: z.int().positive() },
    body: { to_id: z.int().positive(), note: z.string().optional() },
    check: (input) =>
      input.id === input.to_id ? { field: 'to_id', message: 'is the same as id' } : undefined,
    output: z.unknown(),
    sample: { id: 1, to_id: 2 },
  });

  const refused = (input: unknown) => {
    try {
      parseInput(op, input);
    } catch (error) {
      return (error as { details: { issues: unknown } }).details.issues;
    }
    return undefined;
  };

  it('sees the parsed values (a form\'s "7" is 7) and names its field', () => {
    expect(refused({ id: '7', to_id: 7 })).toEqual([{ path: 'to_id', message: 'is the same as id' }]);
    expect(parseInput(op, { id: '7', to_id: 8 })).toEqual({ id: 7, to_id: 8 });
  });

  it('runs only once every field parses: a field at fault is named alone', () => {
    expect(refused({ id: 0, to_id: 0 })).toEqual([
      { path: 'id', message: 'Too small: expected number to be >0' },
      { path: 'to_id', message: 'Too small: expected number to be >0' },
    ]);
  });

  it('is kept on the operation, and leaves the JSON Schema as it was', () => {
    expect(op.check?.({ id: 1, to_id: 1 })).toEqual({ field: 'to_id', message: 'is the same as id' });
    expect(toJsonSchema(op.input, 'input')).toMatchObject({
      type: 'object',
      required: ['id', 'to_id'],
      additionalProperties: false,
    });
  });
});

describe('path parameters', () => {
  const getThing = defineOperation({
    name: 'get_thing',
    title: 'Get thing',
    description: 'Returns one thing by its string ID.',
    resource: 'things',
    method: 'GET',
    path: '/things/{id}',
    api: 'v1',
    scopes: ['base'],
    tokenCost: 1,
    params: { id: z.string().min(1) },
    output: z.looseObject({}),
    sample: { id: 'abc' },
  });

  it('are encoded as one path segment', () => {
    expect(buildRequest(getThing, { id: 'a/b c' }).path).toBe('/things/a%2Fb%20c');
  });

  it('refuse `.` and `..`, which a URL would resolve to another endpoint, naming the field', () => {
    for (const id of ['.', '..']) {
      expect(() => buildRequest(getThing, { id })).toThrow(
        expect.objectContaining({
          code: 'invalid_input',
          details: { issues: [{ path: 'id', message: expect.any(String) }] },
        }),
      );
    }
  });
});
