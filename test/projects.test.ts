import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTEGRATION } from './projects.js';

/**
 * The unit project starts no database, browser or process, so that one unit file runs in about a second: a test
 * file that needs one of them belongs to the integration project (test/projects.ts), and a file listed there
 * needs one.
 */

const ROOT = resolve(import.meta.dirname, '..');

/** What makes a test file an integration test, found in its source. */
const NEEDS = [
  {
    what: 'PostgreSQL',
    pattern: /helpers\/(postgres|stores)\.js'|inject\('postgresUrl'\)|\bengine: 'postgres'|'postgres'\]/,
  },
  { what: 'Chromium', pattern: /helpers\/chromium\.js'|from 'playwright-core'/ },
  { what: 'a process', pattern: /helpers\/process\.js'|from 'node:child_process'/ },
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

/** A glob of test/projects.ts as a regular expression: `**` and a slash for any folders, `*` within a name. */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[]\\]/g, '\\$&');
  const source = escaped
    .replaceAll('**/', '\u0000')
    .replaceAll('*', '[^/]*')
    .replaceAll('\u0000', '(?:[^/]+/)*');
  return new RegExp(`^${source}$`);
}

describe('the test projects', () => {
  // This file names the patterns it looks for, and needs none of them.
  const files = testFiles(join(ROOT, 'test')).filter((file) => file !== 'test/projects.test.ts');
  const integration = INTEGRATION.map(globToRegExp);
  const isIntegration = (file: string) => integration.some((glob) => glob.test(file));

  it('finds the test files, and each glob of the integration list matches one or more', () => {
    expect(files.length).toBeGreaterThan(40);
    for (const glob of INTEGRATION) {
      expect(
        files.filter((file) => globToRegExp(glob).test(file)),
        glob,
      ).not.toEqual([]);
    }
  });

  it('a test file that starts PostgreSQL, Chromium or a process is an integration test, and only such a file', () => {
    const misplaced = files.flatMap((file) => {
      const needs = NEEDS.filter(({ pattern }) => pattern.test(readFileSync(join(ROOT, file), 'utf8')));
      if (needs.length > 0 && !isIntegration(file))
        return [`${file} needs ${needs.map((n) => n.what)}: list it`];
      if (needs.length === 0 && isIntegration(file)) return [`${file} needs none of them: a unit test`];
      return [];
    });
    expect(misplaced).toEqual([]);
  });

  it("no test file mocks a module: files share their workers' modules (isolate: false), where vi.mock cannot work", () => {
    const mocking = files.filter((file) =>
      /\bvi\.(mock|doMock)\(/.test(readFileSync(join(ROOT, file), 'utf8')),
    );
    expect(mocking).toEqual([]);
  });
});
