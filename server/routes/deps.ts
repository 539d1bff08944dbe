import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../access.js';
import type { Config } from '../config.js';
import type { Connections } from '../connections.js';
import type { RunDispatcher } from '../dispatch.js';
import type { Inbox } from '../inbox.js';
import type { Store } from '../store/types.js';

/** The host's fastify instance, typed by the zod schemas on its routes. */
export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What the route modules share. */
export interface HostDeps {
  config: Config;
  store: Store;
  connections: Connections;
  inbox: Inbox;
  dispatcher: RunDispatcher;
}

/**
 * Record a management action of the caller in the audit trail (key, action, target, time; never a secret). The
 * action is done by then: a failure to record it is logged as an error, not turned into a failed answer.
 */
export async function audit(
  store: Store,
  request: FastifyRequest,
  action: string,
  targetId: string | null,
  workspaceId?: string,
): Promise<void> {
  const { key } = principalOf(request);
  try {
    await store.recordAudit({
      key_id: key.id,
      workspace_id: workspaceId ?? key.workspace_id,
      action,
      target_id: targetId,
    });
  } catch (error) {
    request.log.error({ err: error, action, target_id: targetId }, 'could not record an audit entry');
  }
}
