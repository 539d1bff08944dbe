/**
 * `npm run manifest`: writes every generated artifact from the code, so that they never drift:
 * connector.manifest.json, docs/operations.md, docs/triggers.md, docs/configuration.md and the n8n node descriptions
 * (adapters/n8n/generated/descriptions.json). test/generated.test.ts
 * fails when a file differs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { artifacts } from './artifacts.js';

for (const [path, content] of Object.entries(artifacts())) {
  const url = new URL(`../${path}`, import.meta.url);
  mkdirSync(new URL('.', url), { recursive: true });
  writeFileSync(url, content);
  console.log(`wrote ${path} (${content.length} bytes)`);
}
