import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The one-way dependencies of docs/architecture.md, checked on the source tree: `operations`, `triggers` →
 * `runtime`, `schemas`; `auth` → `runtime`; `server` → everything. Nothing under `operations/`, `triggers/`,
 * `auth/`, `runtime/` (or `schemas/`) imports fastify or a store, and nothing but the host (and its tests and scripts)
 * imports `server/`. `adapters/` are made from the plugin API (`index.ts`) and the manifest: of `runtime/` they
 * import types only.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The top-level parts a part may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  runtime: [],
  schemas: ['runtime'],
  operations: ['runtime', 'schemas'],
  triggers: ['runtime', 'schemas'],
  auth: ['runtime'],
  // The plugin API loads the engine (connector.ts) lazily; the engine holds the operations and triggers.
  'index.ts': ['runtime', 'triggers', 'connector.ts'],
  'connector.ts': ['runtime', 'schemas', 'operations', 'triggers', 'auth'],
  adapters: ['index.ts', 'connector.manifest.json', 'runtime'],
};

/** Parts that another part may import with `import type` only (nothing of them runs). */
const TYPES_ONLY: Record<string, string[]> = {
  adapters: ['runtime'],
};

/** Packages of the host's web server and stores. */
const HOST_PACKAGES = /^(fastify|@fastify\/.+|fastify-plugin|better-sqlite3|pg|pg-boss)(\/.*)?$/;

/** Source text without comments (string and template literals kept, so `'//'` in a URL stays). */
function stripComments(source: string): string {
  let out = '';
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out += source.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Every module specifier a file imports or re-exports, statically or with `import()`; with `valuesOnly`, not
 * those of `import type` / `export type` (nothing of them runs).
 */
function importsOf(source: string, valuesOnly = false): string[] {
  const code = stripComments(source);
  const patterns = [
    valuesOnly
      ? /\b(?:import|export)\s+(?!type\b)[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g
      : /\b(?:import|export)\s+(?:type\s+)?[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] as string));
}

/** The top-level part of a repository path: `runtime`, `server`, `index.ts`, ... */
const partOf = (path: string) => path.split('/')[0] as string;

interface Violation {
  file: string;
  imports: string;
  rule: string;
}

/** The imports of `file` (repository path) that break the dependency rule. */
function violations(file: string, source: string): Violation[] {
  const part = partOf(file);
  const found: Violation[] = [];
  const values = new Set(importsOf(source, true));
  for (const specifier of importsOf(source)) {
    if (specifier.startsWith('.')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), specifier))
        .split('\\')
        .join('/');
      // A top-level module is imported as `.js` (ESM), and is the `.ts` file of the source tree.
      const targetPart = partOf(target).replace(/\.js$/, '.ts');
      if (targetPart === part || targetPart.startsWith('..')) continue;
      const allowed = ALLOWED[part];
      if (allowed && !allowed.includes(targetPart)) {
        found.push({
          file,
          imports: specifier,
          rule: `${part} may import only ${allowed.join(', ') || 'itself'}`,
        });
      } else if (targetPart === 'server' && part !== 'server') {
        found.push({ file, imports: specifier, rule: 'only the host imports server/' });
      } else if (TYPES_ONLY[part]?.includes(targetPart) && values.has(specifier)) {
        found.push({ file, imports: specifier, rule: `${part} may import only types from ${targetPart}` });
      }
    } else if (HOST_PACKAGES.test(specifier) && ALLOWED[part]) {
      found.push({ file, imports: specifier, rule: `${part} must not import fastify or a store` });
    }
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The keys that make a type a copy of a manifest entry's shape (runtime/manifest.ts declares them once). */
const MANIFEST_KEYS = 'input_schema|output_schema|depends_on|authorization_url|token_url';

/**
 * Where a file redeclares the manifest's shape instead of importing the contract of runtime/manifest.ts: an
 * interface or object type with a manifest entry's keys, or a cast of the manifest's `auth`, `lookups`,
 * `triggers` or `operations`.
 */
