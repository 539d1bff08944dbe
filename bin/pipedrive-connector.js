#!/usr/bin/env node
/**
 * `npx pipedrive-connector ...` (the package `bin`). In a clone of the repository the CLI runs from its
 * TypeScript source through tsx (a devDependency), so it works right after `npm ci`, with no build and never a
 * stale one; in an installed package, which ships no sources, it runs the compiled dist/. It calls the CLI's
 * `run(argv)` with the process's streams (server/cli.ts; tests call `run` in-process with their own).
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
if (loader) loader.register();
const cli = loader ? source : existsSync(compiled) ? compiled : undefined;
if (cli) {
  // `... | head`: the reader left; that is not a failure.
  process.stdout.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const { run, collectDuringTransfers } = await import(cli.href);
  collectDuringTransfers();
  process.exitCode = await run(process.argv);
} else {
  process.stderr.write('pipedrive-connector: not built; run `npm ci` (or `npm run build`) first.\n');
  process.exitCode = 1;
}
