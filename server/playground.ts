/**
 * `GET /playground`: the forms playground, a page that runs operations and subscribes triggers through this
 * host's HTTP API. Its React bundle is built by `npm run build:playground` (part of `npm run build`) into
 * dist/playground/; `/playground?dev` serves React's development build, with its warnings in the console.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'app.dev.js': 'text/javascript; charset=utf-8',
  'app.dev.css': 'text/css; charset=utf-8',
};

/**
 * ajv compiles the form validators with `new Function` ('unsafe-eval'); React and rjsf set a few inline
 * styles. Everything else comes from this host: no CDN, no other origin.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** dist/playground/: beside the compiled server (dist/server/) or, running from source, under dist/. */
function bundleDir(): string | undefined {
  const candidates = ['../playground/', '../dist/playground/'].map((path) =>
    fileURLToPath(new URL(path, import.meta.url)),
  );
  return candidates.find((dir) => existsSync(join(dir, 'app.js')));
}

function page(dev: boolean): string {
  const name = dev ? 'app.dev' : 'app';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pipedrive connector · playground</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/playground/${name}.css">
</head>
<body>
<div id="root"></div>
<script type="module" src="/playground/${name}.js"></script>
</body>
</html>
`;
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Playground not built</title></head>
<body><h1>The playground is not built</h1>
<p>Run <code>npm run build:playground</code> (or <code>npm run build</code>), then reload this page.</p></body></html>
`;

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache');
}

export function registerPlaygroundRoutes(app: FastifyInstance): void {
  app.get<{ Querystring: { dev?: string } }>('/playground', async (request, reply) => {
    secure(reply).type('text/html; charset=utf-8');
    if (!bundleDir()) return reply.code(503).send(NOT_BUILT);
    return reply.send(page(request.query.dev !== undefined));
  });

  app.get<{ Params: { file: string } }>('/playground/:file', async (request, reply) => {
    const type = ASSETS[request.params.file];
    const dir = bundleDir();
    const body =
      type && dir ? await readFile(join(dir, request.params.file)).catch(() => undefined) : undefined;
    if (!type || !body) {
      return reply.code(404).send({
        error: { code: 'not_found', message: `No playground file ${request.params.file}.`, details: {} },
      });
    }
    return secure(reply).type(type).send(body);
  });
}
