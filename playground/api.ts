/** The host's HTTP API, as the page uses it (same origin; JSON in, JSON out). */

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

/** A failed call: the host's `{"error":{"code","message","details"}}` and the HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

export interface Connection {
  id: string;
  type: string;
  user?: { id: number; name?: string; email?: string; company_name?: string };
  status?: string;
}

export interface ManifestEntry {
  name: string;
  title: string;
  description?: string;
  input_schema: Record<string, unknown>;
  sample?: Record<string, unknown>;
}

export interface OperationEntry extends ManifestEntry {
  resource?: string;
  method?: string;
  path?: string;
}

export interface TriggerEntry extends ManifestEntry {
  event_action?: string | null;
  event_object?: string | null;
  /** `webhook`, and `polling` where the trigger can poll. */
  modes?: string[];
}

export interface Manifest {
  title: string;
  version: string;
  operations: OperationEntry[];
  triggers: TriggerEntry[];
  /** Triggers that only poll, e.g. `deal_matches_filter` (a deal newly in a saved filter). */
  polling_triggers?: TriggerEntry[];
}

export interface LookupOption {
  value: string | number;
  label: string;
}

export interface Subscription {
  id: string;
  trigger: string;
  mode?: 'webhook' | 'polling';
  interval_seconds?: number | null;
  webhook_id: number | null;
  callback_url: string | null;
  status: string;
  input?: Record<string, unknown>;
  created_at?: string;
  /** On a new subscription: why no event may arrive (a PUBLIC_URL that Pipedrive cannot reach). */
  warnings?: string[];
}

export interface Run {
  id: string;
  subscription_id: string;
  trigger: string;
  event_id: string;
  status: string;
  received_at: string;
  event: unknown;
}

/**
 * The API key the page signed in with. Kept in this module's memory only: never in localStorage, sessionStorage,
 * a cookie or the URL (a sign-in link carries a one-time code, not the key).
 */
let apiKey: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function signIn(key: string | undefined, whenRefused?: () => void): void {
  apiKey = key?.trim() || undefined;
  onUnauthorized = whenRefused;
}

export function signedIn(): boolean {
  return apiKey !== undefined;
}

/**
 * A sign-in link's one-time code (`/playground#code=...`, printed by the first `npm start`), removed from the
 * address bar as it is read. The host gives the key for it once (`POST /signin`): the link left in the browser's
 * history is worth nothing afterwards.
 */
export function takeCodeFromLink(): string | undefined {
  const match = /^#code=([^&]+)/.exec(window.location.hash);
  if (!match) return undefined;
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/operations`);
  return decodeURIComponent(match[1] as string);
}

/** The key of a sign-in link's code, or undefined when the host refuses the code (used, expired or unknown). */
export async function keyOfCode(code: string): Promise<string | undefined> {
  try {
    return (await api<{ key: string }>('POST', '/signin', { code })).key;
  } catch {
    return undefined;
  }
}

/** A file the host answered (a download): its name, type and size, and a link to its bytes in this page. */
export class DownloadedFile {
  constructor(
    readonly name: string,
    readonly type: string,
    readonly size: number,
    readonly url: string,
  ) {}
}

/** The file name of a Content-Disposition (`filename*=UTF-8''...` or `filename="..."`). */
function fileName(disposition: string | null): string {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (extended) return decodeURIComponent(extended[1] as string);
  return /filename="?([^";]+)"?/i.exec(disposition ?? '')?.[1] ?? 'download';
}

export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // Every POST says JSON (the host refuses others, so that a cross-site form cannot post).
  if (body !== undefined || method === 'POST') headers['content-type'] = 'application/json';
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  // The host's own refusal of the key carries WWW-Authenticate; Pipedrive refusing a connection's token does not.
  if (response.status === 401 && response.headers.get('www-authenticate')) onUnauthorized?.();
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && type !== '' && !type.startsWith('application/json')) {
    const blob = await response.blob();
    const name = fileName(response.headers.get('content-disposition'));
    return new DownloadedFile(name, blob.type, blob.size, URL.createObjectURL(blob)) as T;
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(
      response.status,
      error ?? { code: 'http_error', message: `${method} ${path}: HTTP ${response.status}`, details: text },
    );
  }
  return parsed as T;
}

/** An error as the page shows it. */
export function describeError(error: unknown): ApiErrorBody & { status?: number } {
  if (error instanceof ApiError) return { ...error.body, status: error.status };
  return { code: 'network_error', message: error instanceof Error ? error.message : String(error) };
}
