/**
 * Pipedrive's failures as the connector's errors: an HTTP answer by its status (quoting Pipedrive's own words),
 * and anything else the HTTP client throws (a refused connection, a timeout, an abort, an answer cut off).
 */
import { RequestError } from 'got';
import { ConnectorError, type ErrorCode } from './errors.js';
import { type Headers, header } from './headers.js';
import { isDailyLimit, rateLimitWaitMs } from './retry.js';

/** The request a failure belongs to, as the messages name it (`POST /api/v2/deals`). */
interface FailedRequest {
  method: string;
  /** `v1` or `v2`: the base the path is below. */
  api: string;
  path: string;
}

/** A request as messages name it: the method and the whole path, with its version base (`GET /api/v2/deals`). */
export function requestName(request: FailedRequest): string {
  return `${request.method} ${request.api === 'v1' ? '/v1' : '/api/v2'}${request.path}`;
}

/**
 * How deep an answer may nest. Pipedrive's nest a few levels; one nested thousands deep parses (V8's JSON.parse
 * does not recurse), but overflows the stack of whatever walks it recursively next (JSON.stringify, the output
 * check), so it is not passed on.
 */
export const MAX_ANSWER_DEPTH = 64;

/**
 * Whether a parsed value nests arrays and objects more than `limit` deep, walked without recursion. It walks
 * the values rather than the text: a page of 100 deals is a few thousand values and tens of thousands of
 * characters, and this runs on every answer.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const nodes: object[] = [value];
  const depths: number[] = [1];
  while (nodes.length > 0) {
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    // JSON.parse makes plain objects and arrays: their own keys are all for..in finds.
    for (const key in node) {
      const child = node[key];
      if (child !== null && typeof child === 'object') {
        nodes.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * An answer's body: parsed JSON, else the text itself (undefined when empty). JSON nested deeper than
 * MAX_ANSWER_DEPTH is not passed on: it is described in words, which the callers treat as a body that is not JSON.
 */
export function parseBody(text: string): unknown {
  if (text === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return nestedDeeperThan(value, MAX_ANSWER_DEPTH)
    ? `a JSON answer nested more than ${MAX_ANSWER_DEPTH} levels deep`
    : value;
}

/** Said of a write whose 2xx answer cannot be read: a workflow must not blindly run it again. */
export const PROBABLY_APPLIED =
  ' Pipedrive accepted the request (HTTP 2xx), so the change has probably been applied: check before running it again.';

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
function errorFromResponse(
  response: { status: number; headers: Headers; body: unknown },
  request: FailedRequest,
): ConnectorError {
  const { status, body, headers } = response;
  const quoted = pipedriveMessage(body);
  const said = quoted ? `: ${quoted}` : '';
  const where = requestName(request);
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
    const limit = header(headers, 'x-ratelimit-limit');
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

/** What a thrown error may carry: got's RequestError has all of it, a bare Node error a `code` at most. */
interface Failure {
  name: string;
  code?: string;
  response?: { statusCode: number; headers: Headers; body?: unknown };
}

function errorFromFailure(error: Failure, request: FailedRequest, timeoutMs: number): ConnectorError {
  const where = requestName(request);
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

/**
 * Whatever the HTTP client threw, as a ConnectorError. got wraps what goes wrong in a RequestError, but an
 * error of ours thrown inside a got hook (a refused token refresh) comes back as the RequestError's cause, and a
 * Node error that got passes on bare is mapped by its code all the same. Anything else (a bug) is
 * `internal_error`.
 */
export function toConnectorError(error: unknown, request: FailedRequest, timeoutMs: number): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof RequestError && error.cause instanceof ConnectorError) return error.cause;
  if (error instanceof RequestError) return errorFromFailure(error, request, timeoutMs);
  // A Node error got did not wrap: a system or network error has a string code, an abort its name.
  if (
    error instanceof Error &&
    (typeof (error as { code?: unknown }).code === 'string' || error.name === 'AbortError')
  ) {
    return errorFromFailure(error as Failure, request, timeoutMs);
  }
  const where = requestName(request);
  return new ConnectorError(
    'internal_error',
    `The call ${where} failed inside the connector${error instanceof Error ? ` (${error.name}: ${error.message})` : ''}.`,
    { request: where },
  );
}
