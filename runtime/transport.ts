import got, { type Got, type Hooks, type OptionsInit, RequestError, type Response } from 'got';
import { type Auth, type CallContext, cacheKeyOf, DEFAULT_API_URL, type OAuth2Auth } from './context.js';
import { ConnectorError, type ErrorCode } from './errors.js';
import { gateFor, type RateGate } from './ratelimit.js';
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
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'pipedrive-connector/5.0.0';
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

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headerValue(headers: ApiResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Pipedrive's own words: `error` and `error_info` from the JSON envelope, or the start of a non-JSON body. */
export function pipedriveMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const { error, error_info } = body as { error?: unknown; error_info?: unknown };
    const parts = [error, error_info].filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    if (parts.length > 0) return parts.join(' — ');
    return undefined;
  }
  if (typeof body === 'string' && body.trim() !== '') {
    const isHtml = /^\s*</.test(body);
    return isHtml ? 'an HTML page instead of JSON (a proxy or Cloudflare block?)' : body.trim().slice(0, 200);
  }
  return undefined;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'invalid_input',
  401: 'unauthorized',
  402: 'forbidden',
  403: 'forbidden',
  404: 'not_found',
  405: 'invalid_input',
  409: 'conflict',
  410: 'not_found',
  415: 'forbidden',
  422: 'unprocessable',
};

/** Turn Pipedrive's answer into the connector's error, quoting Pipedrive's message. */
export function errorFromResponse(
  response: ApiResponse,
  request: Pick<ApiRequest, 'method' | 'path'>,
): ConnectorError {
  const { status, body, headers } = response;
  const quoted = pipedriveMessage(body);
  const said = quoted ? `: ${quoted}` : '';
  const where = `${request.method} ${request.path}`;
  const details: Record<string, unknown> = { status, request: where };
  if (body && typeof body === 'object' && 'code' in body)
    details.pipedrive_code = (body as { code: unknown }).code;
  if (quoted) details.pipedrive_error = quoted;

  if (status === 429) {
    const wait = rateLimitWaitMs(headers);
    if (wait !== undefined) details.retry_after_seconds = Math.ceil(wait / 1000);
    if (isDailyLimit(headers, body, wait)) {
      return new ConnectorError(
        'daily_limit_reached',
        `Pipedrive's daily API budget for this company is spent${said}. Calls resume after the daily reset (midnight, Pipedrive server time); buy a top-up or lower the workflow's call volume.`,
        details,
      );
    }
    const limit = headerValue(headers, 'x-ratelimit-limit');
    if (limit) details.rate_limit = Number(limit);
    return new ConnectorError(
      'rate_limited',
      `Pipedrive rate limit still exceeded after retries (${where})${said}.`,
      details,
    );
  }
  if (status >= 500) {
    return new ConnectorError(
      'upstream_error',
      `Pipedrive answered HTTP ${status} for ${where}${said}.`,
      details,
    );
  }
  const code = STATUS_CODES[status] ?? (status >= 400 ? 'invalid_input' : 'upstream_error');
  const lead: Partial<Record<ErrorCode, string>> = {
    invalid_input: 'Pipedrive rejected the request',
    unauthorized: 'Pipedrive refused the credentials (HTTP 401): check the API token or reconnect',
    forbidden: `Pipedrive refused access (HTTP ${status})`,
    not_found: `Not found in Pipedrive (HTTP ${status})`,
    conflict: 'Pipedrive reported a conflict (HTTP 409)',
    unprocessable: 'Pipedrive could not process the request (HTTP 422)',
  };
  return new ConnectorError(
    code,
    `${lead[code] ?? `Pipedrive answered HTTP ${status}`} for ${where}${said}.`,
    details,
  );
}

