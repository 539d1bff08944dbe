import { Validator } from '@seriousme/openapi-schema-validator';
import type { RouteOptions } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import connector from '../../index.js';
import { DOCS_PREFIX } from '../../server/openapi.js';
import { startTestHost, type TestHost } from '../helpers/host.js';
import { checkOpenApiSemantics } from '../helpers/openapi.js';

// Every route the host registers, seen by an onRoute hook the host adds before any plugin or route
// (`onRoute` of buildApp): independent of what @fastify/swagger collects.
const registered: { method: string; url: string }[] = [];
const onRoute = (route: RouteOptions) => {
  for (const method of [route.method].flat()) registered.push({ method, url: route.url });
};

// The official OpenAPI 3.1 JSON Schema; test/helpers/openapi.ts checks what a JSON Schema cannot.
const validator = new Validator();

/** `/runs/:id` as OpenAPI writes it: `/runs/{id}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

type Json = Record<string, unknown>;

describe('GET /docs/json: the host API as OpenAPI 3.1', () => {
  let host: TestHost | undefined;

  afterEach(async () => {
    await host?.close();
    host = undefined;
    registered.length = 0;
  });

  const documentOf = async (env: Record<string, string> = {}) => {
    registered.length = 0;
    host = await startTestHost({ PUBLIC_URL: 'https://hooks.example.com', ...env }, { onRoute });
    const response = await host.inject({ url: `${DOCS_PREFIX}/json`, key: null });
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
    // Every operation's schemas are compiled (test/helpers/openapi.ts): seconds, more on a busy machine.
    it(`validates and lists every route the host registers (${label})`, { timeout: 120_000 }, async () => {
      const doc = await documentOf(env);
      const official = await validator.validate(doc as never);
      expect(official.errors ?? []).toEqual([]);
      expect(official.valid).toBe(true);
      expect(checkOpenApiSemantics(doc as never)).toEqual([]);
      expect(doc.servers).toEqual([{ url: 'https://hooks.example.com' }]);

      // HEAD routes are fastify's automatic twins of GET; the UI's own routes (/docs, its files) are not the API.
      const routes = registered.filter(
        (r) => r.method !== 'HEAD' && r.url !== DOCS_PREFIX && !r.url.startsWith(`${DOCS_PREFIX}/`),
      );
      expect(routes.length).toBeGreaterThanOrEqual(20);
      const missing = routes.filter((r) => !doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()]);
      expect(
        missing.map((r) => `${r.method} ${r.url}`),
        'routes missing from the document: give them a schema with summary, description and tags',
      ).toEqual([]);
      // ...and nothing else is in it, but each operation's own path (served by POST /operations/{name}).
      const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(documented.sort()).toEqual(
        [
          ...new Set(routes.map((r) => `${r.method} ${openApiPath(r.url)}`)),
          ...connector.manifest.operations.map((op) => `POST /operations/${op.name}`),
        ].sort(),
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

  it('documents each operation as its own path, with its input and output schemas, and it can be tried', async () => {
    const doc = (await documentOf()) as unknown as {
      tags: { name: string }[];
      paths: Record<string, { post: Json }>;
      components: { responses: Record<string, unknown> };
    };
    const generic = doc.paths['/operations/{name}']?.post as Json;
    const schemaOf = (content: unknown) =>
      (content as { 'application/json': { schema: Json } })['application/json'].schema;
    for (const op of connector.manifest.operations) {
      const documented = doc.paths[`/operations/${op.name}`]?.post as Json & {
        requestBody: { content: unknown };
        responses: Record<string, { content?: unknown }>;
      };
      expect(documented, op.name).toBeDefined();
      const { $schema: _in, ...input } = op.input_schema;
      const { $schema: _out, ...output } = op.output_schema;
      const body = schemaOf(documented.requestBody.content) as { properties: Json; required: string[] };
      expect(body.properties.input, op.name).toEqual(input);
      expect(body.required, op.name).toContain('connection_id');
      expect(schemaOf(documented.responses['200']?.content), op.name).toMatchObject({
        properties: { output },
      });
      // The route's own answers (referred to, once in components) and access, as the generic path documents them.
      const { 200: _ok, ...errors } = documented.responses;
      const { 200: _generic, ...genericErrors } = generic.responses as Record<string, unknown>;
      const resolved = Object.fromEntries(
        Object.entries(errors).map(([status, answer]) => [
          status,
          doc.components.responses[(answer as { $ref: string }).$ref.replace('#/components/responses/', '')],
        ]),
      );
      expect(resolved, op.name).toEqual(genericErrors);
      expect(documented.security, op.name).toEqual(generic.security);
      expect(documented.summary).toBe(op.title);
      expect(doc.tags.map((t) => t.name)).toContain(`operations: ${op.resource}`);
    }
    const addDeal = doc.paths['/operations/add_deal']?.post as { requestBody: { content: unknown } };
    const addDealInput = (schemaOf(addDeal.requestBody.content).properties as { input: Json }).input;
    expect(addDealInput.required).toEqual(['title']);
    expect(Object.keys(addDealInput.properties as Json)).toContain('custom_fields');
    // Trying a documented path is calling the operation: the same route answers it.
    const tried = await host?.inject({
      method: 'POST',
      url: '/operations/add_deal',
      payload: { connection_id: 'cn_nope', input: { title: 'Acme' } },
    });
    expect(tried?.statusCode).toBe(404);
    expect(tried?.json().error.code).toBe('not_found');
  });

  it('the semantic check finds what the official schema cannot', () => {
    const broken = {
      openapi: '3.1.0',
      info: { title: 'x', version: '1' },
      tags: [{ name: 't' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      paths: {
        '/runs/{id}': {
          get: {
            operationId: 'a',
            tags: ['u'],
            security: [{ nope: [] }],
            parameters: [
              { name: 'run', in: 'path', required: true, schema: { type: 'string', nullable: true } },
            ],
            responses: {
              '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/x' } } } },
            },
          },
        },
        '/runs/{other}': { get: { operationId: 'a', responses: { default: { description: 'x' } } } },
      },
    };
    const problems = checkOpenApiSemantics(broken).join('\n');
    for (const expected of [
      'path parameter {id} is not described',
      'path parameter run is not in the path',
      '`nullable` is OpenAPI 3.0',
      'same template as /runs/{id}',
      'a is not unique',
      'tag u is not declared',
      'nope: is not in components.securitySchemes',
      '$ref #/x does not resolve',
    ]) {
      expect(problems).toContain(expected);
    }
  });

  it("declares each route's access as its security: API key, webhook Basic, or none", async () => {
    const doc = (await documentOf()) as unknown as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['apiKey', 'webhookBasic']);
    const table = (host as TestHost).app.accessTable.filter((r) => !r.url.startsWith(DOCS_PREFIX));
    const expected = {
      key: [{ apiKey: [] }],
      admin: [{ apiKey: [] }],
      operator: [{ apiKey: [] }],
      webhook: [{ webhookBasic: [] }],
      public: [],
      oauth: [],
      signin: [],
    };
    for (const route of table) {
      const operation = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
      expect(operation?.security, `${route.method} ${route.url}`).toEqual(expected[route.access]);
    }
  });

  it("documents on every route what the hooks before it answer: its access's 401, 403 and 429, a JSON body's 413 and 415", async () => {
    const doc = (await documentOf()) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const table = (host as TestHost).app.accessTable.filter((r) => !r.url.startsWith(DOCS_PREFIX));
    const byAccess: Record<string, string[]> = {
      key: ['401', '429'],
      admin: ['401', '403', '429'],
      operator: ['401', '403', '429'],
      signin: ['429'],
    };
    let posts = 0;
    for (const route of table) {
      const statuses = Object.keys(
        doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]?.responses ?? {},
      );
      const expected = [...(byAccess[route.access] ?? [])];
      if (route.method === 'POST' && route.access !== 'webhook') {
        expected.push('413', '415');
        posts += 1;
      }
      expect(statuses, `${route.method} ${route.url}`).toEqual(expect.arrayContaining(expected));
    }
    expect(posts).toBeGreaterThanOrEqual(10);
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
    expect(run.requestBody.content['application/json']?.schema).toMatchObject({
      additionalProperties: false,
    });
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
      requestBody: { content: Record<string, { schema: Record<string, unknown> }> };
    };
    expect(webhook.security).toEqual([{ webhookBasic: [] }]);
    expect(Object.keys(webhook.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '404', '410']),
    );
    // The documented body is the check's own schema (triggers/delivery.ts): `meta.version` required, and
    // `meta.webhook_id` a string as Pipedrive sends it (FACTS §1), or a number.
    const body = Object.values(webhook.requestBody.content)[0]?.schema as {
      properties: { meta: { required: string[]; properties: Record<string, Record<string, unknown>> } };
    };
    expect(body.properties.meta.required).toEqual(['id', 'action', 'entity', 'version']);
    expect(body.properties.meta.properties.webhook_id?.type).toEqual(['string', 'number', 'null']);
    expect(body.properties.meta.properties.version?.description).toMatch(/2\.0/);
  });

  it('changes nothing in how requests are validated and answered', async () => {
    host = await startTestHost();
    const noConnection = await host.inject({
      method: 'POST',
      url: '/operations/get_deal',
      payload: { input: { id: 1 } },
    });
    expect(noConnection.statusCode).toBe(400);
    expect(noConnection.json().error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'connection_id', message: 'is required' }] },
    });
    const extra = await host.inject({
      method: 'POST',
      url: '/connections',
      payload: { type: 'api_token', api_token: 'x', colour: 'red' },
    });
    expect(extra.json().error).toMatchObject({
      code: 'invalid_input',
      details: { issues: [{ path: 'colour', message: 'is not a field of this operation' }] },
    });
    const runs = await host.inject({ url: '/runs?limit=5000' });
    expect(runs.statusCode).toBe(400);
    expect(runs.json().error.details.issues[0].path).toBe('limit');
    // The webhook route still reads any body raw: no 415 for a content type fastify does not parse.
    const stranger = await host.inject({
      method: 'POST',
      url: '/webhooks/pipedrive/nope',
      headers: { 'content-type': 'application/xml' },
      payload: '{not json',
    });
    expect(stranger.statusCode).toBe(404);
    const ui = await host.inject({ url: DOCS_PREFIX, key: null });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    // The UI is served from the package itself (no CDN).
    const bundle = await host.inject({ url: `${DOCS_PREFIX}/static/swagger-ui-bundle.js`, key: null });
    expect(bundle.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[^"']+\.(js|css)/);
  });
});
