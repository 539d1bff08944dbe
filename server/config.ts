import { z } from 'zod';
import { DEFAULT_OAUTH_URL } from '../auth/descriptor.js';
import { DEFAULT_API_URL } from '../runtime/context.js';

/** The host's configuration, from the environment; docs/configuration.md is generated from it and ENV_DOCS. */
export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  PIPEDRIVE_API_URL: z.url().default(DEFAULT_API_URL),
  PIPEDRIVE_OAUTH_URL: z.url().default(DEFAULT_OAUTH_URL),
  PIPEDRIVE_CLIENT_ID: z.string().min(1).optional(),
  PIPEDRIVE_CLIENT_SECRET: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/connector.db'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  RUN_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  CONNECTOR_SECRET_KEY: z.string().min(1).optional(),
  CONNECTOR_SECRET_KEY_PREVIOUS: z.string().min(1).optional(),
  OAUTH_SUCCESS_URL: z.url().optional(),
  ENGINE_URL: z.url().optional(),
  ENGINE_TOKEN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
});

/** What each variable means (docs/configuration.md); typed so that a new variable cannot go undescribed. */
export const ENV_DOCS: Record<keyof typeof envSchema.shape, string> = {
  PORT: 'Port the host listens on.',
  HOST: 'Interface to listen on (`0.0.0.0` for all). The host API has no authentication of its own: keep it private or behind a gateway.',
  PUBLIC_URL:
    "The host's address as Pipedrive and browsers reach it, for webhook callbacks (`<PUBLIC_URL>/webhooks/pipedrive/<id>`) and the OAuth redirect (`<PUBLIC_URL>/oauth/callback`). Default `http://HOST:PORT`.",
  PIPEDRIVE_API_URL:
    "API base of API-token connections (`/api/v2` and `/v1` are appended). OAuth connections use their token's `api_domain`.",
  PIPEDRIVE_OAUTH_URL: "Pipedrive's OAuth server (authorize, token, revoke).",
  PIPEDRIVE_CLIENT_ID:
    'Client ID of your Pipedrive app; with PIPEDRIVE_CLIENT_SECRET it turns on `/oauth/start` (docs/auth.md).',
  PIPEDRIVE_CLIENT_SECRET: 'Client secret of your Pipedrive app.',
  DATABASE_URL:
    'The store: `sqlite:<file>` (embedded, one host) or `postgres://user:password@host/db` (state shared by several hosts).',
  DATABASE_POOL_SIZE: 'PostgreSQL: connections per host.',
  RUN_LEASE_SECONDS:
    'PostgreSQL: how long a host may hold a run it is delivering before another host takes it over.',
  CONNECTOR_SECRET_KEY:
    '32-byte key (64 hex or 44 base64 characters) sealing stored credentials with AES-256-GCM. Unset with SQLite: generated into `<data dir>/secret.key` (mode 0600) on first start. Required with PostgreSQL, the same on every host.',
  CONNECTOR_SECRET_KEY_PREVIOUS:
    'Older keys, comma-separated, that still open credentials sealed before a key rotation; those are sealed again with CONNECTOR_SECRET_KEY on start.',
  OAUTH_SUCCESS_URL:
    'Where the OAuth callback redirects the browser, with `?connection_id=<id>`, instead of answering the connection as JSON.',
  ENGINE_URL:
    'Where runs are POSTed, with the run ID as `Idempotency-Key`. Unset: runs are recorded (`GET /runs`) and handed to in-process listeners.',
  ENGINE_TOKEN: 'Sent as `Authorization: Bearer <token>` with each run to ENGINE_URL.',
  LOG_LEVEL: 'pino log level.',
  REQUEST_TIMEOUT_MS:
    'The longest a client may take to send a whole request, headers and body (it gets 408 and is disconnected). Bounds slow clients (slowloris); it does not limit how long the host takes to answer. Pipedrive sends a delivery at once.',
};

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  apiUrl: string;
  oauthUrl: string;
  clientId?: string;
  clientSecret?: string;
  databaseUrl: string;
  /** PostgreSQL connections per host. */
  databasePoolSize: number;
  /** PostgreSQL: how long a host may hold a run it is delivering before another host takes it over. */
  runLeaseSeconds: number;
  secretKey?: string;
  /** Older keys (comma-separated) that may still open stored secrets; they are sealed again on start. */
  previousSecretKeys?: string;
  /** Where the OAuth callback redirects (with `?connection_id=`) instead of answering with the connection. */
  oauthSuccessUrl?: string;
  /** Where runs are POSTed; without it runs are recorded and handed to in-process listeners. */
  engineUrl?: string;
  engineToken?: string;
  logLevel: string;
  /** The longest a client may take to send a whole request (headers and body). */
  requestTimeoutMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
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
    ...(e.CONNECTOR_SECRET_KEY ? { secretKey: e.CONNECTOR_SECRET_KEY } : {}),
    ...(e.CONNECTOR_SECRET_KEY_PREVIOUS ? { previousSecretKeys: e.CONNECTOR_SECRET_KEY_PREVIOUS } : {}),
    ...(e.OAUTH_SUCCESS_URL ? { oauthSuccessUrl: e.OAUTH_SUCCESS_URL } : {}),
    ...(e.ENGINE_URL ? { engineUrl: e.ENGINE_URL } : {}),
    ...(e.ENGINE_TOKEN ? { engineToken: e.ENGINE_TOKEN } : {}),
    logLevel: e.LOG_LEVEL,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
  };
}
