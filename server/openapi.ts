import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema } from 'fastify';
import { z } from 'zod';
import { CONNECTOR_VERSION } from '../index.js';
import { ERROR_STATUS, type ErrorCode } from '../runtime/errors.js';
import type { Config } from './config.js';
import { newConnection } from './connections.js';
import { connectionCall } from './operations.js';
import { newSubscription, runQuery } from './triggers.js';

/**
 * `/docs`: the host's HTTP API as OpenAPI 3.1 (@fastify/swagger) with Swagger UI; the document is at
 * `/docs/json` (and `/docs/yaml`).
 *
 * The documentation of every route lives here, in one table keyed by `METHOD /path`, and reaches the document
 * through @fastify/swagger's `transform`: the routes themselves carry no fastify schema, so fastify neither
 * validates nor serializes with these schemas. Requests stay validated by zod (`invalid_input` naming the
 * field) and answers are sent as they are. A route that is neither in the table nor documents itself
 * (`schema.summary`) is left out of the document, and test/server/openapi.test.ts names it.
 */

export const DOCS_PREFIX = '/docs';

type Schema = Record<string, unknown>;

interface RouteDoc {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  params?: Schema;
  querystring?: Schema;
  body?: Schema;
  produces?: string[];
  security?: Record<string, string[]>[];
  response: Record<string, Schema>;
}

// ---------- schemas ----------

const str = (description: string, extra: Schema = {}): Schema => ({ type: 'string', description, ...extra });
const int = (description: string): Schema => ({ type: 'integer', description });
const nullable = (schema: Schema): Schema => ({ ...schema, type: [schema.type, 'null'] });
const time = (description: string): Schema => str(description, { format: 'date-time' });
const object = (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
  additionalProperties: true,
  ...extra,
});
const anyObject = (description: string): Schema => ({
  type: 'object',
  description,
  additionalProperties: true,
});

/** A zod request schema as JSON Schema (what is accepted), with a description per field. */
function fromZod(schema: z.ZodType, descriptions: Record<string, string>, description?: string): Schema {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Schema;
  const properties = json.properties as Record<string, Schema>;
  for (const [name, text] of Object.entries(descriptions)) {
    if (!properties[name]) throw new Error(`openapi: no field ${name} to describe`);
    properties[name] = { ...properties[name], description: text };
  }
  return description ? { ...json, description } : json;
}

const params = (descriptions: Record<string, string>): Schema =>
  object(
    Object.fromEntries(Object.entries(descriptions).map(([name, text]) => [name, str(text)])),
    Object.keys(descriptions),
    { additionalProperties: false },
  );

const user = object(
  {
    id: int('Pipedrive user ID.'),
    name: str('Name.'),
    email: str('Email address.', { format: 'email' }),
    company_id: int('Company ID.'),
    company_name: str('Company name.'),
    company_domain: str('Company subdomain (`<domain>.pipedrive.com`).'),
  },
  ['id'],
  { description: 'The Pipedrive user behind the credentials (`GET /v1/users/me`).' },
);

const connection = object(
  {
    id: str('Connection ID.'),
    type: str('How it authenticates.', { enum: ['api_token', 'oauth2'] }),
    user,
    api_url: str('API base the calls go to (PIPEDRIVE_API_URL, the company domain, or OAuth `api_domain`).'),
    status: str('`reauthorization_required` after Pipedrive refused the OAuth refresh token.', {
      enum: ['active', 'reauthorization_required'],
    }),
    created_at: time('Created.'),
    updated_at: time('Last changed.'),
  },
  ['id', 'type', 'user', 'api_url', 'status'],
  { description: 'A stored connection, never with its secret.' },
);

const subscription = object(
  {
    id: str('Subscription ID.'),
    connection_id: str('The connection the webhook was registered with.'),
    trigger: str('Trigger name (see the manifest `triggers`).'),
    input: anyObject('The trigger input (filters such as `fields_to_watch`).'),
    webhook_id: nullable(int('Pipedrive webhook ID, once registered.')),
    event_action: str('Webhook event action (`create`, `change`, `delete`, `*`).'),
    event_object: str('Webhook event object (`deal`, `person`, ...).'),
    callback_url: str('Where Pipedrive delivers: `<PUBLIC_URL>/webhooks/pipedrive/<id>`.', { format: 'uri' }),
    status: str('`pending` while the webhook is registered.', { enum: ['pending', 'active', 'deleted'] }),
    created_at: time('Created.'),
    updated_at: time('Last changed.'),
  },
  ['id', 'connection_id', 'trigger', 'webhook_id', 'callback_url', 'status'],
  { description: 'A trigger subscription, never with its webhook credentials.' },
);

