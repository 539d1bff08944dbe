import { z } from 'zod';
import { type Auth, OAUTH_HOST } from './context.js';
import { ConnectorError } from './errors.js';
import { hasControl } from './text.js';
import { type ApiRequest, type ApiVersion, baseUrl, type HttpMethod } from './transport.js';

/**
 * A raw API call (`api_request`): the input names the method, the path below `/api/v2/` or `/v1/`, the query
 * and the body; the request goes through the same transport (auth, retries, errors, OAuth refresh) as every
 * operation. The path is checked twice: as text by the input schema (no URL, host, dot segment, encoded
 * separator, query, fragment, userinfo, control character or OAuth host), and as the URL actually built,
 * whose origin must be the connection's API origin and whose path must stay below the version's base.
 */

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const satisfies readonly HttpMethod[];
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH']);
const PREFIXES: readonly (readonly [string, ApiVersion])[] = [
  ['/api/v2/', 'v2'],
  ['/v1/', 'v1'],
];
function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Case, full-width forms and ideographic dots folded, so that `OAUTH．pipedrive。com` is the OAuth host too. */
function folded(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3002\uff0e\uff61]/g, '.');
}

/** Why `path` may not be sent, or undefined when it is a plain path below `/api/v2/` or `/v1/`. */
export function rawPathProblem(path: string): string | undefined {
  if (hasControl(path)) return 'must not contain control characters';
  if (folded(safeDecode(path) ?? path).includes(OAUTH_HOST) || folded(path).includes(OAUTH_HOST)) {
    return 'must not name the OAuth server';
  }
  if (path.includes('\\')) return 'must not contain backslashes';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//') || path.includes('://')) {
    return "must be a path such as /api/v2/deals/1, not a URL: requests always go to the connection's API host";
  }
  if (path.includes('@')) return 'must not contain @';
  if (path.includes('?') || path.includes('#')) {
    return 'must not contain a query string or fragment: give query parameters in `query`';
  }
  const prefix = PREFIXES.find(([start]) => path.startsWith(start));
  if (!prefix || path.length === prefix[0].length) {
    return 'must be a path below /api/v2/ or /v1/, e.g. /api/v2/deals/1 or /v1/notes';
  }
  const segments = path.slice(prefix[0].length).split('/');
  for (const [index, segment] of segments.entries()) {
    const decoded = safeDecode(segment);
    if (decoded === undefined) return 'has a malformed percent-encoding';
    if (decoded !== segment && (/[/\\?#@%]/.test(decoded) || hasControl(decoded))) {
      return 'must not contain percent-encoded /, \\, ?, #, @, % or control characters';
    }
    if (decoded === '.' || decoded === '..') return 'must not contain . or .. segments';
    if (segment === '' && index < segments.length - 1) return 'must not contain empty segments (//)';
  }
  return undefined;
}

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** The input of a raw operation: `method`, `path`, `query` and `body`. */
export const rawInput = {
  method: z.enum(METHODS).meta({ description: 'The HTTP method' }),
  path: z
    .string()
    .min(1)
    .superRefine((path, ctx) => {
      const problem = rawPathProblem(path);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({
      description:
        "The path, starting with `/api/v2/` or `/v1/`, e.g. `/api/v2/deals/1` or `/v1/notes`; without a query string (use `query`). It is always sent to the connection's API host.",
    }),
  query: z
    .record(z.string().min(1), z.union([scalar, z.array(scalar)]))
    .superRefine((query, ctx) => {
      for (const key of Object.keys(query)) {
        if (key.toLowerCase() === 'api_token') {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: "must not be given: the connection's credentials are sent in a header",
          });
        }
      }
    })
    .optional()
    .meta({ description: 'Query parameters; arrays are sent comma-separated' }),
  body: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'The JSON body (an object), for POST, PUT and PATCH only' }),
};

type RawInput = {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean | (string | number | boolean)[]>;
  body?: Record<string, unknown>;
};

function refused(field: string, message: string): ConnectorError {
  return new ConnectorError('invalid_input', `Invalid input for api_request: ${field} ${message}.`, {
    issues: [{ path: field, message }],
  });
}

/**
 * The URL built from the connection's base and `path` must still be on the base's origin, below its path, with
 * no query, fragment or credentials of its own: whatever the text checks missed, the token stays home.
 */
function checkUrl(auth: Auth, api: ApiVersion, path: string): void {
  let base: URL;
  let url: URL;
  try {
    base = new URL(baseUrl(auth, api));
    url = new URL(`${baseUrl(auth, api)}${path}`);
  } catch {
    throw refused('path', "does not make a valid URL with the connection's API base");
  }
  const inside =
    url.origin === base.origin &&
    url.pathname.startsWith(`${base.pathname}/`) &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '' &&
    !folded(url.hostname).includes(OAUTH_HOST);
  if (!inside) throw refused('path', "would leave the connection's API base");
}

