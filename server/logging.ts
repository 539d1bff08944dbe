import type { FastifyServerOptions } from 'fastify';

/** Header and body paths that may hold a secret; pino replaces their values. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-token"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.api_token',
  '*.apiToken',
  '*.access_token',
  '*.accessToken',
  '*.refresh_token',
  '*.refreshToken',
  '*.client_secret',
  '*.http_auth_password',
  '*.password',
  '*.secret',
];

/**
 * Query parameters that carry secrets or one-time codes (the OAuth callback's `code` and `state`), or would if a
 * client put its credentials there (`password`, `secret`, ...).
 */
const SECRET_QUERY =
  /([?&](?:code|state|api_token|api_key|token|access_token|refresh_token|password|secret|client_secret)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_QUERY, '$1[redacted]');
}

export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req(request) {
        return {
          method: request.method,
          url: redactUrl(request.url),
          remoteAddress: request.ip,
        };
      },
    },
  };
}