function errorFromRequestError(error: RequestError, request: ApiRequest, timeoutMs: number): ConnectorError {
  const where = `${request.method} ${request.path}`;
  // Checked first: a timeout can come after the status line, while the body trickles in.
  if (error.name === 'TimeoutError') {
    return new ConnectorError('timeout', `Pipedrive did not answer ${where} within ${timeoutMs} ms.`, {
      request: where,
    });
  }
  if (error.response && error.name === 'HTTPError') {
    return errorFromResponse(
      {
        status: error.response.statusCode,
        headers: error.response.headers,
        body: parseBody(String(error.response.body ?? '')),
      },
      request,
    );
  }
  if (error.code === 'ETIMEDOUT') {
    return new ConnectorError('timeout', `Pipedrive did not answer ${where} within ${timeoutMs} ms.`, {
      request: where,
    });
  }
  if (error.response) {
    return new ConnectorError(
      'upstream_error',
      `Pipedrive's answer to ${where} broke off (HTTP ${error.response.statusCode}, ${error.code ?? error.name}).`,
      { request: where, status: error.response.statusCode, network_error: error.code ?? error.name },
    );
  }
  if (error.name === 'AbortError' || error.code === 'ERR_ABORTED') {
    return new ConnectorError('timeout', `The call ${where} was aborted.`, { request: where, aborted: true });
  }
  return new ConnectorError(
    'upstream_error',
    `Could not reach Pipedrive for ${where} (${error.code ?? error.name}).`,
    {
      request: where,
      network_error: error.code ?? error.name,
    },
  );
}

