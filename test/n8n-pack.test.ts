/**
 * `npm run pack:n8n` (issue 26, item 8): the n8n package built and packed into the tarball that n8n installs,
 * holding what its README and its `n8n` field name.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildN8nPackage, N8N_PACKAGE, packN8nPackage } from '../adapters/n8n/build.js';

describe('npm run pack:n8n', { timeout: 120_000 }, () => {
  it('packs the built package into an installable tarball with its files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'n8n-pack-'));
    try {
      const dir = await buildN8nPackage(join(root, 'n8n'));
      const tarball = packN8nPackage(dir, root);
      const { version } = (await import('../package.json', { with: { type: 'json' } })).default;
      expect(basename(tarball)).toBe(`${N8N_PACKAGE}-${version}.tgz`);
      const listed = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
      expect(listed).toEqual(
        expect.arrayContaining([
          'package/package.json',
          'package/README.md',
          'package/n8n-node-form.png',
          'package/connector.manifest.json',
          'package/dist/connector.js',
          'package/dist/nodes/PipedriveConnector/PipedriveConnector.node.js',
          'package/dist/nodes/PipedriveConnectorTrigger/PipedriveConnectorTrigger.node.js',
          'package/dist/credentials/PipedriveConnectorApi.credentials.js',
          'package/dist/credentials/PipedriveConnectorOAuth2Api.credentials.js',
        ]),
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
