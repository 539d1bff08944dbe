/**
 * `npm run build:n8n`: the installable n8n community package `n8n-nodes-pipedrive-connector`, in dist/n8n/:
 *
 *   package.json                  from package.template.json: the `n8n` field, n8n-workflow as a peer
 *   connector.manifest.json       the manifest, read by the connector bundle
 *   dist/connector.js             the connector (index.ts and everything it loads), one CommonJS bundle
 *   dist/nodes/<Node>/<Node>.node.js, dist/credentials/<Name>.credentials.js
 *                                 CommonJS, as n8n requires them; each node requires ../../connector.js
 *
 * n8n-workflow is left out of every bundle: n8n provides its own (community packages resolve it from n8n's
 * node_modules), so the errors the nodes throw are n8n's own classes. The tests build into a directory of
 * their own with `buildN8nPackage(dir)`.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
export const N8N_DIST = join(ROOT, 'dist/n8n');
export const N8N_PACKAGE = 'n8n-nodes-pipedrive-connector';

const CONNECTOR_SOURCE = join(HERE, 'connector.ts');
const NODES = ['PipedriveConnector', 'PipedriveConnectorTrigger', 'PipedriveConnectorPollTrigger'];
const CREDENTIALS = ['PipedriveConnectorApi', 'PipedriveConnectorOAuth2Api'];

/** `import.meta.url` of the ESM sources, in a CommonJS bundle: the bundle file's own URL. */
const IMPORT_META_URL = {
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/** Imports of adapters/n8n/connector.ts become a require of the one connector bundle (or fail the build). */
function sharedConnector(connectorPath: string | undefined): Plugin {
  return {
    name: 'shared-connector',
    setup(b) {
      b.onResolve({ filter: /\/connector\.js$/ }, (args) => {
        const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
        if (target !== CONNECTOR_SOURCE) return undefined;
        if (!connectorPath) return { errors: [{ text: `${args.importer} must not load the connector` }] };
        return { path: connectorPath, external: true };
      });
    },
  };
}

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['n8n-workflow'],
  logLevel: 'warning',
  legalComments: 'none',
};

export async function buildN8nPackage(outDir: string = N8N_DIST): Promise<string> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'dist'), { recursive: true });
  await build({
    ...common,
    ...IMPORT_META_URL,
    entryPoints: [CONNECTOR_SOURCE],
    outfile: join(outDir, 'dist/connector.js'),
  });
  // Nodes sit two levels below dist/: they require ../../connector.js.
  await build({
    ...common,
    entryPoints: Object.fromEntries(
      NODES.map((node) => [`nodes/${node}/${node}.node`, join(HERE, `nodes/${node}/${node}.node.ts`)]),
    ),
    outdir: join(outDir, 'dist'),
    plugins: [sharedConnector('../../connector.js')],
  });
  await build({
    ...common,
    entryPoints: Object.fromEntries(
      CREDENTIALS.map((name) => [
        `credentials/${name}.credentials`,
        join(HERE, `credentials/${name}.credentials.ts`),
      ]),
    ),
    outdir: join(outDir, 'dist'),
    plugins: [sharedConnector(undefined)],
  });
  for (const node of NODES)
    cpSync(join(HERE, 'nodes/pipedrive.svg'), join(outDir, `dist/nodes/${node}/pipedrive.svg`));
  cpSync(join(ROOT, 'connector.manifest.json'), join(outDir, 'connector.manifest.json'));
  cpSync(join(ROOT, 'docs/n8n.md'), join(outDir, 'README.md'));
  const template = JSON.parse(readFileSync(join(HERE, 'package.template.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name: template.name, version, ...template }, null, 2)}\n`,
  );
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const outDir = await buildN8nPackage(process.argv[2] ? resolve(process.argv[2]) : N8N_DIST);
  console.log(
    `built ${N8N_PACKAGE} into ${relative(process.cwd(), outDir) || '.'} in ${Date.now() - started} ms`,
  );
}
