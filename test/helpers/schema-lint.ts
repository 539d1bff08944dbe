/**
 * A portability check of MCP tool schemas, after the rules of the MCP Inspector's tool-schema lint
 * (modelcontextprotocol/inspector, core/json/schemaLint.ts, PR #2121): not a JSON Schema validator (every schema
 * here is valid 2020-12), but the narrower subset that clients translating tool schemas accept. Written from the
 * rules as the Inspector describes them; none of its code. The rules:
 *
 * - `input-root` (error): an input schema is an object schema (`type: "object"`), as MCP requires.
 * - `boolean-schema` (error): a bare `true`/`false` where a schema object is expected (a property, an item, a
 *   branch). `additionalProperties`/`unevaluatedProperties` may be booleans: every client reads those.
 * - `type-union` (warning): `type` given as an array (`["number", "null"]`). Legal, but consumers that translate
 *   to a single-`type` dialect (Gemini's OpenAPI 3.0 subset) refuse it or drop the constraint; `anyOf` of
 *   single types is the portable spelling.
 * - `untyped` (warning): a schema that says nothing of its values' type: no `type`, `const`, `enum`, `anyOf`,
 *   `oneOf`, `allOf`, `$ref` or `not` (`{}`, zod's `z.unknown()`, the `additionalProperties: {}` of a loose
 *   object). Gemini and OpenAI's strict mode refuse typeless properties.
 *
 * Counted on the manifest's tools as they were listed before the conversion at the MCP boundary
 * (adapters/mcp/portable.ts): 517 warnings (79 `type-union`, 438 `untyped`), the Inspector's figure.
 */

export type Severity = 'error' | 'warning';

export interface LintFinding {
  rule: 'input-root' | 'boolean-schema' | 'type-union' | 'untyped';
  severity: Severity;
  /** JSON Pointer-like path inside the schema: `properties/data/items`. */
  path: string;
  message: string;
}

/** Keywords whose value is one subschema. */
const ONE = ['items', 'not', 'contains', 'propertyNames', 'if', 'then', 'else', 'unevaluatedItems'];
/** Keywords whose value is a list of subschemas. */
const LIST = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
/** Keywords whose value maps names to subschemas. */
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Subschema keywords that may be a boolean in every client. */
const BOOLEAN_OK = ['additionalProperties', 'unevaluatedProperties'];
/** What makes a schema say something of its values' type. */
const TYPING = ['type', 'const', 'enum', 'anyOf', 'oneOf', 'allOf', '$ref', 'not'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function walk(node: unknown, path: string, keyword: string | undefined, findings: LintFinding[]): void {
  if (typeof node === 'boolean') {
    if (keyword !== undefined && BOOLEAN_OK.includes(keyword)) return;
    findings.push({
      rule: 'boolean-schema',
      severity: 'error',
      path,
      message: `a bare \`${node}\` where a schema object is expected`,
    });
    return;
  }
  if (!isObject(node)) return;
  if (Array.isArray(node.type)) {
    findings.push({
      rule: 'type-union',
      severity: 'warning',
      path,
      message: `\`type\` is an array (${JSON.stringify(node.type)}); use \`anyOf\` of single types`,
    });
  }
  if (!TYPING.some((key) => key in node)) {
    findings.push({ rule: 'untyped', severity: 'warning', path, message: 'the schema states no type' });
  }
  const at = (key: string) => (path ? `${path}/${key}` : key);
  for (const key of [...ONE, ...BOOLEAN_OK]) {
    if (key in node) walk(node[key], at(key), key, findings);
  }
  for (const key of LIST) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    for (const [i, item] of list.entries()) walk(item, at(`${key}/${i}`), key, findings);
  }
  for (const key of MAP) {
    const map = node[key];
    if (isObject(map))
      for (const [name, value] of Object.entries(map)) walk(value, at(`${key}/${name}`), key, findings);
  }
}

/** The findings of one schema; `input` adds the root rule of input schemas. */
export function lintSchema(schema: unknown, kind: 'input' | 'output'): LintFinding[] {
  const findings: LintFinding[] = [];
  if (kind === 'input' && !(isObject(schema) && schema.type === 'object')) {
    findings.push({
      rule: 'input-root',
      severity: 'error',
      path: '',
      message: 'an input schema must be `type: "object"`',
    });
  }
  walk(schema, '', undefined, findings);
  return findings;
}

/** The findings of a tool list (`tools/list`'s `tools`), each prefixed with the tool and schema it is in. */
export function lintTools(
  tools: readonly { name: string; inputSchema: unknown; outputSchema?: unknown }[],
): (LintFinding & { tool: string; schema: 'inputSchema' | 'outputSchema' })[] {
  return tools.flatMap((tool) => [
    ...lintSchema(tool.inputSchema, 'input').map((f) => ({
      ...f,
      tool: tool.name,
      schema: 'inputSchema' as const,
    })),
    ...(tool.outputSchema === undefined
      ? []
      : lintSchema(tool.outputSchema, 'output').map((f) => ({
          ...f,
          tool: tool.name,
          schema: 'outputSchema' as const,
        }))),
  ]);
}
