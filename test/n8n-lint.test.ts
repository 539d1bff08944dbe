/**
 * n8n's own lint rules for community nodes (issue 26, item 8): eslint-plugin-n8n-nodes-base's `community`,
 * `credentials` and `nodes` rule sets, less the rules n8n's community-package scanner turns off
 * (adapters/n8n/lint.ts), on the node and credential sources, the built package's package.json, and the generated
 * descriptions written out as the node sources n8n's rules read.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildN8nPackage } from '../adapters/n8n/build.js';
import { type LintFinding, lintWithScanRules, materializeDescriptions } from '../adapters/n8n/lint.js';

const ADAPTER = join(dirname(fileURLToPath(import.meta.url)), '../adapters/n8n');
const work = mkdtempSync(join(tmpdir(), 'n8n-lint-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const shown = (findings: LintFinding[]) => findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.message}`);

/** The text of a description without its code spans (`id`, `{ "id": 1 }`). */
const withoutCode = (text: string) => text.replace(/`[^`]*`/g, '');

describe("n8n's lint rules for community nodes", { timeout: 120_000 }, () => {
  it('are live: a node that breaks them gets the findings n8n would report', async () => {
    const dir = join(work, 'fixture/nodes/Bad');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'Bad.node.ts'),
      `import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
export class Bad implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Bad', name: 'bad', group: ['transform'], version: 1, description: 'A bad node',
    defaults: { name: 'Bad' }, inputs: ['main'], outputs: ['main'],
    properties: [
      { displayName: 'deal id', name: 'dealId', type: 'string', default: '', description: 'The deal.' },
      { displayName: 'Done', name: 'done', type: 'boolean', default: false, description: 'Only done ones' },
    ],
  };
  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    throw new Error('plain');
  }
}
`,
    );
    const rules = (await lintWithScanRules(join(work, 'fixture'), ['nodes/**/*.ts']))
      .map((f) => f.rule)
      .sort();
    expect(rules).toEqual([
      'n8n-nodes-base/node-execute-block-wrong-error-thrown',
      'n8n-nodes-base/node-param-description-boolean-without-whether',
      'n8n-nodes-base/node-param-description-excess-final-period',
      'n8n-nodes-base/node-param-display-name-miscased',
      'n8n-nodes-base/node-param-display-name-miscased-id',
    ]);
  });

  it('find nothing in the node and credential sources', async () => {
    const findings = await lintWithScanRules(ADAPTER, ['nodes/**/*.ts', 'credentials/**/*.ts']);
    expect(shown(findings)).toEqual([]);
  });

  it("find nothing in the built package's package.json", async () => {
    const dir = await buildN8nPackage(join(work, 'package'));
    expect(shown(await lintWithScanRules(dir, ['package.json']))).toEqual([]);
  });

  it('find nothing in the generated descriptions but `id` in code, where "ID" would be wrong', async () => {
    const files = materializeDescriptions(join(work, 'descriptions'));
    expect(files).toHaveLength(2);
    const findings = await lintWithScanRules(join(work, 'descriptions'), ['nodes/**/*.ts']);
    const lines = new Map(files.map((file) => [file, readFileSync(file, 'utf8').split('\n')]));
    // `node-param-description-miscased-id` reads `id` in an example (`{ "id": 12 }`) or a field name (`merge_with_id`
    // aside, `id`) as a casing error; anything else it finds, and every other rule's finding, is a defect.
    const defects = findings.filter(
      (f) =>
        f.rule !== 'n8n-nodes-base/node-param-description-miscased-id' ||
        /\b[iI]ds?\b/.test(withoutCode(lines.get(f.file)?.[f.line - 1] ?? '')),
    );
    expect(shown(defects)).toEqual([]);
    // The descriptions are really there to be read: over 500 parameters of the action node.
    expect(
      (lines.get(files[0] as string) ?? []).filter((l) => l.trim().startsWith('displayName:')).length,
    ).toBeGreaterThan(500);
  });
});
