/**
 * `/docs`: the host's HTTP API as OpenAPI 3.1 (@fastify/swagger), with Swagger UI; the document is at
 * `/docs/json` (and `/docs/yaml`). It is made from the routes themselves: each route's zod schemas (params,
 * query, body, answers by status), its summary, description and tags, and its declared access
 * (server/access.ts) as `security`. Nothing is described on the side.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { createJsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import connector, { CONNECTOR_VERSION } from '../index.js';
import { ERROR_STATUS, type ErrorCode } from '../runtime/errors.js';
import type { Access } from './access.js';
import type { Config } from './config.js';
import { requiresJson } from './guards.js';
import { securityHeaders } from './http.js';

export const DOCS_PREFIX = '/docs';

const ERROR_TEXT: Record<ErrorCode, string> = {
  invalid_input: 'bad input, refused before anything was sent; `details.issues` names each field',
  unknown_operation: 'no operation, lookup or trigger of that name',
  unauthorized:
    'no API key, or one that is malformed, unknown or revoked (for Pipedrive calls: Pipedrive refused the credentials; for a webhook: wrong Basic credentials)',
  reauthorization_required: 'the OAuth connection must be authorized again (POST /oauth/authorize-url)',
  forbidden:
    "the key may not do this (an admin key, or a host operator's, is needed; a workspace admin reached past its workspace), or the Pipedrive credentials lack a permission",
  not_found: 'no such connection, subscription, run, key or Pipedrive record (or it is in another workspace)',
  conflict: 'conflicts with the current state',
  unprocessable: 'Pipedrive refused the request (e.g. a limit)',
  rate_limited:
    "Pipedrive's rate limit, still hit after waiting and retrying; or too many requests of this API key or its workspace (`Retry-After` says when to ask again), or too many wrong API keys from this address",
  daily_limit_reached: "the company's daily API budget is spent",
  upstream_error: 'Pipedrive failed (5xx after retries) or answered something unexpected',
  timeout: 'Pipedrive did not answer in time',
  internal_error: 'a bug or an unavailable store; see the host log',
};

/** The one error shape, with the codes a status can carry on a route. */
export function errorSchema(codes: readonly ErrorCode[], description: string) {
  return z
    .object({
      error: z.object({
        code: z.enum(codes as [ErrorCode, ...ErrorCode[]]).meta({ description: 'Stable error code.' }),
        message: z.string().meta({ description: 'What went wrong, quoting Pipedrive where it answered.' }),
        details: z
          .looseObject({
            issues: z
              .array(
                z.object({
                  path: z.string().meta({
                    description:
                      'The field at fault, as a path within the input: `title`, `emails.0.value`; empty for the input as a whole.',
                  }),
                  message: z.string().meta({ description: 'The problem.' }),
                }),
              )
              .optional()
              .meta({ description: 'For `invalid_input`: each bad field, by dotted path.' }),
          })
          .meta({ description: 'More about the error (e.g. `issues`, `connection_id`).' }),
      }),
    })
    .meta({ description });
}

/** Errors of calling Pipedrive with a stored connection (besides invalid input and unknown names). */
export const PIPEDRIVE_ERRORS: ErrorCode[] = [
  'unauthorized',
  'reauthorization_required',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'rate_limited',
  'daily_limit_reached',
  'upstream_error',
  'timeout',
];

/** The error answer of one status, listing the codes it can carry on a route. */
function errorAnswer(codes: readonly ErrorCode[]): z.ZodType {
  const schema = errorSchema(codes, codes.map((code) => `\`${code}\`: ${ERROR_TEXT[code]}`).join('; '));
  ANSWER_CODES.set(schema, codes);
  return schema;
}

/** The codes of each answer errorAnswer made, so that the host's own errors can be added to a route's. */
const ANSWER_CODES = new WeakMap<z.ZodType, readonly ErrorCode[]>();

