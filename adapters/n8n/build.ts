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
import { execFileSync } from 'node:child_process';
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

/**
 * The credentials read one constant of generated/descriptions.json (the OAuth endpoints): they get a copy of the
 * file with that key only, not the nodes' descriptions of every operation.
 */
const oauthOnly: Plugin = {
  name: 'oauth-only-descriptions',
  setup(b) {
    b.onLoad({ filter: /generated[\\/]descriptions\.json$/ }, (args) => {
      const { oauth2 } = JSON.parse(readFileSync(args.path, 'utf8')) as { oauth2: unknown };
      return { contents: JSON.stringify({ oauth2 }), loader: 'json' };
    });
  },
};

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
    plugins: [sharedConnector(undefined), oauthOnly],
  });
  for (const node of NODES)
    cpSync(join(HERE, 'nodes/pipedrive.svg'), join(outDir, `dist/nodes/${node}/pipedrive.svg`));
  cpSync(join(ROOT, 'connector.manifest.json'), join(outDir, 'connector.manifest.json'));
  // The README is docs/n8n.md. The image of the node's form ships beside it; links to the connector's other docs,
  // which the package does not ship, name the file in the connector's source instead (test/docs.test.ts checks
  // that every file the README links to is in the package).
  const readme = readFileSync(join(ROOT, 'docs/n8n.md'), 'utf8').replace(
    /\[([^\]]+)\]\(([\w-]+\.md)(#[\w-]+)?\)/g,
    (_link, text: string, file: string) => `${text} (\`docs/${file}\` in the connector's source)`,
  );
  writeFileSync(join(outDir, 'README.md'), readme);
  cpSync(join(ROOT, 'docs/n8n-node-form.png'), join(outDir, 'n8n-node-form.png'));
  const template = JSON.parse(readFileSync(join(HERE, 'package.template.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  writeFileSync(
    join(outDir, 'package.json'),
    `${JSON.stringify({ name: template.name, version, ...template }, null, 2)}\n`,
  );
  return outDir;
}

/** `npm pack` of a built package into `destination`: the path of the installable tarball. */
export function packN8nPackage(outDir: string, destination: string): string {
  mkdirSync(destination, { recursive: true });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
      cwd: outDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  ) as { filename: string }[];
  return join(destination, (packed[0] as { filename: string }).filename);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pack = process.argv.includes('--pack');
  const where = process.argv.slice(2).find((arg) => !arg.startsWith('--'));
  const started = Date.now();
  const outDir = await buildN8nPackage(where ? resolve(where) : N8N_DIST);
  const shown = (path: string) => relative(process.cwd(), path) || '.';
  console.log(`built ${N8N_PACKAGE} into ${shown(outDir)} in ${Date.now() - started} ms`);
  if (pack) {
    const tarball = packN8nPackage(outDir, dirname(outDir));
    console.log(
      `packed ${shown(tarball)}\n\nInstall it into n8n (docs/n8n.md, "Install"), then restart n8n:\n` +
        `  mkdir -p ~/.n8n/nodes && cd ~/.n8n/nodes && npm install --omit=peer ${tarball}`,
    );
  } else {
    console.log('next: `npm run pack:n8n` makes the tarball to install into n8n (docs/n8n.md, "Install")');
  }
}
