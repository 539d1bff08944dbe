import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { artifacts } from '../scripts/artifacts.js';

describe('generated artifacts', () => {
  it.each(Object.entries(artifacts()))('%s is up to date (run `npm run manifest`)', (path, content) => {
    const onDisk = readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
    expect(onDisk === content, `${path} drifted from the code: run \`npm run manifest\``).toBe(true);
  });
});
