/**
 * Who may call what. Every route declares its access where it is defined (`config: { access }`); a route without
 * one makes the host fail to start. The declaration decides the hooks that run before the route (an API key, and
 * for admin routes an admin key), the `security` of the route in the OpenAPI document, and the access matrix test.
 *
 * - `public`: pages and documents that hold no data (`/health`, `/playground` and its files, `/docs`).
 * - `key`: an API key (`Authorization: Bearer pdk_...`); the route sees only the key's workspace.
 * - `admin`: an admin API key: a workspace admin sees and manages its own workspace's keys and audit trail only, a
 *   host operator's key every workspace's (the route limits a workspace admin with `administers`).
 * - `operator`: a host operator's key only (creating workspaces).
 * - `webhook`: Pipedrive's deliveries, checked against the subscription's own Basic credentials.
 * - `oauth`: the OAuth start (bound to a single-use ticket from an authenticated call) and callback (bound to the
 *   browser that started the flow by a signed cookie).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ConnectorError } from '../runtime/errors.js';
import { verifyKey } from './keys.js';
import type { ApiKey, Store, WorkspaceStore } from './store/types.js';

export type Access = 'public' | 'key' | 'admin' | 'operator' | 'webhook' | 'oauth';

const ACCESS_KINDS: readonly Access[] = ['public', 'key', 'admin', 'operator', 'webhook', 'oauth'];

/** Who is calling, once the key is checked. */
export interface Principal {
  key: ApiKey;
  /** The key's workspace: everything the route reads or changes goes through it. */
  workspace: WorkspaceStore;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyInstance {
    /** Every route with its declared access (the access matrix test and the OpenAPI document read it). */
    accessTable: { method: string; url: string; access: Access }[];
  }
}

export interface AccessOptions {
  store: Store;
  /** Routes under this prefix that declare nothing are the documentation UI's own (public). */
  docsPrefix: string;
  /** Failed key checks allowed per client address and minute before further attempts get 429. */
  failuresPerMinute: number;
}

/** The principal of a `key` or `admin` route (set by the hooks before the handler runs). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ConnectorError('internal_error', 'The route has no principal.');
  return request.principal;
}

/** The workspace view of the caller: everything a route reads or changes goes through it. */
export function workspaceOf(request: FastifyRequest): WorkspaceStore {
  return principalOf(request).workspace;
}

/**
 * Whether the caller administers `workspaceId`: a host operator every workspace, a workspace admin its own. Admin
 * routes refuse the rest with `forbidden` (or answer another workspace's key `not_found`, as if it did not exist).
 */
export function administers(request: FastifyRequest, workspaceId: string): boolean {
  const { key } = principalOf(request);
  return key.operator || (key.admin && key.workspace_id === workspaceId);
}

/** `forbidden` for a workspace admin reaching past its workspace. */
export function notYourWorkspace(request: FastifyRequest, workspaceId: string): ConnectorError {
  return new ConnectorError(
    'forbidden',
    `This key administers workspace ${principalOf(request).key.workspace_id} only, not ${workspaceId}: another workspace needs a host operator's key.`,
    { workspace_id: workspaceId },
  );
}

const SECURITY: Record<Access, Record<string, string[]>[]> = {
  public: [],
  key: [{ apiKey: [] }],
  admin: [{ apiKey: [] }],
  operator: [{ apiKey: [] }],
  webhook: [{ webhookBasic: [] }],
  oauth: [],
};

const BEARER = /^Bearer\s+(\S{1,200})\s*$/i;

function unauthorized(reply: FastifyReply, message: string, invalid: boolean): ConnectorError {
  void reply.header(
    'www-authenticate',
    invalid
      ? 'Bearer realm="pipedrive-connector", error="invalid_token"'
      : 'Bearer realm="pipedrive-connector"',
  );
  return new ConnectorError('unauthorized', message);
}

/**
 * Registers the access machinery: call before any route is added. Routes registered afterwards, in any scope,
 * get their hooks from their declaration.
 */
export const accessPlugin = fp<AccessOptions>(
  async (app: FastifyInstance, options) => {
    const { store } = options;
    app.decorateRequest('principal', undefined);
    app.decorate('accessTable', []);
    const failures = app.createRateLimit({
      max: options.failuresPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => request.ip,
    });

    const authenticate = (role: 'key' | 'admin' | 'operator'): onRequestHookHandler =>
      async function checkKey(request, reply) {
        // Refused at once, without looking at the key, once this address failed too often.
        const limit = await failures(request, { increment: false } as never);
        if (!limit.isAllowed && limit.remaining === 0) {
          void reply.header('retry-after', String(limit.ttlInSeconds));
          throw new ConnectorError(
            'rate_limited',
            `Too many requests with a wrong API key from this address; try again in ${limit.ttlInSeconds} s.`,
            { retry_after_seconds: limit.ttlInSeconds },
          );
        }
        const header = request.headers.authorization;
        const match = BEARER.exec(typeof header === 'string' ? header : '');
        const key = match ? await verifyKey(store, match[1] as string) : undefined;
        if (!key) {
          await failures(request);
          throw unauthorized(
            reply,
            header
              ? 'The API key is not valid (malformed, unknown or revoked).'
              : 'An API key is required: send `Authorization: Bearer <key>` (see the README, "Sign in").',
            Boolean(header),
          );
        }
        if (role === 'admin' && !key.admin && !key.operator) {
          throw new ConnectorError('forbidden', 'This route needs an admin API key.');
        }
        if (role === 'operator' && !key.operator) {
          throw new ConnectorError('forbidden', "This route needs a host operator's API key.");
        }
        request.principal = { key, workspace: store.workspace(key.workspace_id) };
        // The store writes the last use at most once a minute per key.
        store.touchApiKey(key.id, new Date()).catch((error: unknown) => {
          request.log.warn({ key_id: key.id, err: error }, 'could not record the last use of an API key');
        });
      };
    const hooks = {
      key: authenticate('key'),
      admin: authenticate('admin'),
      operator: authenticate('operator'),
    };

    app.addHook('onRoute', (route) => {
      const declared = route.config?.access;
      // The documentation UI's own routes, and CORS preflights, carry no data.
      const implicit = route.url.startsWith(options.docsPrefix) || route.method === 'OPTIONS';
      const access = declared ?? (implicit ? 'public' : undefined);
      if (!access || !ACCESS_KINDS.includes(access)) {
        throw new Error(
          `Route ${String(route.method)} ${route.url} declares no access: add config: { access } (server/access.ts).`,
        );
      }
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') app.accessTable.push({ method, url: route.url, access });
      }
      route.schema = { ...(route.schema ?? {}), security: SECURITY[access] } as typeof route.schema;
      if (access === 'key' || access === 'admin' || access === 'operator') {
        const own = route.onRequest ? [route.onRequest].flat() : [];
        route.onRequest = [hooks[access], ...own];
      }
    });
  },
  { name: 'access', dependencies: ['@fastify/rate-limit'] },
);