/** The request of a raw operation's validated input, checked against the connection's API base. */
export function rawRequest(input: Record<string, unknown>, auth: Auth): ApiRequest {
  const { method, path, query, body } = input as RawInput;
  const problem = rawPathProblem(path);
  if (problem) throw refused('path', problem);
  if (body !== undefined && !BODY_METHODS.has(method)) {
    throw refused('body', `is only sent with POST, PUT or PATCH, not ${method}`);
  }
  const [prefix, api] = PREFIXES.find(([start]) => path.startsWith(start)) as (typeof PREFIXES)[number];
  const rest = path.slice(prefix.length - 1);
  checkUrl(auth, api, rest);
  const searchParams: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) {
    searchParams[key] = Array.isArray(value) ? value.map(String).join(',') : String(value);
  }
  return { method, api, path: rest, searchParams, ...(body !== undefined ? { json: body } : {}) };
}

/**
 * Fields of Pipedrive's answers that hold a secret, by their exact names: what the host's log redacts by path
 * (pino matches exact names). Each of them is a secret key by the broader rule of `isSecretKey`.
 */
export const SECRET_FIELDS: ReadonlySet<string> = new Set([
  'http_auth_password',
  'api_token',
  'access_token',
  'refresh_token',
  'client_secret',
  'password',
]);
const REDACTED = '[redacted]';

/**
 * Words that make a key name a secret, once case and separators are gone: `X-Api-Token`, `clientSecret`,
 * `http_auth_password`, `API-KEY`, `Authorization`, `aws_credentials`, `private_key`, `session-id`.
 */
const SECRET_WORDS =
  /token|secret|passw|passphrase|pwd|apikey|authorization|credential|privatekey|cookie|sessionid/;

/** Query parameters of a URL that carry a credential or a one-time code besides the secret keys' names. */
const URL_SECRET_PARAMS = new Set(['code', 'state', 'ticket', 'key', 'sig', 'signature', 'auth']);

/** Whether a key names a secret (any case, with `_`, `-`, `.` or spaces between words, or none). */
export function isSecretKey(key: string): boolean {
  return SECRET_WORDS.test(key.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;
const QUERY_PARAM = /([?&;])([^=&;#\s"'<>?]+)=([^&;#\s"'<>]*)/g;

/**
 * Text with the credentials of the URLs in it replaced by `[redacted]`: user info (`https://user:pass@host`) and
 * the values of query parameters that name a secret (`?api_token=`, `&access_token=`, `?key=`, `?code=`, ...).
 * For a path with a query string too (the host's log).
 */
export function redactUrl(text: string): string {
  if (!text.includes('@') && !text.includes('=')) return text;
  return text
    .replace(URL_USER_INFO, `$1${REDACTED}@`)
    .replace(QUERY_PARAM, (whole, lead: string, name: string, value: string) => {
      if (value === '' || value === REDACTED) return whole;
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // a malformed name is judged as it is
      }
      const secret = isSecretKey(decoded) || URL_SECRET_PARAMS.has(decoded.toLowerCase());
      return secret ? `${lead}${name}=${REDACTED}` : whole;
    });
}

/**
 * A raw answer with its secrets replaced by `[redacted]`: the value of every key that names a secret
 * (`isSecretKey`), whatever its type (a string, a number, an array, an object), and the credentials of every URL in
 * a string (`redactUrl`). `GET /v1/webhooks` lists every webhook's `http_auth_password`, and a workflow's output
 * (logged, stored, shown) must not carry it. Changes the answer in place; walks without recursion.
 */
export function redactSecrets(body: unknown): unknown {
  if (typeof body === 'string') return redactUrl(body);
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    const array = Array.isArray(node);
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (!array && isSecretKey(key) && value !== null && value !== undefined && value !== '') {
        record[key] = REDACTED;
      } else if (typeof value === 'string') {
        const redacted = redactUrl(value);
        if (redacted !== value) record[key] = redacted;
      } else if (value !== null && typeof value === 'object') {
        stack.push(value);
      }
    }
  }
  return body;
}

/**
 * A typed operation's answer with the values of `SECRET_FIELDS` replaced by `[redacted]`, in place (execute.ts,
 * before the output check): `list_webhooks` and `add_webhook` get every webhook's Basic password back from
 * Pipedrive. Narrower than `redactSecrets`, which is for raw answers of unknown shape: the text of a typed
 * record (a note with a link carrying `?code=`) is the user's data and passes unchanged.
 */
export function redactSecretFields(body: unknown): unknown {
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    const array = Array.isArray(node);
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (
        !array &&
        SECRET_FIELDS.has(key.toLowerCase()) &&
        value !== null &&
        value !== undefined &&
        value !== ''
      ) {
        record[key] = REDACTED;
      } else if (value !== null && typeof value === 'object') {
        stack.push(value);
      }
    }
  }
  return body;
}