const runStatus = str('Dispatch state.', { enum: ['pending', 'retrying', 'delivered', 'dead'] });

const run = object(
  {
    id: str('Run ID (sent as `Idempotency-Key` to ENGINE_URL).'),
    subscription_id: str('Subscription ID.'),
    trigger: str('Trigger name.'),
    event_id: str('Pipedrive event ID (`meta.id`); unique per subscription.'),
    status: runStatus,
    attempts: int('Dispatch attempts so far.'),
    last_error: nullable(str('Why the last attempt failed.')),
    received_at: time('When the delivery was accepted.'),
    next_attempt_at: nullable(time('When the next attempt is due.')),
    delivered_at: nullable(time('When the engine took the run.')),
    event: anyObject('The normalized trigger event.'),
  },
  ['id', 'subscription_id', 'trigger', 'event_id', 'status', 'received_at'],
  { description: 'One accepted event and its way to the engine.' },
);

const errorSchema = (codes: ErrorCode[], description: string): Schema => ({
  description,
  ...object(
    {
      error: object(
        {
          code: str('Stable error code.', { enum: codes }),
          message: str('What went wrong, quoting Pipedrive where it answered.'),
          details: object(
            {
              issues: {
                type: 'array',
                description: 'For `invalid_input`: each bad field, by dotted path.',
                items: object({ path: str('Field path, e.g. `input.title`.'), message: str('The problem.') }),
              },
            },
            [],
            { description: 'More about the error (e.g. `issues`, `connection_id`).' },
          ),
        },
        ['code', 'message', 'details'],
      ),
    },
    ['error'],
  ),
});

/** Errors of calling Pipedrive with a stored connection (besides invalid input and unknown names). */
const PIPEDRIVE: ErrorCode[] = [
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

const ERROR_TEXT: Record<ErrorCode, string> = {
  invalid_input: 'bad input, refused before anything was sent; `details.issues` names each field',
  unknown_operation: 'no operation, lookup or trigger of that name',
  unauthorized: 'Pipedrive refused the credentials (or, for a webhook, wrong Basic credentials)',
  reauthorization_required: 'the OAuth connection must be authorized again at /oauth/start',
  forbidden: 'the credentials lack a permission or OAuth scope',
  not_found: 'the connection, subscription, run or Pipedrive record does not exist',
  conflict: 'conflicts with the current state',
  unprocessable: 'Pipedrive refused the request (e.g. a limit)',
  rate_limited: "Pipedrive's rate limit, still hit after waiting and retrying",
  daily_limit_reached: "the company's daily API budget is spent",
  upstream_error: 'Pipedrive failed (5xx after retries) or answered something unexpected',
  timeout: 'Pipedrive did not answer in time',
  internal_error: 'a bug or an unavailable store; see the host log',
};

/** Error responses by status, each listing the codes it can carry; `internal_error` (500) is always there. */
function errors(codes: ErrorCode[], extra: Record<string, Schema> = {}): Record<string, Schema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, 'internal_error' as const]) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...new Set([...(byStatus.get(status) ?? []), code])]);
  }
  return {
    ...Object.fromEntries(
      [...byStatus].map(([status, list]) => [
        String(status),
        errorSchema(list, list.map((code) => `\`${code}\`: ${ERROR_TEXT[code]}`).join('; ')),
      ]),
    ),
    ...extra,
  };
}

/** A JSON body can also be too large or of another content type (both `invalid_input`). */
const BODY_ERRORS = {
  '413': errorSchema(['invalid_input'], '`invalid_input`: the body is over 1 MiB.'),
  '415': errorSchema(['invalid_input'], '`invalid_input`: the body is not `application/json`.'),
};

