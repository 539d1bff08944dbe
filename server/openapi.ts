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
import { CONNECTOR_VERSION } from '../index.js';
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
    'the key may not do this (an admin key is needed), or the Pipedrive credentials lack a permission',
  not_found: 'no such connection, subscription, run, key or Pipedrive record (or it is in another workspace)',
  conflict: 'conflicts with the current state',
  unprocessable: 'Pipedrive refused the request (e.g. a limit)',
  rate_limited:
    "Pipedrive's rate limit, still hit after waiting and retrying; or too many wrong API keys from this address",
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
                  path: z.string().meta({ description: 'Field path, e.g. `input.title`.' }),
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
    ['admin', 'Workspaces, API keys and the audit trail (admin keys only).'],
    ['mcp', 'The operations as Model Context Protocol tools (docs/mcp.md).'],
    ['playground', 'Try it in a browser.'],
  ] as const
).map(([name, description]) => ({ name, description }));

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
    transformObject: jsonSchemaTransformObject,
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
