/**
 * n8n's lint rules for community nodes, as n8n's own community-package scanner (@n8n/scan-community-package
 * 0.32.0, `buildScanConfig`) applies them: @n8n/eslint-plugin-community-nodes' recommended rules and
 * eslint-plugin-n8n-nodes-base's `community` (package.json), `credentials` and `nodes` rule sets, less the rules
 * the scanner turns off. ESLint and the plugins come from the adapter's engine package (adapters/n8n/package.json,
 * installed by scripts/ensure-deps.sh), not from the root install.
 *
 * Three things are linted (test/n8n-lint.test.ts): the node and credential sources, the built package (its
 * package.json and compiled JavaScript, as the scanner lints a tarball), and the generated descriptions written
 * out as node sources (`materializeDescriptions`), because the sources spread them from JSON where no rule sees them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint, type Linter } from 'eslint';
import type { INodeType } from 'n8n-workflow';
import { PipedriveConnector } from './nodes/PipedriveConnector/PipedriveConnector.node.js';
import { PipedriveConnectorTrigger } from './nodes/PipedriveConnectorTrigger/PipedriveConnectorTrigger.node.js';

type Rules = Linter.RulesRecord;
type Plugin = { configs: Record<'community' | 'credentials' | 'nodes', { rules: Rules }> };

let loaded: Promise<Plugin> | undefined;

/**
 * eslint-plugin-n8n-nodes-base, loaded once. It reads NODE_ENV when it loads and, under `test` (as in vitest), takes
 * every file for `Test.node.ts`, a trigger node: it is loaded with NODE_ENV unset so that it reads the real names.
 */
function loadPlugin(): Promise<Plugin> {
  loaded ??= (async () => {
    const env = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      return (await import('eslint-plugin-n8n-nodes-base')).default;
    } finally {
      if (env !== undefined) process.env.NODE_ENV = env;
    }
  })();
  return loaded;
}

/**
 * The scanner's flat config for eslint-plugin-n8n-nodes-base, rule for rule. The scanner also applies
 * @n8n/eslint-plugin-community-nodes, the rules of n8n Cloud's verified nodes (no runtime dependencies, no Node
 * built-ins such as `node:http`): a package built on got and the connector's runtime cannot meet them, and it is a
 * self-hosted community node (docs/decisions.md, "n8n's lint rules").
 */
export async function scanConfig(): Promise<Linter.Config[]> {
  const plugin = await loadPlugin();
  return [
    { plugins: { 'n8n-nodes-base': plugin as never } },
    { files: ['package.json'], rules: { ...plugin.configs.community.rules } },
    {
      files: ['**/credentials/**/*.ts'],
      rules: {
        ...plugin.configs.credentials.rules,
        'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
        'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
      },
    },
    {
      files: ['**/nodes/**/*.ts'],
      rules: {
        ...plugin.configs.nodes.rules,
        'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
        'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
        'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
      },
    },
    { files: ['**/*.json'], languageOptions: { parser: tsParser as never } },
    { files: ['**/*.ts'], languageOptions: { parser: tsParser as never } },
  ];
}

export interface LintFinding {
  file: string;
  line: number;
  rule: string | null;
  message: string;
}

/** Lints `patterns` under `cwd` with the scanner's config; inline `eslint-disable` comments are ignored, as there. */
export async function lintWithScanRules(cwd: string, patterns: string[]): Promise<LintFinding[]> {
  const eslint = new ESLint({
    cwd,
    allowInlineConfig: false,
    overrideConfigFile: true,
    overrideConfig: await scanConfig(),
  });
  const results = await eslint.lintFiles(patterns);
  return results.flatMap((result) =>
    result.messages
      .filter((m) => m.severity === 2)
      .map((m) => ({ file: result.filePath, line: m.line, rule: m.ruleId, message: m.message })),
  );
}

/** A value as a TypeScript literal with bare keys where they can be, as a description is written by hand. */
function objectLiteral(value: unknown, indent: string): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${objectLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${objectLiteral(v, inner)},`).join('\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * The nodes' descriptions as n8n reads them (the classes instantiated, so the generated properties are in them) written
 * out as node sources, one `<Node>.node.ts` per node in `dir`/nodes/, where the `nodes` rules read them.
 */
export function materializeDescriptions(dir: string): string[] {
  const nodes: [string, INodeType][] = [
    ['PipedriveConnector', new PipedriveConnector()],
    ['PipedriveConnectorTrigger', new PipedriveConnectorTrigger()],
  ];
  return nodes.map(([name, node]) => {
    const folder = join(dir, 'nodes', name);
    mkdirSync(folder, { recursive: true });
    const file = join(folder, `${name}.node.ts`);
    const literal = objectLiteral(node.description, '  ');
    writeFileSync(
      file,
      `import type { INodeType, INodeTypeDescription } from 'n8n-workflow';\n\nexport class ${name} implements INodeType {\n  description: INodeTypeDescription = ${literal};\n}\n`,
    );
    return file;
  });
}