function manifestCopies(source: string): string[] {
  const code = stripComments(source);
  const declaration = new RegExp(
    `\\b(?:interface\\s+(\\w+)[^{]*|type\\s+(\\w+)\\s*=[^{;]*)\\{[^{}]*\\b(?:${MANIFEST_KEYS})\\??\\s*:`,
    'g',
  );
  const cast = /\b(?:manifest|auth)\.?(auth|lookups|triggers|operations)?\s+as\s+(?!const\b)[\w{[]/g;
  return [
    ...[...code.matchAll(declaration)].map((m) => `declares ${m[1] ?? m[2]}`),
    ...[...code.matchAll(cast)].filter((m) => m[1]).map((m) => `casts manifest.${m[1]}`),
  ];
}

describe('the manifest contract (runtime/manifest.ts)', () => {
  it('finds what it must find', () => {
    const copies = `
      export interface ManifestTrigger { name: string; input_schema: JsonSchema }
      type Lookup = { name: string; depends_on?: string[] };
      const triggers = connector.manifest.triggers as ManifestTrigger[];
      const lookups = (manifest.lookups as LookupEntry[]);
      // interface Ignored { input_schema: unknown }
      const entry = { input_schema: toJsonSchema(x) };
      type OperationEntry = Manifest['operations'][number];
    `;
    expect(manifestCopies(copies)).toEqual([
      'declares ManifestTrigger',
      'declares Lookup',
      'casts manifest.triggers',
      'casts manifest.lookups',
    ]);
  });

  it('is imported, not redeclared, by the adapters, the CLI and the host', () => {
    const files = ['adapters', 'server', 'scripts', 'index.ts', 'connector.ts'].flatMap((part) =>
      part.endsWith('.ts') ? [part] : sourceFiles(part),
    );
    expect(files).toContain('adapters/n8n/describe.ts');
    const found = files.flatMap((file) =>
      manifestCopies(readFileSync(join(ROOT, file), 'utf8')).map((copy) => `${file}: ${copy}`),
    );
    expect(found).toEqual([]);
  });
});

describe('the dependency rule (docs/architecture.md)', () => {
  it('finds what it must find', () => {
    const bad = `
      import Fastify from 'fastify';
      import type { Store } from '../server/store/types.js';
      export { send } from '../runtime/transport.js';
      const lazy = await import('pg');
      // import { ignored } from '../server/app.js';
      const url = 'https://example.com/from/../server'; /* import '../server/x.js' */
    `;
    expect(violations('runtime/x.ts', bad).map((v) => v.imports)).toEqual([
      'fastify',
      '../server/store/types.js',
      'pg',
    ]);
    const operation =
      "import { z } from 'zod';\nimport { send } from '../../server/app.js';\nimport '../../schemas/common.js';";
    expect(violations('operations/deals/x.ts', operation).map((v) => v.imports)).toEqual([
      '../../server/app.js',
    ]);
    // Engines import auth/ (refresh, revoke): the OAuth flow's fastify plugin lives in server/.
    expect(
      violations('auth/x.ts', "import oauth from '@fastify/oauth2';\nimport '../schemas/common.js';"),
    ).toEqual([
      { file: 'auth/x.ts', imports: '@fastify/oauth2', rule: 'auth must not import fastify or a store' },
      { file: 'auth/x.ts', imports: '../schemas/common.js', rule: 'auth may import only runtime' },
    ]);
    expect(violations('auth/x.ts', "import type { FastifyRequest } from 'fastify';")).toEqual([
      { file: 'auth/x.ts', imports: 'fastify', rule: 'auth must not import fastify or a store' },
    ]);
    expect(violations('server/x.ts', bad)).toEqual([]);
    const adapter = [
      "import { connector } from '../../index.js';",
      "import type { JsonSchema } from '../../runtime/json-schema.js';",
      "import { ConnectorError } from '../../runtime/errors.js';",
      "import { loadConfig } from '../../server/config.js';",
      "import { registry } from '../../operations/index.js';",
      "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
      "import Fastify from 'fastify';",
    ].join('\n');
    expect(violations('adapters/mcp/x.ts', adapter)).toEqual([
      {
        file: 'adapters/mcp/x.ts',
        imports: '../../runtime/errors.js',
        rule: 'adapters may import only types from runtime',
      },
      {
        file: 'adapters/mcp/x.ts',
        imports: '../../server/config.js',
        rule: 'adapters may import only index.ts, connector.manifest.json, runtime',
      },
      {
        file: 'adapters/mcp/x.ts',
        imports: '../../operations/index.js',
        rule: 'adapters may import only index.ts, connector.manifest.json, runtime',
      },
      { file: 'adapters/mcp/x.ts', imports: 'fastify', rule: 'adapters must not import fastify or a store' },
    ]);
    expect(violations('adapters/n8n/x.ts', "import m from '../../connector.manifest.json';")).toEqual([]);
  });

  it('holds on the source tree', () => {
    const parts = [...Object.keys(ALLOWED), 'server'];
    const files = parts.flatMap((part) => (part.endsWith('.ts') ? [part] : sourceFiles(part)));
    expect(files.length).toBeGreaterThan(150);
    const found = files.flatMap((file) => violations(file, readFileSync(join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });
});

describe('route modules (server/routes/)', () => {
  it('take the app and the shared services only, and hand nothing to each other', () => {
    const files = sourceFiles('server/routes');
    const registrations = files.flatMap((file) =>
      [
        ...stripComments(readFileSync(join(ROOT, file), 'utf8')).matchAll(
          /export (?:async )?function (register\w+)\(([\s\S]*?)\)\s*:\s*([^{;]+?)\s*\{/g,
        ),
      ].map((m) => ({ file, name: m[1], params: (m[2] ?? '').trim(), returns: (m[3] ?? '').trim() })),
    );
    expect(registrations.map((r) => r.name)).toContain('registerSubscriptionRoutes');
    // A route module that needs another's state (e.g. a cache to invalidate) gets it from a service in HostDeps.
    const odd = registrations.filter(
      (r) =>
        !/^app: App(, deps: HostDeps)?,?$/.test(r.params.replace(/\s+/g, ' ')) ||
        !/^(void|Promise<void>)$/.test(r.returns),
    );
    expect(odd).toEqual([]);
  });
});

describe('the CLI (server/cli.ts, server/cli-store.ts)', () => {
  it("chooses the store and the sealing key and makes a connection's auth with the host's code", () => {
    const copies = (file: string) => {
      const code = stripComments(readFileSync(join(ROOT, file), 'utf8'));
      return [
        [/from '\.\/secrets\.js'|loadSecretBox/, 'opens the sealing key itself (storeSecrets)'],
        [
          /from '\.\/store\/(sqlite|postgres)\.js'|new (Sqlite|Postgres)Store/,
          'opens a store itself (openStore)',
        ],
        [/postgres\(ql\)|startsWith\('sqlite:'\)|'secret\.key'/, 'reads DATABASE_URL itself (storeKind)'],
        [/\.access_token|\.api_token/, 'turns a connection into auth itself (connectionAuth)'],
      ]
        .filter(([pattern]) => (pattern as RegExp).test(code))
        .map(([, what]) => `${file}: ${what}`);
    };
    expect([...copies('server/cli.ts'), ...copies('server/cli-store.ts')]).toEqual([]);
  });
});
