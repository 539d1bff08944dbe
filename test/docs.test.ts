/**
 * Docs that once disagreed with the program (issue 26, item 7): what they say is checked against what it does.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildN8nPackage } from '../adapters/n8n/build.js';
import connector from '../index.js';
import { ConnectorError } from '../runtime/errors.js';
import { startTestHost } from './helpers/host.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { description: string };

describe('docs against the program', () => {
  it("package.json's description gives no count of operations that could go stale", () => {
    expect(pkg.description).not.toMatch(/\d+\s+(API v\d\s+)?operations/);
    expect(connector.manifest.operations.length).toBeGreaterThan(0);
  });

  it('the OpenAPI text of details.issues[].path matches the paths errors give', async () => {
    const error = await connector
      .execute(
        'add_deal',
        { value: 'x' },
        { auth: { type: 'api_token', apiToken: 'unused-token-for-validation' } },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    const paths = ((error as ConnectorError).details?.issues ?? []).map((issue) => issue.path);
    expect(paths).toContain('title');
    const host = await startTestHost();
    const text = (await host.inject({ url: '/docs/json', key: null }).finally(() => host.close())).body;
    expect(text).toContain('as a path within the input: `title`');
    expect(text).not.toContain('`input.title`');
  });

  it("the README's quick start names each command once", () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('## Quick start');
    const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1] ?? '';
    const commands = block
      .split('\n')
      .map((line) => line.replace(/#.*/, '').trim())
      .filter(Boolean);
    expect(commands).toEqual(['npm ci', 'npm start', 'npm test']);
  });

  it("the n8n package's README names only files the package ships", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'n8n-docs-'));
    try {
      await buildN8nPackage(dir);
      const readme = readFileSync(join(dir, 'README.md'), 'utf8');
      const { files } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { files: string[] };
      const targets = [...readme.matchAll(/\]\(([^)#\s]+)[^)]*\)/g)]
        .map((m) => m[1] as string)
        .filter((target) => !/^[a-z]+:/.test(target));
      expect(targets).toContain('n8n-node-form.png');
      for (const target of targets) {
        expect(existsSync(join(dir, target)), target).toBe(true);
        expect(
          files.some((f) => target === f || target.startsWith(`${f}/`)),
          target,
        ).toBe(true);
      }
      expect(readme).toContain("(`docs/triggers.md` in the connector's source)");
      // The OAuth2 credential reads one constant of the descriptions: it ships that, not every operation's.
      const oauth = join(dir, 'dist/credentials/PipedriveConnectorOAuth2Api.credentials.js');
      expect(statSync(oauth).size).toBeLessThan(10_000);
      expect(readFileSync(oauth, 'utf8')).not.toContain('add_deal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
