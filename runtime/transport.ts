/**
 * The HTTP client every call to Pipedrive goes through (got, configured once): the API base, the auth header,
 * timeouts, retries (`retry.ts`), the per-connection rate gate (`ratelimit.ts`) and OAuth refresh. Failures
 * become ConnectorErrors in `http-errors.ts`; lists are followed page by page in `paginate.ts`.
 */
import http, { type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import https from 'node:https';
import got, {
  type Got,
  type Hooks,
  type OptionsInit,
  type PaginationOptions,
  type RequestError,
  type Response,
} from 'got';
import {
  type Auth,
  type CallContext,
  cacheKeyOf,
  DEFAULT_API_URL,
  DEFAULT_TIMEOUT_MS,
  HEADER_SAFE,
  type OAuth2Auth,
} from './context.js';
import { ConnectorError } from './errors.js';
import type { Headers } from './headers.js';
import { PROBABLY_APPLIED, parseBody, pipedriveMessage, toConnectorError } from './http-errors.js';
import { gateFor, type RateGate, type Ticket } from './ratelimit.js';
import {
  createCalculateDelay,
  DEFAULT_RETRY,
  isDailyLimit,
  RETRY_ERROR_CODES,
  RETRY_METHODS,
  RETRY_STATUS_CODES,
  type RetrySettings,
  rateLimitWaitMs,
} from './retry.js';
import { type CallUsage, meterFor, type RequestCost, readBudgetHeaders } from './usage.js';
import { CONNECTOR_VERSION, PACKAGE_NAME } from './version.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type ApiVersion = 'v1' | 'v2';

/** One request to Pipedrive, relative to the API version's base (`/api/v2` or `/v1`). */
export interface ApiRequest {
  method: HttpMethod;
  api: ApiVersion;
  /** Path below the version base, with path parameters already encoded, e.g. `/deals/42`. */
  path: string;
  searchParams?: Record<string, string>;
  json?: unknown;
  /** What one answer costs in the daily token budget, for usage reports (unknown when absent). */
  cost?: RequestCost;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const USER_AGENT = `${PACKAGE_NAME}/${CONNECTOR_VERSION}`;
const OAUTH_REFRESH_MARGIN_MS = 60_000;

function retryOptions(settings: RetrySettings) {
  return {
    limit: settings.limit,
    methods: [...RETRY_METHODS],
    statusCodes: RETRY_STATUS_CODES,
    errorCodes: RETRY_ERROR_CODES,
    backoffLimit: settings.backoffLimitMs,
    calculateDelay: createCalculateDelay(settings),
  };
}

/** `https://api.pipedrive.com/api/v2` for API tokens, `<api_domain>/api/v2` for OAuth; `/v1` likewise. */
export function baseUrl(auth: Auth, api: ApiVersion): string {
  const root = (auth.type === 'oauth2' ? auth.apiDomain : (auth.apiUrl ?? DEFAULT_API_URL)).replace(
    /\/+$/,
    '',
  );
  return api === 'v2' ? `${root}/api/v2` : `${root}/v1`;
}

function expiresAtMs(auth: OAuth2Auth): number | undefined {
  if (auth.expiresAt === undefined) return undefined;
  const ms = auth.expiresAt instanceof Date ? auth.expiresAt.getTime() : new Date(auth.expiresAt).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

function authHeaders(auth: Auth): Record<string, string> {
  if (auth.type === 'api_token') {
    if (!auth.apiToken) throw new ConnectorError('unauthorized', 'The connection has no API token.');
    if (!HEADER_SAFE.test(auth.apiToken)) {
      throw new ConnectorError(
        'invalid_input',
        'The API token has characters no Pipedrive token has (a line break, a space or a non-ASCII letter): check how it was pasted.',
        { issues: [{ path: 'api_token', message: 'must be printable ASCII without spaces' }] },
      );
    }
    return { 'x-api-token': auth.apiToken };
  }
  if (!auth.accessToken)
    throw new ConnectorError('unauthorized', 'The connection has no OAuth access token.');
  return { authorization: `Bearer ${auth.accessToken}` };
}

/** Replace the OAuth tokens in place through the engine's `refresh` callback. */
async function refreshTokens(auth: OAuth2Auth): Promise<void> {
  if (!auth.refresh) return;
  const tokens = await auth.refresh();
  auth.accessToken = tokens.accessToken;
  if (tokens.refreshToken !== undefined) auth.refreshToken = tokens.refreshToken;
  auth.expiresAt = tokens.expiresAt;
  if (tokens.apiDomain) auth.apiDomain = tokens.apiDomain;
}

/** What the shared hooks need to know about one call (got's `context` option). */
interface CallState {
  ctx: CallContext;
  gate: RateGate;
  /** The OAuth token was refreshed during this call: no second refresh. */
  refreshed: boolean;
  /** The current attempt's place in the rate gate, until its answer (or failure) gives it back. */
  ticket: Ticket | undefined;
  /** The request, for its usage reports. */
  request: ApiRequest;
}

const stateOf = (options: { context: Record<string, unknown> }) => options.context.call as CallState;

/**
 * The hooks every call runs, defined once on the client (per-call data comes through `context`): the auth
 * header and a fresh OAuth token before sending, the rate gate, one refresh-and-resend on an OAuth 401.
 */
const hooks: Partial<Hooks> = {
  beforeRequest: [
    async (options) => {
      const state = stateOf(options);
      const { auth } = state.ctx;
      if (auth.type === 'oauth2' && auth.refresh && !state.refreshed) {
        const expires = expiresAtMs(auth);
        if (expires !== undefined && expires - Date.now() < OAUTH_REFRESH_MARGIN_MS) {
          await refreshTokens(auth);
          state.refreshed = true;
        }
      }
      options.headers = { ...options.headers, ...authHeaders(auth) };
      // Every attempt (retries too) waits for room in the connection's rate-limit window.
      state.ticket = await state.gate.acquire();
    },
  ],
  afterResponse: [
    async (response, retryWithMergedOptions) => {
      const state = stateOf(response.request.options);
      if (state.ticket) state.gate.observe(state.ticket, response.headers, response.statusCode);
      state.ticket = undefined;
      reportUsage(state, response);
      const { auth } = state.ctx;
      if (response.statusCode !== 401 || auth.type !== 'oauth2' || !auth.refresh || state.refreshed)
        return response;
      state.refreshed = true;
      await refreshTokens(auth);
      return retryWithMergedOptions({ headers: authHeaders(auth) });
    },
  ],
  // No complete answer (network error, timeout, a body cut off): the attempt's place in the window is given
  // back, whether got tries again (beforeRetry) or gives up (beforeError).
  beforeRetry: [(error) => releaseAttempt(error)],
  beforeError: [
    (error) => {
      releaseAttempt(error);
      return error;
    },
  ],
};

/**
 * Node 24.20+ reports a connection that never opened twice: as the request's 'error' event (ECONNREFUSED, which
 * got handles and retries), then again to `end()`'s callback (ERR_SOCKET_CLOSED_BEFORE_CONNECTION), which got 14
 * turns into a second, bare failure that ends the call before its retries (sindresorhus/got#2469; the got that
 * fixes it needs Node 22). After an 'error' event, a failure passed to that callback is dropped: Node 20 never
 * calls it then.
 */
function withoutLateEndError(request: ClientRequest): ClientRequest {
  let failed = false;
  request.once('error', () => {
    failed = true;
  });
  const end = request.end;
  request.end = function (this: ClientRequest, ...args: unknown[]) {
    const done = args.at(-1);
    if (typeof done === 'function') {
      args[args.length - 1] = (error?: Error | null) => {
        if (!(error && failed)) done(error);
      };
    }
    return end.apply(this, args as Parameters<ClientRequest['end']>);
  } as ClientRequest['end'];
  return request;
}

/** got's default request function (plain HTTP/1.1 by the URL's protocol), with the fix above. */
function nativeRequest(
  url: URL,
  options: RequestOptions,
  callback?: (response: IncomingMessage) => void,
): ClientRequest {
  const request = (url.protocol === 'https:' ? https : http).request(url, options, callback);
  return withoutLateEndError(request);
}

const client: Got = got.extend({
  request: nativeRequest,
  throwHttpErrors: true,
  responseType: 'text',
  followRedirect: false,
  headers: { accept: 'application/json', 'user-agent': USER_AGENT },
  timeout: { request: DEFAULT_TIMEOUT_MS },
  retry: retryOptions(DEFAULT_RETRY),
  hooks,
});

/** One answered request's usage: to the connection's meter, and to the caller's `onUsage`. */
function reportUsage(state: CallState, response: Response): void {
  const { request, ctx } = state;
  const status = response.statusCode;
  const { budget, burst } = readBudgetHeaders(response.headers);
  const daily =
    status === 429 &&
    isDailyLimit(response.headers, parseBody(String(response.body ?? '')), rateLimitWaitMs(response.headers));
  const cost = request.cost;
  const usage: CallUsage = {
    operation: cost?.operation,
    request: `${request.method} ${request.api === 'v2' ? '/api/v2' : '/v1'}${cost?.template ?? request.path}`,
    status,
    // A 429 was refused before any work: Pipedrive does not count it.
    tokens: status === 429 ? 0 : (cost?.tokens ?? null),
    estimated: cost?.estimated === true,
    budget,
    burst,
    daily_limit_reached: daily,
    at: new Date().toISOString(),
  };
  meterFor(cacheKeyOf(ctx)).record(usage);
  if (!ctx.onUsage) return;
  try {
    ctx.onUsage(usage);
  } catch (error) {
    ctx.logger?.warn({ err: error, request: usage.request }, 'onUsage failed; the call goes on');
  }
}

function releaseAttempt(error: RequestError): void {
  const state = error.options?.context?.call as CallState | undefined;
  if (state?.ticket) {
    state.gate.release(state.ticket);
    state.ticket = undefined;
  }
}

/** Per-call got options; the hooks are the client's. */
function gotOptions(request: ApiRequest, ctx: CallContext): OptionsInit {
  // The credentials are checked before anything is sent (the hooks set them on each attempt).
  authHeaders(ctx.auth);
  const state: CallState = {
    ctx,
    gate: gateFor(cacheKeyOf(ctx)),
    refreshed: false,
    ticket: undefined,
    request,
  };
  const options: OptionsInit = { method: request.method, context: { call: state } };
  if (ctx.timeoutMs !== undefined) options.timeout = { request: ctx.timeoutMs };
  if (ctx.retry) options.retry = retryOptions({ ...DEFAULT_RETRY, ...ctx.retry });
  if (request.searchParams && Object.keys(request.searchParams).length > 0) {
    options.searchParams = request.searchParams;
  }
  if (request.json !== undefined) options.json = request.json;
  if (ctx.signal) options.signal = ctx.signal;
  return options;
}

function requestUrl(request: ApiRequest, auth: Auth): string {
  return `${baseUrl(auth, request.api)}${request.path}`;
}

/** A 2xx answer must be a JSON object (Pipedrive's envelope); anything else is an upstream error. */
export function parseSuccess(response: Response<string>, request: ApiRequest): ApiResponse {
  const body = parseBody(response.body);
  if (body !== undefined && (body === null || typeof body !== 'object')) {
    const applied = request.method === 'GET' ? '' : PROBABLY_APPLIED;
    throw new ConnectorError(
      'upstream_error',
      `Pipedrive answered ${request.method} ${request.path} with ${pipedriveMessage(body) ?? 'a body that is not JSON'}.${applied}`,
      { status: response.statusCode, request: `${request.method} ${request.path}` },
    );
  }
  return { status: response.statusCode, headers: response.headers, body };
}

/**
 * Send one request and return the parsed answer, or throw a ConnectorError. Retries follow the policy of
 * `retry.ts`; an OAuth connection refreshes its token shortly before expiry and once on a 401.
 */
export async function send(request: ApiRequest, ctx: CallContext): Promise<ApiResponse> {
  let response: Response<string>;
  try {
    response = (await client(requestUrl(request, ctx.auth), gotOptions(request, ctx))) as Response<string>;
  } catch (error) {
    throw failure(error, request, ctx);
  }
  return parseSuccess(response, request);
}

/**
 * got's pagination of a list, with the call's options (auth, rate gate, retries); see `paginate.ts`. What goes
 * wrong while the pages are read (got's failures, and what `pagination`'s callbacks throw) comes out as
 * ConnectorErrors, as from `send`.
 */
export async function* pages<T>(
  request: ApiRequest,
  ctx: CallContext,
  pagination: PaginationOptions<T, string>,
): AsyncGenerator<T, void, undefined> {
  const items = client.paginate<T, string>(requestUrl(request, ctx.auth), {
    ...gotOptions(request, ctx),
    pagination,
  });
  try {
    yield* items;
  } catch (error) {
    throw failure(error, request, ctx);
  }
}

/** What a call to Pipedrive threw, as a ConnectorError (timeouts named with the call's own timeout). */
function failure(error: unknown, request: ApiRequest, ctx: CallContext): ConnectorError {
  return toConnectorError(error, request, ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}
