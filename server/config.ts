import { z } from 'zod';
import { DEFAULT_OAUTH_URL } from '../auth/descriptor.js';
import { DEFAULT_MAX_FILE_BYTES } from '../runtime/binary.js';
import { DEFAULT_API_URL } from '../runtime/context.js';
import { MAX_CLOCK_SKEW_MS } from '../triggers/freshness.js';

const MAX_CLOCK_SKEW_SECONDS = MAX_CLOCK_SKEW_MS / 1000;
/** MAX_CONNECTIONS_PER_ADDRESS without a proxy: room for Pipedrive's bursts from one of its addresses. */
const DEFAULT_CONNECTIONS_PER_ADDRESS = 256;

/**
 * The host's configuration, from the environment: each variable declared once, with its description, from which
 * docs/configuration.md (`npm run manifest`) and, through `toConfig`, the `Config` type come.
 */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).meta({
    description:
      'Port the host listens on; `0` for any free port (without PUBLIC_URL, the host picks it before it starts, so that its address names it).',
  }),
  HOST: z.string().min(1).default('127.0.0.1').meta({
    description:
      'Interface to listen on (`0.0.0.0` for all). Every route but `/health`, the pages, the webhook callback and the OAuth flow needs an API key (docs/security.md).',
  }),
  PUBLIC_URL: z.url().optional().meta({
    description:
      "The host's address as Pipedrive and browsers reach it, for webhook callbacks (`<PUBLIC_URL>/webhooks/pipedrive/<id>`) and the OAuth redirect (`<PUBLIC_URL>/oauth/callback`). Default `http://HOST:PORT`.",
  }),
  PIPEDRIVE_API_URL: z.url().default(DEFAULT_API_URL).meta({
    description:
      "API base of API-token connections (`/api/v2` and `/v1` are appended). OAuth connections use their token's `api_domain`.",
  }),
  PIPEDRIVE_OAUTH_URL: z
    .url()
    .default(DEFAULT_OAUTH_URL)
    .meta({ description: "Pipedrive's OAuth server (authorize, token, revoke)." }),
  PIPEDRIVE_CLIENT_ID: z.string().min(1).optional().meta({
    description:
      'Client ID of your Pipedrive app; with PIPEDRIVE_CLIENT_SECRET it turns on the OAuth flow (`POST /oauth/authorize-url`, docs/auth.md).',
  }),
  PIPEDRIVE_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Client secret of your Pipedrive app.' }),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/connector.db').meta({
    description:
      'The store: `sqlite:<file>` (embedded, one host) or `postgres://user:password@host/db` (state shared by several hosts).',
  }),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(10)
    .meta({ description: 'PostgreSQL: connections per host.' }),
  RUN_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60).meta({
    description:
      'PostgreSQL: how long a host may hold a run it is delivering before another host takes it over.',
  }),
  POLL_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60).meta({
    description:
      'Polling subscriptions: how long a host holds a poll (renewed while it runs) before another host may take it over, e.g. after the first one died.',
  }),
  POLL_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60).meta({
    description:
      "The shortest `interval` a polling subscription may ask for. Each poll spends tokens of the company's daily Pipedrive budget (a list request per page read).",
  }),
  CONNECTOR_SECRET_KEY: z.string().min(1).optional().meta({
    description:
      '32-byte key (64 hex or 44 base64 characters) sealing stored credentials with AES-256-GCM. Unset with SQLite: generated into `<data dir>/secret.key` (mode 0600) on first start. Required with PostgreSQL, the same on every host.',
  }),
  CONNECTOR_SECRET_KEY_PREVIOUS: z.string().min(1).optional().meta({
    description:
      'Older keys, comma-separated, that still open credentials sealed before a key rotation; those are sealed again with CONNECTOR_SECRET_KEY on start.',
  }),
  OAUTH_SUCCESS_URL: z.url().optional().meta({
    description:
      'Where the OAuth callback redirects the browser, with `?connection_id=<id>`, instead of answering the connection as JSON.',
  }),
  ENGINE_URL: z.url().optional().meta({
    description:
      'Where runs are POSTed, with the run ID as `Idempotency-Key`. Unset: runs are recorded (`GET /runs`) and handed to in-process listeners.',
  }),
  ENGINE_TOKEN: z.string().min(1).optional().meta({
    description:
      'Sent as `Authorization: Bearer <token>` with each run to ENGINE_URL. Refused at start when ENGINE_URL carries user info (`user:password@`): one of the two would be dropped.',
  }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .meta({ description: 'pino log level.' }),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000).meta({
    description:
      'The longest a client may take to send a whole request, headers and body (it gets 408 and is disconnected); a new connection that sends no request at all is closed after it too. Bounds slow and silent clients (slowloris); it does not limit how long the host takes to answer. Pipedrive sends a delivery at once.',
  }),
  MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(2048).meta({
    description:
      'Open client connections at most; further ones are refused until some close. A refused webhook delivery closes its connection at once.',
  }),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(1_000_000).optional().meta({
    description:
      "Open connections of one client address at most (`0`: no cap); further ones are closed as they arrive, so that one address cannot take the connections Pipedrive's deliveries need. Default 256, or no cap when TRUST_PROXY is set (every connection then comes from the proxy: cap per client there).",
  }),
  MAX_FILE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 ** 3)
    .default(DEFAULT_MAX_FILE_BYTES)
    .meta({
      description:
        'The most bytes of one uploaded file (multipart/form-data to an upload operation; default 100 MiB). A larger one is refused with 413 (before anything is sent when the request says its length, else cut off as it passes the limit). Uploads stream through, so the host holds no file in memory; raise REQUEST_TIMEOUT_MS too for large files over slow links.',
    }),
  ALLOWED_HOSTS: z.string().min(1).optional().meta({
    description:
      "Further host names (comma-separated) that requests may name in their `Host` header, besides PUBLIC_URL's host and the listen address (and `localhost` when listening on loopback). Any other is refused with 400 (DNS rebinding). `/health` is exempt.",
  }),
  CORS_ORIGINS: z.string().min(1).optional().meta({
    description:
      "Origins (comma-separated, e.g. `https://engine.example.com`) whose pages may call the API from a browser (CORS). Unset: no CORS headers, so other sites' pages cannot read answers.",
  }),
  PIPEDRIVE_OAUTH_SCOPE: z.string().min(1).optional().meta({
    description:
      "Scopes to ask for in the OAuth authorize URL (space- or comma-separated). Unset: none is sent, and the Pipedrive app's own scopes apply (usual).",
  }),
  WEBHOOK_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600)
    .meta({
      description:
        'A delivery whose `meta.timestamp` is older than this (or more than 5 minutes ahead) is refused with 400: a replay bound. Pipedrive retries for about 3 minutes (3, 30 and 150 s after the first attempt), so the default of an hour leaves room for slow deliveries. With the 5 minutes, it must end within RETENTION_DAYS (checked at start): a delivery is known, and a replay of it a duplicate, until retention removes it.',
    }),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30).meta({
    description:
      'Deliveries, and runs that are done with (`delivered` or `dead`), are removed this many days after they were received (checked hourly). Pending and retrying runs stay until they are done. Must outlast WEBHOOK_MAX_AGE_SECONDS (checked at start).',
  }),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20).meta({
    description:
      'Requests with a missing or wrong API key allowed per client address and minute; past it, that address gets 429 until the minute is over.',
  }),
  KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(1200).meta({
    description:
      "Requests one API key may make per minute, on every route that takes a key; past it, 429 with `Retry-After` until the minute is over. Every answer says where the key stands (`RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset`). Counted per host process. Pipedrive's deliveries are never limited by it.",
  }),
  WORKSPACE_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(3000).meta({
    description:
      'Requests all the API keys of one workspace may make per minute together (so that more keys do not mean more requests); past it, 429 as above.',
  }),
  AUTHORIZE_LINKS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10).meta({
    description:
      'OAuth authorize links (`POST /oauth/authorize-url`) one API key may ask for per minute: each stores a ticket and an audit entry.',
  }),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365).meta({
    description:
      'Audit entries are removed this many days after they were recorded (checked hourly, with RETENTION_DAYS).',
  }),
  TRUST_PROXY: z.string().min(1).optional().meta({
    description:
      "Behind a load balancer or reverse proxy: which proxies to trust for the client's address (`X-Forwarded-For`), as fastify's `trustProxy`: `true` (any), a number of hops, or comma-separated addresses or CIDR ranges. Unset: the address of the connection. Set it behind a proxy, or every client shares the proxy's address and its limit of failed key checks.",
  }),
});