const ok = (description: string, schema: Schema): Schema => ({ ...schema, description });
const listOf = (key: string, items: Schema, description: string): Schema =>
  ok(description, object({ [key]: { type: 'array', items } }, [key]));
const empty = (description: string, extra: Schema = {}): Schema => ({ type: 'null', description, ...extra });

const callBody = (what: string) =>
  fromZod(
    connectionCall,
    {
      connection_id: 'A connection ID (`POST /connections` or the OAuth flow).',
      input: `The ${what}'s input: one flat object (see its \`input_schema\` in the manifest).`,
    },
    `The connection to call Pipedrive with, and the ${what}'s input.`,
  );

const idParam = (what: string) => params({ id: `${what} ID.` });

// ---------- routes ----------

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /health': {
    operationId: 'health',
    summary: 'Liveness',
    description: 'Answers while the host is up (and 503 while it shuts down).',
    tags: ['host'],
    response: { '200': ok('Up.', object({ status: str('Always `ok`.', { enum: ['ok'] }) }, ['status'])) },
  },
  'GET /manifest': {
    operationId: 'getManifest',
    summary: 'The connector manifest',
    description:
      'The same object as `connector.manifest.json`: auth methods, operations (input and output JSON Schemas, samples), lookups and triggers.',
    tags: ['host'],
    response: {
      '200': ok(
        'The manifest.',
        object(
          {
            name: str('Connector name.'),
            version: str('Connector version.'),
            auth: anyObject('API token and OAuth 2.0, with fields, URLs and scopes.'),
            operations: { type: 'array', description: 'Operations.', items: anyObject('An operation.') },
            lookups: { type: 'array', description: 'Dropdown lookups.', items: anyObject('A lookup.') },
            triggers: { type: 'array', description: 'Triggers.', items: anyObject('A trigger.') },
          },
          ['name', 'version', 'operations'],
        ),
      ),
    },
  },
  'POST /connections': {
    operationId: 'createConnection',
    summary: 'Connect with an API token',
    description:
      'Checks the token with `GET /v1/users/me`, then stores it sealed. `api_url` may be the configured PIPEDRIVE_API_URL or `https://<company>.pipedrive.com`.',
    tags: ['connections'],
    body: fromZod(newConnection, {
      type: 'Only `api_token` here; OAuth connections come from `/oauth/start`.',
      api_token: "The Pipedrive user's personal API token.",
      api_url: 'API base to call (default PIPEDRIVE_API_URL).',
    }),
    response: {
      '201': ok('Connected.', connection),
      ...errors(['invalid_input', ...PIPEDRIVE], BODY_ERRORS),
    },
  },
  'GET /connections': {
    operationId: 'listConnections',
    summary: 'List connections',
    description: 'Every stored connection, without secrets.',
    tags: ['connections'],
    response: {
      '200': listOf('connections', connection, 'The connections.'),
      ...errors([]),
    },
  },
  'GET /connections/:id': {
    operationId: 'getConnection',
    summary: 'Show a connection',
    description: 'The connection, without its secret.',
    tags: ['connections'],
    params: idParam('Connection'),
    response: { '200': ok('The connection.', connection), ...errors(['not_found']) },
  },
  'DELETE /connections/:id': {
    operationId: 'deleteConnection',
    summary: 'Delete a connection',
    description:
      'Deletes the stored credentials (OAuth: also revokes the grant at Pipedrive). Refused with `conflict` while trigger subscriptions use the connection.',
    tags: ['connections'],
    params: idParam('Connection'),
    response: { '204': empty('Deleted.'), ...errors(['not_found', 'conflict']) },
  },
  'GET /oauth/start': {
    operationId: 'oauthStart',
    summary: 'Start the OAuth 2.0 flow',
    description:
      "Redirects the browser to Pipedrive's consent page, with a `state` bound to this browser by an HttpOnly cookie. `not_found` when PIPEDRIVE_CLIENT_ID/PIPEDRIVE_CLIENT_SECRET are not set. See docs/auth.md.",
    tags: ['oauth'],
    response: {
      '302': empty('To the consent page.', { headers: { location: str('The consent page URL.') } }),
      ...errors(['not_found']),
    },
  },
  'GET /oauth/callback': {
    operationId: 'oauthCallback',
    summary: 'OAuth 2.0 callback',
    description:
      'Where Pipedrive sends the browser back: checks `state` against the cookie, exchanges the code, and creates the connection. Answers it, or redirects to OAUTH_SUCCESS_URL with `?connection_id=`.',
    tags: ['oauth'],
    querystring: object({
      code: str('Authorization code (lives 5 minutes).'),
      state: str('The state given by `/oauth/start`.'),
      error: str('Set by Pipedrive when the user denied access (`user_denied`).'),
    }),
    response: {
      '201': ok('Connected.', connection),
      '302': empty('To OAUTH_SUCCESS_URL?connection_id=<id>, when set.', {
        headers: { location: str('OAUTH_SUCCESS_URL with `connection_id`.') },
      }),
      ...errors(['invalid_input', 'not_found', 'unauthorized', 'upstream_error', 'timeout']),
    },
  },
  'GET /operations/:name/schema': {
    operationId: 'getOperationSchema',
    summary: "An operation's schemas",
    description:
      "The operation's input and output JSON Schemas; with `connection_id`, `custom_fields` is typed with the account's own custom fields (see docs/custom-fields.md).",
    tags: ['operations'],
    params: params({ name: 'Operation name, e.g. `add_deal` (old v4.2 names resolve too).' }),
    querystring: object({ connection_id: str('A connection whose custom fields to include.') }),
    response: {
      '200': ok(
        'The schemas.',
        object(
          { input_schema: anyObject('Input JSON Schema.'), output_schema: anyObject('Output JSON Schema.') },
          ['input_schema', 'output_schema'],
        ),
      ),
      ...errors(['unknown_operation', ...PIPEDRIVE]),
    },
  },
  'POST /operations/:name': {
    operationId: 'runOperation',
    summary: 'Run an operation',
    description:
      "Validates the input (refused with `invalid_input` naming every bad field, before anything is sent), calls Pipedrive with the connection's credentials, retries what is safe to retry, and validates the answer. Operations are listed in the manifest and docs/operations.md.",
    tags: ['operations'],
    params: params({ name: 'Operation name, e.g. `list_deals` (old v4.2 names resolve, with a warning).' }),
    body: callBody('operation'),
    response: {
      '200': ok(
        "Pipedrive's answer.",
        object(
          {
            output: anyObject(
              "Pipedrive's envelope (`success`, `data`, `additional_data` with `next_cursor` and `has_more` for lists), plus `warnings` for a deprecated name.",
            ),
          },
          ['output'],
        ),
      ),
      ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE], BODY_ERRORS),
    },
  },
  'POST /lookups/:name': {
    operationId: 'runLookup',
    summary: 'Dropdown options',
    description:
      'Options of a dynamic dropdown (`x-lookup` in input schemas): input `{search?, cursor?, limit?, ...dependsOn values}`.',
    tags: ['lookups'],
    params: params({ name: 'Lookup name, e.g. `stages`, `users`, `persons` (the manifest `lookups`).' }),
    body: callBody('lookup'),
    response: {
      '200': ok(
        'One page of options.',
        object(
          {
            options: {
              type: 'array',
              items: object(
                {
                  value: { type: ['string', 'integer'], description: 'The value to put in the field.' },
                  label: str('What to show.'),
                },
                ['value', 'label'],
              ),
            },
            next_cursor: nullable(str('Pass as `cursor` for more options; null at the end.')),
          },
          ['options', 'next_cursor'],
        ),
      ),
      ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE], BODY_ERRORS),
    },
  },
  'POST /subscriptions': {
    operationId: 'subscribe',
    summary: 'Subscribe a trigger',
    description:
      'Registers a Pipedrive webhook (v2) with credentials of its own, calling back `<PUBLIC_URL>/webhooks/pipedrive/<id>`. See docs/triggers.md.',
    tags: ['subscriptions'],
    body: fromZod(newSubscription, {
      connection_id: 'The connection to register the webhook with (OAuth needs the `admin` scope).',
      trigger: 'Trigger name, e.g. `updated_deal` (the manifest `triggers`).',
      input: "The trigger's input (e.g. `fields_to_watch`).",
    }),
    response: {
      '201': ok('Subscribed.', subscription),
      ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE], BODY_ERRORS),
    },
  },
  'GET /subscriptions': {
    operationId: 'listSubscriptions',
    summary: 'List subscriptions',
    description: 'Every subscription (also deleted ones), optionally of one connection.',
    tags: ['subscriptions'],
    querystring: object({ connection_id: str('Only the subscriptions of this connection.') }),
    response: {
      '200': listOf('subscriptions', subscription, 'The subscriptions.'),
      ...errors([]),
    },
  },
  'GET /subscriptions/:id': {
    operationId: 'getSubscription',
    summary: 'Show a subscription',
    description: 'The subscription and how many deliveries it had.',
    tags: ['subscriptions'],
    params: idParam('Subscription'),
    response: {
      '200': ok('The subscription.', {
        ...subscription,
        properties: {
          ...(subscription.properties as Schema),
          deliveries: object({ total: int('Deliveries stored.'), skipped: int('Of them, filtered out.') }, [
            'total',
            'skipped',
          ]),
        },
      }),
      ...errors(['not_found']),
    },
  },
  'DELETE /subscriptions/:id': {
    operationId: 'unsubscribe',
    summary: 'Unsubscribe',
    description: 'Deletes the Pipedrive webhook (a 404 there counts as done); later deliveries get 410.',
    tags: ['subscriptions'],
    params: idParam('Subscription'),
    response: { '204': empty('Unsubscribed.'), ...errors(PIPEDRIVE) },
  },
  'POST /subscriptions/:id/check': {
    operationId: 'checkSubscription',
    summary: 'Check and repair the webhook',
    description:
      'Asks Pipedrive for the webhook: `ok`, `inactive` (banned for 30 minutes after failing deliveries), or `recreated` with the same credentials when Pipedrive had deleted it.',
    tags: ['subscriptions'],
    params: idParam('Subscription'),
    response: {
      '200': ok(
        'The webhook state.',
        object(
          {
            id: str('Subscription ID.'),
            status: str('What was found or done.', { enum: ['ok', 'inactive', 'recreated'] }),
            webhook_id: int('Pipedrive webhook ID.'),
          },
          ['id', 'status'],
        ),
      ),
      ...errors(PIPEDRIVE),
    },
  },
  'POST /webhooks/pipedrive/:subscription_id': {
    operationId: 'receiveWebhook',
    summary: "Pipedrive's webhook deliveries",
    description:
      'Called by Pipedrive, not by people. HTTP Basic credentials (made for the subscription) are checked in constant time before the body is read; the body is read raw (any content type, at most 1 MiB) and parsed as a webhooks v2 payload. The event is stored durably before the 200, and deduplicated by `meta.id`.',
    tags: ['webhooks'],
    security: [{ webhookBasic: [] }],
    params: params({ subscription_id: 'Subscription ID (in the callback URL).' }),
    body: object(
      {
        meta: object(
          {
            id: str('Event ID (deduplication key).'),
            action: str('`create`, `change` or `delete`.'),
            entity: str('`deal`, `person`, ...'),
            attempt: int('Delivery attempt (1–4).'),
            webhook_id: str('The webhook.'),
          },
          ['id', 'action', 'entity'],
        ),
        data: nullable(anyObject('The object after the event.')),
        previous: nullable(anyObject('Changed fields before the event.')),
      },
      ['meta'],
      { description: 'A Pipedrive webhooks v2 payload.' },
    ),
    response: {
      '200': ok(
        'Accepted, a duplicate, or filtered out (skipped); stored either way.',
        object(
          {
            status: str('What became of the event.', { enum: ['accepted', 'duplicate', 'skipped'] }),
            event_id: str('Event ID.'),
          },
          ['status', 'event_id'],
        ),
      ),
      ...errors(['invalid_input', 'unauthorized', 'not_found', 'unknown_operation'], {
        '410': errorSchema(['not_found'], '`not_found`: the subscription was deleted.'),
        '413': BODY_ERRORS['413'],
      }),
    },
  },
  'GET /runs': {
    operationId: 'listRuns',
    summary: 'List runs',
    description: 'Runs, newest first, paged with `cursor`.',
    tags: ['runs'],
    querystring: fromZod(runQuery, {
      subscription_id: 'Only the runs of this subscription.',
      status: 'Only runs in this state.',
      limit: 'Page size.',
      cursor: 'The `next_cursor` of the previous page.',
    }),
    response: {
      '200': ok(
        'One page of runs.',
        object(
          {
            runs: { type: 'array', items: run },
            next_cursor: nullable(str('Pass as `cursor` for the next page; null at the end.')),
          },
          ['runs', 'next_cursor'],
        ),
      ),
      ...errors(['invalid_input']),
    },
  },
  'GET /runs/:id': {
    operationId: 'getRun',
    summary: 'Show a run',
    description: 'The run and its event.',
    tags: ['runs'],
    params: idParam('Run'),
    response: { '200': ok('The run.', run), ...errors(['not_found']) },
  },
  'POST /runs/:id/retry': {
    operationId: 'retryRun',
    summary: 'Send a run again',
    description: 'Queues a `dead` (or failing) run for dispatch now; a delivered run is `conflict`.',
    tags: ['runs'],
    params: idParam('Run'),
    response: {
      '202': ok(
        'Queued.',
        object({ id: str('Run ID.'), status: str('Now `pending`.', { enum: ['pending'] }) }, [
          'id',
          'status',
        ]),
      ),
      ...errors(['not_found', 'conflict']),
    },
  },
  'GET /playground': {
    operationId: 'playground',
    summary: 'The forms playground',
    description:
      'A page to try the connector in a browser: pick a connection and an operation, fill the form made from its input schema, run it; subscribe a trigger and watch its runs. Everything it does goes through this API.',
    tags: ['playground'],
    querystring: object({
      dev: str("Present: React's development build, with its warnings in the console."),
    }),
    produces: ['text/html'],
    response: {
      '200': ok('The page.', str('HTML.')),
      '503': ok('The page bundle is not built (`npm run build:playground`).', str('HTML.')),
    },
  },
  'GET /playground/:file': {
    operationId: 'playgroundFile',
    summary: "The playground's files",
    description:
      'The built script and style sheet of the page (`app.js`, `app.css` and their `.dev` builds).',
    tags: ['playground'],
    params: params({ file: 'File name, e.g. `app.js`.' }),
    produces: ['text/javascript', 'text/css'],
    response: {
      '200': ok('The file.', str('JavaScript or CSS.')),
      // Explicit media type: the route's `produces` are those of its files, not of its error.
      '404': {
        description: '`not_found`: no such file, or the bundle is not built.',
        content: { 'application/json': { schema: errorSchema(['not_found'], 'The error.') } },
      },
    },
  },
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
    ['playground', 'Try it in a browser.'],
  ] as const
).map(([name, description]) => ({ name, description }));

