import { z } from 'zod';
import connector from '../../index.js';
import { workspaceOf } from '../access.js';
import { errors, PIPEDRIVE_ERRORS } from '../openapi.js';
import { idOf } from '../resources.js';
import type { App, HostDeps } from './deps.js';

/** The body of `POST /operations/:name` and `POST /lookups/:name`: a connection and an input. */
const connectionCall = z.strictObject({
  connection_id: idOf('A connection ID of the workspace (`POST /connections` or the OAuth flow).'),
  input: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'The input: one flat object (see its `input_schema` in the manifest).' }),
});

const operationName = z.object({
  name: idOf('Operation name, e.g. `list_deals` (old v4.2 names resolve, with a warning).'),
});

const jsonSchema = z.record(z.string(), z.unknown());

/** `POST /operations/:name` `{connection_id, input}` → `{output}`, its schemas, and `POST /lookups/:name`. */
export function registerOperationRoutes(app: App, deps: HostDeps): void {
  const { connections } = deps;

  app.get(
    '/operations/:name/schema',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'getOperationSchema',
        summary: "An operation's schemas",
        description:
          "The operation's input and output JSON Schemas; with `connection_id`, `custom_fields` is typed with the account's own custom fields (see docs/custom-fields.md). When the account's fields cannot be read, the schemas are the manifest's and `warnings` says why (the connection itself must exist: `not_found` otherwise).",
        tags: ['operations'],
        params: operationName,
        querystring: z.object({
          connection_id: idOf('A connection whose custom fields to include.').optional(),
        }),
        response: {
          200: z
            .object({
              input_schema: jsonSchema.meta({ description: 'Input JSON Schema.' }),
              output_schema: jsonSchema.meta({ description: 'Output JSON Schema.' }),
              warnings: z.array(z.string()).optional().meta({
                description:
                  "Why the account's custom fields are not in the schemas (they could not be read); absent when they are, or when no connection was named.",
              }),
            })
            .meta({ description: 'The schemas.' }),
          ...errors(['unknown_operation', 'not_found', 'reauthorization_required']),
        },
      },
    },
    async (request) => {
      const operation = await connector.resolve(request.params.name);
      if (!request.query.connection_id) {
        const entry = connector.manifest.operations.find((op) => op.name === operation.name);
        return { input_schema: entry?.input_schema ?? {}, output_schema: entry?.output_schema ?? {} };
      }
      const connection = await connections.load(workspaceOf(request), request.query.connection_id);
      return operation.describe(connections.context(connection, request.log));
    },
  );

  app.post(
    '/operations/:name',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'runOperation',
        summary: 'Run an operation',
        description:
          "Validates the input (refused with `invalid_input` naming every bad field, before anything is sent), calls Pipedrive with the connection's credentials, retries what is safe to retry, and validates the answer. Each operation is also documented as its own path below (`POST /operations/add_deal`, ...), with its input and output schemas; this path takes any name, old v4.2 names too. Operations are listed in the manifest and docs/operations.md.",
        tags: ['operations'],
        params: operationName,
        body: connectionCall,
        response: {
          200: z
            .object({
              output: z.unknown().meta({
                description:
                  "Pipedrive's envelope (`success`, `data`, `additional_data` with `next_cursor` and `has_more` for lists), plus `warnings` for a deprecated name.",
              }),
            })
            .meta({ description: "Pipedrive's answer." }),
          ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE_ERRORS]),
        },
      },
    },
    async (request) => {
      // Resolved first: an unknown operation is reported before the connection is looked up.
      const operation = await connector.resolve(request.params.name);
      const connection = await connections.load(workspaceOf(request), request.body.connection_id);
      const output = await operation.execute(
        request.body.input ?? {},
        connections.context(connection, request.log),
      );
      return { output };
    },
  );

  app.post(
    '/lookups/:name',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'runLookup',
        summary: 'Dropdown options',
        description:
          'Options of a dynamic dropdown (`x-lookup` in input schemas): input `{search?, cursor?, limit?, ...dependsOn values}`.',
        tags: ['lookups'],
        params: z.object({
          name: idOf('Lookup name, e.g. `stages`, `users`, `persons` (the manifest `lookups`).'),
        }),
        body: connectionCall,
        response: {
          200: z
            .object({
              options: z.array(
                z.object({
                  value: z
                    .union([z.string(), z.number()])
                    .meta({ description: 'The value to put in the field.' }),
                  label: z.string().meta({ description: 'What to show.' }),
                }),
              ),
              next_cursor: z
                .string()
                .nullable()
                .meta({ description: 'Pass as `cursor` for more options; null at the end.' }),
            })
            .meta({ description: 'One page of options.' }),
          ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE_ERRORS]),
        },
      },
    },
    async (request) => {
      // An unknown lookup is reported before the connection is looked up.
      const lookup = await connector.resolveLookup(request.params.name);
      const connection = await connections.load(workspaceOf(request), request.body.connection_id);
      return lookup.lookup(request.body.input ?? {}, connections.context(connection, request.log));
    },
  );
}
