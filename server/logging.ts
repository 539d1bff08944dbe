import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import pino from 'pino';
import { redactUrl, SECRET_FIELDS } from '../runtime/raw.js';

/** Header and body paths that may hold a secret; pino replaces their values. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-token"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  // The fields of Pipedrive's answers that hold a secret, and the camelCase names of the connector's own objects.
  ...[...SECRET_FIELDS, 'apiToken', 'accessToken', 'refreshToken', 'secret'].map((field) => `*.${field}`),
];

/**
 * JSON lines (for log collectors), or readable lines through pino-pretty when the log goes to a terminal (`npm
 * start` in a shell). Secrets are redacted before either.
 */
export function loggerOptions(level: string, stream?: NodeJS.WritableStream): FastifyServerOptions['logger'] {
  const pretty = !stream && process.stdout.isTTY === true;
  // Not a terminal: written asynchronously (lines written together while a write is under way, none waiting for
  // a busy reader of the pipe), and flushed when the process exits.
  const destination = stream ?? (pretty ? undefined : pino.destination({ dest: 1, sync: false }));
  return {
    level,
    ...(destination ? { stream: destination } : {}),
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // An error's message and stack may quote a URL (fastify's own errors do): its secret parameters go too.
      err(error: Error) {
        const serialized = pino.stdSerializers.err(error);
        serialized.message = redactUrl(serialized.message);
        if (serialized.stack) serialized.stack = redactUrl(serialized.stack);
        return serialized;
      },
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

/**
 * One line per request when it is answered (fastify's own two lines per request are turned off): method, URL
 * (secrets redacted), status and time. Webhook deliveries write their own line, with the event and its outcome.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.config?.access === 'webhook') return;
    request.log.info(
      {
        method: request.method,
        url: redactUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
}
