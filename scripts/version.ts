import { readFileSync } from 'node:fs';

/**
 * runtime/version.ts, generated from package.json (its one source): the connector's version, which the manifest
 * and the plugin API give and every request's user agent carries. Written by `npm run manifest` before anything
 * else is built from it; test/generated.test.ts fails when it drifts.
 */
export function versionModule(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    name: string;
    version: string;
  };
  return [
    '// Generated from package.json by `npm run manifest`; do not edit.',
    '',
    "/** The connector's version (the manifest's `version`); v5.0 follows Tray.io's Pipedrive connector v5.0. */",
    `export const CONNECTOR_VERSION = '${pkg.version}';`,
    '',
    "/** The package's name, which every request's user agent gives with the version. */",
    `export const PACKAGE_NAME = '${pkg.name}';`,
    '',
  ].join('\n');
}
