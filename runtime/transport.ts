/**
 * The HTTP client every call to Pipedrive goes through (got, configured once): the API base, the auth header,
 * timeouts, retries (`retry.ts`), the per-connection rate gate (`ratelimit.ts`) and OAuth refresh. Failures
 * become ConnectorErrors in `http-errors.ts`; lists are followed page by page in `paginate.ts`.
 */
import type { IncomingMessage } from 'node:http';
import { type Readable, Transform } from 'node:stream';
import got, {
  type Got,
  type Hooks,
  type OptionsInit,
  type PaginationOptions,
  type Progress,
  type Request,
  type RequestError,
  type RequestPromise,
  type Response,
} from 'got';
import { transferred } from './collect.js';
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
import { type EncodedMultipart, multipartBody, type PreparedFile } from './files.js';
import type { Headers } from './headers.js';
import {
  PROBABLY_APPLIED,
  parseBody,
  pipedriveMessage,
  requestName,
  toConnectorError,
} from './http-errors.js';
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
  /** The text fields of a multipart/form-data body, beside `files`. */
  form?: Record<string, string>;
  /** Files, checked (runtime/files.ts): the body goes as multipart/form-data. */
  files?: Record<string, PreparedFile>;
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
  /** A multipart body made afresh for a retry (its files can be read again). */
  remakeBody?: () => EncodedMultipart;
  /** The body is a stream, read once: it is never sent again (not even after an OAuth refresh). */
  oneShot?: boolean;
}

/** The connection's API origin: credentials are sent there and nowhere else (not to a download's redirect). */
const apiOrigin = (auth: Auth) => new URL(baseUrl(auth, 'v1')).origin;

/** An OAuth 401 that one token refresh may cure (once per call). */
const refreshable = (state: CallState, status: number) =>
  status === 401 && state.ctx.auth.type === 'oauth2' && Boolean(state.ctx.auth.refresh) && !state.refreshed;

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
      // A download's redirect to another host (a storage URL) goes there without the credentials.
      if (new URL(String(options.url)).origin !== apiOrigin(auth)) {
        const { 'x-api-token': _token, authorization: _authorization, ...headers } = options.headers;
        options.headers = headers;
        return;
      }
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
      settleAttempt(state, response);
      if (!refreshable(state, response.statusCode)) return response;
      state.refreshed = true;
      await refreshTokens(state.ctx.auth as OAuth2Auth);
      // A stream cannot be sent again: the 401 stands, and the next call has the fresh token.
      if (state.oneShot) return response;
      return retryWithMergedOptions({ headers: authHeaders(state.ctx.auth) });
    },
  ],
  // The attempt's place in the window is given back (with what its answer told, if one came), whether got tries
  // again (beforeRetry) or gives up (beforeError); a multipart body is made afresh for the next attempt.
  beforeRetry: [
    (error) => {
      releaseAttempt(error);
      const state = error.options?.context?.call as CallState | undefined;
      if (state?.remakeBody) {
        const { 'content-type': _type, 'content-length': _length, ...headers } = error.options.headers;
        const next = state.remakeBody();
        error.options.headers = { ...headers, ...next.headers };
        error.options.body = next.body;
      }
    },
  ],
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

/** An attempt's answer: its status and headers, and its text when it was read (not a stream's). */
type Answered = { headers: Headers; statusCode: number; body?: unknown };

