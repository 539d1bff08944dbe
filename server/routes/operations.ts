import { create as contentDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import connector, {
  BASE64_MAX_BYTES,
  type FileOutput,
  fileFields,
  isFileOutput,
  type ResolvedOperation,
} from '../../index.js';
import { ConnectorError } from '../../runtime/errors.js';
import { fileTooLarge, isFileTooLarge } from '../../runtime/files.js';
import { workspaceOf } from '../access.js';
import { sendError } from '../http.js';
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

/**
 * `POST /operations/:name` as multipart/form-data, for an operation with a file field: `connection_id` and
 * `input` (the operation's input as JSON text) first, then the file in a part named after its field. Read part
 * by part by the route (so the body is not validated by fastify); described here for the OpenAPI document.
 */
const uploadCall = z
  .object({
    connection_id: idOf('A connection ID of the workspace. Before the file.'),
    input: z
      .string()
      .optional()
      .meta({ description: "The operation's input as JSON text, without the file. Before the file." }),
  })
  .catchall(
    z.file().meta({
      description:
        "The file, in a part named after the operation's file field (`file`; `data` for product images), with its file name and Content-Type. Last.",
    }),
  )
  .optional()
  .meta({ description: 'An upload: the connection, the input, then the file (streamed to Pipedrive).' });

/** What the multipart body may hold besides the file's bytes: two fields of at most 1 MiB. */
const MULTIPART_OVERHEAD = 2 * 1024 * 1024 + 64 * 1024;

function invalidPart(path: string, message: string): ConnectorError {
  return new ConnectorError('invalid_input', `Invalid upload: ${path} ${message}.`, {
    issues: [{ path, message }],
  });
}

/** The operation's input of a multipart part `input` (JSON text of an object). */
function inputOf(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidPart('input', 'is not JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidPart('input', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/**
 * A downloaded file as the answer: Pipedrive's content type and length, the name as an attachment, and the bytes
 * streamed through. The content is Pipedrive's, not the host's: never rendered here (sandboxed, no sniffing).
 */
function sendFile(reply: FastifyReply, file: FileOutput): FastifyReply {
  void reply
    .header('content-type', file.type)
    .header('content-disposition', contentDisposition(file.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'no-store');
  if (file.size !== undefined) void reply.header('content-length', file.size);
  return reply.send(file.data);
}

const jsonSchema = z.record(z.string(), z.unknown());

/** `POST /operations/:name` `{connection_id, input}` → `{output}`, its schemas, and `POST /lookups/:name`. */
export function registerOperationRoutes(app: App, deps: HostDeps): void {
  const { connections, config } = deps;

  /**
   * Run an upload sent as multipart/form-data: the fields, then the file, whose stream goes to Pipedrive as it
   * arrives. A body whose declared length cannot fit the limit is refused before anything is read or sent.
   */
  const runUpload = async (
    request: FastifyRequest,
    operation: ResolvedOperation,
    fields: string[],
  ): Promise<unknown> => {
    const declared = Number(request.headers['content-length']);
    if (declared > config.maxFileBytes + MULTIPART_OVERHEAD) {
      throw fileTooLarge(fields[0] as string, config.maxFileBytes, declared);
    }
    let connectionId: string | undefined;
    let input: Record<string, unknown> = {};
    const context = async () => {
      if (connectionId === undefined) throw invalidPart('connection_id', 'is required (before the file)');
      const connection = await connections.load(workspaceOf(request), connectionId);
      return connections.context(connection, request.log);
    };
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        const value = String(part.value);
        if (part.fieldname === 'connection_id') connectionId = value;
        else if (part.fieldname === 'input') input = inputOf(value);
        else throw invalidPart(part.fieldname, 'is not a part of an upload (connection_id, input, the file)');
        continue;
      }
      if (!fields.includes(part.fieldname)) {
        throw invalidPart(part.fieldname, `is not a file field of ${operation.name} (${fields.join(', ')})`);
      }
      const file = {
        data: part.file,
        ...(part.filename ? { name: part.filename } : {}),
        // A part without a type of its own gets one from its name.
        ...(part.mimetype && part.mimetype !== 'application/octet-stream' ? { type: part.mimetype } : {}),
      };
      return operation.execute({ ...input, [part.fieldname]: file }, await context());
    }
    // No file part: the operation names the missing field.
    return operation.execute(input, await context());
  };

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
      config: { access: 'key', multipart: true },
      schema: {
        operationId: 'runOperation',
        summary: 'Run an operation',
        description: `Validates the input (refused with \`invalid_input\` naming every bad field, before anything is sent), calls Pipedrive with the connection's credentials, retries what is safe to retry, and validates the answer. Each operation is also documented as its own path below (\`POST /operations/add_deal\`, ...), with its input and output schemas; this path takes any name, old v4.2 names too. Operations are listed in the manifest and docs/operations.md. Files: an operation with a file field (\`x-binary\` in its input schema) takes it as multipart/form-data (\`connection_id\`, \`input\` as JSON text, then the file, streamed to Pipedrive, at most MAX_FILE_BYTES), or in JSON as \`{"base64", "name", "type"}\` up to ${BASE64_MAX_BYTES / 1024} KiB; an operation that answers a file (\`x-binary\` in its output schema) answers the file itself, with Pipedrive's Content-Type and the name in Content-Disposition.`,
        tags: ['operations'],
        params: operationName,
        body: {
          content: {
            'application/json': { schema: connectionCall },
            'multipart/form-data': { schema: uploadCall },
          },
        },
        response: {
          200: {
            description: "Pipedrive's answer, or the file of an operation that answers one.",
            content: {
              'application/json': {
                schema: z.object({
                  output: z.unknown().meta({
                    description:
                      "Pipedrive's envelope (`success`, `data`, `additional_data` with `next_cursor` and `has_more` for lists), plus `warnings` for a deprecated name.",
                  }),
                }),
              },
              'application/octet-stream': {
                schema: z.file().meta({
                  description:
                    "The file (download_file): Pipedrive's Content-Type and Content-Length, its name in Content-Disposition.",
                }),
              },
            },
          },
          ...errors(['invalid_input', 'unknown_operation', ...PIPEDRIVE_ERRORS]),
        },
      },
    },
    async (request, reply) => {
      // Resolved first: an unknown operation is reported before the connection is looked up.
      const operation = await connector.resolve(request.params.name);
      let output: unknown;
      const multipart = request.isMultipart();
      const entry = connector.manifest.operations.find((op) => op.name === operation.name);
      const fields = fileFields(entry?.input_schema).map((field) => field.name);
      if (multipart && fields.length === 0) {
        const message = `${operation.name} takes no file: send its input as application/json.`;
        return sendError(
          reply.header('connection', 'close'),
          new ConnectorError('invalid_input', message),
          415,
        );
      }
      try {
        if (multipart) output = await runUpload(request, operation, fields);
        else {
          const body = request.body as z.infer<typeof connectionCall>;
          const connection = await connections.load(workspaceOf(request), body.connection_id);
          output = await operation.execute(body.input ?? {}, connections.context(connection, request.log));
        }
      } catch (error) {
        // A file over its limit: 413 in the one error shape; what the client still sends is not read.
        if (isFileTooLarge(error)) return sendError(reply.header('connection', 'close'), error, 413);
        if (multipart && error instanceof ConnectorError && error.status === 400) {
          void reply.header('connection', 'close');
        }
        throw error;
      }
      if (isFileOutput(output)) return sendFile(reply, output);
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
