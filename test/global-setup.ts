import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';
import { startPostgres } from './helpers/postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    /** `bin/pipedrive-connector.js` as an installed package has it: beside `dist/`, with no sources. */
    installedBin: string;
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `dist/` compiled (incrementally: nothing is written when it is current), as `npm start` and an installed package
 * run it. Processes the integration tests start (hosts, the MCP server) load the compiled code: through tsx each
 * start costs about 0.7 s more of CPU, some 40 starts in a run.
 */
async function build(): Promise<void> {
  const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT });
}

/**
 * A package as npm installs it: `bin/` and `package.json` with `dist/` (linked to this checkout's), no TypeScript
 * sources, so the bin runs the compiled CLI (bin/pipedrive-connector.js).
 */
function installedPackage(): { bin: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pipedrive-connector-installed-'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(ROOT, 'bin/pipedrive-connector.js'), join(dir, 'bin/pipedrive-connector.js'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'dist'), join(dir, 'dist'));
  return {
    bin: join(dir, 'bin/pipedrive-connector.js'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** One PostgreSQL server for the whole run (each test file makes its own database on it), and `dist/` built. */
export default async function setup(project: TestProject) {
  // The build's process first: startPostgres runs initdb synchronously, and the compiler works meanwhile.
  const building = build();
  const [started, built] = await Promise.allSettled([startPostgres(), building]);
  if (built.status === 'rejected') {
    if (started.status === 'fulfilled') started.value.stop();
    throw new Error(
      `tsc -p tsconfig.build.json failed:\n${(built.reason as { stdout?: string }).stdout ?? built.reason}`,
    );
  }
  if (started.status === 'rejected') throw started.reason;
  const server = started.value;
  const installed = installedPackage();
  project.provide('postgresUrl', server.url);
  project.provide('installedBin', installed.bin);
  return async () => {
    installed.remove();
    await server.stop();
  };
}
