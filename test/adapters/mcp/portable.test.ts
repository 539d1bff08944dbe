/**
 * The tool schemas the MCP server sends are portable (test/helpers/schema-lint.ts: the rules of the MCP
 * Inspector's portability lint): no finding on any tool of any toolset, read-only or not, nor on the input
 * schemas find_operations gives. The conversion (adapters/mcp/portable.ts) changes the spelling only: each
 * converted schema accepts exactly the values the manifest's accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTools, toolsetNames } from '../../../adapters/mcp/index.js';
import { portableSchema } from '../../../adapters/mcp/portable.js';
import connector from '../../../index.js';
import type { JsonSchema } from '../../../runtime/json-schema.js';
import { compile2020 } from '../../helpers/mcp.js';
import { lintSchema, lintTools } from '../../helpers/schema-lint.js';

const operations = connector.manifest.operations;
const lookups = connector.manifest.lookups as { name: string; input_schema: JsonSchema }[];

describe('the portability rules', () => {
  it('each rule finds what it is about, and a plain schema passes', () => {
    const rules = (schema: unknown, kind: 'input' | 'output' = 'output') =>
      lintSchema(schema, kind).map((f) => `${f.rule}@${f.path}`);
    expect(rules({ type: 'string' }, 'input')).toEqual(['input-root@']);
    expect(rules({ type: 'object', properties: { data: true } })).toEqual(['boolean-schema@properties/data']);
    expect(rules({ type: 'object', additionalProperties: false })).toEqual([]);
    expect(rules({ type: ['number', 'null'] })).toEqual(['type-union@']);
    expect(rules({ type: 'object', properties: { any: {} }, additionalProperties: {} })).toEqual([
      'untyped@additionalProperties',
      'untyped@properties/any',
    ]);
    expect(rules({ type: 'array', items: { anyOf: [{ type: 'string' }, { description: 'x' }] } })).toEqual([
      'untyped@items/anyOf/1',
    ]);
    expect(
      rules(
        {
          type: 'object',
          properties: { a: { enum: [1] }, b: { const: 'x' }, c: { oneOf: [{ const: 1 }] } },
          required: ['a'],
        },
        'input',
      ),
    ).toEqual([]);
  });

  it("the manifest's own schemas, as they were sent before, break the rules (both kinds)", () => {
    const raw = operations.map((op) => ({
      name: op.name,
      inputSchema: op.input_schema,
      outputSchema: op.output_schema,
    }));
    const found = new Set(lintTools(raw).map((f) => f.rule));
    expect(found).toEqual(new Set(['type-union', 'untyped']));
  });
});

describe('every tool schema the server sends is portable', () => {
  const sessions = toolsetNames().flatMap((toolset) =>
    [false, true].map((readOnly) => ({ toolsets: [toolset], readOnly, connectionArgument: readOnly })),
  );

  it.each(sessions.map((s) => [`${s.toolsets[0]}${s.readOnly ? ', read-only' : ''}`, s] as const))(
    '%s: no finding',
    (_name, choices) => {
      const tools = buildTools(choices).map((tool) => tool.definition);
      expect(tools.length).toBeGreaterThan(0);
      expect(lintTools(tools)).toEqual([]);
    },
  );

  it('the default list and the input schemas find_operations gives: no finding', () => {
    expect(lintTools(buildTools().map((tool) => tool.definition))).toEqual([]);
    for (const op of operations)
      expect(lintSchema(portableSchema(op.input_schema, 'input'), 'input'), op.name).toEqual([]);
  });
});

describe('the conversion keeps the meaning', () => {
  const values = fc.jsonValue({ maxDepth: 3 });

  /** The manifest's schema and its portable form accept the same values: each field alone, and the whole. */
  function sameVerdicts(name: string, original: JsonSchema, kind: 'input' | 'output', examples: unknown[]) {
    const converted = portableSchema(original, kind);
    const pairs: [string, unknown, unknown][] = [[name, original, converted]];
    const fields = (original.properties ?? {}) as Record<string, unknown>;
    const convertedFields = (converted.properties ?? {}) as Record<string, unknown>;
    for (const [field, schema] of Object.entries(fields))
      pairs.push([`${name}.${field}`, schema, convertedFields[field]]);
    for (const [where, before, after] of pairs) {
      const a = compile2020(before as object);
      const b = compile2020(after as object);
      for (const example of examples)
        expect(b(example), `${where}: ${JSON.stringify(example)}`).toBe(a(example));
      fc.assert(
        fc.property(values, (value) => a(value) === b(value)),
        { numRuns: 40, seed: 23 },
      );
    }
  }

  it('for every input schema (operations and lookups), with each sample', () => {
    for (const op of operations)
      sameVerdicts(op.name, op.input_schema, 'input', [op.sample, {}, { ...op.sample, id: null }]);
    for (const lookup of lookups)
      sameVerdicts(`lookup ${lookup.name}`, lookup.input_schema, 'input', [{ search: 'Acme' }]);
  }, 180_000); // two Ajv compiles per field of every operation

  it('for every output schema, and empty and null data', () => {
    for (const op of operations) {
      sameVerdicts(op.name, op.output_schema, 'output', [
        { success: true, data: null },
        { success: true, data: [] },
      ]);
    }
  }, 180_000); // two Ajv compiles per field of every operation

  it('nullable fields still take null; labelled enums keep their values and say their labels', () => {
    const schema = portableSchema(
      {
        type: 'object',
        properties: {
          stage_id: {
            type: ['integer', 'null'],
            minimum: 1,
            title: 'Stage',
            description: 'The stage',
            'x-lookup': { lookup: 'stages' },
          },
          visible_to: {
            type: 'number',
            description: 'Who sees it',
            oneOf: [
              { const: 1, title: 'Owner only' },
              { const: 3, title: '3' },
            ],
          },
          anything: { description: 'Any JSON' },
          loose: { type: 'object', additionalProperties: {} },
        },
      } as JsonSchema,
      'input',
    );
    expect(schema.properties).toEqual({
      stage_id: { description: 'The stage', anyOf: [{ type: 'integer', minimum: 1 }, { type: 'null' }] },
      visible_to: { type: 'number', description: 'Who sees it. Values: 1 = Owner only.', enum: [1, 3] },
      anything: {
        description: 'Any JSON',
        anyOf: ['object', 'array', 'string', 'number', 'boolean', 'null'].map((type) => ({ type })),
      },
      loose: { type: 'object' },
    });
  });
});