/** The configuration the host runs with: what `toConfig` makes of the variables. */
export type Config = ReturnType<typeof toConfig>;

/** TRUST_PROXY as fastify's `trustProxy` (a number of hops as a test of the hop). */
function trustProxy(value: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  return list(value);
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * Combinations of settings that each look fine alone but together break a promise of the host: refused at start
 * with the variables named.
 */
function conflicts(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (e.ENGINE_URL && e.ENGINE_TOKEN) {
    const url = new URL(e.ENGINE_URL);
    if (url.username !== '' || url.password !== '') {
      problems.push(
        'ENGINE_URL carries user info (user:password@) and ENGINE_TOKEN is set: both would claim the Authorization header of each run, and one would be dropped silently. Use one: ENGINE_TOKEN (sent as `Authorization: Bearer`) with an ENGINE_URL without user info, or the user info alone',
      );
    }
  }
  // A delivery is known (and a replay of it a duplicate) until retention removes it: the replay window, with the
  // clock skew a delivery may be dated ahead by, must close before that.
  const windowSeconds = e.WEBHOOK_MAX_AGE_SECONDS + MAX_CLOCK_SKEW_SECONDS;
  if (windowSeconds > e.RETENTION_DAYS * 86_400) {
    problems.push(
      `WEBHOOK_MAX_AGE_SECONDS (${e.WEBHOOK_MAX_AGE_SECONDS}) plus the ${MAX_CLOCK_SKEW_SECONDS} s a delivery may be dated ahead outlasts RETENTION_DAYS (${e.RETENTION_DAYS}): a delivery purged by retention could be replayed within the window and start a new run. Lower WEBHOOK_MAX_AGE_SECONDS or raise RETENTION_DAYS`,
    );
  }
  return problems;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const problems = conflicts(parsed.data);
  if (problems.length > 0) throw new Error(`Invalid configuration: ${problems.join('; ')}.`);
  return toConfig(parsed.data);
}

/** The variables as the host uses them: the one mapping, whose result type is `Config`. */
function toConfig(e: z.infer<typeof envSchema>) {
  const hostForUrl = e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://${hostForUrl}:${e.PORT}`).replace(/\/+$/, ''),
    apiUrl: e.PIPEDRIVE_API_URL.replace(/\/+$/, ''),
    oauthUrl: e.PIPEDRIVE_OAUTH_URL.replace(/\/+$/, ''),
    ...(e.PIPEDRIVE_CLIENT_ID ? { clientId: e.PIPEDRIVE_CLIENT_ID } : {}),
    ...(e.PIPEDRIVE_CLIENT_SECRET ? { clientSecret: e.PIPEDRIVE_CLIENT_SECRET } : {}),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    runLeaseSeconds: e.RUN_LEASE_SECONDS,
    pollLeaseSeconds: e.POLL_LEASE_SECONDS,
    pollMinIntervalSeconds: e.POLL_MIN_INTERVAL_SECONDS,
    ...(e.CONNECTOR_SECRET_KEY ? { secretKey: e.CONNECTOR_SECRET_KEY } : {}),
    ...(e.CONNECTOR_SECRET_KEY_PREVIOUS ? { previousSecretKeys: e.CONNECTOR_SECRET_KEY_PREVIOUS } : {}),
    ...(e.OAUTH_SUCCESS_URL ? { oauthSuccessUrl: e.OAUTH_SUCCESS_URL } : {}),
    ...(e.ENGINE_URL ? { engineUrl: e.ENGINE_URL } : {}),
    ...(e.ENGINE_TOKEN ? { engineToken: e.ENGINE_TOKEN } : {}),
    logLevel: e.LOG_LEVEL,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    maxConnections: e.MAX_CONNECTIONS,
    maxConnectionsPerAddress:
      e.MAX_CONNECTIONS_PER_ADDRESS ?? (e.TRUST_PROXY ? 0 : DEFAULT_CONNECTIONS_PER_ADDRESS),
    maxFileBytes: e.MAX_FILE_BYTES,
    allowedHosts: list(e.ALLOWED_HOSTS).map((host) => host.toLowerCase()),
    corsOrigins: list(e.CORS_ORIGINS),
    ...(e.PIPEDRIVE_OAUTH_SCOPE ? { oauthScope: e.PIPEDRIVE_OAUTH_SCOPE } : {}),
    webhookMaxAgeSeconds: e.WEBHOOK_MAX_AGE_SECONDS,
    retentionDays: e.RETENTION_DAYS,
    authFailuresPerMinute: e.AUTH_FAILURES_PER_MINUTE,
    keyRequestsPerMinute: e.KEY_REQUESTS_PER_MINUTE,
    workspaceRequestsPerMinute: e.WORKSPACE_REQUESTS_PER_MINUTE,
    authorizeLinksPerMinute: e.AUTHORIZE_LINKS_PER_MINUTE,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    ...(e.TRUST_PROXY ? { trustProxy: trustProxy(e.TRUST_PROXY) } : {}),
  };
}