/** What the shared hooks need to know about one call (got's `context` option). */
interface CallState {
  ctx: CallContext;
  gate: RateGate;
  /** The OAuth token was refreshed during this call: no second refresh. */
  refreshed: boolean;
  /** The current attempt holds a place in the rate gate that its answer has not given back yet. */
  holding: boolean;
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
      await state.gate.acquire();
      state.holding = true;
    },
  ],
  afterResponse: [
    async (response, retryWithMergedOptions) => {
      const state = stateOf(response.request.options);
      state.gate.observe(response.headers, response.statusCode);
      state.holding = false;
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

const client: Got = got.extend({
  throwHttpErrors: true,
  responseType: 'text',
  followRedirect: false,
  headers: { accept: 'application/json', 'user-agent': USER_AGENT },
  timeout: { request: DEFAULT_TIMEOUT_MS },
  retry: retryOptions(DEFAULT_RETRY),
  hooks,
});

function releaseAttempt(error: RequestError): void {
  const state = error.options?.context?.call as CallState | undefined;
  if (state?.holding) {
    state.holding = false;
    state.gate.release();
  }
}

/** Per-call got options; the hooks are the client's. */
function gotOptions(request: ApiRequest, ctx: CallContext): OptionsInit {
  const state: CallState = { ctx, gate: gateFor(cacheKeyOf(ctx)), refreshed: false, holding: false };
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

function mapError(error: unknown, request: ApiRequest, ctx: CallContext): unknown {
  // An error of our own thrown inside a got hook (a refused token refresh) comes back wrapped.
  if (error instanceof RequestError && error.cause instanceof ConnectorError) return error.cause;
  if (error instanceof RequestError) {
    return errorFromRequestError(error, request, ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }
  return error;
}

/** A 2xx answer must be a JSON object (Pipedrive's envelope); anything else is an upstream error. */
/** Said of a write whose 2xx answer cannot be read: a workflow must not blindly run it again. */
export const PROBABLY_APPLIED =
  ' Pipedrive accepted the request (HTTP 2xx), so the change has probably been applied: check before running it again.';

function parseSuccess(response: Response<string>, request: ApiRequest): ApiResponse {
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
    throw mapError(error, request, ctx);
  }
  return parseSuccess(response, request);
}

/**
 * How an endpoint pages: API v2 by opaque cursor (`cursor`, `additional_data.next_cursor`), API v1 by offset
 * (`start`, `additional_data.pagination.next_start` while `more_items_in_collection`).
 */
export type PageStyle = 'cursor' | 'offset';

/** Where the next page starts, read from a page's `additional_data`; null when there is no next page. */
export function nextPosition(body: unknown, style: PageStyle): string | number | null {
  const additional = (body as { additional_data?: Record<string, unknown> | null } | undefined)
    ?.additional_data;
  if (style === 'cursor') {
    const next = additional?.next_cursor;
    return typeof next === 'string' && next !== '' ? next : null;
  }
  // v1 lists put it in `additional_data.pagination`; a few (leads) flatten it into `additional_data` itself.
  const pagination = (additional?.pagination ?? additional) as
    | { more_items_in_collection?: unknown; next_start?: unknown; start?: unknown; limit?: unknown }
    | undefined;
  if (pagination?.more_items_in_collection !== true) return null;
  if (typeof pagination.next_start === 'number') return pagination.next_start;
  const { start, limit } = pagination;
  return typeof start === 'number' && typeof limit === 'number' ? start + limit : null;
}

export interface PageOptions {
  /** `cursor` (API v2, default) or `offset` (API v1). */
  style?: PageStyle;
  /** Where the records sit in each page: `data` (lists) or `data.items` (searches). */
  itemsPath: 'data' | 'data.items';
  /** The endpoint's largest page. */
  maxLimit: number;
  /** Stop after this many records (the page sizes are chosen so the last page ends exactly there). */
  maxItems?: number;
  /** Validates each page's body and returns it parsed; throws to stop. */
  check?: (body: unknown) => unknown | Promise<unknown>;
}

export interface PageState {
  /** Where the page after the last one read starts (a cursor, or a v1 offset); null when there is no more. */
  next: string | number | null;
  pages: number;
  /** The first page's envelope without its records (e.g. itemSearch's `related_items`). */
  firstPage?: Record<string, unknown>;
}

function pageItems(body: unknown, itemsPath: PageOptions['itemsPath']): unknown[] {
  const data = (body as { data?: unknown } | undefined)?.data;
  const items = itemsPath === 'data' ? data : (data as { items?: unknown } | null | undefined)?.items;
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) {
    throw new ConnectorError('upstream_error', `Pipedrive's list page has no array at ${itemsPath}.`, {});
  }
  return items;
}

/**
 * Follow the pages (cursor or offset) with got's pagination, yielding one record at a time, so
 * memory holds one page however long the list. `state` tells, once iteration ends, whether more remain.
 */
export async function* paginate(
  request: ApiRequest,
  ctx: CallContext,
  options: PageOptions,
  state: PageState = { next: null, pages: 0 },
): AsyncGenerator<unknown, PageState, undefined> {
  const style = options.style ?? 'cursor';
  const maxItems = options.maxItems ?? Number.POSITIVE_INFINITY;
  const pageLimit = (taken: number) => Math.max(1, Math.min(options.maxLimit, maxItems - taken));
  const requested = Number(request.searchParams?.limit ?? options.maxLimit);
  let taken = 0;
  const visited = new Set<string>();
  const first: ApiRequest = {
    ...request,
    searchParams: { ...request.searchParams, limit: String(Math.min(requested, pageLimit(0))) },
  };
  if (maxItems <= 0) return state;
  const iterator = client.paginate<unknown, string>(requestUrl(first, ctx.auth), {
    ...gotOptions(first, ctx),
    pagination: {
      transform: async (response) => {
        // A page's bytes and text (hundreds of KB: V8 keeps them in large-object space) are not needed once
        // parsed. Dropping them now lets a young-generation collection free them; kept until got moves to
        // the next page, they survive into old space and pile up until a full collection.
        (response as { rawBody?: Buffer }).rawBody = undefined;
        const parsed = parseSuccess(response as Response<string>, first).body;
        (response as { body: unknown }).body = undefined;
        const body = options.check ? await options.check(parsed) : parsed;
        state.next = nextPosition(body, style);
        if (state.pages === 0 && body && typeof body === 'object') {
          const { data, ...rest } = body as Record<string, unknown>;
          const extra = pageExtras(data, options.itemsPath);
          state.firstPage = extra === undefined ? rest : { ...rest, data: extra };
        }
        state.pages += 1;
        return pageItems(body, options.itemsPath);
      },
      paginate: ({ currentItems }) => {
        taken += currentItems.length;
        if (state.next === null || taken >= maxItems) return false;
        // A server that hands back a position it already gave would make us read forever.
        const key = String(state.next);
        if (visited.has(key)) {
          throw new ConnectorError(
            'upstream_error',
            `Pipedrive's pagination of ${request.path} did not advance (position ${key.slice(0, 40)} came twice).`,
          );
        }
        visited.add(key);
        const position = style === 'cursor' ? { cursor: key } : { start: key };
        return { searchParams: { ...position, limit: String(Math.min(requested, pageLimit(taken))) } };
      },
      countLimit: maxItems,
      requestLimit: Number.POSITIVE_INFINITY,
      backoff: 0,
      stackAllItems: false,
    },
  });
  try {
    for await (const item of iterator) yield item;
  } catch (error) {
    throw mapError(error, first, ctx);
  }
  return state;
}

/** For searches the page's `data` also carries non-record members (itemSearch's `related_items`). */
function pageExtras(data: unknown, path: PageOptions['itemsPath']): Record<string, unknown> | undefined {
  if (path !== 'data.items' || !data || typeof data !== 'object') return undefined;
  const { items: _items, ...rest } = data as Record<string, unknown>;
  return rest;
}