/** Add CODES to a route's answers by status, joining the codes an answer of that status already lists. */
function addErrors(response: Record<number, z.ZodType>, codes: readonly ErrorCode[]): void {
  for (const code of codes) {
    const status = ERROR_STATUS[code];
    const existing = response[status];
    const listed = existing ? ANSWER_CODES.get(existing) : [];
    if (!listed)
      throw new Error(`The answer ${status} is not an error answer made by errors() (server/openapi.ts).`);
    if (!listed.includes(code)) response[status] = errorAnswer([...listed, code]);
  }
}

/**
 * A route's own error answers by status, each listing the codes it can carry; `invalid_input` (400) and
 * `internal_error` (500) are always there. What the host's hooks answer besides (an API key's 401, 403 and 429
 * from the route's declared access; 413 and 415 for a JSON body) is added to every route when it is registered.
 */
export function errors(codes: ErrorCode[]): Record<number, z.ZodType> {
  const result: Record<number, z.ZodType> = {};
  addErrors(result, [...codes, 'invalid_input', 'internal_error']);
  return result;
}

/** What every route of an access kind can answer besides its own errors (server/access.ts). */
const ACCESS_ERRORS: Partial<Record<Access, ErrorCode[]>> = {
  key: ['unauthorized', 'rate_limited'],
  admin: ['unauthorized', 'forbidden', 'rate_limited'],
  operator: ['unauthorized', 'forbidden', 'rate_limited'],
  signin: ['rate_limited'],
};

/** The answers of the hooks that run before a route: its access (server/access.ts) and the guards. */
function addHostErrors(route: RouteOptions): void {
  const response = route.schema?.response as Record<number, z.ZodType> | undefined;
  if (!response) return;
  const access = route.config?.access;
  if (access) addErrors(response, ACCESS_ERRORS[access] ?? []);
  if ([route.method].flat().some((method) => requiresJson(method, route.url))) {
    const uploads = route.config?.multipart === true;
    response[413] = errorSchema(
      ['invalid_input'],
      uploads
        ? '`invalid_input`: the JSON body is over 1 MiB, or a file over its limit (MAX_FILE_BYTES as multipart/form-data, 512 KiB as base64); `details.max_bytes` is the limit.'
        : '`invalid_input`: the body is over 1 MiB.',
    );
    response[415] = errorSchema(
      ['invalid_input'],
      uploads
        ? '`invalid_input`: the body is not `application/json`, nor `multipart/form-data` for an operation with a file.'
        : '`invalid_input`: the body is not `application/json`.',
    );
  }
}

/** The IETF RateLimit header fields (draft) every answer of a route with a key carries (server/access.ts). */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': {
    description:
      'Requests allowed in the window of the limit closest to its end: the API key (KEY_REQUESTS_PER_MINUTE), its workspace (WORKSPACE_REQUESTS_PER_MINUTE), the route (e.g. AUTHORIZE_LINKS_PER_MINUTE), or, without a valid key, failed attempts of the address (AUTH_FAILURES_PER_MINUTE).',
    schema: { type: 'integer' },
  },
  'RateLimit-Remaining': {
    description: 'Requests left in that window.',
    schema: { type: 'integer' },
  },
  'RateLimit-Reset': {
    description: 'Seconds until that window ends.',
    schema: { type: 'integer' },
  },
  'Retry-After': {
    description: 'Seconds to wait before asking again (429 only).',
    schema: { type: 'integer' },
  },
} as const;

type Responses = Record<string, { headers?: Record<string, unknown> }>;

/**
 * Declare the rate-limit headers on the answers of every route that takes a key (its `security` names `apiKey`):
 * the RateLimit fields on its 2xx and 4xx, and `Retry-After` on its 429. Routes without keys are not limited by
 * them (the pages, Pipedrive's deliveries, the OAuth flow).
 */
