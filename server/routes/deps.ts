import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../access.js';
import type { Config } from '../config.js';
import type { Connections } from '../connections.js';
import type { RunDispatcher } from '../dispatch.js';
import type { Inbox } from '../inbox.js';
import type { Store } from '../store/types.js';
import type { Subscriptions } from '../subscriptions.js';

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
  subscriptions: Subscriptions;
}

/**
 * Record a management action of the caller in the audit trail (key, action, target, time; never a secret). The
 * action is done by then: a failure to record it is logged as an error, not turned into a failed answer. The
 * caller is the request's key, or `by` where the request carries none (the OAuth callback: the key that started
 * the flow); the workspace is the key's unless `workspaceId` names another (a workspace being created).
 */
export async function audit(
  store: Store,
  request: FastifyRequest,
  action: string,
  targetId: string | null,
  { workspaceId, by }: { workspaceId?: string; by?: { key_id: string; workspace_id: string } } = {},
): Promise<void> {
  let caller = by;
  if (!caller) {
    const { key } = principalOf(request);
    caller = { key_id: key.id, workspace_id: key.workspace_id };
  }
  try {
    await store.recordAudit({
      key_id: caller.key_id,
      workspace_id: workspaceId ?? caller.workspace_id,
      action,
      target_id: targetId,
    });
  } catch (error) {
    request.log.error({ err: error, action, target_id: targetId }, 'could not record an audit entry');
  }
}
