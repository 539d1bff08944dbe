import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOCS_PREFIX } from '../../server/openapi.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { checkOpenApi31 } from '../helpers/openapi.js';

// Every route the host registers, seen by an onRoute hook added to each fastify instance as it is created,
// before any plugin or route: independent of what @fastify/swagger collects.
const registered = vi.hoisted(() => [] as { method: string; url: string }[]);
vi.mock('fastify', async (importOriginal) => {
  const actual = await importOriginal<typeof import('fastify')>();
  const create = ((options?: object) => {
    const app = (actual.default as (o?: object) => FastifyInstance)(options);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) registered.push({ method, url: route.url });
    });
    return app;
  }) as unknown as typeof actual.default;
  return { ...actual, default: create, fastify: create };
});

// The official OpenAPI JSON Schemas, when a validator that ships them is installed (it is not a dependency yet:
// see docs/decisions.md); the structural check (test/helpers/openapi.ts) runs either way.
const officialValidator = '@seriousme/openapi-schema-validator';
const official = await import(officialValidator).catch(() => undefined);

/** `/runs/:id` as OpenAPI writes it: `/runs/{id}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('GET /docs/json: the host API as OpenAPI 3.1', () => {
  let host: TestHost | undefined;

  afterEach(async () => {
    await host?.close();
    host = undefined;
    registered.length = 0;
  });

  const documentOf = async (env: Record<string, string> = {}) => {
    registered.length = 0;
    host = await startTestHost({ PUBLIC_URL: 'https://hooks.example.com', ...env });
    const response = await host.app.inject({ url: `${DOCS_PREFIX}/json` });
    expect(response.statusCode).toBe(200);
    return response.json() as {
      openapi: string;
      paths: Record<string, Record<string, { summary?: string; description?: string; tags?: string[] }>>;
      servers: { url: string }[];
    };
  };

  for (const [label, env] of [
    ['without OAuth', {}],
    ['with OAuth configured', { PIPEDRIVE_CLIENT_ID: 'client-id', PIPEDRIVE_CLIENT_SECRET: 'client-secret' }],
  ] as const) {
    it(`validates and lists every route the host registers (${label})`, async () => {
      const doc = await documentOf(env);
      expect(checkOpenApi31(doc)).toEqual([]);
      expect(doc.servers).toEqual([{ url: 'https://hooks.example.com' }]);

      // HEAD routes are fastify's automatic twins of GET; the UI's own routes (/docs, its files) are not the API.
      const routes = registered.filter(
        (r) => r.method !== 'HEAD' && r.url !== DOCS_PREFIX && !r.url.startsWith(`${DOCS_PREFIX}/`),
      );
      expect(routes.length).toBeGreaterThanOrEqual(20);
      const missing = routes.filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]);
      expect(
        missing.map((r) => `${r.method} ${r.url}`),
        'routes missing from the document: describe them in ROUTE_DOCS (server/openapi.ts)',
      ).toEqual([]);
      // ...and nothing else is in it.
      const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.sort()).toEqual(
        [...new Set(routes.map((r) => `${r.method} ${openApiPath(r.url)}`))].sort(),
      );
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          expect(operation.summary, `${method} ${path}`).toBeTruthy();
          expect(operation.description, `${method} ${path}`).toBeTruthy();
          expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        }
      }
    });
  }

  it('the structural check finds what breaks the rules', () => {
    const broken = {
      openapi: '3.0.3',
      info: { title: 'x' },
      paths: {
        '/runs/{id}': {
          get: {
            operationId: 'a',
            parameters: [{ name: 'run', in: 'path', schema: { type: 'string', nullable: true } }],
            responses: { '200': {}, '2xx': { description: 'x' } },
          },
        },
        '/runs/{other}': { get: { operationId: 'a', responses: { default: { description: 'x' } } } },
      },
    };
    const problems = checkOpenApi31(broken).join('\n');
    for (const expected of [
      'must be a 3.1.x version',
      '/info/version: is required',
      'must be true for a path parameter',
      'path parameter {id} is not described',
      'path parameter run is not in the path',
      '`nullable` is OpenAPI 3.0',
      '/responses/200: needs a `description`',
      'is not a status code',
      'same template as /runs/{id}',
      'a is not unique',
    ]) {
      expect(problems).toContain(expected);
    }
  });

  it.skipIf(!official)(`validates against the official schema (${officialValidator})`, async () => {
    const doc = await documentOf();
    const validator = new official.Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('documents bodies, parameters and the error shape with the statuses that can happen', async () => {
    const doc = (await documentOf()) as unknown as {
      paths: Record<string, Record<string, Record<string, never>>>;
    };
    const run = doc.paths['/operations/{name}']?.post as unknown as {
      parameters: { name: string; in: string }[];
      requestBody: { content: Record<string, { schema: { required: string[] } }> };
      responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
    };
    expect(run.parameters).toEqual([expect.objectContaining({ name: 'name', in: 'path' })]);
    expect(run.requestBody.content['application/json']?.schema.required).toEqual(['connection_id']);
    expect(Object.keys(run.responses).sort()).toEqual(
      ['200', '400', '401', '403', '404', '409', '413', '415', '422', '429', '500', '502', '504'].sort(),
    );
    expect(run.responses['404']?.content?.['application/json']?.schema).toMatchObject({
      required: ['error'],
      properties: {
        error: {
          required: ['code', 'message', 'details'],
          properties: { code: { enum: ['unknown_operation', 'not_found'] } },
        },
      },
    });
    const webhook = doc.paths['/webhooks/pipedrive/{subscription_id}']?.post as unknown as {
      security: unknown;
      responses: Record<string, unknown>;
    };
    expect(webhook.security).toEqual([{ webhookBasic: [] }]);
    expect(Object.keys(webhook.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '410']),
    );
  });

  it('changes nothing in how requests are validated and answered', async () => {
    host = await startTestHost();
    const noConnection = await host.app.inject({
      method: 'POST',
      url: '/operations/get_deal',
      payload: { input: { id: 1 } },
    });
    expect(noConnection.statusCode).toBe(400);
    expect(noConnection.json().error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'connection_id', message: 'is required' }] },
    });
    const extra = await host.app.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: 'x', colour: 'red' },
    });
    expect(extra.json().error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'colour', message: 'is not a field of this operation' }] },
    });
    const runs = await host.app.inject({ url: '/runs?limit=5000' });
    expect(runs.statusCode).toBe(400);
    expect(runs.json().error.details.issues[0].path).toBe('limit');
    // The webhook route still reads any body raw: no 415 for a content type fastify does not parse.
    const stranger = await host.app.inject({
      method: 'POST',
      url: '/webhooks/pipedrive/nope',
      headers: { 'content-type': 'application/xml' },
      payload: '{not json',
    });
    expect(stranger.statusCode).toBe(404);
    const ui = await host.app.inject({ url: DOCS_PREFIX });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    // The UI is served from the package itself (no CDN).
    const bundle = await host.app.inject({ url: `${DOCS_PREFIX}/static/swagger-ui-bundle.js` });
    expect(bundle.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']+\.(js|css)/);
  });
});
