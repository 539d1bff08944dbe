/**
 * Bundles the forms playground (playground/main.tsx: React, @rjsf/core, ajv) with esbuild into
 * dist/playground/, which the host serves at GET /playground (server/playground.ts):
 *
 * - app.js, app.css: the production build (minified, React's production build);
 * - app.dev.js, app.dev.css: React's development build with its warnings, served at /playground?dev.
 *
 * `npm run build:playground` (and `npm run build`) runs it; the browser test calls `buildPlayground()`.
 * Files are written only when their content changed, each through a rename, so that a page loading the
 * bundle while another process rebuilds it never reads half a file.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const PLAYGROUND_DIST = fileURLToPath(new URL('../dist/playground/', import.meta.url));
const ENTRY = fileURLToPath(new URL('../playground/main.tsx', import.meta.url));

function writeIfChanged(path: string, contents: Uint8Array): boolean {
  try {
    if (Buffer.compare(readFileSync(path), contents) === 0) return false;
  } catch {
    // not there yet
  }
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
  return true;
}

async function bundle(mode: 'production' | 'development', outdir: string): Promise<string[]> {
  const result = await build({
    entryPoints: { [mode === 'production' ? 'app' : 'app.dev']: ENTRY },
    bundle: true,
    outdir,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    jsx: 'automatic',
    minify: mode === 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify(mode) },
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles.filter((file) => writeIfChanged(file.path, file.contents)).map((f) => f.path);
}

/** Build both bundles into `outdir` (default dist/playground/); answers the files that changed. */
export async function buildPlayground(outdir = PLAYGROUND_DIST): Promise<string[]> {
  mkdirSync(outdir, { recursive: true });
  const written = await Promise.all([bundle('production', outdir), bundle('development', outdir)]);
  return written.flat();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const changed = await buildPlayground();
  const names = changed.map((path) => basename(path)).join(', ') || 'nothing changed';
  console.log(`playground built in ${Date.now() - started} ms into ${join('dist', 'playground')}: ${names}`);
}
