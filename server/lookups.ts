import type { FastifyInstance } from 'fastify';
import connector from '../index.js';
import { validateInput } from '../runtime/validate.js';
import { connectionCall } from './operations.js';
import type { TriggerDeps } from './triggers.js';

/** `POST /lookups/:name` `{connection_id, input}` → `{options: [{value, label}], next_cursor}`. */
export function registerLookupRoutes(
  app: FastifyInstance,
  deps: Pick<TriggerDeps, 'loadConnection' | 'contextFor'>,
): void {
  app.post<{ Params: { name: string } }>('/lookups/:name', async (request) => {
    const { name } = request.params;
    const body = validateInput(connectionCall, request.body, `POST /lookups/${name}`);
    // An unknown lookup is reported before the connection is loaded.
    const lookup = await connector.resolveLookup(name);
    const connection = await deps.loadConnection(body.connection_id);
    return lookup.lookup(body.input ?? {}, deps.contextFor(connection, request.log));
  });
}