/** The documentation of a route: from the table, else the route's own (when it has a summary), else hidden. */
function documentation(method: string, url: string, own: FastifySchema | undefined): FastifySchema {
  if ((own as { hide?: boolean } | undefined)?.hide) return own as FastifySchema;
  const doc = ROUTE_DOCS[`${method} ${url}`];
  if (doc) return doc as FastifySchema;
  if ((own as { summary?: string } | undefined)?.summary) return own as FastifySchema;
  return { hide: true } as FastifySchema;
}

/** Register the OpenAPI document and its UI; call before any route is added (routes are collected as added). */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pipedrive connector host',
        version: CONNECTOR_VERSION,
        description:
          'The HTTP API of the Pipedrive connector\'s reference host. JSON in and out; every error is `{"error":{"code","message","details"}}` with the status of its code. The host has no authentication of its own: keep it on a private interface (HOST) or behind your gateway. Only the webhook callback checks credentials (per subscription).',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: config.publicUrl }],
      tags: TAGS,
      components: {
        securitySchemes: {
          webhookBasic: {
            type: 'http',
            scheme: 'basic',
            description: 'The random user and password made for each subscription and given to Pipedrive.',
          },
        },
      },
    },
    transform: ({ schema, url, route }) => ({
      schema: documentation(String(route.method), url, schema),
      url,
    }),
  });
  await app.register(swaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true, docExpansion: 'list' },
  });
}