function withRateLimitHeaders<T>(document: T): T {
  const doc = document as {
    paths?: Record<string, Record<string, { security?: Record<string, unknown>[]; responses?: Responses }>>;
    components?: Record<string, unknown>;
  };
  doc.components = { ...(doc.components ?? {}), headers: RATE_LIMIT_HEADERS };
  const ref = (name: keyof typeof RATE_LIMIT_HEADERS) => ({ $ref: `#/components/headers/${name}` });
  for (const operations of Object.values(doc.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (!operation.security?.some((scheme) => 'apiKey' in scheme)) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!/^[24]/.test(status)) continue;
        response.headers = {
          ...(response.headers ?? {}),
          'RateLimit-Limit': ref('RateLimit-Limit'),
          'RateLimit-Remaining': ref('RateLimit-Remaining'),
          'RateLimit-Reset': ref('RateLimit-Reset'),
          ...(status === '429' ? { 'Retry-After': ref('Retry-After') } : {}),
        };
      }
    }
  }
  return document;
}

const zodTransform = createJsonSchemaTransform({ skipList: [] });

/**
 * The zod schemas of a route as JSON Schema (fastify-type-provider-zod), also for a body with a schema per media
 * type (`body: { content: { 'application/json': { schema }, 'multipart/form-data': { schema } } }`), which the
 * provider's transform does not read.
 */
const transform: typeof zodTransform = (document) => {
  const body = (document.schema as { body?: unknown } | undefined)?.body as
    | { content?: Record<string, { schema: unknown }> }
    | undefined;
  if (!body?.content) return zodTransform(document);
  const bodyOf = (schema: unknown) =>
    (zodTransform({ ...document, schema: { body: schema } }).schema as { body: unknown }).body;
  const result = zodTransform({ ...document, schema: { ...document.schema, body: undefined } });
  const content = Object.fromEntries(
    Object.entries(body.content).map(([type, media]) => [type, { schema: bodyOf(media.schema) }]),
  );
  return { ...result, schema: { ...result.schema, body: { content } } };
};

const TAGS = (
  [
    ['host', 'Health and the manifest.'],
    ['connections', 'Stored Pipedrive credentials (sealed at rest, never shown).'],
    ['oauth', 'The OAuth 2.0 authorization-code flow (docs/auth.md).'],
    ['operations', 'Run the operations of the manifest.'],
    ['lookups', 'Options of dynamic dropdowns.'],
    ['subscriptions', 'Trigger subscriptions: Pipedrive webhooks (docs/triggers.md).'],
    ['webhooks', 'Where Pipedrive delivers events.'],
    ['runs', 'Accepted events on their way to the engine.'],
    [
      'admin',
      "Workspaces, API keys and the audit trail: a workspace admin's key for its own workspace, a host operator's for every one.",
    ],
    ['mcp', 'The operations as Model Context Protocol tools (docs/mcp.md).'],
    ['playground', 'Try it in a browser.'],
  ] as const
).map(([name, description]) => ({ name, description }));

type Json = Record<string, unknown>;
type OpenApiDocument = Json & {
  paths?: Record<string, Record<string, Json>>;
  tags?: { name: string; description?: string }[];
};

