/**
 * `npm run manifest`: writes every generated artifact from the code, so that they never drift:
 * connector.manifest.json, docs/operations.md, docs/triggers.md and docs/configuration.md. test/generated.test.ts
 * fails when a file differs.
 */
import { writeFileSync } from 'node:fs';
import { artifacts } from './artifacts.js';

for (const [path, content] of Object.entries(artifacts())) {
  writeFileSync(new URL(`../${path}`, import.meta.url), content);
  console.log(`wrote ${path} (${content.length} bytes)`);
}
