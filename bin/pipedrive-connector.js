#!/usr/bin/env node
/**
 * `npx pipedrive-connector ...` (the package `bin`). In a clone of the repository the CLI runs from its
 * TypeScript source through tsx (a devDependency), so it works right after `npm ci`, with no build and never a
 * stale one; in an installed package, which ships no sources, it runs the compiled dist/.
 */
import { existsSync } from 'node:fs';

const source = new URL('../server/cli.ts', import.meta.url);
const compiled = new URL('../dist/server/cli.js', import.meta.url);

async function tsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return undefined;
  }
}

const loader = existsSync(source) ? await tsx() : undefined;
if (loader) {
  loader.register();
  await import(source.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  process.stderr.write('pipedrive-connector: not built; run `npm ci` (or `npm run build`) first.\n');
  process.exitCode = 1;
}
