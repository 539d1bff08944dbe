/**
 * `npm run manifest`: writes every generated artifact from the code, so that they never drift:
 * runtime/version.ts (from package.json), connector.manifest.json, docs/operations.md, docs/triggers.md,
 * docs/configuration.md and the n8n node descriptions (adapters/n8n/generated/descriptions.json).
 * test/generated.test.ts fails when a file differs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { versionModule } from './version.js';

// First the version, which the manifest is built with: the code is imported only after it is written.
writeFileSync(new URL('../runtime/version.ts', import.meta.url), versionModule());
const { artifacts } = await import('./artifacts.js');

for (const [path, content] of Object.entries(artifacts())) {
  const url = new URL(`../${path}`, import.meta.url);
  mkdirSync(new URL('.', url), { recursive: true });
  writeFileSync(url, content);
  console.log(`wrote ${path} (${content.length} bytes)`);
}
