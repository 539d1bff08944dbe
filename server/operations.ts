import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import connector from '../index.js';
import { registry } from '../operations/index.js';
import { validateInput } from '../runtime/validate.js';
import type { TriggerDeps } from './triggers.js';

/** The body of `POST /operations/:name` and `POST /lookups/:name`: a connection and an input. */
export const connectionCall = z.strictObject({
  connection_id: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
});

/** `POST /operations/:name` `{connection_id, input}` → `{output}`, and `GET /operations/:name/schema`. */
export function registerOperationRoutes(
  app: FastifyInstance,
  deps: Pick<TriggerDeps, 'loadConnection' | 'contextFor'>,
): void {
  /** The operation's schemas, extended with the account's custom fields when a connection is given. */
  app.get<{ Params: { name: string }; Querystring: { connection_id?: string } }>(
    '/operations/:name/schema',
    async (request) => {
      const { operation } = registry.resolve(request.params.name);
      if (!request.query.connection_id) {
        const entry = connector.manifest.operations.find((op) => op.name === operation.name);
        return { input_schema: entry?.input_schema, output_schema: entry?.output_schema };
      }
      const connection = await deps.loadConnection(request.query.connection_id);
      return connector.describe(operation.name, deps.contextFor(connection, request.log));
    },
  );

  app.post<{ Params: { name: string } }>('/operations/:name', async (request) => {
    const body = validateInput(connectionCall, request.body, `POST /operations/${request.params.name}`);
    // Resolve the name first: an unknown operation is reported before anything else.
    const operation = await connector.resolve(request.params.name);
    const connection = await deps.loadConnection(body.connection_id);
    const output = await operation.execute(body.input ?? {}, deps.contextFor(connection, request.log));
    return { output };
  });
}