/** One answered request's usage: to the connection's meter, and to the caller's `onUsage`. */
function reportUsage(state: CallState, response: Answered): void {
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

/** The attempt's answer came: its place in the rate gate goes back with what the headers tell. */
function settleAttempt(state: CallState, response: Answered): void {
  if (!state.ticket) return;
  state.gate.observe(state.ticket, response.headers, response.statusCode);
  state.ticket = undefined;
  reportUsage(state, response);
}

function releaseAttempt(error: RequestError): void {
  const state = error.options?.context?.call as CallState | undefined;
  if (!state?.ticket) return;
  // A stream's failed answer (afterResponse runs for promises only) still tells the window.
  if (error.response) settleAttempt(state, error.response);
  else {
    state.gate.release(state.ticket);
    state.ticket = undefined;
  }
}

/**
 * Per-call got options; the hooks are the client's. A file's transfer may take longer than any one timeout:
 * an upload or a download (`transfer`) is bounded by the wait for the answer and by pauses, not by its length.
 */
function gotOptions(request: ApiRequest, ctx: CallContext, transfer = false): OptionsInit {
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
  const timeoutMs = ctx.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (transfer || request.files)
    options.timeout = { request: undefined, response: timeoutMs, socket: timeoutMs };
  else if (ctx.timeoutMs !== undefined) options.timeout = { request: ctx.timeoutMs };
  const retry = { ...DEFAULT_RETRY, ...ctx.retry };
  if (ctx.retry) options.retry = retryOptions(retry);
  if (request.searchParams && Object.keys(request.searchParams).length > 0) {
    options.searchParams = request.searchParams;
  }
  if (request.files) {
    const { form = {}, files } = request;
    // A file that fails while it is sent (cut off past its size limit, a read error) ends the upload: got watches
    // every attempt's body (the first, and each one made again for a retry in beforeRetry) and, when it fails,
    // closes the connection to Pipedrive and rejects with the body's error as the cause (runtime/files.ts makes
    // it an `invalid_input` naming the field).
    const make = () => multipartBody(form, files);
    const first = make();
    options.body = first.body;
    options.headers = { ...first.headers };
    // A stream is read once: nothing is sent twice, so no retry (a Blob or bytes in memory can be sent again).
    if (Object.values(files).every((file) => file.resendable)) state.remakeBody = make;
    else {
      state.oneShot = true;
      options.retry = retryOptions({ ...retry, limit: 0 });
    }
  } else if (request.json !== undefined) options.json = request.json;
  if (ctx.signal && !options.signal) options.signal = ctx.signal;
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
      `Pipedrive answered ${requestName(request)} with ${pipedriveMessage(body) ?? 'a body that is not JSON'}.${applied}`,
      { status: response.statusCode, request: requestName(request) },
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
    const call = client(requestUrl(request, ctx.auth), gotOptions(request, ctx)) as RequestPromise<
      Response<string>
    >;
    const progress = ctx.onUploadProgress;
    if (request.files && progress) {
      call.on('uploadProgress', ({ transferred, total }: Progress) =>
        progress({ transferred, ...(total ? { total } : {}) }),
      );
    }
    response = await call;
  } catch (error) {
    throw failure(error, request, ctx);
  }
  return parseSuccess(response, request);
}

/** How many redirects a download follows (to a storage host, without the credentials). */
const MAX_DOWNLOAD_REDIRECTS = 3;

/** A download's answer: its status and headers, and the body as a stream (its failures are ConnectorErrors). */
export interface DownloadResponse {
  status: number;
  headers: Headers;
  body: Readable;
}

/**
 * Open a download: resolves when the answer's headers have arrived (after got's retries, and one OAuth refresh
 * on a 401), with the body as a stream that is read as the caller reads it, never held whole. Redirects are
 * followed, without the credentials when they leave the API's origin. A failure before the headers rejects;
 * one while the body flows destroys the stream with a ConnectorError.
 */
export async function download(request: ApiRequest, ctx: CallContext): Promise<DownloadResponse> {
  const options: OptionsInit = {
    ...gotOptions(request, ctx, true),
    followRedirect: true,
    maxRedirects: MAX_DOWNLOAD_REDIRECTS,
  };
  const state = (options.context as { call: CallState }).call;
  const url = requestUrl(request, ctx.auth);
  // Until the headers come, got may try again (a new stream each time); from then on the body is the caller's,
  // and a failure ends it (nothing is retried half-way).
  const open = () =>
    new Promise<DownloadResponse>((resolve, reject) => {
      const attach = (stream: Request) => {
        const onError = (error: unknown) => reject(error);
        const onRetry = (_count: number, _error: unknown, createRetryStream: () => Request) => {
          stream.off('error', onError);
          stream.off('response', onResponse);
          attach(createRetryStream());
        };
        const onResponse = (response: IncomingMessage) => {
          stream.off('error', onError);
          stream.off('retry', onRetry);
          settleAttempt(state, { headers: response.headers, statusCode: response.statusCode ?? 0 });
          // The bytes pass through as they come, counted for the collector's pacing (runtime/collect.ts).
          const body = new Transform({
            transform(chunk: Buffer, _encoding, done) {
              transferred(chunk.length);
              done(null, chunk);
            },
          });
          stream.once('error', (error) => body.destroy(failure(error, request, ctx)));
          // The caller stopped reading (destroyed the body): the download stops too.
          body.once('close', () => {
            if (!stream.destroyed) stream.destroy();
          });
          stream.pipe(body);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body });
        };
        stream.once('error', onError);
        stream.once('retry', onRetry);
        stream.once('response', onResponse);
      };
      attach(client.stream(url, options as never) as unknown as Request);
    });
  try {
    try {
      return await open();
    } catch (error) {
      const status = (error as RequestError).response?.statusCode;
      if (status === undefined || !refreshable(state, status)) throw error;
      state.refreshed = true;
      await refreshTokens(ctx.auth as OAuth2Auth);
      return await open();
    }
  } catch (error) {
    throw failure(error, request, ctx);
  }
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
