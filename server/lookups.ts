import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import connector from '../index.js';
import { lookups } from '../operations/lookups.js';
import { resolveLookup } from '../runtime/lookup.js';
import { validateInput } from '../runtime/validate.js';
import type { TriggerDeps } from './triggers.js';

const lookupCall = z.strictObject({
  connection_id: z.string().min(1),
  input: z.record(z.string(), z.unknown()).optional(),
});

/** `POST /lookups/:name` `{connection_id, input}` → `{options: [{value, label}], next_cursor}`. */
export function registerLookupRoutes(
  app: FastifyInstance,
  deps: Pick<TriggerDeps, 'loadConnection' | 'contextFor'>,
): void {
  app.post<{ Params: { name: string } }>('/lookups/:name', async (request) => {
    const { name } = request.params;
    const body = validateInput(lookupCall, request.body, `POST /lookups/${name}`);
    // An unknown lookup is reported before the connection is loaded.
    resolveLookup(lookups, name);
    const connection = await deps.loadConnection(body.connection_id);
    return connector.lookup(name, body.input ?? {}, deps.contextFor(connection, request.log));
  });
}
