import { humanize, type JsonSchema } from '../runtime/json-schema.js';
import type { Manifest } from '../runtime/manifest.js';

type Node = JsonSchema & {
  type?: string | string[];
  properties?: Record<string, Node>;
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  enum?: unknown[];
  required?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
};

/** A short human type: `integer`, `string (date)`, `array of open | won`, `object`, `... or null`. */
export function typeOf(node: Node | undefined): string {
  if (!node) return 'any';
  if (node.anyOf) {
    const parts = node.anyOf.map((alt) => typeOf(alt));
    return [...new Set(parts)].join(' or ');
  }
  if (node.oneOf?.every((o) => 'const' in o))
    return node.oneOf.map((o) => JSON.stringify(o.const)).join(' \\| ');
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  if (Array.isArray(node.type)) return node.type.join(' or ');
  if (node.type === 'array') return `array of ${typeOf(node.items)}`;
  if (node.type === 'string' && node.format) return `string (${node.format})`;
  if (node.type === 'integer' && node.maximum !== undefined)
    return `integer ${node.minimum ?? ''}–${node.maximum}`;
  return node.type ?? 'any';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');

function fieldRows(schema: Node, placement: (name: string) => string): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(
    ([name, prop]) =>
      `| \`${name}\` | ${placement(name)} | ${typeOf(prop).includes('\\|') ? typeOf(prop) : cell(typeOf(prop))} | ${required.has(name) ? 'yes' : ''} | ${cell(String(prop.description ?? ''))} |`,
  );
}

/** docs/operations.md: every operation by resource, with its fields and an example input. */
export function renderOperationsDoc(
  manifest: Manifest,
  placements: Record<string, Record<string, string>>,
): string {
  const lines = [
    '# Operations reference',
    '',
    `Generated from the code by \`npm run manifest\` (connector ${manifest.version}); do not edit by hand.`,
    '',
    `${manifest.operations.length} operations. Every operation takes one flat input object: path, query and body fields side by side, under Pipedrive's own names. List and search operations also take \`return_all\` and \`max_items\` (see README).`,
    '',
  ];
  const resources = [...new Set(manifest.operations.map((op) => op.resource))];
  lines.push('## Contents', '');
  for (const resource of resources) {
    const names = manifest.operations
      .filter((op) => op.resource === resource)
      .map((op) => `[\`${op.name}\`](#${op.name})`);
    lines.push(`- **${humanize(resource)}**: ${names.join(', ')}`);
  }
  lines.push('');
  for (const resource of resources) {
    lines.push(`## ${humanize(resource)}`, '');
    for (const op of manifest.operations.filter((o) => o.resource === resource)) {
      const base = op.api === 'v1' ? '/v1' : '/api/v2';
      const paging = op.pagination ? ` · paginated (up to ${op.pagination.max_limit} per page)` : '';
      lines.push(
        `### ${op.name}`,
        '',
        `**${op.title}** — \`${op.method} ${base}${op.path}\` · OAuth scopes: ${op.scopes.map((s) => `\`${s}\``).join(', ')}${paging}`,
        '',
        op.description,
        '',
      );
      const rows = fieldRows(op.input_schema as Node, (name) => placements[op.name]?.[name] ?? '');
      if (rows.length) {
        lines.push(
          '| field | in | type | required | description |',
          '| --- | --- | --- | --- | --- |',
          ...rows,
          '',
        );
      }
      lines.push('Example input:', '', '```json', JSON.stringify(op.sample, null, 2), '```', '');
    }
  }
  if (manifest.deprecated_operations.length || manifest.removed_operations.length) {
    lines.push('## Operation names of connector v4.2', '');
    if (manifest.deprecated_operations.length) {
      lines.push(
        'Still run, on their successor, with a deprecation warning:',
        '',
        '| v4.2 name | runs |',
        '| --- | --- |',
      );
      for (const d of manifest.deprecated_operations)
        lines.push(`| \`${d.name}\` | [\`${d.replaced_by}\`](#${d.replaced_by}) |`);
      lines.push('');
    }
    if (manifest.removed_operations.length) {
      lines.push(
        'Removed (calling them fails with `unknown_operation` and this advice):',
        '',
        '| v4.2 name | instead |',
        '| --- | --- |',
      );
      for (const r of manifest.removed_operations) lines.push(`| \`${r.name}\` | ${cell(r.instead)} |`);
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
