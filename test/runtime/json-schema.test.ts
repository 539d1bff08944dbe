import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildConnectorManifest } from '../../connector.js';
import { humanize, type JsonSchema, toJsonSchema } from '../../runtime/json-schema.js';
import { date, dateTime, labelled, labelledNumber } from '../../schemas/common.js';

type Node = JsonSchema & { properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

/** Every property of a schema, nested objects and array items included, with its dotted path. */
function properties(schema: Node, prefix = ''): [string, Node][] {
  const out: [string, Node][] = [];
  const visit = (node: Node | undefined, path: string) => {
    if (!node) return;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const here = path ? `${path}.${key}` : key;
      out.push([here, child]);
      visit(child, here);
    }
    visit(node.items, `${path}[]`);
    for (const alt of node.anyOf ?? []) visit(alt, path);
  };
  visit(schema, prefix);
  return out;
}

describe('JSON Schema for forms', () => {
  const manifest = buildConnectorManifest();

  it.each(manifest.operations.map((op) => [op.name, op] as const))(
    '%s: every input property has a title and a description',
    (_name, op) => {
      const missing = properties(op.input_schema as Node)
        .filter(
          ([, node]) =>
            typeof node.title !== 'string' || typeof node.description !== 'string' || !node.description,
        )
        .map(([path]) => path);
      expect(missing).toEqual([]);
    },
  );

  it('has no ±2^53 integer bounds and no regex noise next to formats anywhere', () => {
    const text = JSON.stringify(manifest);
    expect(text).not.toContain(String(Number.MAX_SAFE_INTEGER));
    const withBoth = properties(
      manifest.operations.find((o) => o.name === 'add_activity')?.input_schema as Node,
    ).filter(([, node]) => node.format && node.pattern);
    expect(withBoth).toEqual([]);
  });

  it('renders labelled enums as oneOf const/title, numeric ones too', () => {
    const schema = toJsonSchema(
      z.strictObject({
        status: labelled({ open: 'Open', won: 'Won' }, 'Status'),
        visible_to: labelledNumber([1, 3], { 1: 'Owner', 3: 'Company' }, 'Visibility'),
      }),
      'input',
    ) as Node;
    expect(schema.properties?.status).toMatchObject({
      type: 'string',
      oneOf: [
        { const: 'open', title: 'Open' },
        { const: 'won', title: 'Won' },
      ],
    });
    expect(schema.properties?.status).not.toHaveProperty('enum');
    expect(schema.properties?.visible_to).toMatchObject({
      oneOf: [
        { const: 1, title: 'Owner' },
        { const: 3, title: 'Company' },
      ],
    });
  });

  it('sets formats, required and integer minimums right', () => {
    const schema = toJsonSchema(
      z.strictObject({
        id: z.int().positive().meta({ description: 'id' }),
        day: date('day'),
        at: dateTime('at').optional(),
        email: z.email().optional().meta({ description: 'mail' }),
      }),
      'input',
    ) as Node;
    expect(schema.required).toEqual(['id', 'day']);
    expect(schema.properties?.id).toEqual({ type: 'integer', minimum: 1, title: 'ID', description: 'id' });
    expect(schema.properties?.day).toMatchObject({ type: 'string', format: 'date' });
    expect(schema.properties?.at).toMatchObject({ type: 'string', format: 'date-time' });
    expect(schema.properties?.email).toMatchObject({ format: 'email' });
    expect(schema.properties?.email).not.toHaveProperty('pattern');
  });

  it('marks the required fields of the operations', () => {
    const required = (name: string) =>
      manifest.operations.find((o) => o.name === name)?.input_schema.required;
    expect(required('add_deal')).toEqual(['title']);
    expect(required('update_deal')).toEqual(['id']);
    expect(required('search_deals')).toEqual(['term']);
    expect(required('list_deals')).toBeUndefined();
  });

  it('humanizes keys into titles', () => {
    expect(humanize('owner_id')).toBe('Owner ID');
    expect(humanize('org_id')).toBe('Organization ID');
    expect(humanize('include_option_labels')).toBe('Include option labels');
  });
});

describe('samples against the manifest schemas (as a form validator sees them)', () => {
  it('every operation sample and trigger input default passes its JSON Schema with Ajv 2020', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addKeyword('x-lookup');
    ajv.addKeyword('x-enum-labels');
    const manifest = buildConnectorManifest();
    const failures: string[] = [];
    for (const op of manifest.operations) {
      const validate = ajv.compile(op.input_schema);
      if (!validate(op.sample)) failures.push(`${op.name}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses regexes with flags, which JSON Schema would silently drop', () => {
    expect(() => toJsonSchema(z.strictObject({ a: z.string().regex(/^x$/i) }), 'input')).toThrow(/flags/);
  });
});
