import { z } from 'zod';
import { ConnectorError } from '../../runtime/errors.js';
import { workspaceOf } from '../access.js';
import { errors } from '../openapi.js';
import { idOf, idParams, nextCursor, pageQuery, run, runStatus } from '../resources.js';
import { type App, audit, type HostDeps } from './deps.js';

const runQuery = z.strictObject({
  subscription_id: idOf('Only the runs of this subscription.').optional(),
  status: runStatus.optional().meta({ description: 'Only runs in this state.' }),
  ...pageQuery,
});

const params = idParams('Run');

/** Runs: the accepted events of the workspace on their way to the engine. */
export function registerRunRoutes(app: App, deps: HostDeps): void {
  const { store, dispatcher } = deps;

  app.get(
    '/runs',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'listRuns',
        summary: 'List runs',
        description: "The workspace's runs, oldest first, paged with `cursor`.",
        tags: ['runs'],
        querystring: runQuery,
        response: {
          200: z
            .object({
              runs: z.array(run),
              next_cursor: nextCursor,
            })
            .meta({ description: 'One page of runs.' }),
          ...errors(['invalid_input']),
        },
      },
    },
    async (request) => {
      const { limit, subscription_id, status, cursor } = request.query;
      return workspaceOf(request).listRuns({
        limit,
        ...(subscription_id ? { subscription_id } : {}),
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
    },
  );

  app.get(
    '/runs/:id',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'getRun',
        summary: 'Show a run',
        description: 'The run and its event.',
        tags: ['runs'],
        params,
        response: { 200: run.meta({ description: 'The run.' }), ...errors(['not_found']) },
      },
    },
    async (request) => {
      const found = await workspaceOf(request).getRun(request.params.id);
      if (!found) throw new ConnectorError('not_found', `Run ${request.params.id} not found.`);
      return found;
    },
  );

  app.post(
    '/runs/:id/retry',
    {
      config: { access: 'key' },
      schema: {
        operationId: 'retryRun',
        summary: 'Send a run again',
        description:
          'Queues a run that no engine took yet (`pending`, `retrying` or `dead`) for dispatch now; a `delivered` run is `conflict`.',
        tags: ['runs'],
        params,
        response: {
          202: z
            .object({
              id: z.string().meta({ description: 'Run ID.' }),
              status: z.literal('pending').meta({ description: 'Now `pending`.' }),
            })
            .meta({ description: 'Queued.' }),
          ...errors(['not_found', 'conflict']),
        },
      },
    },
    async (request, reply) => {
      const found = await workspaceOf(request).getRun(request.params.id);
      if (!found) throw new ConnectorError('not_found', `Run ${request.params.id} not found.`);
      if (found.status === 'delivered' || !(await dispatcher.requeue(found.id))) {
        throw new ConnectorError('conflict', `Run ${found.id} was already delivered.`, {
          status: 'delivered',
        });
      }
      await audit(store, request, 'run.retry', found.id);
      return reply.code(202).send({ id: found.id, status: 'pending' as const });
    },
  );
}
