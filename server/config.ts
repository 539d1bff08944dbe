import { z } from 'zod';
import { DEFAULT_OAUTH_URL } from '../auth/descriptor.js';
import { DEFAULT_API_URL } from '../runtime/context.js';

/** The host's configuration, from the environment (see README "Configuration"). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  PIPEDRIVE_API_URL: z.url().default(DEFAULT_API_URL),
  PIPEDRIVE_OAUTH_URL: z.url().default(DEFAULT_OAUTH_URL),
  PIPEDRIVE_CLIENT_ID: z.string().min(1).optional(),
  PIPEDRIVE_CLIENT_SECRET: z.string().min(1).optional(),
  DATABASE_URL: z.string().min(1).default('sqlite:./data/connector.db'),
  CONNECTOR_SECRET_KEY: z.string().min(1).optional(),
  CONNECTOR_SECRET_KEY_PREVIOUS: z.string().min(1).optional(),
  OAUTH_SUCCESS_URL: z.url().optional(),
  ENGINE_URL: z.url().optional(),
  ENGINE_TOKEN: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  apiUrl: string;
  oauthUrl: string;
  clientId?: string;
  clientSecret?: string;
  databaseUrl: string;
  secretKey?: string;
  /** Older keys (comma-separated) that may still open stored secrets; they are sealed again on start. */
  previousSecretKeys?: string;
  /** Where the OAuth callback redirects (with `?connection_id=`) instead of answering with the connection. */
  oauthSuccessUrl?: string;
  /** Where runs are POSTed; without it runs are recorded and handed to in-process listeners. */
  engineUrl?: string;
  engineToken?: string;
  logLevel: string;
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
    ...(e.CONNECTOR_SECRET_KEY ? { secretKey: e.CONNECTOR_SECRET_KEY } : {}),
    ...(e.CONNECTOR_SECRET_KEY_PREVIOUS ? { previousSecretKeys: e.CONNECTOR_SECRET_KEY_PREVIOUS } : {}),
    ...(e.OAUTH_SUCCESS_URL ? { oauthSuccessUrl: e.OAUTH_SUCCESS_URL } : {}),
    ...(e.ENGINE_URL ? { engineUrl: e.ENGINE_URL } : {}),
    ...(e.ENGINE_TOKEN ? { engineToken: e.ENGINE_TOKEN } : {}),
    logLevel: e.LOG_LEVEL,
  };
}
