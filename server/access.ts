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
 * - `signin`: the first start's sign-in link (a one-time code, server/signin.ts); an address that failed too
 *   often is refused as for keys, and a wrong code counts as a failure (`app.countFailedAttempt`).
 *
 * Every answer of a route with a key carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`: of
 * the key's requests (KEY_REQUESTS_PER_MINUTE), its workspace's (WORKSPACE_REQUESTS_PER_MINUTE) and the route's own
 * limit per key if it declares one (`config: { keyLimit }`), whichever is closest to its end; or, without a valid
 * key, of the address's failed attempts (AUTH_FAILURES_PER_MINUTE). Past a limit: 429 with `Retry-After`. Routes
 * without keys (Pipedrive's deliveries above all) are never limited by it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { ConnectorError } from '../runtime/errors.js';
import { verifyKey } from './keys.js';
import type { ApiKey, Store, WorkspaceStore } from './store/types.js';

export type Access = 'public' | 'key' | 'admin' | 'operator' | 'webhook' | 'oauth' | 'signin';

const ACCESS_KINDS: readonly Access[] = ['public', 'key', 'admin', 'operator', 'webhook', 'oauth', 'signin'];

/** Who is calling, once the key is checked. */
export interface Principal {
  key: ApiKey;
  /** The key's workspace: everything the route reads or changes goes through it. */
  workspace: WorkspaceStore;
}

/** A route's own limit of requests per key and minute, besides the limits of every key route. */
export interface KeyLimit {
  /** What is limited, in the 429's message (e.g. `authorize links`). */
  what: string;
  perMinute: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    keyLimit?: KeyLimit;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyInstance {
    /** Every route with its declared access (the access matrix test and the OpenAPI document read it). */
    accessTable: { method: string; url: string; access: Access }[];
    /** Count a failed credential of the request's address (a wrong sign-in code), as a wrong API key counts. */
    countFailedAttempt(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  }
}

export interface AccessOptions {
  store: Store;
  /** Routes under this prefix that declare nothing are the documentation UI's own (public). */
  docsPrefix: string;
  /** Failed key checks allowed per client address and minute before further attempts get 429. */
  failuresPerMinute: number;
  /** Requests of one key per minute, on any route that takes a key. */
  keyRequestsPerMinute: number;
  /** Requests of all the keys of one workspace per minute. */
  workspaceRequestsPerMinute: number;
}

/** What @fastify/rate-limit's `createRateLimit` says of a request. */
interface LimitState {
  isAllowed: boolean;
  max?: number;
  remaining?: number;
  ttlInSeconds?: number;
  isExceeded?: boolean;
}

/** The IETF RateLimit header fields (draft) of the limit closest to its end. */
function rateLimitHeaders(reply: FastifyReply, states: LimitState[]): void {
  const counted = states.filter((state) => !state.isAllowed && state.max !== undefined);
  const binding = counted.reduce<LimitState | undefined>(
    (closest, state) => (!closest || (state.remaining ?? 0) < (closest.remaining ?? 0) ? state : closest),
    undefined,
  );
  if (!binding) return;
  void reply
    .header('ratelimit-limit', String(binding.max))
    .header('ratelimit-remaining', String(binding.remaining ?? 0))
    .header('ratelimit-reset', String(binding.ttlInSeconds ?? 0));
}

/** 429 with `Retry-After`, saying what was limited. */
function tooMany(reply: FastifyReply, state: LimitState, what: string): ConnectorError {
  const wait = state.ttlInSeconds ?? 60;
  void reply.header('retry-after', String(wait));
  return new ConnectorError(
    'rate_limited',
    `Too many requests ${what}: at most ${state.max} a minute; try again in ${wait} s.`,
    { retry_after_seconds: wait, limit_per_minute: state.max },
  );
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
  signin: [],
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
    // One store, keys told apart by prefix: the address of failed attempts, a key, a workspace, a route and a key.
    const perMinute = (max: number, keyOf: (request: FastifyRequest) => string) =>
      app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: keyOf }) as unknown as (
        request: FastifyRequest,
        options?: { increment: boolean },
      ) => Promise<LimitState>;
    const failures = perMinute(options.failuresPerMinute, (request) => `ip:${request.ip}`);
    const keyOf = (request: FastifyRequest) => principalOf(request).key;
    const perKey = perMinute(options.keyRequestsPerMinute, (request) => `key:${keyOf(request).id}`);
    const perWorkspace = perMinute(
      options.workspaceRequestsPerMinute,
      (request) => `workspace:${keyOf(request).workspace_id}`,
    );

    /** The key's, its workspace's and the route's limits, in that order; the first one past its end answers 429. */
    const limitKey = async (
      request: FastifyRequest,
      reply: FastifyReply,
      own: { limiter: ReturnType<typeof perMinute>; what: string } | undefined,
    ) => {
      const checks = [
        { limiter: perKey, what: 'with this API key' },
        { limiter: perWorkspace, what: "with this workspace's API keys" },
        ...(own ? [own] : []),
      ];
      const states: LimitState[] = [];
      for (const check of checks) {
        const state = await check.limiter(request);
        states.push(state);
        if (state.isExceeded) {
          rateLimitHeaders(reply, [state]);
          throw tooMany(reply, state, check.what);
        }
      }
      rateLimitHeaders(reply, states);
    };

    /** Refused at once, without looking at the credential, once this address failed too often. */
    const refuseFailedAddress = async (request: FastifyRequest, reply: FastifyReply) => {
      const limit = await failures(request, { increment: false });
      if (!limit.isAllowed && limit.remaining === 0) {
        rateLimitHeaders(reply, [limit]);
        throw tooMany(reply, limit, 'with a wrong API key or sign-in code from this address');
      }
    };
    app.decorate('countFailedAttempt', async (request: FastifyRequest, reply: FastifyReply) => {
      rateLimitHeaders(reply, [await failures(request)]);
    });

    const authenticate = (
      role: 'key' | 'admin' | 'operator',
      own?: { limiter: ReturnType<typeof perMinute>; what: string },
    ): onRequestHookHandler =>
      async function checkKey(request, reply) {
        await refuseFailedAddress(request, reply);
        const header = request.headers.authorization;
        const match = BEARER.exec(typeof header === 'string' ? header : '');
        const key = match ? await verifyKey(store, match[1] as string) : undefined;
        if (!key) {
          rateLimitHeaders(reply, [await failures(request)]);
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
        await limitKey(request, reply, own);
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
    /** The hook of a route with a limit of its own (`config: { keyLimit }`). */
    const limited = (role: keyof typeof hooks, limit: KeyLimit, route: string) =>
      authenticate(role, {
        limiter: perMinute(limit.perMinute, (request) => `route:${route}:${keyOf(request).id}`),
        what: `for ${limit.what} with this API key`,
      });

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
        const limit = route.config?.keyLimit;
        const check = limit ? limited(access, limit, `${route.method} ${route.url}`) : hooks[access];
        route.onRequest = [check, ...own];
      } else if (access === 'signin') {
        const own = route.onRequest ? [route.onRequest].flat() : [];
        route.onRequest = [refuseFailedAddress, ...own];
      }
      if (route.config?.keyLimit && !['key', 'admin', 'operator'].includes(access)) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares a keyLimit but takes no key.`);
      }
    });
  },
  { name: 'access', dependencies: ['@fastify/rate-limit'] },
);
