/**
 * `GET /playground`: the forms playground, a page that runs operations and subscribes triggers through this
 * host's HTTP API. Its React bundle is built by `npm run build:playground` (part of `npm run build`) into
 * dist/playground/; `/playground?dev` serves React's development build, with its warnings in the console.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { securityHeaders } from './http.js';
import { errorSchema } from './openapi.js';
import type { App } from './routes/deps.js';

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
  return securityHeaders(reply, CONTENT_SECURITY_POLICY);
}

const html = z.string().meta({ description: 'HTML.' });

/** The page and its files: public (they hold no data; the page signs in with an API key it keeps in memory). */
export function registerPlaygroundRoutes(app: App): void {
  app.get(
    '/playground',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'playground',
        summary: 'The forms playground',
        description:
          'A page to try the connector in a browser: sign in with an API key, pick a connection and an operation, fill the form made from its input schema, run it; subscribe a trigger and watch its runs. Everything it does goes through this API with the key.',
        tags: ['playground'],
        querystring: z.object({
          dev: z
            .string()
            .optional()
            .meta({ description: "Present: React's development build, with its warnings in the console." }),
        }),
        produces: ['text/html'],
        response: {
          200: html.meta({ description: 'The page.' }),
          503: html.meta({ description: 'The page bundle is not built (`npm run build:playground`).' }),
        },
      },
    },
    async (request, reply) => {
      secure(reply).type('text/html; charset=utf-8');
      if (!bundleDir()) return reply.code(503).send(NOT_BUILT);
      return reply.send(page(request.query.dev !== undefined));
    },
  );

  app.get(
    '/playground/:file',
    {
      config: { access: 'public' },
      schema: {
        operationId: 'playgroundFile',
        summary: "The playground's files",
        description:
          'The built script and style sheet of the page (`app.js`, `app.css` and their `.dev` builds).',
        tags: ['playground'],
        params: z.object({
          file: z.string().min(1).max(100).meta({ description: 'File name, e.g. `app.js`.' }),
        }),
        produces: ['text/javascript', 'text/css'],
        response: {
          200: z.string().meta({ description: 'JavaScript or CSS.' }),
          // Explicit media type: the route's `produces` are those of its files, not of its error.
          404: {
            description: '`not_found`: no such file, or the bundle is not built.',
            content: { 'application/json': { schema: errorSchema(['not_found'], 'The error.') } },
          },
        },
      },
    },
    async (request, reply) => {
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
    },
  );
}