/** A manifest schema inside the document: a Schema Object of the document's dialect (no `$schema` of its own). */
function embedded(schema: Json): Json {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

/**
 * Each operation of the manifest as its own path, `POST /operations/<name>`, with its input and output schemas,
 * so that the document (and `/docs`) shows every operation's fields and can try it. The route is the one
 * `POST /operations/{name}` (server/routes/operations.ts): its access is copied and its error answers referred to
 * (`components.responses`), only the body and the `200` are the operation's. Made from the manifest when the document is built; nothing is written by hand.
 */
function withOperationPaths(doc: OpenApiDocument): OpenApiDocument {
  const generic = doc.paths?.['/operations/{name}']?.post as
    | (Json & { requestBody: Json; responses: Record<string, Json> })
    | undefined;
  if (!generic) return doc;
  const body = (generic.requestBody.content as Record<string, { schema: Json }>)['application/json']?.schema;
  const connectionId = (body?.properties as Record<string, Json> | undefined)?.connection_id;
  // The route's error answers, once, for every operation's path to refer to.
  const shared: Record<string, Json> = {};
  const answers: Record<string, Json> = {};
  for (const [status, answer] of Object.entries(generic.responses)) {
    if (status === '200') continue;
    shared[`runOperation${status}`] = answer;
    answers[status] = { $ref: `#/components/responses/runOperation${status}` };
  }
  const paths: Record<string, Record<string, Json>> = {};
  const resources = new Set<string>();
  for (const op of connector.manifest.operations) {
    const tag = `operations: ${op.resource}`;
    resources.add(tag);
    const input = embedded(op.input_schema);
    const needsInput = Array.isArray(input.required) && input.required.length > 0;
    paths[`/operations/${op.name}`] = {
      post: {
        ...generic,
        operationId: `run_${op.name}`,
        summary: op.title,
        description: `${op.description}\n\nCalls \`${op.method} ${op.path}\` (Pipedrive API ${op.api}) with the connection's credentials; the input is validated first, and nothing is sent when it is invalid. The sample input: \`${JSON.stringify(op.sample ?? {})}\`.`,
        tags: [tag],
        parameters: undefined,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                properties: { connection_id: connectionId, input },
                required: needsInput ? ['connection_id', 'input'] : ['connection_id'],
                additionalProperties: false,
              },
              example: { connection_id: '<connection id>', input: op.sample ?? {} },
            },
          },
        },
        responses: {
          ...answers,
          '200': {
            description: "Pipedrive's answer, checked against the output schema.",
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { output: embedded(op.output_schema) },
                  required: ['output'],
                  additionalProperties: false,
                },
              },
            },
          },
        },
      },
    };
  }
  const tags = [...resources].sort().map((name) => ({
    name,
    description: `The ${name.slice('operations: '.length).replace(/_/g, ' ')} operations, each with its input and output.`,
  }));
  const components = (doc.components ?? {}) as Json & { responses?: Json };
  return {
    ...doc,
    tags: [...(doc.tags ?? []), ...tags],
    paths: { ...doc.paths, ...paths },
    components: { ...components, responses: { ...components.responses, ...shared } },
  };
}

/** Register the OpenAPI document and its UI; call before any route is added (routes are collected as added). */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  app.addHook('onRoute', addHostErrors);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pipedrive connector host',
        version: CONNECTOR_VERSION,
        description:
          'The HTTP API of the Pipedrive connector\'s reference host. JSON in and out; every error is `{"error":{"code","message","details"}}` with the status of its code. Every route needs an API key (`Authorization: Bearer pdk_...`) except `/health`, the pages (`/playground`, `/docs`), the webhook callback (Basic credentials of its subscription) and the OAuth start and callback (bound to a single-use ticket and to the browser). A key sees only its own workspace: another workspace\'s connection, subscription or run answers 404. See docs/security.md.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: config.publicUrl }],
      tags: TAGS,
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'pdk_<id>_<secret>',
            description:
              'An API key of the host (`pipedrive-connector keys create --workspace <name>`, or `POST /keys` with an admin key).',
          },
          webhookBasic: {
            type: 'http',
            scheme: 'basic',
            description: 'The random user and password made for each subscription and given to Pipedrive.',
          },
        },
      },
    },
    transform,
    transformObject: (input) =>
      withRateLimitHeaders(
        withOperationPaths(jsonSchemaTransformObject(input) as OpenApiDocument),
      ) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, docExpansion: 'list', persistAuthorization: false },
    staticCSP: true,
    transformStaticCSP: (header) => `${header}; frame-ancestors 'none'; base-uri 'none'`,
    uiHooks: {
      onRequest: (_request, reply, done) => {
        securityHeaders(reply);
        done();
      },
    },
  });
}
